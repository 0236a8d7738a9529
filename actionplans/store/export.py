"""Export every table and view to Parquet, CSV or JSON with a Frictionless ``datapackage.json``.

The files open without our code: in pandas (``pd.read_parquet``, ``pd.read_csv``,
``pd.read_json``), in R (``arrow``, ``readr``, ``jsonlite``, the ``frictionless``
package), in DuckDB (``read_parquet``, ``read_csv``, ``read_json``) and in a
spreadsheet (the CSV files).  ``datapackage.json`` says what each file holds:
its columns, their types and what they mean.

How the awkward column types are written:

=========  ===================  ==============================  ===================
DuckDB     Parquet              CSV                             JSON
=========  ===================  ==============================  ===================
LIST       list<string>         JSON array text ``["a","b"]``   JSON array
JSON       JSON (string)        JSON text ``{"k": 1}``          JSON value
TIMESTAMP  timestamp            ISO 8601 ``2025-04-01T09:00``   ISO 8601 string
=========  ===================  ==============================  ===================

In ``datapackage.json`` a LIST column is ``type: array`` (with ``arrayItem``
giving the element type), and a JSON column is ``type: object`` or ``array``
when all its values are objects or arrays (the Table Schema types whose text
form is JSON), else ``any``.  Each field also carries its DuckDB type as
``x-duckdbType``, each resource its row count (``x-rows``) and whether it is a
table or a view (``x-kind``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ..errors import ActionplansError

FORMATS = ("parquet", "csv", "json")

_MEDIATYPE = {
    "parquet": "application/vnd.apache.parquet",
    "csv": "text/csv",
    "json": "application/json",
}

_SCHEMA_SQL = Path(__file__).with_name("schema.sql")

# What the first tables of the contract hold; later tables and views are described by the comment
# above their CREATE in schema.sql (or by COMMENT ON).
_TABLE_DESCRIPTIONS = {
    "documents": (
        "One row per ingested document: where it came from, its council, edition and plans."
    ),
    "actions": (
        "One row per action of a plan edition, as normalised; attributes holds plan-specific"
        " fields."
    ),
    "corrections": (
        "Every change normalisation made to what a document said: field, raw and clean value, rule."
    ),
    "findings": "The validation report: what the checks found in each document, with a severity.",
    "links": (
        "Lineage: which action of one edition became which action of a later edition, and how."
    ),
    "status_history": (
        "Stage and RAG of each action at each step of its lineage chain (see action_lineage), "
        "with the previous step's values and whether they changed."
    ),
}


class ExportError(ActionplansError, RuntimeError):
    """The export could not be written (bad format, unwritable folder)."""


@dataclass(frozen=True)
class ExportedResource:
    """One table or view written to one file."""

    name: str
    kind: str  # table | view
    path: Path
    rows: int
    columns: int


@dataclass
class ExportReport:
    """What ``export`` wrote: one resource per table and view, plus ``datapackage.json``."""

    out: Path
    format: str
    resources: list[ExportedResource] = field(default_factory=list)

    @property
    def datapackage(self) -> Path:
        return self.out / "datapackage.json"

    def summary(self) -> str:
        tables = sum(r.kind == "table" for r in self.resources)
        views = len(self.resources) - tables
        return (
            f"{tables} table{'s' if tables != 1 else ''} and {views}"
            f" view{'s' if views != 1 else ''} written as {self.format} to {self.out}"
        )


@dataclass(frozen=True)
class _Column:
    name: str
    data_type: str
    nullable: bool
    comment: str | None
    json_kind: str | None = None  # for JSON columns: object | array | any (what the values are)


def export_connection(
    con: duckdb.DuckDBPyConnection,
    out: str | Path,
    format: str = "parquet",
    db_label: str | None = None,
) -> ExportReport:
    """Write every table and view of ``con`` to ``out`` as ``format`` files plus
    ``datapackage.json``.

    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE t (id INTEGER, tags VARCHAR[])")
    >>> import tempfile; out = tempfile.mkdtemp()
    >>> report = export_connection(con, out, "csv")
    >>> [(r.name, r.rows) for r in report.resources]
    [('t', 0)]
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the export folder ({exc.strerror})") from None
    report = ExportReport(out=out, format=format)
    descriptors = []
    for name, kind, comment in _relations(con):
        columns = _columns(con, name)
        path = out / f"{name}.{format}"
        _write(con, name, columns, path, format)
        rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
        report.resources.append(ExportedResource(name, kind, path, rows, len(columns)))
        descriptors.append(
            _resource_descriptor(con, name, kind, comment, columns, path, format, rows)
        )
    package = {
        "profile": "tabular-data-package",
        "name": "actionplans",
        "title": "Council climate action plans",
        "description": (
            "Actions of council climate action plans, extracted from the published documents by"
            " actionplans, with every normalisation (corrections), every validation finding and the"
            " links between editions. Tables are the database contract"
            " (actionplans/store/schema.sql); views are derived from them."
            + (f" Exported from {db_label}." if db_label else "")
        ),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "resources": descriptors,
    }
    report.datapackage.write_text(
        json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return report


# -- what there is ----------------------------------------------------------


def _relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """(name, 'table' | 'view', comment) for every user table, then every user view, by name."""
    tables = con.execute(
        "SELECT table_name, 'table', comment FROM duckdb_tables() "
        "WHERE schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY table_name"
    ).fetchall()
    views = con.execute(
        "SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_name"
    ).fetchall()
    return [(n, k, c) for n, k, c in tables + views]


def _columns(con: duckdb.DuckDBPyConnection, name: str) -> list[_Column]:
    rows = con.execute(
        "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()
    comments = _schema_comments().get(name, {})
    return [
        _Column(
            n,
            t,
            bool(nullable),
            c or comments.get(n),
            _json_kind(con, name, n) if t == "JSON" else None,
        )
        for n, t, nullable, c in rows
        if n
    ]


def _json_kind(con: duckdb.DuckDBPyConnection, name: str, column: str) -> str:
    """``object`` or ``array`` when every value of a JSON column is one, else ``any``."""
    kinds = {
        k
        for (k,) in con.execute(
            f'SELECT DISTINCT json_type("{column}") FROM "{name}" WHERE "{column}" IS NOT NULL'
        ).fetchall()
    }
    return {frozenset({"OBJECT"}): "object", frozenset({"ARRAY"}): "array"}.get(
        frozenset(kinds), "any"
    )


def _schema_comments() -> dict[str, dict[str, str]]:
    """What schema.sql says about each table and view, by name.

    ``{name: {"": comment block before CREATE, column: comment after the column}}``.
    """
    comments: dict[str, dict[str, str]] = {}
    table: str | None = None
    block: list[str] = []
    for line in _SCHEMA_SQL.read_text(encoding="utf-8").splitlines():
        start = re.match(
            r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)",
            line,
            re.I,
        )
        if start:
            name = start.group(2)
            comments[name] = {"": " ".join(block)} if block else {}
            table = name if start.group(1).upper() == "TABLE" else None
            block = []
            continue
        if re.match(r"\s*--", line):
            if not line.startswith(" "):  # a comment block at the top level describes what follows
                block.append(line.lstrip("- ").strip())
            continue
        block = []
        if line.startswith(")"):
            table = None
        column = re.match(r'\s*"?(\w+)"?\s+[A-Z].*?--\s*(.+)$', line)
        if table and column:
            comments[table][column.group(1)] = column.group(2).strip()
    return comments


# -- writing ------------------------------------------------------------------


def _is_list(data_type: str) -> bool:
    return data_type.endswith("]")


def _is_nested(data_type: str) -> bool:
    return _is_list(data_type) or data_type.startswith(("STRUCT", "MAP", "UNION"))


def _select_list(columns: list[_Column], format: str) -> str:
    """Columns as written: native for Parquet; JSON text for nested values in CSV; ISO
    timestamps."""
    parts = []
    for col in columns:
        ident = '"' + col.name.replace('"', '""') + '"'
        expr = ident
        if format != "parquet":
            if col.data_type.startswith("TIMESTAMP"):
                expr = f"strftime({ident}, '%Y-%m-%dT%H:%M:%S.%f')"
            elif format == "csv" and _is_nested(col.data_type):
                expr = f"CAST(to_json({ident}) AS VARCHAR)"
            elif format == "csv" and col.data_type == "JSON":
                expr = f"CAST({ident} AS VARCHAR)"
        parts.append(expr if expr == ident else f"{expr} AS {ident}")
    return ", ".join(parts) or "*"


def _write(
    con: duckdb.DuckDBPyConnection, name: str, columns: list[_Column], path: Path, format: str
) -> None:
    options = {
        "parquet": "FORMAT parquet, COMPRESSION zstd",
        "csv": "FORMAT csv, HEADER true, DELIMITER ','",
        "json": "FORMAT json, ARRAY true",
    }[format]
    target = str(path).replace("'", "''")
    con.execute(
        f"COPY (SELECT {_select_list(columns, format)} FROM \"{name}\") TO '{target}' ({options})"
    )


# -- describing ---------------------------------------------------------------

_SCALAR_TYPES = [
    (
        (
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT",
        ),
        "integer",
    ),
    (("FLOAT", "DOUBLE", "REAL", "DECIMAL"), "number"),
    (("BOOLEAN",), "boolean"),
    (("DATE",), "date"),
    (("TIMESTAMP",), "datetime"),
    (("TIME",), "time"),
    (("INTERVAL",), "duration"),
    (("VARCHAR", "UUID", "ENUM"), "string"),
    (("JSON", "STRUCT", "MAP"), "object"),
]


def frictionless_type(data_type: str) -> dict[str, object]:
    """Table Schema ``type`` (and ``arrayItem`` for lists) for a DuckDB column type.

    >>> frictionless_type("VARCHAR[]")
    {'type': 'array', 'arrayItem': {'type': 'string'}}
    >>> frictionless_type("DECIMAL(18,3)")
    {'type': 'number'}
    """
    if _is_list(data_type):
        inner = re.sub(r"\[\d*\]$", "", data_type)
        return {"type": "array", "arrayItem": frictionless_type(inner)}
    base = data_type.split("(")[0].strip().upper()
    for prefixes, ftype in _SCALAR_TYPES:
        if any(base == p or (p == "TIMESTAMP" and base.startswith(p)) for p in prefixes):
            return {"type": ftype}
    return {"type": "any"}


def _field(col: _Column, format: str) -> dict[str, object]:
    described = {"name": col.name, **frictionless_type(col.data_type)}
    if col.json_kind:
        described["type"] = col.json_kind
    notes = []
    if col.comment:
        notes.append(col.comment[0].upper() + col.comment[1:])
    if described["type"] == "array" and format == "csv":
        notes.append("Written as a JSON array.")
    elif described["type"] == "object" and format == "csv":
        notes.append("Written as a JSON object.")
    elif col.json_kind == "any":
        notes.append("JSON text.")
    elif described["type"] == "datetime" and format != "parquet":
        notes.append("ISO 8601, UTC, no offset.")
    if notes:
        described["description"] = " ".join(n if n.endswith(".") else n + "." for n in notes)
    if described["type"] == "datetime" and format != "parquet":
        described["format"] = "%Y-%m-%dT%H:%M:%S.%f"
    described["x-duckdbType"] = col.data_type
    if not col.nullable:
        described["constraints"] = {"required": True}
    return described


def _primary_key(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    rows = con.execute(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'main' AND table_name = ? AND constraint_type = 'PRIMARY KEY'",
        [name],
    ).fetchall()
    return list(rows[0][0]) if rows else []


def _resource_descriptor(
    con: duckdb.DuckDBPyConnection,
    name: str,
    kind: str,
    comment: str | None,
    columns: list[_Column],
    path: Path,
    format: str,
    rows: int,
) -> dict[str, object]:
    data = path.read_bytes()
    schema: dict[str, object] = {"fields": [_field(c, format) for c in columns]}
    primary_key = _primary_key(con, name) if kind == "table" else []
    if primary_key:
        schema["primaryKey"] = primary_key
    if kind == "table" and name != "documents" and any(c.name == "doc_id" for c in columns):
        schema["foreignKeys"] = [
            {"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}
        ]
    descriptor: dict[str, object] = {
        "name": name,
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": format,
        "mediatype": _MEDIATYPE[format],
    }
    if format != "parquet":
        descriptor["encoding"] = "utf-8"
    described = comment or _TABLE_DESCRIPTIONS.get(name) or _schema_comments().get(name, {}).get("")
    descriptor["description"] = (described or f"The {name} {kind}.").rstrip(
        "."
    ) + f". {rows} row{'s' if rows != 1 else ''}."
    if format != "json":  # frictionless-py reads JSON whole and cannot check these
        descriptor["bytes"] = len(data)
        descriptor["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    if format == "csv":
        descriptor["dialect"] = {
            "delimiter": ",",
            "doubleQuote": True,
            "header": True,
            "quoteChar": '"',
        }
    descriptor["schema"] = schema
    descriptor["x-rows"] = rows
    descriptor["x-kind"] = kind
    return descriptor
