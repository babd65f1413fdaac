"""Which job a model is made for, read from its config: the translator must be a translation model and
the summariser must not be one. Checked when a run resolves its models, before anything loads, so a
swapped --model / --summary-model is one line (exit 2), not minutes of nonsense output."""

from __future__ import annotations

from ..errors import ModelError
from .hub import DEFAULT_SUMMARY_MODEL, DEFAULT_TRANSLATION_MODEL, ResolvedModel

# Families whose checkpoints are trained to summarise (or to fill in text) and never to translate
# German into English. mBART and T5 translate, so they are not here.
_SUMMARISER_FAMILIES = {
    "bart": "BART",
    "pegasus": "Pegasus",
    "pegasus_x": "Pegasus-X",
    "led": "LED",
    "bigbird_pegasus": "BigBird-Pegasus",
    "prophetnet": "ProphetNet",
}
# Families that only translate: given one sentence they return it in another language, never shorter.
_TRANSLATOR_FAMILIES = {"marian": "Marian", "fsmt": "FSMT", "m2m_100": "M2M-100/NLLB", "nllb_moe": "NLLB"}


def check_role(model: ResolvedModel | None, role: str, option: str) -> None:
    """Raise ModelError when `model` is of a family made for the other job. role: translation | summary."""
    if model is None:  # nothing was resolved (an injected engine needs no files): nothing to judge
        return
    try:
        model_type = str(model.config.get("model_type", ""))
    except ModelError:  # no readable config: nothing to judge here, loading the model says what is wrong
        return
    if role == "translation" and model_type in _SUMMARISER_FAMILIES:
        family = _SUMMARISER_FAMILIES[model_type]
        raise ModelError(
            f"{option} {model.name} is a {family} model, made to summarise, not to translate: pass a German→English "
            f"translation model such as {DEFAULT_TRANSLATION_MODEL} (a summariser goes to --summary-model)"
        )
    if role == "summary" and model_type in _TRANSLATOR_FAMILIES:
        family = _TRANSLATOR_FAMILIES[model_type]
        raise ModelError(
            f"{option} {model.name} is a {family} translation model, not a summariser: pass a summariser such as "
            f"{DEFAULT_SUMMARY_MODEL} (a translation model goes to --model)"
        )
