"""The library's import paths: what README "The library" shows, the package root's names, and the
module paths from before the package was grouped by stage (issue 21), all answer."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import summarise

ROOT = Path(__file__).resolve().parents[1]


def _library_section_imports() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The library", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^(?:from summarise\S* import .+|import summarise\S*)$", section, re.M)


def test_readme_library_imports_work():
    lines = _library_section_imports()
    assert len(lines) >= 5  # the section still shows its imports
    # A fresh interpreter: nothing imported by other tests can hide a missing module.
    subprocess.run([sys.executable, "-c", "\n".join(lines)], check=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("name", sorted(summarise._EXPORTS))
def test_package_root_exports(name):
    value = getattr(summarise, name)
    module = importlib.import_module(summarise._EXPORTS[name])
    assert value is getattr(module, name)
    assert name in dir(summarise)


def test_unknown_root_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        summarise.no_such_name  # noqa: B018


@pytest.mark.parametrize("old", sorted(summarise.MOVED))
def test_old_module_paths_are_the_new_modules(old):
    new = importlib.import_module(summarise.MOVED[old])
    assert importlib.import_module(old) is new  # one module, one state (monkeypatching either works)
    assert new.__spec__.name == summarise.MOVED[old]  # aliasing left the module's own spec alone


def test_old_paths_reach_submodules_and_names():
    from summarise.checks import check_translation
    from summarise.numbers.german import extract_german

    from summarise.models import DEFAULT_TRANSLATION_MODEL  # summarise.models was the module models.hub
    from summarise.models.hub import DEFAULT_TRANSLATION_MODEL as current

    assert extract_german is importlib.import_module("summarise.checking.numbers.german").extract_german
    assert current == DEFAULT_TRANSLATION_MODEL
    assert not check_translation("Rund 3.000 Soldaten.", "About 300 soldiers.").passed
    with pytest.raises(AttributeError):
        importlib.import_module("summarise.models").no_such_name  # noqa: B018
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("summarise.no_such_module")
