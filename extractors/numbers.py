"""Public entry point for Chinese quantities: ``parse_quantity(text)`` and ``find``.

The implementation lives in ``extractors.expressions.numbers``; this module is the stable import path that
users and external checks call.
"""

from extractors.expressions.numbers import find, parse_quantity

__all__ = ["find", "parse_quantity"]
