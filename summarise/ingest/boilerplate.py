"""Web boilerplate: the "Details", "Teilen", cookie-notice and related-links lines that follow an
article copied from a web page. Only removed at the very end; the same words anywhere else are text."""

from __future__ import annotations

import re

from ..document import Block

# Trailing web boilerplate, compared after lowercasing and stripping punctuation. Kept tiny on purpose.
BOILERPLATE = frozenset(
    [
        "details",
        "mehr zum thema",
        "mehr dazu",
        "teilen",
        "artikel teilen",
        "anzeige",
        "zur startseite",
        "kommentare",
        "weitere artikel",
        "lesen sie auch",
        "auch interessant",
        "drucken",
        "nach oben",
        "feedback",
    ]
)
RELATED_LINKS = frozenset(("mehr zum thema", "lesen sie auch", "auch interessant", "weitere artikel"))


def _boilerplate_key(text: str) -> str:
    return re.sub(r"[^\w ]+", "", text).strip().lower()


def strip_trailing_boilerplate(blocks: list[Block]) -> list[Block]:
    """Drop web boilerplate ("Details", "Teilen", cookie notices, a "Mehr zum Thema" link list) from the
    end only; the same words anywhere else are article text. The first block always stays."""
    end = len(blocks)
    while True:
        while end > 1 and _is_boilerplate(blocks[end - 1]):
            end -= 1
        # a related-links list: "Mehr zum Thema" followed by nothing but a few short link titles
        start = next(
            (
                i
                for i in range(end - 1, max(0, end - 9), -1)
                if _boilerplate_key(blocks[i].text) in RELATED_LINKS
            ),
            None,
        )
        if start is None or any(b.kind == "paragraph" for b in blocks[start + 1 : end]):
            return blocks[:end]
        end = start


def _is_boilerplate(block: Block) -> bool:
    key = _boilerplate_key(block.text)
    return key in BOILERPLATE or ("cookie" in key and len(block.text) <= 300)
