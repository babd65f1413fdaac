"""Errors the library raises. The CLI turns each into one line on stderr and its exit code;
the library itself never prints or exits."""

from __future__ import annotations


class SummariseError(Exception):
    """Base error: the message is what the user sees, so it should say how to fix the problem."""

    exit_code = 2


class InputError(SummariseError):
    """The input cannot be used: missing, a directory, empty, binary, undecodable, bad arguments."""


class ModelNotAvailable(SummariseError):
    """A model is neither a local directory nor in the local Hugging Face cache, and the hub can't be reached."""

    def __init__(
        self, model: str, detail: str | None = None, *, option: str = "--model", message: str | None = None,
        offline: bool = False,
    ):  # fmt: skip
        # `option`: where the user named the model (--model, --summary-model, or an argument: MODEL).
        # `offline`: the hub was not tried (--offline or HF_HUB_OFFLINE), rather than tried and unreachable.
        if message is None:
            fix = f"pass {option} DIR" if option.startswith("--") else "give a model directory"
            why = "offline mode is on (--offline or HF_HUB_OFFLINE)" if offline else "the hub cannot be reached"
            message = (
                f"model {model} is not in the local cache and {why}: "
                f"run `summarise models download` with network access, or {fix}"
            )
            if detail:
                message += f" ({detail})"
        super().__init__(message)
        self.model = model


class ModelError(SummariseError):
    """A model was found but cannot be used (no safetensors weights, unsupported architecture...)."""


class ConversionError(ModelError):
    """A model cannot be converted to CTranslate2 (an architecture or vocabulary layout its converter
    does not handle). `--backend auto` falls back to transformers; each caller adds the fix that
    fits where the user is (`with_hint`)."""

    def __init__(self, model: str, reason: str, hint: str | None = None):
        self.model, self.reason, self.hint = model, reason, hint
        super().__init__(f"cannot convert {model} to CTranslate2: {reason}" + (f": {hint}" if hint else ""))

    def with_hint(self, hint: str) -> ConversionError:
        return ConversionError(self.model, self.reason, hint)


class BackendUnavailable(SummariseError):
    """The requested inference backend is not installed or cannot run here."""


class PromptError(SummariseError):
    """A prompt template is missing or uses a variable that was not supplied."""
