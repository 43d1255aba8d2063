"""Stand-in for torch in the Space contract test: only what app.py touches."""

import contextlib


@contextlib.contextmanager
def inference_mode():
    yield
