"""Reading untrusted documents safely: a zip's sizes are checked before anything is inflated, and XML
is parsed without entities, DTDs or network access."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ...errors import InputError

# An article's Word package is a few MB; 200 MB inflated, or parts inflating more than 100 times
# their stored size past 10 MB, is a zip bomb (or no article).
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 10 * 1024 * 1024
MAX_PARTS = 5000


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The archive, after its declared sizes are checked (reading then stops at the declared size:
    zipfile raises on a member that inflates past it)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError(f"{name} is a damaged Word file ({e})") from e
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError(f"{name} has {len(infos):,} parts, more than {MAX_PARTS:,}: refusing it (a zip bomb?)")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED or (total > RATIO_FLOOR and total / packed > MAX_RATIO):
        raise InputError(
            f"{name} inflates to {total:,} bytes from {packed:,} ({total / packed:.0f}×): refusing it (a zip bomb?)"
        )
    return archive


def read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        return archive.read(part)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise InputError(f"{name}: part {part} cannot be read ({e})") from e


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
        remove_blank_text=False,
    )  # fmt: skip


def parse_xml(data: bytes, where: str) -> etree._Element:
    """An XML part as a tree: entities are never expanded, no DTD is loaded, nothing is fetched. A part
    that declares a DOCTYPE is refused: Office never writes one, an attack does."""
    head = data[:2048].lower()
    if b"<!doctype" in head or b"<!entity" in data[:65536].lower():
        raise InputError(f"{where} declares a DOCTYPE or entities: refusing it (XML external entity attack?)")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise InputError(f"{where} is not well-formed XML ({e})") from e
