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

    def __init__(self, model: str, detail: str | None = None):
        msg = (
            f"model {model} is not in the local cache and the hub cannot be reached: "
            "run `summarise models download` with network access, or pass --model DIR"
        )
        if detail:
            msg += f" ({detail})"
        super().__init__(msg)
        self.model = model


class ModelError(SummariseError):
    """A model was found but cannot be used (no safetensors weights, unsupported architecture...)."""


class BackendUnavailable(SummariseError):
    """The requested inference backend is not installed or cannot run here."""


class PromptError(SummariseError):
    """A prompt template is missing or uses a variable that was not supplied."""
