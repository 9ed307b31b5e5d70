"""Benchmark extractors.temporal / extractors.numbers against dateparser on the seeds.

Not a test. Run:  .venv/bin/python bench/bench_temporal.py [--repeat N] [--dateparser-limit N]

1. Speed: every sentence of every seed (lines joined, narrative anchor carried) through
   temporal.find + numbers.find; prints expressions per second.
2. The same sentences through dateparser.search.search_dates(languages=["zh"]); prints its
   expressions per second and the speed ratio (per sentence).
3. Accuracy on tests/corpus/temporal.yaml for both (an expected expression counts when an
   expression with that text, or overlapping it, resolves to the expected ISO date at the
   expected precision), and on tests/corpus/numbers.yaml for numbers.find.
"""

import argparse
import calendar
import csv
import datetime as dt
import re
import sys
import time
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import numbers, temporal  # noqa: E402
from extractors.values import TimeValue  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def reference_of(published: str) -> dt.date:
    """Publication date as reference; a month-precision publication uses the month's last day."""
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def seed_sentences() -> list[tuple[str, dt.date, str]]:
    """(sentence, reference, file) for every sentence of every seed, lines joined."""
    out = []
    with open(ROOT / "seeds" / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = (ROOT / "seeds" / row["file"]).read_text(encoding="utf-8").replace("\n", "")
            ref = reference_of(row["published"])
            out.extend((s, ref, row["file"]) for s in SENTENCE_END.split(text) if s.strip())
    return out


def run_ours(sentences: list[tuple[str, dt.date, str]], quantities: bool = True) -> tuple[int, int]:
    """One pass the way the pipeline runs it: dates with a carried anchor, then quantities."""
    n_dates = n_quantities = 0
    anchor: TimeValue | None = None
    current = None
    for sentence, ref, name in sentences:
        if name != current:
            anchor, current = None, name
        found = temporal.find(sentence, reference=ref, anchor=anchor)
        anchor = temporal.advance_anchor(anchor, found)
        n_dates += len(found)
        if quantities:
            n_quantities += len(numbers.find(sentence))
    return n_dates, n_quantities


def dateparser_search(sentence: str, ref: dt.date):
    """dateparser.search.search_dates on one sentence (zh), relative to the reference."""
    from dateparser.search import search_dates

    base = dt.datetime(ref.year, ref.month, ref.day)
    try:
        return search_dates(sentence, languages=["zh"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # dateparser raises on some inputs; count them as nothing found
        return []


def iso_at(value: dt.datetime, precision: str) -> str:
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.date().isoformat()


def overlaps(a: str, b: str) -> bool:
    return a in b or b in a


def corpus_examples() -> list[tuple[str, dt.date, object, dict]]:
    corpus = yaml.safe_load((ROOT / "tests" / "corpus" / "temporal.yaml").read_text(encoding="utf-8"))
    default = dt.date.fromisoformat(str(corpus["reference_date"]))
    out = []
    for ex in corpus["examples"]:
        ref = dt.date.fromisoformat(str(ex.get("reference", default)))
        for want in ex["expect"]:
            out.append((ex["sentence"], ref, ex.get("anchor"), want))
    return out


def anchor_of(spec) -> TimeValue | dt.date | None:
    if spec is None:
        return None
    if isinstance(spec, dict):
        iso, precision = str(spec["date"]), spec["precision"]
        year = int(iso[:4])
        if precision == "month":
            month = int(iso[5:7])
            return TimeValue(iso, dt.date(year, month, 1),
                             dt.date(year, month, calendar.monthrange(year, month)[1]), "month", iso)
        return TimeValue(iso, dt.date(year, 1, 1), dt.date(year, 12, 31), precision, iso)
    return dt.date.fromisoformat(str(spec))


def accuracy_ours(examples) -> float:
    ok = 0
    for sentence, ref, anchor, want in examples:
        found = temporal.find(sentence, reference=ref, anchor=anchor_of(anchor))
        if any(v.text == want["text"] and v.date == want["date"] and v.precision == want["precision"]
               for _, _, v in found):
            ok += 1
    return ok / len(examples)


def accuracy_dateparser(examples) -> tuple[float, float]:
    ok = 0
    start = time.perf_counter()
    cache: dict[tuple[str, dt.date], list] = {}
    for sentence, ref, _anchor, want in examples:
        key = (sentence, ref)
        if key not in cache:
            cache[key] = dateparser_search(sentence, ref)
        precision = want["precision"] if want["precision"] in ("day", "month", "year") else None
        if precision and any(overlaps(text, want["text"]) and iso_at(value, precision) == want["date"]
                             for text, value in cache[key]):
            ok += 1
    return ok / len(examples), time.perf_counter() - start


def accuracy_numbers() -> float:
    corpus = yaml.safe_load((ROOT / "tests" / "corpus" / "numbers.yaml").read_text(encoding="utf-8"))
    total = ok = 0
    for ex in corpus["examples"]:
        found = numbers.find(ex["sentence"])
        for want in ex["expect"]:
            total += 1
            ok += any(q.text == want["text"] and abs(q.value - float(want["value"])) < 1e-6
                      and q.unit == want.get("unit", "") and q.qualifier == want.get("qualifier", "exact")
                      for _, _, q in found)
    for ex in corpus["negative"]:
        total += 1
        ok += not any(q.kind in ("quantity", "percent", "percent_point") and
                      (not ex.get("absent") or any(a in q.text for a in ex["absent"]))
                      for _, _, q in numbers.find(ex["sentence"]))
    return ok / total


def main() -> None:
    """Print speed and accuracy of our resolver and of dateparser on the same sentences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the seeds for our timing (best one counts)")
    parser.add_argument("--dateparser-limit", type=int, default=0, help="only the first N sentences for dateparser")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    sentences = seed_sentences()
    n_dates, n_quantities = run_ours(sentences)  # warm-up and counts
    # Best of the passes, interleaved: on a shared machine the mean mostly measures the neighbours.
    ours = dates_only = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        run_ours(sentences)
        ours = min(ours, time.perf_counter() - start)
        start = time.perf_counter()
        run_ours(sentences, quantities=False)
        dates_only = min(dates_only, time.perf_counter() - start)
    per_sentence_ours = ours / len(sentences)
    print(f"seeds: {len(sentences)} sentences, {n_dates} date and {n_quantities} quantity expressions")
    print(f"ours (dates + quantities): {ours * 1000:.1f} ms per pass, {(n_dates + n_quantities) / ours:,.0f} "
          f"expressions/s, {per_sentence_ours * 1e6:.1f} µs per sentence")
    print(f"ours (dates only): {dates_only * 1000:.1f} ms per pass, {n_dates / dates_only:,.0f} dates/s, "
          f"{dates_only / len(sentences) * 1e6:.1f} µs per sentence")
    print(f"ours (quantities, the difference): {(ours - dates_only) / len(sentences) * 1e6:.1f} µs per sentence")

    dp_sentences = sentences[: args.dateparser_limit] if args.dateparser_limit else sentences
    dateparser_search("2020年3月17日", dt.date(2020, 6, 30))  # import and warm-up outside the timing
    start = time.perf_counter()
    dp_found = sum(len(dateparser_search(s, ref)) for s, ref, _ in dp_sentences)
    dp_time = time.perf_counter() - start
    per_sentence_dp = dp_time / len(dp_sentences)
    print(f"dateparser.search_dates: {len(dp_sentences)} sentences in {dp_time:.2f} s, "
          f"{dp_found} expressions, {dp_found / dp_time:,.0f} expressions/s, "
          f"{per_sentence_dp * 1e6:.0f} µs per sentence")
    print(f"speed ratio per sentence vs dateparser: {per_sentence_dp / per_sentence_ours:,.1f}x "
          f"(ours dates+quantities), {per_sentence_dp / (dates_only / len(sentences)):,.1f}x (ours dates only)")

    examples = corpus_examples()
    acc_ours = accuracy_ours(examples)
    acc_dp, _ = accuracy_dateparser(examples)
    print(f"accuracy on tests/corpus/temporal.yaml ({len(examples)} expressions): "
          f"ours {acc_ours:.1%}, dateparser {acc_dp:.1%}")
    print(f"accuracy on tests/corpus/numbers.yaml (quantities + negatives): ours {accuracy_numbers():.1%}")


if __name__ == "__main__":
    main()
