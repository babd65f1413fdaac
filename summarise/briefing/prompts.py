"""Prompt templates for instruction-tuned summarisers, loaded by name from ``prompts/``.

Templates are plain text files with ``$name`` / ``${name}`` placeholders (``string.Template``; ``$$``
is a literal dollar sign), so anyone can edit them without touching code. They live at the top level
of the repository (``prompts/brief.txt``) and ship inside the wheel as ``summarise/prompts/`` (see
pyproject's force-include): the package directory is searched first, so an installed copy never
depends on a checkout, then the checkout's ``prompts/`` (editable installs and running from source).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import PromptError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_REPO_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"  # the checkout's prompts/


def prompt_dirs() -> list[Traversable]:
    """Where templates are looked up, in order: inside the installed package, then the checkout."""
    dirs: list[Traversable] = []
    packaged = resources.files("summarise") / "prompts"
    if packaged.is_dir():
        dirs.append(packaged)
    if _REPO_PROMPTS.is_dir():
        dirs.append(_REPO_PROMPTS)
    return dirs


def available_prompts() -> list[str]:
    names = {p.name[: -len(".txt")] for d in prompt_dirs() for p in d.iterdir() if p.name.endswith(".txt")}
    return sorted(names)


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    text: str
    origin: str  # where it was read from, for error messages

    @property
    def fields(self) -> tuple[str, ...]:
        """The placeholder names the template uses, in order of first use."""
        return tuple(dict.fromkeys(string.Template(self.text).get_identifiers()))

    def render(self, *, required: tuple[str, ...] = (), **values: str) -> str:
        """The template with `values` inserted.

        Every placeholder must have a value, and every name in `required` must be used: a template
        that forgot ``$article`` would have the model summarise nothing, silently.
        """
        template = string.Template(self.text)
        if not template.is_valid():
            raise PromptError(
                f"prompt template {self.name!r} ({self.origin}) has a '$' that is not a placeholder: "
                "write $$ for a literal dollar sign, or $name / ${name} for a value"
            )
        missing = [f for f in self.fields if f not in values]
        if missing:
            raise PromptError(
                f"prompt template {self.name!r} ({self.origin}) uses "
                + ", ".join(f"${f}" for f in missing)
                + f" but only {_listing(values)} can be filled in: remove or rename the placeholder"
            )
        unused = [r for r in required if r not in self.fields]
        if unused:
            raise PromptError(
                f"prompt template {self.name!r} ({self.origin}) must contain "
                + ", ".join(f"${r}" for r in unused)
                + " (where the text goes); add it to the template"
            )
        return template.substitute(values)


def _listing(values: dict) -> str:
    return ", ".join(f"${k}" for k in values) or "nothing"


def load_prompt(name: str) -> PromptTemplate:
    """A template by name (``brief`` → ``prompts/brief.txt``), or from a path to a ``.txt`` file."""
    as_path = Path(name).expanduser()
    if name.endswith(".txt") or "/" in name or "\\" in name:
        if not as_path.is_file():
            raise PromptError(f"prompt template file {name} does not exist")
        return PromptTemplate(as_path.stem, _read(as_path, str(as_path)), str(as_path))
    if not _NAME.match(name):
        raise PromptError(f"no prompt template {name!r}: give a template name such as 'brief' or a .txt file")
    for d in prompt_dirs():
        candidate = d / f"{name}.txt"
        if candidate.is_file():
            return PromptTemplate(name, _read(candidate, str(candidate)), str(candidate))
    known = ", ".join(available_prompts()) or "none found"
    raise PromptError(f"no prompt template {name!r} in prompts/ (available: {known})")


def _read(file: Traversable | Path, origin: str) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PromptError(f"prompt template {origin} cannot be read: {e}") from e


def render_prompt(name: str, *, required: tuple[str, ...] = (), **values: str) -> str:
    return load_prompt(name).render(required=required, **values)
