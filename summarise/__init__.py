"""summarise: German→English news translation and briefing with number-fidelity checks.

One package per pipeline stage: ingest (documents → blocks) → language (German rules, sentences,
chunking) → checking (text against text) → models (find, convert, load; backends) → translation →
briefing → output (text, Markdown, JSON, HTML pages); batch, regress and cli drive them. The shared
base (document, errors, signature, fileio, limits, paths) stays at the top.

The library's entry points are importable from here, loaded on first use (``import summarise`` stays
cheap: no model library is imported until a name is asked for)::

    from summarise import Runtime, load_models, make_brief, read_document
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

__version__ = "0.1.0"

_EXPORTS = {
    "read_document": "summarise.ingest",
    "Document": "summarise.document",
    "Signature": "summarise.signature",
    "Runtime": "summarise.models.runtime",
    "load_models": "summarise.models.loading",
    "register_backend": "summarise.models.backends",
    "Translator": "summarise.translation.engine",
    "load_translator": "summarise.translation.engine",
    "Translation": "summarise.translation.results",
    "TranslatedBlock": "summarise.translation.results",
    "check_translation": "summarise.checking.checks",
    "check_summary": "summarise.checking.checks",
    "CheckReport": "summarise.checking.report",
    "Problem": "summarise.checking.report",
    "make_brief": "summarise.briefing.brief",
    "make_briefs": "summarise.briefing.brief",
    "Brief": "summarise.briefing.results",
    "load_summariser": "summarise.briefing.summary",
    "summariser_from_runtime": "summarise.briefing.summary",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarise' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


# Module paths from before the package was grouped by stage (issue 21), kept working for library users
# (`from summarise.runtime import Runtime`): each old name is the new module itself, imported on demand.
# The package's own code never uses them (tests/test_architecture.py).
MOVED = {
    "summarise.lang": "summarise.language",
    "summarise.sentences": "summarise.language.sentences",
    "summarise.chunking": "summarise.language.chunking",
    "summarise.translate": "summarise.translation.engine",
    "summarise.repair": "summarise.translation.repair",
    "summarise.work": "summarise.translation.work",
    "summarise.cache": "summarise.translation.cache",
    "summarise.checks": "summarise.checking.checks",
    "summarise.numbers": "summarise.checking.numbers",
    "summarise.brief": "summarise.briefing.brief",
    "summarise.summary": "summarise.briefing.summary",
    "summarise.prompts": "summarise.briefing.prompts",
    "summarise.runtime": "summarise.models.runtime",
    "summarise.loading": "summarise.models.loading",
    "summarise.convert": "summarise.models.convert",
    "summarise.shortlist": "summarise.models.shortlist",
    "summarise.threads": "summarise.models.threads",
    "summarise.backends": "summarise.models.backends",
    "summarise.render": "summarise.output.render",
    "summarise.html": "summarise.output.html",
}
# `summarise.models` was a module and is now the package holding it (as models.hub): the package
# answers the module's old names (summarise/models/__init__.py).


def moved_to(fullname: str) -> str | None:
    """The current name of a module imported by its old path (also a submodule of a moved package)."""
    for old, new in MOVED.items():
        if fullname == old or fullname.startswith(old + "."):
            return new + fullname[len(old) :]
    return None


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        # Asked about every import of the process: anything outside this package leaves at once.
        if not fullname.startswith("summarise.") or moved_to(fullname) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        module = importlib.import_module(moved_to(spec.name))  # the very module: one copy, one state
        spec.loader_state = module.__spec__  # the import system sets __spec__ to the alias's: put it back
        return module

    def exec_module(self, module) -> None:
        module.__spec__ = module.__spec__.loader_state  # already executed under its current name


if not any(isinstance(f, _MovedModuleFinder) for f in sys.meta_path):
    # First in line: a moved package's submodule (summarise.numbers.german) would otherwise be found
    # through the package's __path__ and run a second time under its old name.
    sys.meta_path.insert(0, _MovedModuleFinder())
