"""Expressions inside sentences: Chinese numerals, quantities and dates."""
