"""Public entry point for Chinese date expressions: ``resolve(text, *, reference, anchor=None)`` and ``find``.

The implementation lives in ``extractors.expressions.temporal``; this module is the stable import path that
users and external checks call.
"""

from extractors.expressions.temporal import advance_anchor, find, resolve

__all__ = ["advance_anchor", "find", "resolve"]
