"""Party names normalised for the party pages: 四川省 / 四川 / 川 are one party where they mean the province."""

import functools
from pathlib import Path

import yaml

PLACES_FILE = Path(__file__).resolve().parent / "lexicons" / "places.yaml"
# 川渝两地 is both provinces; 川渝两地科技部门 is neither (a department), so only these tails are allowed.
GROUP_TAILS = ("", "两地", "三地", "双方")


@functools.cache
def _places() -> tuple[dict[str, str], dict[str, str]]:
    """(every written form -> place name, one-character abbreviation -> place name)."""
    data = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))["places"]
    forms, shorts = {}, {}
    for name, entry in data.items():
        forms[name] = forms[entry["full"]] = name
        shorts[entry["short"]] = name
    return forms, shorts


def canonical(party: str) -> str:
    """The name a party's page is under: 四川省, 四川 and 川 -> 四川; anything else as written, trimmed."""
    party = party.strip()
    forms, shorts = _places()
    return forms.get(party) or shorts.get(party) or party


def places_meant(party: str) -> set[str]:
    """The provinces a party written this way IS: 四川省 -> {四川}; 川渝两地 -> {四川, 重庆}; 四川省侨联 -> {}."""
    party = party.strip()
    forms, shorts = _places()
    if party in forms:
        return {forms[party]}
    for tail in GROUP_TAILS:
        head = party[: len(party) - len(tail)] if tail else party
        if party.endswith(tail) and len(head) >= 1 and all(ch in shorts for ch in head):
            return {shorts[ch] for ch in head}
    return set()


def is_party(written: str, name: str) -> bool:
    """Whether a party as written is the party `name` (a province under any of its forms, or the same name)."""
    name = canonical(name)
    return name in places_meant(written) or canonical(written) == name


def belongs_to(written: str, name: str) -> bool:
    """Whether a party as written is `name` or one of its bodies (四川省侨联 and 四川天府新区 belong to 四川)."""
    if is_party(written, name):
        return True
    return len(canonical(name)) >= 2 and written.strip().startswith(tuple(forms_of(name)))


def forms_of(name: str) -> list[str]:
    """The written forms of a party of two characters or more, longest first: 四川 -> [四川省, 四川]."""
    name = canonical(name)
    forms, _ = _places()
    return sorted([form for form, place in forms.items() if place == name] or [name], key=len, reverse=True)


def place_short(place: str) -> str | None:
    """The one-character abbreviation of a province-level place (重庆 → 渝, 四川省 → 川), or None."""
    forms, shorts = _places()
    name = forms.get(place)
    return next((short for short, named in shorts.items() if named == name), None) if name else None
