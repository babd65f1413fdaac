"""Prompt templates: loading by name, filling in, clear errors, and shipping inside the wheel."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from summarise.briefing.prompts import available_prompts, load_prompt, prompt_dirs, render_prompt
from summarise.errors import PromptError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt"))
# What summarise/summary.py fills in for each template it uses.
REQUIRED = {"brief": "article", "condense": "summaries"}


def test_repo_prompts_are_found_by_name():
    assert {"brief", "condense"} <= set(SHIPPED)
    assert set(SHIPPED) <= set(available_prompts())
    template = load_prompt("brief")
    assert template.text == (ROOT / "prompts" / "brief.txt").read_text(encoding="utf-8")
    assert template.fields == ("article",)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_template_renders_with_what_summary_supplies(name):
    field = REQUIRED[name]
    text = "Nordkorea schickte 3.000 Soldaten. It costs $5 and 100% of ${budget}."
    rendered = render_prompt(name, required=(field,), **{field: text})
    assert text in rendered  # inserted verbatim: a "$" in the article is not a placeholder
    assert "$" + field not in rendered


def test_missing_variable_is_a_clear_error(tmp_path):
    path = tmp_path / "custom.txt"
    path.write_text("Summarise $article for $audience in $length words.", encoding="utf-8")
    with pytest.raises(PromptError) as e:
        load_prompt(str(path)).render(article="text")
    message = str(e.value)
    assert "$audience" in message and "$length" in message and "$article" in message
    assert str(path) in message


def test_template_without_the_text_placeholder_is_rejected(tmp_path):
    path = tmp_path / "forgot.txt"
    path.write_text("Summarise the article in three sentences.", encoding="utf-8")
    with pytest.raises(PromptError, match=r"must contain \$article"):
        load_prompt(str(path)).render(required=("article",), article="Der Text.")


def test_stray_dollar_in_template_is_a_clear_error(tmp_path):
    path = tmp_path / "dollar.txt"
    path.write_text("Costs in $ only: $article", encoding="utf-8")
    with pytest.raises(PromptError, match=r"write \$\$ for a literal dollar"):
        load_prompt(str(path)).render(article="x")
    path.write_text("Costs in $$ only: $article", encoding="utf-8")
    assert load_prompt(str(path)).render(article="x") == "Costs in $ only: x"


def test_unknown_name_lists_the_available_templates():
    with pytest.raises(PromptError) as e:
        load_prompt("no-such-template")
    assert "brief" in str(e.value) and "condense" in str(e.value)
    with pytest.raises(PromptError, match="does not exist"):
        load_prompt("missing/dir/brief.txt")
    with pytest.raises(PromptError):
        load_prompt("../prompts/brief")  # names are names, not relative paths


def test_checkout_prompts_are_used_when_the_package_has_none():
    # Editable install / running from source: the package dir has no prompts/, the checkout has.
    assert Path(str(prompt_dirs()[-1])) == ROOT / "prompts"


# --- the installed wheel ------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling (the build backend, in the test extra) is not installed")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = out.glob("summarise-*.whl")
    return built


def test_wheel_ships_every_prompt_template(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for name in SHIPPED:
            member = f"summarise/prompts/{name}.txt"
            assert member in names
            assert z.read(member).decode("utf-8") == (ROOT / "prompts" / f"{name}.txt").read_text(encoding="utf-8")
        assert "summarise/briefing/prompts.py" in names


def test_templates_load_from_an_unpacked_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import summarise.briefing.prompts as p\n"
        "t = p.load_prompt('brief')\n"
        "print(p.__file__); print(t.origin); print(t.render(required=('article',), article='ARTICLE-TEXT'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(site)], capture_output=True, text=True, timeout=60, check=True
    )
    module_file, origin, *rendered = run.stdout.splitlines()
    assert Path(module_file).is_relative_to(site)  # the wheel's copy, not the checkout
    assert Path(origin) == site / "summarise" / "prompts" / "brief.txt"
    assert "ARTICLE-TEXT" in "\n".join(rendered)
