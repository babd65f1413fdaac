"""The package's import graph, read with `ast`: no cycles, imports run with the pipeline, never
against it (STAGES), and only the CLI imports the CLI.

Every import counts, also those inside functions (a lazy import still ties two modules together);
only imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
import shutil
from functools import cache
from pathlib import Path

import summarise

PACKAGE = Path(summarise.__file__).parent


# The stages, lowest first: a module imports its own stage or a lower level, never a higher one and
# never a sibling (another stage on its level). A module belongs to the stage of its longest prefix.
# (name, level, module prefixes)
STAGES: list[tuple[str, int, tuple[str, ...]]] = [
    ("base", 0, ("summarise", "summarise.document", "summarise.errors", "summarise.signature",
                 "summarise.fileio", "summarise.limits", "summarise.paths", "summarise.signals")),  # fmt: skip
    ("language", 1, ("summarise.language",)),  # German rules, sentences, chunks: ingest asks them too
    # Siblings: the reader reads documents, checks take text; neither needs the other.
    ("ingest", 2, ("summarise.ingest",)),
    ("checking", 2, ("summarise.checking",)),  # checking.report: the CheckReport result type
    # Result types stand below the engines, so that renderers never depend on one.
    ("results", 3, ("summarise.translation.results", "summarise.briefing.results")),
    ("output", 4, ("summarise.output",)),  # renders results: no model, no engine
    ("models", 5, ("summarise.models",)),  # find, convert and run models (backends)
    ("translation", 6, ("summarise.translation",)),  # checks every block as it goes
    ("briefing", 7, ("summarise.briefing",)),
    # The one loading boundary builds a run's translator and summariser, so it stands above both.
    ("loading", 8, ("summarise.models.loading",)),
    ("batch", 9, ("summarise.batch",)),
    ("regress", 10, ("summarise.regress",)),  # finds its samples as batch finds articles
    ("serve", 10, ("summarise.serve",)),
    ("cli", 11, ("summarise.cli", "summarise.__main__")),
]


def stage_of(module: str) -> tuple[str, int]:
    best: tuple[str, int] | None = None
    best_len = -1
    for name, level, prefixes in STAGES:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = (name, level), len(prefix)
    assert best is not None, f"{module} belongs to no stage: add it to STAGES"
    return best


def against_the_grain(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a higher stage's module or a sibling's, as 'importer (stage) -> imported (stage)'."""
    out = []
    for name, targets in sorted(graph.items()):
        (stage, level) = stage_of(name)
        for target in sorted(targets):
            (target_stage, target_level) = stage_of(target)
            if target_stage != stage and target_level >= level:
                out.append(f"{name} ({stage}) -> {target} ({target_stage})")
    return out


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = ["summarise", *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `name` imports (a `from .x import y` of a submodule y counts as x.y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names]
        for target in targets:
            # The nearest package module: `summarise.checking.numbers.german` or its package `summarise.checking.numbers`.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("summarise") and target != name:
                out.add(target)
    return out


@cache  # read once per package folder; the tests only look
def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: imports_of(name, path, set(mods)) for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path a -> b -> ... -> a, or None. Importing a submodule runs its package's
    __init__ first, so `summarise.x.y` -> `summarise.x` edges are implied and not counted as cycles."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if node.startswith(nxt + "."):  # a module importing its own package (its __init__'s names)
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_walker_sees_imports_and_cycles():
    graph = import_graph()
    assert "summarise.translation.repair" in graph["summarise.translation.engine"]  # relative import
    assert "summarise.errors" in graph["summarise.models.backends.registry"]  # `from ...errors import`
    assert "summarise.models.backends.registry" in graph["summarise.models.backends.ctranslate2_backend"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_summarise_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_only_the_cli_imports_the_cli():
    offenders = {
        name: sorted(t for t in targets if t == "summarise.cli" or t.startswith("summarise.cli."))
        for name, targets in import_graph().items()
        if not (name == "summarise.cli" or name.startswith("summarise.cli.") or name == "summarise.__main__")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_imports_run_with_the_pipeline():
    assert against_the_grain(import_graph()) == []


def test_every_module_has_a_stage():
    for name in import_graph():
        stage_of(name)  # asserts


def test_an_import_against_the_stages_is_caught():
    graph = {
        "summarise.checking.checks": {"summarise.ingest", "summarise.language.frequency"},  # sibling; lower
        "summarise.output.render": {"summarise.translation.engine", "summarise.translation.results"},
        "summarise.models.backends.base": {"summarise.models.loading", "summarise.models.hub"},
        "summarise.translation.engine": {"summarise.translation.repair", "summarise.checking.checks"},
        "summarise.regress.golden": {"summarise.batch.articles"},
        "summarise.batch.runner": {"summarise.regress.run"},
    }
    assert against_the_grain(graph) == [
        "summarise.batch.runner (batch) -> summarise.regress.run (regress)",
        "summarise.checking.checks (checking) -> summarise.ingest (ingest)",
        "summarise.models.backends.base (models) -> summarise.models.loading (loading)",
        "summarise.output.render (output) -> summarise.translation.engine (translation)",
    ]


def test_a_planted_bad_import_fails(tmp_path):
    """A copy of the package with one lazy import of the engine planted in a renderer (the bug the
    stages forbid: output would load models) is caught, and named."""
    copy = tmp_path / "summarise"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    render = copy / "output" / "render.py"
    render.write_text(
        render.read_text(encoding="utf-8") + "\n\ndef planted():\n    from ..translation.engine import Translator\n",
        encoding="utf-8",
    )
    assert against_the_grain(import_graph(copy)) == [
        "summarise.output.render (output) -> summarise.translation.engine (translation)"
    ]


def test_the_package_never_imports_a_moved_path():
    """`summarise.runtime` and the other pre-issue-21 paths are for library users only; the package
    imports modules where they live (and `summarise.models`'s old names from models.hub)."""
    import summarise as pkg

    offenders = []
    known = set(modules())
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if path.name == "__init__.py" else 0)] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                if pkg.moved_to(target) is not None:
                    offenders.append(f"{name}: {target}")
                elif target.startswith("summarise.models.") and target.count(".") == 2 and target not in known:
                    offenders.append(f"{name}: {target} (from summarise.models.hub)")  # a name, not a module
    assert offenders == []
