"""Markdown articles: `#` / underlined headings, paragraphs, list items; inline markup removed, every
word kept."""

from __future__ import annotations

import re

from ..document import Block
from .lines import join_lines


def looks_like_markdown(lines: list[str]) -> bool:
    return any(re.match(r"^#{1,6}\s+\S", line) for line in lines)


_ATX = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_REF_DEF = re.compile(r"^\[[^\]]+\]:\s*\S+")
_MD_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def strip_inline_markdown(text: str) -> str:
    """Remove emphasis, code and link markup, keeping every word of the text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url) and ![alt](src)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # [text][ref]
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
    text = re.sub(r"<!--.*?-->", "", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text).strip()


def segment_markdown(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    seen_title = False
    in_fence = False

    def flush() -> None:
        if para:
            text = strip_inline_markdown(join_lines(para))
            if text:
                blocks.append(Block("paragraph", text))
            para.clear()

    for line in lines:
        if line.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line:
                para.append(line)  # code is kept as text: nothing the author wrote is dropped silently
            continue
        if not line:
            flush()
            continue
        setext = _SETEXT.match(line)
        if setext and len(para) == 1 and not _MD_ITEM.match(para[0]):
            level = 1 if setext.group(1)[0] == "=" else 2
            heading = strip_inline_markdown(para.pop())
            kind = "title" if level == 1 and not seen_title else "heading"
            seen_title = seen_title or kind == "title"
            blocks.append(Block(kind, heading))
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            heading = strip_inline_markdown(atx.group(2))
            if heading:
                kind = "title" if len(atx.group(1)) == 1 and not seen_title else "heading"
                seen_title = seen_title or kind == "title"
                blocks.append(Block(kind, heading))
            continue
        line = re.sub(r"^(>\s?)+", "", line)
        if _MD_ITEM.match(line):
            flush()
            # bullets carry no words; numbered items keep their number (it may be content: "1. Mai")
            line = re.sub(r"^[-*+]\s+", "", line)
        if line:
            para.append(line)
    flush()
    return blocks
