"""Decoder-only chat models (Qwen2.5-Instruct, Llama-style) on transformers, behind the Backend interface.

Each input text is one user message: the tokenizer's chat template turns it into model input (with
the generation prompt), and the answer is what the model writes after it. Inputs of a batch are padded
on the left, since a decoder-only model continues from the last position. CTranslate2 is not used for
these models; the registry's "transformers" entry loads this class for them (`TransformersBackend.open`).
"""

from __future__ import annotations

from functools import cached_property

from ...errors import ModelError
from ..hub import ResolvedModel, load_causal, set_threads, torch_versions
from .base import Backend, GenerationSettings, input_limit

DEFAULT_MAX_NEW_TOKENS = 256  # an answer's length when the settings do not say
DEFAULT_CONTEXT = 2048  # positions of a config that does not state them


class TransformersChatBackend(Backend):
    name = "transformers"
    kinds = frozenset({"chat"})

    def __init__(
        self, model: ResolvedModel, device: str = "cpu", *, threads: int | None = None, quantization: str | None = None
    ):
        if quantization not in (None, "float32", "default", "auto"):
            raise ModelError(f"chat models run in float32 on transformers (asked: {quantization})")
        super().__init__(model, device, threads=set_threads(threads))
        self.net, self.tokenizer = load_causal(model, device)
        if not getattr(self.tokenizer, "chat_template", None):
            raise ModelError(
                f"{model.name} is a decoder-only model without a chat template, so it cannot be prompted "
                "to summarise: use an instruction-tuned (chat) model or a seq2seq summariser"
            )
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    @cached_property
    def max_input_tokens(self) -> int:
        """The model's context (prompt and answer share it: callers keep room for the answer)."""
        config = self.net.config
        positions = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
        return input_limit(self.tokenizer, positions or DEFAULT_CONTEXT)

    def chat_ids(self, text: str) -> list[int]:
        """`text` as one user message through the chat template, ready for the answer."""
        messages = [{"role": "user", "content": text}]
        options = {"add_generation_prompt": True, "tokenize": True, "return_dict": False}
        try:
            # Control tokens in the article (an "<|im_end|>" in the text) are encoded as plain text.
            ids = self.tokenizer.apply_chat_template(messages, sanitize_control_tokens=True, **options)
        except TypeError:  # transformers before sanitize_control_tokens existed
            ids = self.tokenizer.apply_chat_template(messages, **options)
        return list(ids)

    def count_tokens(self, text: str) -> int:
        return len(self.chat_ids(text))

    def generate(self, texts: list[str], settings: GenerationSettings) -> list[str]:
        import torch

        if not texts:
            return []
        ids = [self.chat_ids(t) for t in texts]
        width = max(len(i) for i in ids)
        pad = self.tokenizer.pad_token_id
        input_ids = torch.tensor([[pad] * (width - len(i)) + i for i in ids], device=self.device)
        mask = torch.tensor([[0] * (width - len(i)) + [1] * len(i) for i in ids], device=self.device)
        with torch.inference_mode():
            out = self.net.generate(
                input_ids=input_ids,
                attention_mask=mask,
                do_sample=False,
                num_beams=settings.beams,
                max_new_tokens=settings.max_new_tokens or DEFAULT_MAX_NEW_TOKENS,
                min_new_tokens=settings.min_new_tokens or 0,
                length_penalty=settings.length_penalty,
                repetition_penalty=settings.repetition_penalty,
                no_repeat_ngram_size=settings.no_repeat_ngram_size,
                pad_token_id=pad,
            )
        return self.tokenizer.batch_decode(out[:, width:], skip_special_tokens=True)

    def versions(self) -> dict[str, str]:
        return torch_versions()
