"""Honest progress (issue 27 item 9): totals grow with repairs, a bar never shows 100 % while work
remains, and rates come from finished work only (skipped items advance the bar, not the rate)."""

from __future__ import annotations

import pytest

from summarise.document import Block, Document
from summarise.progress import BatchCounts, WorkCount, announce


class FakeClock:
    """A test double for time.monotonic: advanced by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_total_grows_when_repairs_are_queued_and_the_bar_stays_below_it_until_closed():
    count = WorkCount()
    count.plan(47)
    count.advance(47)
    assert (count.completed, count.total) == (47, 48)  # the first pass is done, the checks are not
    count.queue(5)  # repair retries
    assert count.total == 52 and count.remaining == 5
    count.advance(5)
    assert count.completed < count.total
    count.close()
    assert count.completed == count.total == 52


def test_a_low_estimate_never_shows_more_done_than_total():
    count = WorkCount(planned=3)
    count.advance(10)
    assert count.total > count.completed == 10
    count.close()
    assert count.total == 10


def test_the_rate_and_eta_come_from_finished_work_since_the_work_began():
    clock = FakeClock()
    count = WorkCount(planned=100, clock=clock)
    count.begin()
    assert count.rate() is None and count.eta() is None
    clock.now += 10
    count.advance(20)
    assert count.rate() == pytest.approx(2.0)
    assert count.eta() == pytest.approx(40.0)  # 80 left at 2/s
    count.queue(20)  # repairs: more left, same rate
    assert count.eta() == pytest.approx(50.0)


def test_skipped_items_advance_the_bar_but_not_the_rate():
    clock = FakeClock()
    counts = BatchCounts(clock=clock)
    counts.start(total=100, skipped=90)
    assert (counts.articles.completed, counts.articles.total) == (90, 100)
    assert counts.articles.rate() is None  # 90 resumed articles are no work done in zero seconds
    counts.group(articles=2, sentences=10)
    clock.now += 60
    counts.sentences_done(10)
    counts.article_done()
    counts.article_done()
    assert counts.articles.rate() == pytest.approx(2 / 60)  # 2 articles/min, not 92
    assert counts.articles.eta() == pytest.approx(8 * 30)


def test_a_burst_of_finished_articles_does_not_inflate_the_rate():
    clock = FakeClock()
    counts = BatchCounts(clock=clock)
    counts.start(total=16, skipped=0)
    counts.group(articles=8, sentences=80)
    clock.now += 30
    for _ in range(8):  # a Ray group's articles arrive within milliseconds of each other
        counts.article_done()
        clock.now += 0.001
    assert counts.articles.rate() * 60 == pytest.approx(16, rel=0.01)


def test_the_sentence_bar_holds_below_its_total_until_the_groups_articles_are_done():
    counts = BatchCounts()
    counts.start(total=3, skipped=0)
    counts.group(articles=3, sentences=30)
    counts.sentences_done(33)  # all sentences translated (more than estimated): summaries still running
    assert counts.sentences.completed < counts.sentences.total
    assert counts.articles.completed == 0
    counts.queued(4)
    counts.sentences_done(4)
    counts.article_done()
    counts.article_done()
    assert counts.sentences.completed < counts.sentences.total
    assert counts.articles.completed < counts.articles.total
    counts.article_done()
    assert counts.sentences.completed == counts.sentences.total == 37
    assert counts.articles.completed == counts.articles.total == 3


def test_announce_reaches_only_callbacks_that_listen():
    heard = []

    class Listening:
        def __call__(self, n):
            pass

        def queued(self, n):
            heard.append(n)

    announce(Listening(), 3)
    announce(lambda n: None, 3)  # a plain callback: nothing to tell, nothing fails
    announce(None, 3)
    assert heard == [3]


# --- end to end: the tiny Marian model, whose garbage output fails the number check -------------


class CountingProgress:
    """A progress listener that records the bar's accounting after every call."""

    def __init__(self):
        self.count = WorkCount()
        self.seen: list[tuple[int, int]] = []

    def __call__(self, n):
        self.count.advance(n)
        self.seen.append((self.count.completed, self.count.total))

    def queued(self, n):
        self.count.queue(n)
        self.seen.append((self.count.completed, self.count.total))

    def planned(self, n):
        self.count.plan(n)


def test_the_progress_total_counts_every_model_input_repairs_included(tiny_marian_dir):
    from summarise.translation.engine import load_translator

    translator = load_translator(str(tiny_marian_dir), backend="transformers", beams=1, cache=False, offline=True)
    inputs = []  # every input that reached the model, repair retries and biased calls included
    generate = translator.backend.generate
    translator.backend.generate = lambda texts, settings: inputs.extend(texts) or generate(texts, settings)
    biaser = translator._biaser()
    generate_biased = biaser.generate_biased
    biaser.generate_biased = lambda text, boost, settings: inputs.append(text) or generate_biased(text, boost, settings)

    doc = Document([Block("paragraph", "Nordkorea hat 3.000 Soldaten geschickt. Bis zum 26. Februar starben 400.")])
    progress = CountingProgress()
    blocks = list(translator.translate_stream(doc, progress=progress, planned=progress.planned))
    first_pass = sum(len(u.pieces) for u in translator.plan_block(0, "paragraph", doc.blocks[0].text).units)
    assert not blocks[0].check.passed  # the repairs ran and could not fix a random model
    assert len(inputs) > first_pass  # the repair loop called the model again
    assert progress.count.total >= len(inputs)
    assert progress.count.done == progress.count.extra + first_pass
    assert all(done < total for done, total in progress.seen)  # never 100 % while work remained
    progress.count.close()
    assert progress.count.completed == progress.count.total


def test_local_batch_counts_each_article_done_as_its_own_repairs_end(tiny_marian_dir, tmp_path):
    """The articles of one local group are translated together, then finish one by one: each is
    checked, repaired, written and counted done before the next one's repairs run (issue 27 item 9)."""
    from summarise.batch import run_batch
    from summarise.batch.runner import BatchProgress
    from summarise.translation.engine import load_translator

    translator = load_translator(str(tiny_marian_dir), backend="transformers", beams=1, cache=False, offline=True)
    inputs = []  # every model input so far, first pass and repair retries
    generate = translator.backend.generate
    translator.backend.generate = lambda texts, settings: inputs.extend(texts) or generate(texts, settings)
    articles = {  # each with numbers the random model garbles: every article has blocks to repair
        "a.txt": "Wohnungsbau bricht weiter ein\n\nIm Dezember lag die Zahl der Genehmigungen bei 19.300.\n",
        "b.txt": "Neubauziel rückt in weite Ferne\n\nDie Bundesregierung wollte jedes Jahr 400.000 neue Wohnungen bauen.\n",
        "c.txt": "Hoffnung auf Zinssenkungen\n\nDie Mieten seien um 7 bis 9 Prozent gestiegen.\n",
    }
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"

    class Recording(BatchProgress):
        def __init__(self):
            self.groups, self.done = [], []  # (model inputs so far, article, its output on disk) per article

        def group(self, articles, sentences):
            self.groups.append((articles, len(inputs)))

        def article_done(self, item):
            self.done.append((len(inputs), item.path, (out / f"{item.path}.json").is_file()))

    progress = Recording()
    result = run_batch(corpus, out, translator=translator, formats=("json",), progress=progress, group_size=8)
    assert len(result.items) == 3 and progress.groups == [(3, 0)]  # one group of all three
    assert {item.status for item in result.items} <= {"ok", "checks_failed"}
    assert [path for _, path, _ in progress.done] == sorted(articles)
    assert all(written for _, _, written in progress.done)  # counted done once its output is complete
    counts = [n for n, _, _ in progress.done]
    # Done one after another, with model work (the next article's repairs) in between; before, all
    # three were counted done together once the last repair of the group had run.
    assert counts == sorted(counts) and len(set(counts)) == 3, counts
    assert counts[0] < len(inputs)
