"""sumops summarizer Space.

One API endpoint, /summarize(text, max_length, min_length), called by sumops' `--provider space` through
@gradio/client. The model is a Space variable (SUMOPS_MODEL). Texts longer than the model's window are split by
tokens, each chunk is summarized, and the partial summaries are summarized once more when they are still long.

Keep this app stateless: gr.State, unload/stream events and per-session caches turn on connect_heartbeat, whose
stream @gradio/client cannot close, so callers would never exit.
"""

import os
import re

import gradio as gr
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL_ID = os.environ.get("SUMOPS_MODEL", "sshleifer/distilbart-cnn-12-6")
DEFAULT_MAX_LENGTH = 142  # distilbart-cnn-12-6's generation defaults
DEFAULT_MIN_LENGTH = 56
LONGEST_SUMMARY = 1024
CHUNK_OVERLAP_TOKENS = 24  # a little shared context so a sentence cut at a boundary is seen whole once

# transformers 5 removed the "summarization" pipeline; tokenizer + generate is what it used to run.
tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL_ID)
model.eval()


def window_tokens():
    """Input tokens one generate() call reads, special tokens excluded."""
    limits = [getattr(model.config, "max_position_embeddings", None), tokenizer.model_max_length]
    usable = [int(limit) for limit in limits if isinstance(limit, int) and 0 < limit < 1_000_000]
    return (min(usable) if usable else 1024) - tokenizer.num_special_tokens_to_add()


def token_chunks(text, window):
    """The text cut into pieces of at most `window` tokens, overlapping by CHUNK_OVERLAP_TOKENS."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if len(ids) <= window:
        return [text]
    step = max(1, window - CHUNK_OVERLAP_TOKENS)
    starts = range(0, max(1, len(ids) - CHUNK_OVERLAP_TOKENS), step)
    return [tokenizer.decode(ids[start : start + window], skip_special_tokens=True) for start in starts]


def generate(texts, max_length, min_length, window):
    inputs = tokenizer(texts, truncation=True, max_length=window, padding=True, return_tensors="pt")
    with torch.inference_mode():
        output = model.generate(
            **inputs,
            max_length=max_length,
            min_length=min_length,
            num_beams=4,
            no_repeat_ngram_size=3,
            early_stopping=True,
        )
    return [summary.strip() for summary in tokenizer.batch_decode(output, skip_special_tokens=True)]


def one_sentence_per_line(summary):
    """CNN-trained models put spaces before punctuation and run sentences together."""
    summary = re.sub(r"\s+([.,;:!?])", r"\1", summary).strip()
    sentences = re.split(r"(?<=[.!?])\s+(?=[\"'A-Z0-9])", summary)
    return "\n".join(sentence.strip() for sentence in sentences if sentence.strip())


def summarize(text, max_length=DEFAULT_MAX_LENGTH, min_length=DEFAULT_MIN_LENGTH):
    text = (text or "").strip()
    if not text:
        raise gr.Error("text is empty: send the document to summarize")
    max_length = int(max_length if max_length is not None else DEFAULT_MAX_LENGTH)
    min_length = int(min_length if min_length is not None else DEFAULT_MIN_LENGTH)
    if not 1 <= max_length <= LONGEST_SUMMARY:
        raise gr.Error(f"max_length must be between 1 and {LONGEST_SUMMARY} tokens, got {max_length}")
    min_length = max(0, min(min_length, max_length))

    return one_sentence_per_line(condense(text, max_length, min_length, window_tokens()))


def condense(text, max_length, min_length, window, passes_left=3):
    """Map-reduce: summarize each chunk with a share of the length, then the joined parts until they fit."""
    chunks = token_chunks(text, window)
    if len(chunks) == 1 or passes_left == 0:
        return generate(chunks[:1] if passes_left == 0 else chunks, max_length, min_length, window)[0]
    share = max(min_length, max_length // len(chunks), 32)
    joined = " ".join(generate(chunks, share, min(min_length, share // 2), window))
    if token_count(joined) <= max_length:
        return joined
    if token_count(joined) >= token_count(text):  # tiny windows: another pass would not shrink it
        passes_left = 1
    return condense(joined, max_length, min_length, window, passes_left - 1)


def token_count(text):
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


demo = gr.Interface(
    fn=summarize,
    inputs=[
        gr.Textbox(label="text", lines=12, placeholder="Paste an article"),
        gr.Number(label="max_length", value=DEFAULT_MAX_LENGTH, precision=0, minimum=1, maximum=LONGEST_SUMMARY),
        gr.Number(label="min_length", value=DEFAULT_MIN_LENGTH, precision=0, minimum=0, maximum=LONGEST_SUMMARY),
    ],
    outputs=gr.Textbox(label="summary", lines=8),
    api_name="summarize",
    title="sumops summarizer",
    description=f"Abstractive summaries with `{MODEL_ID}`; one sentence per line.",
    flagging_mode="never",
    deep_link=False,
)
# CPU hardware: one generation at a time; others wait in the queue instead of thrashing.
demo.queue(default_concurrency_limit=1)

if __name__ == "__main__":
    demo.launch()
