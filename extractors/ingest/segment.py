"""One jieba tokenizer per process, loaded with the factline domain user dictionary."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import jieba

__all__ = ["USERDICT", "tokenizer", "cut"]

from extractors.rules import LEXICON_DIR

# The domain dictionary shipped with the package; FACTLINE_USERDICT overrides it.
USERDICT = Path(os.environ.get("FACTLINE_USERDICT") or LEXICON_DIR / "userdict.txt")

_LOCK = threading.Lock()
_TOKENIZER: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The process-wide jieba Tokenizer, initialised once with the user dictionary when it exists."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                if USERDICT.is_file():
                    tok.load_userdict(str(USERDICT))
                _TOKENIZER = tok
    return _TOKENIZER


def cut(text: str) -> list[str]:
    """Segment text into words (jieba precise mode with HMM, plus the domain dictionary)."""
    return list(tokenizer().cut(text))
