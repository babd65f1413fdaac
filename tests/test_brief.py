"""The brief: headline, guarded summary, key figures from the checked translation, rendering.

A clearly named translator double supplies reference English (so key figures and contexts can be
asserted exactly); the real checker checks it. Summariser doubles script the model's output so the
number guard's paths (regenerated, removed, fallback) are exercised; the real models run in
test_brief_cli.py and test_brief_goldens.py.
"""

from __future__ import annotations

import json

import pytest
from brief_doubles import FixedTranslatorDouble, NumberInventingSummariserDouble, ScriptedSummariserDouble

from summarise.briefing.brief import MAX_SUMMARY_SENTENCES, make_brief, make_briefs
from summarise.document import Block, Document
from summarise.output.render import render_brief

TITLE_DE = "Nordkorea schickt 3.000 weitere Soldaten nach Russland"
P1_DE = "Nordkorea hat laut Südkorea weitere 3.000 Soldaten nach Russland geschickt. Die Gesamtzahl steigt damit auf etwa 11.000."
HEADING_DE = "Verluste"
P2_DE = "Von diesen Soldaten sollen etwa 4.000 im Kampf gefallen oder verletzt worden sein. Die Gespräche am 26. Februar in Paris dauerten drei Stunden."

TITLE_EN = "North Korea sends 3,000 more soldiers to Russia"
P1_EN = "North Korea has sent another 3,000 soldiers to Russia, according to South Korea. This brings the total to about 11,000."
HEADING_EN = "Losses"
P2_EN = "About 4,000 of these soldiers are said to have been killed or wounded in battle. The talks in Paris on February 26 lasted three hours."

TABLE = {TITLE_DE: TITLE_EN, P1_DE: P1_EN, HEADING_DE: HEADING_EN, P2_DE: P2_EN}
GOOD = [
    "North Korea has sent another 3,000 soldiers to Russia.",
    "The total is about 11,000.",
    "About 4,000 were killed or wounded.",
]
INVENTED = NumberInventingSummariserDouble.INVENTED


def article(*blocks: Block) -> Document:
    return Document(list(blocks) or [Block("title", TITLE_DE), Block("paragraph", P1_DE), Block("heading", HEADING_DE), Block("paragraph", P2_DE)])


def clean_summariser(**kw):
    return ScriptedSummariserDouble(lambda text, settings, attempt: " ".join(GOOD), **kw)


def everything(brief) -> str:
    return "\n".join(render_brief(brief, fmt) for fmt in ("text", "markdown", "json"))


def test_brief_of_a_checked_translation():
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), clean_summariser())
    assert brief.headline == TITLE_EN
    assert brief.summary == " ".join(GOOD)
    assert brief.passed and brief.summary_check.passed and brief.notes == []
    figures = {f.english: f for f in brief.key_figures}
    # Every number of the article once, in English form, with the translated sentence it is in.
    assert figures["3,000"].source == "3.000" and figures["3,000"].value == 3000
    # 3.000 is in the title and the body: the body sentence says more, so it is the context.
    assert figures["3,000"].context == "North Korea has sent another 3,000 soldiers to Russia, according to South Korea."
    assert figures["11,000"].context == "This brings the total to about 11,000."
    assert figures["4,000"].context == "About 4,000 of these soldiers are said to have been killed or wounded in battle."
    date = next(f for f in brief.key_figures if "26" in f.source)
    assert date.context == "The talks in Paris on February 26 lasted three hours." and "February" in date.english
    assert [f.english for f in brief.key_figures][:3] == ["3,000", "11,000", "4,000"]  # article order
    assert all(f.verified for f in brief.key_figures)


def test_json_has_the_documented_shape():
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), clean_summariser())
    data = json.loads(render_brief(brief, "json"))
    assert {"headline", "summary", "key_figures", "translation", "passed", "notes", "signature"} <= set(data)
    assert {"source": "3.000", "english": "3,000", "value": 3000}.items() <= data["key_figures"][0].items()
    assert set(data["key_figures"][0]) >= {"source", "english", "value", "context"}
    assert [b["kind"] for b in data["translation"]["blocks"]] == ["title", "paragraph", "heading", "paragraph"]
    assert data["passed"] is True
    assert data["signature"]["summary"]["model"] == "scripted-summariser-double"
    assert data["signature"]["translation"]["model"] == "fixed-translator-double"


def test_markdown_is_a_one_page_brief():
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), clean_summariser())
    md = render_brief(brief, "markdown")
    assert md.startswith(f"# {TITLE_EN}\n\n{' '.join(GOOD)}\n")
    assert "## Key figures" in md
    assert "- **3,000** (3.000) — North Korea has sent another 3,000 soldiers" in md
    assert "**Fidelity ✓**" in md
    text = render_brief(brief, "text")
    assert text.startswith(f"{TITLE_EN}\n") and "Key figures:" in text and "Fidelity:" in text
    assert "**" not in text


# --- the number guard ------------------------------------------------------------------------


def test_invented_number_is_regenerated_away():
    summariser = NumberInventingSummariserDouble(GOOD, fixed_on_retry=True)
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), summariser)
    assert brief.summary == " ".join(GOOD)
    assert INVENTED not in everything(brief)
    assert brief.passed
    (note,) = brief.notes
    assert "regenerated" in note and "does not support" in note
    # The retry used other decoding settings than the first attempt.
    assert summariser.calls[1][1] != summariser.calls[0][1]


def test_invented_number_that_keeps_coming_back_is_removed():
    summariser = NumberInventingSummariserDouble(GOOD, fixed_on_retry=False)
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), summariser)
    assert brief.summary == " ".join(GOOD)  # the other sentences stay, in order
    assert INVENTED not in everything(brief)
    assert brief.passed
    (note,) = brief.notes
    assert note.startswith("removed summary 1 sentence (2)") and "does not support" in note
    assert len(summariser.calls) == 3  # first attempt + two other decoding settings


def test_summary_with_only_invented_numbers_falls_back_to_the_translation():
    summariser = ScriptedSummariserDouble(lambda text, s, a: f"Exactly {INVENTED} people were there.")
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), summariser)
    assert INVENTED not in everything(brief)
    assert brief.summary.startswith("North Korea has sent another 3,000 soldiers to Russia")
    assert brief.passed
    assert any("first 3 translated sentences" in n for n in brief.notes)


def test_empty_model_summary_falls_back_to_the_translation():
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), ScriptedSummariserDouble(lambda *a: ""))
    assert brief.summary.startswith("North Korea has sent another 3,000 soldiers to Russia")
    assert brief.notes == ["the summariser wrote nothing: the summary is the article's first 3 translated sentences"]


def test_a_number_the_article_has_is_not_touched():
    # "11,000" appears in the article: the guard must not remove or regenerate it.
    summariser = clean_summariser()
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), summariser)
    assert "11,000" in brief.summary and len(summariser.calls) == 1


def test_long_summaries_keep_five_sentences():
    many = " ".join(f"The {w} sentence is here." for w in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"))
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), ScriptedSummariserDouble(lambda *a: many))
    assert brief.summary.count(".") == MAX_SUMMARY_SENTENCES
    assert any("keeps the first 5" in n for n in brief.notes)


# --- headline, chunking notes, batches, failures -------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ((Block("heading", HEADING_DE), Block("paragraph", P1_DE)), HEADING_EN),
        ((Block("paragraph", P1_DE), Block("paragraph", P2_DE)), "North Korea has sent another 3,000 soldiers to Russia, according to South Korea."),
    ],
)
def test_headline_without_a_title(blocks, expected):
    assert make_brief(article(*blocks), FixedTranslatorDouble(TABLE), clean_summariser()).headline == expected


def test_article_longer_than_the_window_is_noted():
    summariser = clean_summariser(window=40)
    brief = make_brief(article(), FixedTranslatorDouble(TABLE), summariser)
    (note,) = brief.notes
    assert "longer than the summariser's window (40 tokens)" in note and "nothing was cut off" in note


def test_briefs_of_several_articles_share_the_model_calls():
    translator = FixedTranslatorDouble(TABLE)
    summariser = ScriptedSummariserDouble(lambda text, s, a: text.split(". ")[0] + ".")  # a lead-sentence "model"
    briefs = make_briefs([article(), article(Block("paragraph", P2_DE))], translator, summariser)
    assert translator.calls == [2]  # one translate_documents call for both
    assert len(summariser.calls) == 1 and len(summariser.calls[0][0]) == 2
    assert [b.headline for b in briefs] == [TITLE_EN, "About 4,000 of these soldiers are said to have been killed or wounded in battle."]
    assert briefs[1].summary == "About 4,000 of these soldiers are said to have been killed or wounded in battle."
    assert all(b.passed and not b.notes for b in briefs)


def test_a_number_lost_in_translation_fails_the_brief():
    lossy = dict(TABLE, **{P1_DE: "North Korea has sent more soldiers to Russia. This brings the total to about 11,000."})
    brief = make_brief(article(), FixedTranslatorDouble(lossy), clean_summariser())
    assert not brief.passed
    # The title still has 3,000, so the key figure takes its verified context from there.
    figure = next(f for f in brief.key_figures if f.english == "3,000")
    assert figure.verified and figure.context == TITLE_EN
    assert "CHECKS FAILED" in render_brief(brief, "text")
    assert "block 2 (paragraph)" in render_brief(brief, "markdown")
