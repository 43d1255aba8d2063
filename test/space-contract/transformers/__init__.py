"""Stand-in for transformers in the Space contract test: a word-level tokenizer and a model whose "summary" is
the first max_length tokens of its input, recording every generate() call. SUMOPS_STUB_WINDOW sets the model's
window (default 1024 tokens)."""

import os

LOADED = []
GENERATE_CALLS = []
_WINDOW = int(os.environ.get("SUMOPS_STUB_WINDOW", "1024"))
_SPECIAL_TOKENS = 2


class _Tokenizer:
    model_max_length = _WINDOW

    def __init__(self):
        self._ids = {}
        self._words = []

    def _id(self, word):
        if word not in self._ids:
            self._ids[word] = len(self._words)
            self._words.append(word)
        return self._ids[word]

    def _encode(self, text, truncation, max_length):
        ids = [self._id(word) for word in text.split()]
        return ids[:max_length] if truncation and max_length else ids

    def __call__(self, text, add_special_tokens=True, truncation=False, max_length=None, padding=False, return_tensors=None):
        if isinstance(text, list):
            return {"input_ids": [self._encode(item, truncation, max_length) for item in text]}
        return {"input_ids": self._encode(text, truncation, max_length)}

    def num_special_tokens_to_add(self):
        return _SPECIAL_TOKENS

    def decode(self, ids, skip_special_tokens=False):
        return " ".join(self._words[i] for i in ids)

    def batch_decode(self, rows, skip_special_tokens=False):
        return [self.decode(row) for row in rows]


class _Config:
    max_position_embeddings = _WINDOW


class _Model:
    config = _Config()

    def eval(self):
        return self

    def generate(self, input_ids, max_length, min_length, **kwargs):
        GENERATE_CALLS.append(
            {"rows": [len(row) for row in input_ids], "max_length": max_length, "min_length": min_length}
        )
        return [row[:max_length] for row in input_ids]


class AutoTokenizer:
    @staticmethod
    def from_pretrained(model_id, **kwargs):
        LOADED.append(model_id)
        return _Tokenizer()


class AutoModelForSeq2SeqLM:
    @staticmethod
    def from_pretrained(model_id, **kwargs):
        LOADED.append(model_id)
        return _Model()
