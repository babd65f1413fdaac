"""What news pages put around and inside an article that is not its text: author boxes, photo captions
and credits, "Aktualisiert am" datelines. Recognised in the DOM by the class names sites give them and,
after extraction, by their wording (a credit glued to the last sentence: "Kartellbehörden.Foto: …")."""

from __future__ import annotations

import re

# class / id words of page parts that are never article text: author boxes and bylines, captions and
# photo credits, publication dates. Only small elements go (a container named so holds no article).
_FURNITURE_CLASS = re.compile(
    r"author|byline|caption|credit|copyright|imagedescription|image-desc|img-desc|photo-desc|"
    r"dateline|timestamp|published|updated|metatime|date-?time",
    re.I,
)
_MAX_FURNITURE_CHARS = 400

# "Bild: dpa", "Foto: photocase.de", "(Foto: Reuters)", "© AFP", "Quelle: picture alliance"
# the credit itself: names, agencies, a domain or URL ("photocase.de", "https://…"): no sentence end in it
_CREDIT_TEXT = r"(?:[^.!?:\s]|[.:](?=\S)|\s){1,80}?"
_CREDIT = (
    rf"\(?(?:Bild|Bilder|Foto|Fotos|Grafik|Quelle|Illustration|Credit|Copyright)\s*:\s*{_CREDIT_TEXT}\)?"
    rf"|©\s*{_CREDIT_TEXT}"
)
_GLUED_CREDIT = re.compile(rf"(?<=[.!?“”\"»)])\s*(?:{_CREDIT})$")
# a caption: a sentence or two, then a space and the credit (a credit glued on without the space is
# the page appending it to article text: cut off, the text stays)
_CAPTION = re.compile(rf"^.{{1,300}}?[.!?“”\"»)]\s+(?:{_CREDIT})$|^(?:{_CREDIT})$")
_BARE_CREDIT = re.compile(rf"^(?:{_CREDIT})$")
_DATELINE = re.compile(
    r"^\W*(?:(?:zuletzt\s+)?aktualisiert|veröffentlicht|erstellt|stand|update|updated|published)\b(?:\s+am)?"
    r"[\s\d.:,/–-]*(?:uhr)?\W*$",
    re.I,
)


def drop_dom_furniture(tree) -> None:
    """Remove author boxes, captions and date lines by their class names (small elements only)."""
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (
            names.strip()
            and _FURNITURE_CLASS.search(names)
            and el.tag not in ("html", "body", "article", "main")
            and len(el.text_content()) <= _MAX_FURNITURE_CHARS
        ):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


_BARE_DATE = re.compile(
    r"^\W*(?:\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zäÄ]+)\s?\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?\W*$"
)


def is_web_furniture(text: str) -> bool:
    """A block that is a photo caption with its credit, a bare credit, a dateline fragment, a bare
    date, or punctuation left over from one ("-")."""
    return bool(
        not re.search(r"\w", text) or _DATELINE.match(text) or _CAPTION.match(text) or _BARE_DATE.match(text)
    )


def is_credit(text: str) -> bool:
    """A line that is only a picture's or table's credit: "Quelle: https://…", "Foto: dpa", "© AFP"."""
    return bool(_BARE_CREDIT.match(text))


def strip_glued_credit(text: str) -> str:
    """"… Kartellbehörden.Foto: photocase.de" -> "… Kartellbehörden." (a credit glued on by the page)."""
    return _GLUED_CREDIT.sub("", text).rstrip()
