"""Clearly named stand-ins for a summarisation model (the real path is tested with tiny models).

They implement the same hooks as the real summarisers, so map-reduce, batching, regeneration and the
brief's number guard run for real on top of them; only the model call is scripted.
"""

from __future__ import annotations

from summarise.briefing.summary import Summariser
from summarise.models.backends.base import GenerationSettings


class ScriptedSummariserDouble(Summariser):
    """Counts tokens as words and answers each model input with `script(input, settings, attempt)`.

    `attempt` counts how often that same input was generated before (0 on the first call), so a
    double can behave differently when the brief regenerates a summary. Every call is recorded.
    """

    def __init__(
        self,
        script,
        *,
        window: int = 10_000,
        settings: GenerationSettings | None = None,
        batch_size: int = 8,
        obeys_max_new_tokens: bool = True,
    ):
        settings = settings or GenerationSettings(beams=2, max_new_tokens=60)
        super().__init__("scripted-summariser-double", settings, batch_size=batch_size)
        self.script = script
        self.obeys_max_new_tokens = obeys_max_new_tokens
        self._model_window = window
        self.calls: list[tuple[list[str], GenerationSettings]] = []
        self._attempts: dict[str, int] = {}

    @property
    def model_window(self) -> int:
        return self._model_window

    def count_tokens(self, model_input: str) -> int:
        return len(model_input.split()) + 1  # + end-of-sequence, like a real tokenizer

    def _generate(self, model_inputs: list[str], settings: GenerationSettings) -> list[str]:
        self.calls.append((list(model_inputs), settings))
        outputs = []
        for text in model_inputs:
            attempt = self._attempts.get(text, 0)
            self._attempts[text] = attempt + 1
            words = self.script(text, settings, attempt).split()
            if self.obeys_max_new_tokens:  # like a real model: never more tokens than max_new_tokens
                words = words[: settings.max_new_tokens or len(words)]
            outputs.append(" ".join(words))
        return outputs


class NumberInventingSummariserDouble(ScriptedSummariserDouble):
    """Writes a summary with one sentence stating a number no article has (INVENTED).

    With `fixed_on_retry`, a regeneration (other decoding settings) leaves the invented sentence out,
    like a real model whose beam search found a better path; without it, every attempt invents it.
    """

    INVENTED = "987,654"

    def __init__(self, good_sentences: list[str], *, fixed_on_retry: bool, **kw):
        self.good_sentences = good_sentences
        self.fixed_on_retry = fixed_on_retry
        invented = f"Officials said {self.INVENTED} people were affected."

        def script(text, settings, attempt):
            if attempt > 0 and fixed_on_retry:
                return " ".join(good_sentences)
            return " ".join([good_sentences[0], invented, *good_sentences[1:]])

        super().__init__(script, **kw)


class FixedTranslatorDouble:
    """Stands in for `summarise.translation.engine.Translator`: "translates" each block by looking it up in a
    table of reference translations, then checks it with the real checker, as the engine does."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self.calls: list[int] = []  # documents per translate_documents call

    def signature(self) -> dict:
        return {"model": "fixed-translator-double", "backend": "none"}

    def translate_documents(self, docs, progress=None):
        from summarise.checking.checks import check_translation
        from summarise.translation.engine import TranslatedBlock, Translation

        self.calls.append(len(docs))
        out = []
        for doc in docs:
            blocks = []
            for i, block in enumerate(doc.blocks, 1):
                english = self.table[block.text]
                blocks.append(TranslatedBlock(block.kind, block.text, english, check_translation(block.text, english, block=i)))
            out.append(Translation("fixed-translator-double", blocks, self.signature(), doc.source))
        return out

    def translate_document(self, doc):
        return self.translate_documents([doc])[0]
