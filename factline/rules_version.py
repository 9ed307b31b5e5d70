"""What the extraction rules are: one fingerprint of the code and word lists that turn text into records.

A document is re-extracted when its file changed or when the rules did (a new factline, a corpus's own
lexicons added or edited): a rebuild never keeps records the current rules would not produce.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
# The packages and modules whose code or data decide what a document yields.
_SOURCES = ("extractors", "factline/pipeline.py", "factline/consolidate.py", "factline/articles.py",
            "factline/record_types.py")
_SUFFIXES = frozenset({".py", ".yaml", ".txt"})


@lru_cache(maxsize=1)
def _packaged() -> str:
    digest = hashlib.sha256()
    for source in _SOURCES:
        path = _ROOT / source
        files = sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(_ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def fingerprint(corpus_lexicons: list[Path]) -> str:
    """The rules' fingerprint: the packaged extractors and the corpus lexicons read for this build."""
    digest = hashlib.sha256(_packaged().encode())
    for path in corpus_lexicons:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
