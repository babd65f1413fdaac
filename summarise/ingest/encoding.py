"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 by byte-order mark, legacy single-byte
encodings (cp1252, Latin-1, cp850, Mac Roman) by detection, and files that mix UTF-8 with one of them.
Binary data is refused with a one-line InputError."""

from __future__ import annotations

import codecs
import logging
import unicodedata

from ..errors import InputError

log = logging.getLogger(__name__)

# Signatures of files people pass by mistake; NUL bytes catch most of the rest.
BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Single-byte encodings a German article not in UTF-8 is realistically written in.
LEGACY_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp850", "cp437", "mac_roman"]
# Encodings that agree with cp1252 on every German letter; cp1252 (the Windows default) wins among them.
CP1252_ALIKES = {"cp1252", "windows_1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2"}
SUPPORTED = "pass a .txt, .md, .pdf, .html or .docx file"


def decode_text(data: bytes, name: str = "input") -> str:
    """Bytes to text: UTF-16/32 when a byte-order mark says so, else UTF-8 (with or without BOM), else
    the legacy single-byte encoding charset-normalizer recognises. A UTF-8 file with some lines in a
    legacy encoding (text pasted together from two sources) keeps its UTF-8 lines and decodes only the
    others with the detected encoding, with one warning. Binary data is refused."""
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()}: save it as UTF-8"
                ) from e
    refuse_binary(data, name)
    try:
        return _checked(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data, name)
    if mixed is not None:
        return mixed
    stray = _with_stray_bytes_replaced(data, name)
    if stray is not None:
        return stray
    encoding = guess_legacy_encoding(data)
    if encoding is None:
        raise InputError(_unrecognised(name))
    return _checked(data.decode(encoding), name, undecodable=True)


def _decode_mixed(data: bytes, name: str) -> str | None:
    """Line by line when the file is UTF-8 with some legacy lines; None when it is not UTF-8 at all."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    bad: list[bytes] = []
    utf8_evidence = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            bad.append(line)
            continue
        # only a line with multi-byte characters shows the file really is UTF-8; ASCII reads alike in all
        utf8_evidence = utf8_evidence or not text.isascii()
        decoded.append(text)
    if not utf8_evidence:
        return None
    encoding = _best_for_german(b"\n".join(bad))
    if encoding is None or not _reads_as_german(b"\n".join(bad), encoding):
        stray = _with_stray_bytes_replaced(data, name, utf8_evidence=True)
        if stray is not None:
            return stray
    if encoding is None:
        raise InputError(_unrecognised(name))
    out = [
        text if text is not None else line.decode(encoding) for text, line in zip(decoded, lines, strict=True)
    ]
    log.warning(
        "%s mixes encodings: %d of %d lines are not UTF-8 and were read as %s",
        name,
        len(bad),
        len(lines),
        encoding,
    )
    return _checked("\n".join(out), name, undecodable=True)


# Letters and signs a German text in a legacy encoding is made of; a wrong code page turns them into
# accents, box drawing and symbols instead.
_GERMAN = set("äöüÄÖÜß€„“”‚‘’–—…«»§°")


# Letters of the languages whose names and words turn up in German news (é in "Café", ç, ñ, ø...).
_NEWS_LETTERS = set("éèêëàáâãåçñóòôõøúùûíìîïÉÈÀÁÇÑÓØÚšžčćłŁŠŽČ")
# "A few" bad bytes: at most this many, and at most one in this many bytes of the file.
_MAX_STRAY_BYTES = 64
_STRAY_BYTES_SHARE = 10


def _reads_as_german(data: bytes, encoding: str) -> bool:
    """True when most of the non-ASCII characters `data` decodes to in `encoding` are German letters
    and signs (or letters of names German news quotes): a real legacy-encoded text, not stray bytes."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    high = [c for c in text if ord(c) > 127]
    return bool(high) and sum(c in _GERMAN or c in _NEWS_LETTERS for c in high) >= 0.75 * len(high)


def _with_stray_bytes_replaced(data: bytes, name: str, *, utf8_evidence: bool = False) -> str | None:
    """A UTF-8 (or ASCII) text with a few bytes that are no character in any encoding a German text
    is written in (a damaged file, a cut multi-byte sequence): decoded as UTF-8 with U+FFFD for each
    bad byte and one warning, rather than the whole file re-read in a code page that turns the bad
    bytes into box drawing and "Çü". None when the file looks like a real legacy-encoded text."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    if bad == 0 or bad > _MAX_STRAY_BYTES or bad * _STRAY_BYTES_SHARE > len(data):
        return None
    if not utf8_evidence:
        encoding = _best_for_german(data)
        if encoding is not None and _reads_as_german(data, encoding):
            return None  # Latin-1 / cp1252 German: its umlauts are not stray bytes
    log.warning(
        "%s: %d byte%s not valid UTF-8 and no German text in another encoding: replaced by U+FFFD (\ufffd)",
        name, bad, " is" if bad == 1 else "s are",
    )  # fmt: skip
    return _checked(text, name, undecodable=True)


def _best_for_german(data: bytes) -> str | None:
    """The legacy encoding of a few lines: too little text for statistics, so the candidate that reads
    as the most German letters (and the fewest odd symbols) wins; cp1252 on ties."""
    best, best_score = None, None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not looks_like_text(text):
            continue
        odd = sum(1 for c in text if ord(c) > 127 and c not in _GERMAN and not c.isalpha())
        score = sum(c in _GERMAN for c in text) - 2 * odd
        if best_score is None or score > best_score:
            best, best_score = encoding, score
    return best


def guess_legacy_encoding(data: bytes) -> str | None:
    """The single-byte encoding of non-UTF-8 bytes, or None when no candidate reads as text."""
    try:
        as_cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        as_cp1252 = None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        guess = "cp1252" if as_cp1252 is not None and looks_like_text(as_cp1252) else None
    elif best.encoding in CP1252_ALIKES and as_cp1252 is not None:
        guess = "cp1252"
    else:
        guess = best.encoding
    if guess is None or not _reads_as_german(data, guess):
        # A short text gives the statistics little to go on ("Grüße aus Düsseldorf" reads as Mac Roman
        # to them): the code page that turns its bytes into German letters is the better guess.
        german = _best_for_german(data)
        if german is not None and _reads_as_german(data, german):
            return german
    return guess


def looks_like_text(text: str) -> bool:
    """Real prose is letters, digits, spaces and punctuation; decoded binary is full of controls and symbols."""
    if not text:
        return True
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    symbols = sum(1 for c in text if unicodedata.category(c) in ("So", "Sk", "Co", "Cn"))
    return controls <= len(text) * 0.01 and (controls + symbols) <= len(text) * 0.05


def _unrecognised(name: str) -> str:
    return (
        f"{name} is neither UTF-8 nor any other text encoding summarise recognises (a binary file?): "
        "if it is an article, save it as UTF-8"
    )


def _checked(text: str, name: str, undecodable: bool = False) -> str:
    if not looks_like_text(text):
        if undecodable:
            raise InputError(_unrecognised(name))
        raise InputError(f"{name} looks like a binary file, not an article ({SUPPORTED})")
    return text


def refuse_binary(data: bytes, name: str) -> None:
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} looks like a binary file ({what}), not an article ({SUPPORTED})")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name} looks like a binary file, not an article ({SUPPORTED})")
