"""How a stored record is matched against a gold fact (factline eval): one matcher per record type, named in
its registry entry. A found row is the columns of the type's eval_sql: (id, name, second, third, qualifier,
date)."""

import json

from extractors.facts.agreement import expand_abbreviations
from extractors.ingest.text import PINYIN_GLOSS
from factline.consolidate import norm


def contains(a: str, b: str) -> bool:
    # Gold quoted from a mirror page may keep its pinyin glosses ("关(guān)于"); ingest drops them.
    a, b = norm(PINYIN_GLOSS.sub("", a)), norm(PINYIN_GLOSS.sub("", b))
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def statistic_matches(gold: dict, name: str, second: object, third: object) -> bool:
    """The same value (within 0.5 %) in the same unit."""
    value, target = float(second), float(gold["value"])  # type: ignore[arg-type]
    close = abs(value - target) <= abs(target) * 0.005 if target else value == 0
    return close and (third or "") == (gold.get("unit") or "")


def meeting_matches(gold: dict, name: str, second: object, third: object) -> bool:
    """The gold's session when it states one, else its name."""
    if gold.get("session") is not None:
        return gold["session"] == second
    return contains(gold.get("name") or "", name or "")


def agreement_matches(gold: dict, name: str, second: object, third: object) -> bool:
    """The gold's title, else one of its parties."""
    if gold.get("title") and name and contains(gold["title"], name):
        return True
    parties = json.loads(second or "[]")  # type: ignore[arg-type]
    # a gold party written as a one-character place name (港, 深) is the place the extractor names (香港, 深圳)
    wanted = [place for g in gold.get("parties") or [] for place in expand_abbreviations(g)]
    return any(contains(g, p) for g in wanted for p in parties)


def project_matches(gold: dict, name: str, second: object, third: object) -> bool:
    """The gold's name, or any other name the project is written under (attributes.aliases)."""
    names = [name or "", *json.loads(third or "{}").get("aliases", [])]  # type: ignore[arg-type]
    return any(contains(gold.get("name") or "", n) for n in names)


def policy_matches(gold: dict, name: str, second: object, third: object) -> bool:
    """The gold's title."""
    return contains(gold.get("title") or "", name or "")
