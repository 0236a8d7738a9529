"""The ``actionplans`` command.  Each command parses options, calls one API function, prints."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import duckdb

from . import api
from .errors import ActionplansError
from .ingest import ingest as ingest_documents
from .output import FORMATS, render
from .profile import available_profiles
from .store import existing_database
from .store.export import FORMATS as EXPORT_FORMATS

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="DuckDB file (default: $ACTIONPLANS_DB or data/clean/actionplans.duckdb).",
)


FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table and markdown for people; csv, json, jsonl for programs (lists as JSON arrays).",
)
NO_TRUNCATE_OPTION = click.option(
    "--no-truncate", is_flag=True, help="Print whole cell values in table output."
)


def _echo_frame(frame, fmt: str, no_truncate: bool) -> None:
    click.echo(render(frame, fmt, max_width=None if no_truncate else 60))


class _Group(click.Group):
    """Turns expected errors into one line on stderr; tracebacks only with --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ActionplansError as exc:  # every error raised on purpose, from any stage: one line
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(_unprefixed(str(exc))) from None
        except click.ClickException as exc:
            # click adds "Error: " itself; the message is changed in place so that the exception
            # keeps its class and context (usage text, exit code). click types it Final, but it is
            # a plain attribute.
            exc.message = _unprefixed(exc.message)  # type: ignore[misc]
            raise
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - last-resort one-line error
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"{one_line(exc)} (run with --debug for a traceback)"
            ) from None


def _unprefixed(message: str) -> str:
    """A message without the "Error: " click prints before it anyway (never "Error: Error:")."""
    while message[:6].lower() == "error:":
        message = message[6:].lstrip()
    return message


def one_line(exc: BaseException) -> str:
    """The exception's first line, with its type where the message does not already say what it is.

    >>> one_line(ValueError("bad value")), one_line(RuntimeError("Error: disk gone"))
    ('ValueError: bad value', 'RuntimeError: disk gone')
    """
    first = _unprefixed((str(exc).splitlines() or [""])[0].strip())
    name = exc.__class__.__name__
    if name in ("Error", "Exception") or re.match(r"[A-Z][A-Za-z ]* Error: ", first):
        return first or name  # duckdb.Error, csv.Error, "Catalog Error: ...": the type adds nothing
    return f"{name}: {first}" if first else name


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="actionplans")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn council climate action plans into queryable DuckDB data."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _edition(value: str | None) -> str | None:
    """--edition is checked once, as a usage error, not once per document."""
    if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise click.BadParameter(f"{value!r} is not YYYY-MM (e.g. 2023-12)")
    return value


def _db_folder(db: str | None) -> None:
    """A --db whose folder does not exist is a mistyped path, not a folder to create."""
    if db and db != ":memory:" and not Path(db).parent.exists():
        raise click.BadParameter(
            f"folder {str(Path(db).parent)!r} does not exist", param_hint="--db"
        )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--council", help="Council name, for files not listed in a manifest.toml.")
@click.option(
    "--edition",
    callback=lambda ctx, param, value: _edition(value),
    help="Edition as YYYY-MM, for files not listed in a manifest.",
)
@click.option("--plan", help="Plan key(s), comma-separated (e.g. county or council,county).")
@click.option(
    "--profile",
    help=(
        "Layout profile name or YAML path (see `actionplans profiles`), or auto to infer it from"
        " the document."
    ),
)
@click.option("--title", help="Document title, for files not listed in a manifest.")
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(0, 256),
    help=(
        "Documents read in parallel worker processes (0: in this process, no limits); "
        "with fewer documents than jobs, the spare ones OCR more pages of each scan at once."
    ),
)
@click.option(
    "--timeout",
    default=300.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a document may take before it is abandoned.",
)
@click.option(
    "--max-memory",
    default=1536,
    show_default=True,
    type=click.IntRange(min=16),
    help="MB of memory a document's worker may use.",
)
@click.option(
    "--wait", is_flag=True, help="Wait for another actionplans process to release the database."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; ray: tasks on a Ray cluster.",
)
@click.option(
    "--address", help="Ray cluster address (default: start a local one with --jobs workers)."
)
@click.option(
    "--shards",
    type=click.Path(file_okay=False),
    help="Where Ray workers write Parquet shards (shared storage).",
)
@click.option(
    "--password", help="Password for encrypted PDFs (owner-password-only PDFs need none)."
)
@click.option(
    "--no-reconcile",
    is_flag=True,
    help="Do not link new editions now (bulk loads: run `actionplans reconcile` after).",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="PDF pages read by OCR: auto (pages without a usable text layer), always, never.",
)
@click.option(
    "--strict",
    is_flag=True,
    help=(
        "Fail a document in which anything was repaired or found wrong, instead of loading it with"
        " a log."
    ),
)
@click.option("--quiet", is_flag=True, help="No progress bars.")
def ingest(
    paths,
    db,
    council,
    edition,
    plan,
    profile,
    title,
    jobs,
    timeout,
    max_memory,
    wait,
    engine,
    address,
    shards,
    password,
    no_reconcile,
    ocr,
    strict,
    quiet,
) -> None:
    """Load PATH... (files, or folders with a manifest.toml) into the database.

    A file no manifest describes needs nothing more: its layout profile is
    inferred and its council and edition are read from it (flags win).

    Prints one summary line per document; failures go to stderr and make the
    exit code 1, but the other documents still load.
    """
    _db_folder(db)
    report = ingest_documents(
        list(paths),
        db=db,
        council=council,
        edition=edition,
        plan=plan,
        profile=profile,
        title=title,
        jobs=jobs,
        timeout=timeout,
        max_memory=max_memory,
        wait=wait,
        engine=engine,
        address=address,
        shards=shards,
        progress=not quiet,
        echo=True,
        ocr=ocr,
        password=password,
        reconcile=not no_reconcile,
        strict=strict,
    )
    loaded = sum(r.status == "loaded" for r in report.results)
    unchanged = sum(r.status == "unchanged" for r in report.results)
    click.echo(f"{loaded} loaded, {unchanged} unchanged, {len(report.failed)} failed")
    if not report.ok:
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option(
    "--since", help="Re-read documents extracted by a version older than this (e.g. 0.2.0)."
)
@click.option(
    "--jobs", default=1, show_default=True, type=click.IntRange(0, 256), help="Parallel workers."
)
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", help="Ray cluster address.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def reextract(db, since, jobs, engine, address, quiet) -> None:
    """Re-read documents whose extractor version changed, keeping ids, links and overrides."""
    from .ingest import reextract as reextract_documents

    existing_database(db)
    report = reextract_documents(
        db=db, since=since, jobs=jobs, engine=engine, address=address, progress=not quiet, echo=True
    )
    loaded = sum(r.status == "loaded" for r in report.results)
    click.echo(f"{loaded} re-extracted, {len(report.failed)} failed")
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("query", required=False)
@DB_OPTION
@click.option(
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the query from a file.",
)
@FORMAT_OPTION
@NO_TRUNCATE_OPTION
@click.option(
    "--unsafe",
    is_flag=True,
    help=(
        "Let the query read and write files, attach databases and load extensions (only for queries"
        " you trust)."
    ),
)
def sql(query, db, query_file, fmt, no_truncate, unsafe) -> None:
    """Run a SQL QUERY against the database (read-only) and print the result.

    The query cannot touch files, other databases or the network, nor change
    settings, unless --unsafe is given.
    """
    if query_file:
        query = Path(query_file).read_text(encoding="utf-8")
    if not query:
        raise click.UsageError("give a QUERY or --file")
    existing_database(db)
    try:
        df = api.sql(query, db=db, unsafe=unsafe)
    except duckdb.Error as exc:
        first = (str(exc).splitlines() or [""])[0]
        if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in first:
            raise click.ClickException(
                f"query refused: {first} (`actionplans sql` runs in a sandbox: no files, "
                "network, extensions or settings; pass --unsafe for a query you trust)"
            ) from None
        if "lock" in first.lower():
            raise
        hint = next(
            (
                line.strip()
                for line in str(exc).splitlines()[1:]
                if line.strip().startswith("Did you mean")
            ),
            "",
        )
        raise click.ClickException(
            f"query failed: {first}" + (f" {hint}" if hint else "")
        ) from None
    _echo_frame(df, fmt, no_truncate)


@cli.command()
@DB_OPTION
@FORMAT_OPTION
@NO_TRUNCATE_OPTION
def documents(db, fmt, no_truncate) -> None:
    """List the documents loaded, with their action and finding counts."""
    existing_database(db)
    _echo_frame(api.documents(db=db), fmt, no_truncate)


@cli.command()
@DB_OPTION
@click.option("--counts", is_flag=True, help="Also count the rows of each table and view.")
@FORMAT_OPTION
def tables(db, counts, fmt) -> None:
    """List the tables and views of the database."""
    existing_database(db)
    _echo_frame(api.tables(db=db, counts=counts), fmt, False)


@cli.command()
@click.argument("table", required=False)
@DB_OPTION
@FORMAT_OPTION
def schema(table, db, fmt) -> None:
    """Show the columns of TABLE (a table or view), or of every table."""
    existing_database(db)
    try:
        frame = api.schema(table, db=db)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_frame(frame, fmt, True)


@cli.command()
@click.argument("ref", metavar="DOC:ID")
@DB_OPTION
@FORMAT_OPTION
@NO_TRUNCATE_OPTION
def lineage(ref, db, fmt, no_truncate) -> None:
    """Show the chain of action DOC:ID through the editions, with stage and RAG in each."""
    existing_database(db)
    try:
        frame = api.lineage(ref, db=db)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    _echo_frame(frame, fmt, no_truncate)


@cli.command()
@DB_OPTION
@click.option(
    "--format", "format", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="data/clean/export",
    show_default=True,
    help="Folder for the files and datapackage.json.",
)
def export(db, format, out) -> None:
    """Write every table and view to OUT, with a Frictionless datapackage.json describing them."""
    existing_database(db)
    report = api.export(db=db, format=format, out=out)
    for res in report.resources:
        click.echo(f"{res.kind:5}  {res.name:20} {res.rows:6} rows  {res.path}")
    click.echo(f"{report.summary()}; described in {report.datapackage}")


@cli.command()
@DB_OPTION
@click.option(
    "--doc",
    multiple=True,
    help="Document id to report on (repeatable; default: all, plus failed files).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder for <doc>.html, <doc>.json and index.html.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when any error-level finding exists or a file failed to load.",
)
def report(db, doc, out, strict) -> None:
    """Write validation reports: per document an HTML page and a JSON file, plus index.html."""
    result = api.report(db=db, doc=list(doc), out=out, strict=strict)
    for d in result.documents:
        f = d["findings"]
        click.echo(
            f"{d['doc_id']}: {d['verdict']['level']}; {d['actions']} actions"
            f" ({d['flagged_actions']} flagged), completeness {d['completeness']:.0%}, {f['error']}"
            f" errors, {f['warning']} warnings, {f['info']} info"
        )
    for x in result.failures:
        click.echo(f"{x['path']}: failed to load: {x['message']}")
    click.echo(
        f"wrote {len(result.documents)} reports to {result.out} (open {result.out / 'index.html'})"
    )
    if strict and not result.strict_ok:
        click.echo(
            f"strict: {result.errors} error-level findings, {len(result.failures)} files failed to"
            " load",
            err=True,
        )
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option("--council", help="Only this council (default: every council).")
@click.option(
    "--overrides",
    type=click.Path(dir_okay=False),
    help="Analyst overrides CSV (default: data/overrides.csv when it exists).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help=(
        "Write the new and dropped actions, each with its best rejected candidate and why, to this"
        " CSV."
    ),
)
def reconcile(db, council, overrides, report_path) -> None:
    """Link each edition of a council's plans to the previous one (links table, lineage views)."""
    from .reconcile import reconcile as link_editions

    existing_database(db)
    result = link_editions(db, council=council, overrides=overrides)
    click.echo(result.summary())
    if report_path:
        Path(report_path).parent.mkdir(parents=True, exist_ok=True)
        result.unlinked.to_csv(report_path, index=False)
        click.echo(f"wrote {len(result.unlinked)} new and dropped actions to {report_path}")


@cli.group()
def links() -> None:
    """Links between editions: explain one, review the uncertain ones."""


@links.command()
@click.argument("ref", metavar="DOC:ID")
@DB_OPTION
@click.option(
    "--candidates", default=5, show_default=True, type=click.IntRange(1), help="Candidates shown."
)
@click.option(
    "--top",
    default=6,
    show_default=True,
    type=click.IntRange(1),
    help="Comparisons shown per candidate.",
)
def explain(ref, db, candidates, top) -> None:
    """Why DOC:ID was linked (or not): its candidates, what each comparison added, the decision."""
    from .reconcile import explain_link

    existing_database(db)
    try:
        explanation = explain_link(ref, db=db)
    except LookupError as exc:
        raise click.ClickException(str(exc).strip("'\"")) from None
    click.echo(explanation.text(top=top, candidates=candidates))


@links.command()
@DB_OPTION
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="CSV file to write.")
@click.option("--low", type=click.FloatRange(0, 1), help="Lowest score to include (default 0.15).")
@click.option(
    "--high", type=click.FloatRange(0, 1), help="Scores from here up are certain (default 0.8)."
)
def review(db, out, low, high) -> None:
    """Write uncertain candidate links, both texts side by side, for an analyst to confirm."""
    from .reconcile import review_links

    existing_database(db)
    rows = review_links(db, out=out, low=low, high=high)
    click.echo(
        f"{len(rows)} uncertain candidates written to {out}; fill in `relation` (or `reject`) "
        "and `note`, then add the rows to data/overrides.csv"
    )


@cli.command()
def profiles() -> None:
    """List the bundled layout profiles."""
    for name in available_profiles():
        click.echo(name)


@cli.group()
def profile() -> None:
    """Layout profiles: infer one for a plan you have not seen before."""


@profile.command("infer")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write the profile YAML to this file (default: print it).",
)
@click.option(
    "--plan", help="Plan key(s) the document holds, comma-separated (e.g. council,county)."
)
@click.option(
    "--rows", default=5, show_default=True, type=click.IntRange(0), help="Rows to preview."
)
def infer(file, out, plan, rows) -> None:
    """Guess FILE's layout profile; print it (or write --out) and preview its first rows."""
    from .infer import infer_profile, preview_actions

    # a missing document fails (exit 1), as in ingest; a bad flag is a usage error (2)
    if not Path(file).is_file():
        raise click.ClickException(f"{file}: no such file")
    inferred = infer_profile(file, plans=plan.split(",") if plan else None)
    result = inferred.decisions[-1]
    if out:
        Path(out).write_text(inferred.yaml, encoding="utf-8")
        click.echo(
            f"wrote {out} ({inferred.name}): {result.evidence}; confidence {result.confidence:.2f}"
        )
    else:
        click.echo(inferred.yaml, nl=False)
    echo = click.echo if out else (lambda text: click.echo(text, err=True))
    for d in inferred.uncertain:
        echo(f"uncertain  {d.setting}: {d.comment()}")
    if rows:
        echo(render(preview_actions(inferred, rows), "table", max_width=50))


def main() -> None:
    # --debug may stand anywhere on the line (``actionplans ingest x.pdf --debug``), not only
    # before the command
    args = sys.argv[1:]
    if "--debug" in args[1:]:
        args = ["--debug"] + [a for a in args if a != "--debug"]
    cli(args=args, prog_name="actionplans")


@cli.command()
@DB_OPTION
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Loopback address to bind (the view is local: 127.0.0.1, localhost or ::1).",
)
@click.option("--no-open", is_flag=True, help="Do not open a web browser.")
def serve(db, port, host, no_open) -> None:
    """Browse the database in a web page (Datasette, read-only) until Ctrl-C.

    Needs Datasette: pip install 'actionplans[serve]'.
    """
    from .serve import LOOPBACK, ServeError, run

    if host not in LOOPBACK and not host.startswith("127."):
        raise click.BadParameter(
            f"{host!r} is not a loopback address; the web view is local only", param_hint="--host"
        )
    existing_database(db)
    try:
        site = api.serve(db=db, host=host, port=port)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None
    state = (
        "in use by another process: serving the previous mirror"
        if site.in_use
        else "rebuilt"
        if site.rebuilt
        else "up to date"
    )
    click.echo(
        f"mirror {site.sqlite} ({state}); serving {site.url(host, port)} (Ctrl-C to stop)", err=True
    )
    run(site, host=host, port=port, open_browser=not no_open)


if __name__ == "__main__":
    main()
