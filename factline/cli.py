"""factline's command line: build, serve, export, eval, check."""

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from factline import database

DEFAULT_DB = "factline.db"
DEFAULT_CORPUS = "seeds"

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
    help="SQLite database file.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factline")
def cli() -> None:
    """factline: a fact database with an event timeline, built from Chinese news prose."""


@cli.command()
@click.argument("corpus_dirs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes, one writer; with --scheduler local, the LocalCluster's workers "
                   "[default: the number of CPUs].")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a "
                   "LocalCluster on this machine (needs the 'cluster' extra).")
def build(corpus_dirs: tuple[Path, ...], db_path: Path, workers: int | None, scheduler: str | None) -> None:
    """Build or update the database from corpus directories (default: seeds/)."""
    import os

    workers = workers or os.cpu_count() or 1
    from factline.build import build as run_build
    from factline.cluster import ClusterError
    from factline.corpus import ManifestError, discover

    roots = list(corpus_dirs) or [Path(DEFAULT_CORPUS)]
    for root in roots:
        if not root.exists():
            raise click.UsageError(f"{root}: no such corpus directory")
    if scheduler is not None:
        _require_dask()
    try:
        total = len(discover(roots))
        with _progress_bar(total) as bar:
            report = run_build(roots, db_path, workers=workers, scheduler=scheduler,
                               progress=bar.update if bar is not None else None)
    except (ManifestError, ClusterError) as exc:
        raise click.ClickException(str(exc)) from None
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    click.echo(report.summary())
    if report.rejected:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", type=int, default=8001, show_default=True)
def serve(db_path: Path, host: str, port: int) -> None:
    """Publish the database with Datasette (read-only, with canned queries)."""
    import uvicorn

    from factline.publish import make_datasette

    if not db_path.exists():
        raise click.UsageError(f"{db_path}: no such database; run 'factline build' first")
    ds = make_datasette(db_path)
    click.echo(f"serving {db_path} on http://{host}:{port}/", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


@cli.command("eval")
@click.option("--gold", "gold_files", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gold JSON Lines file.")
@db_option
@click.option("--record", is_flag=True, help="Also write the figures into the quality table.")
@click.option("--verbose", "-v", is_flag=True, help="List every date that differs from the gold.")
def eval_command(gold_files: tuple[Path, ...], db_path: Path, record: bool, verbose: bool) -> None:
    """Score the database against gold records: precision and recall per type, and exact dates."""
    from factline import evaluate

    _require_db(db_path)
    rows = []
    for path in gold_files:
        try:
            rows.extend(evaluate.load_gold(path))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    conn = database.connect(db_path)
    dates = evaluate.new_date_scores()
    scores = evaluate.evaluate(conn, rows, dates)
    click.echo(f"{'type':<10} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>7}")
    for kind, s in scores.items():
        p = f"{s.precision:.3f}" if s.precision is not None else "-"
        r = f"{s.recall:.3f}" if s.recall is not None else "-"
        click.echo(f"{kind:<10} {s.gold:>5} {s.found:>6} {p:>10} {r:>7}")
    click.echo(f"{'date of':<10} {'dated':>5} {'exact':>6} {'accuracy':>10}")
    for kind, d in dates.items():
        click.echo(f"{kind:<10} {d.dated:>5} {d.exact:>6} {_ratio(d.accuracy):>10}")
    if verbose:
        for kind, d in dates.items():
            for gold, found, quote in d.misses:
                click.echo(f"  date miss {kind}: gold {gold} found {found or '-'}: {quote}")
    if record:
        name = ",".join(p.name for p in gold_files)
        evaluate.record_quality(conn, scores, name, dt.datetime.now(dt.timezone.utc), dates)
    conn.close()
    recall, precision = evaluate.totals(scores)
    click.echo(f"recall={recall:.3f} precision={precision:.3f} dates={_ratio(evaluate.date_totals(dates))}")


def _ratio(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "-"


@cli.command()
@db_option
def check(db_path: Path) -> None:
    """Integrity: offsets match quotes, every record has a mention, migrations at head."""
    from factline.integrity import run_checks

    _require_db(db_path)
    problems = run_checks(db_path)
    for line in problems:
        click.echo(f"FAIL {line}", err=True)
    if problems:
        sys.exit(1)
    click.echo("ok: offsets, mentions, documents and migrations are consistent")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "timelinejs"]), required=True)
@db_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: standard output).")
@click.option("--kind", default=None,
              help="Only this kind (meeting, agreement, milestone, milestone_planned, policy, statistic, target).")
@click.option("--from", "date_from", default=None, help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Latest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--q", "query", default=None, help="Only events whose summary contains this text.")
def export(fmt: str, db_path: Path, out: Path | None, kind: str | None, date_from: str | None,
           date_to: str | None, query: str | None) -> None:
    """Export the timeline as CSV, JSON or TimelineJS JSON."""
    from factline.display import filter_errors
    from factline.export import export_timeline

    errors = filter_errors(kind=kind, date_from=date_from, date_to=date_to)
    if errors:
        click.echo(f"error: {'; '.join(errors)}", err=True)
        sys.exit(2)
    _require_db(db_path)
    text = export_timeline(db_path, fmt, kind=kind, date_from=date_from, date_to=date_to, query=query)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator:
    """A documents-done bar on a terminal's standard error; None when it is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", desc="extracting", file=sys.stderr) as bar:
        yield bar


def _require_dask() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise click.UsageError("--scheduler needs Dask: pip install 'factline[cluster]'") from None


def _require_db(db_path: Path) -> None:
    if not db_path.exists():
        raise click.UsageError(f"{db_path}: no such database; run 'factline build' first")
