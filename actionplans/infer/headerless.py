"""A table whose header row could not be read (a scan), typed by what its body holds (issue 20).

The extractor finds a clear table under a header OCR could not read; it asks
its header test (:class:`actionplans.pipeline.TableTest`) for a header, and this
module answers from the body with the same content typing that infers profiles
(:func:`~actionplans.infer.columns.plan_columns`): IDs by the profile's pattern,
the first prose right of the ID is the action, RAG fills, stage words, dates.
The extractor depends on none of this: it only calls the header test it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..extract import RawCell, RawRow
from ..normalise import map_header
from ..profile import Profile
from .columns import ColumnPlan, is_id_text, plan_columns
from .settings import DEFAULT_INFER_SETTINGS, InferSettings
from .tables import HeaderGroup


@dataclass(frozen=True)
class BodyHeader:
    """A header made from a table's body: the labels, the row it goes above, what was assumed."""

    texts: tuple[str, ...]
    first: int  # index of the first action row: the header goes above it
    fields: dict[int, str]
    actions: int  # rows read as actions (the evidence)
    merged: int | None = None  # a column holding each row's ID and its action run together


def _first_row(rows: list[RawRow], first: int | None, desc: int) -> int | None:
    """The first row of the table: ``first``, the first row with an ID, or a row above it that
    holds an action all the same, its ID lost to OCR (a blank or 'EAL' ID cell beside three
    words of prose and two more cells written), with the rows between that hold no prose (a
    section row, Gantt marks read as letters)."""
    if first is None:
        return None
    start = first
    for k in range(first - 1, -1, -1):
        texts = rows[k].texts
        prose = len(texts[desc].split()) if desc < len(texts) else 0
        if prose >= 3 and sum(1 for t in texts if t.strip()) >= 3:
            start = k
        elif prose:
            break  # a line of a header or of text above the table
    return start


def header_from_body(
    rows: list[RawRow], profile: Profile, *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> BodyHeader | None:
    """Header labels for a table of ``rows`` whose header was not read, or None if it is not clearly
    a table."""
    s = settings
    width = max((len(r.cells) for r in rows), default=0)
    rows = _one_block(rows, profile, s)
    if width < s.headerless_min_columns or len(rows) < s.headerless_min_rows:
        return None
    plan = plan_columns(HeaderGroup(texts=("",) * width, rows=rows), profile, settings=s)
    merged = None
    if plan.index_of("action_id") is None:
        # no column of IDs: a narrow ID column the reader ran into the action beside it (no rule
        # or gutter between them) is typed as the two columns it was
        merged = _id_led_column(rows, width, profile, s)
        if merged is None:
            return None
        rows = [_cut_id(r, merged, profile, s) for r in rows]
        width += 1
        plan = plan_columns(HeaderGroup(texts=("",) * width, rows=rows), profile, settings=s)
    id_col, desc = plan.index_of("action_id"), plan.index_of("description")
    if id_col is None or desc is None:
        return None
    first = next((i for i, r in enumerate(rows) if _is_action(r, id_col, profile, s)), None)
    first = _first_row(rows, first, desc)
    body = [
        r
        for r in rows[first or 0 :]
        if sum(1 for t in r.texts if t.strip()) >= 2 and not _continues(r, id_col)
    ]
    actions = [r for r in body if _is_action(r, id_col, profile, s)]
    if (
        first is None
        or len(actions) < s.headerless_min_rows
        or len(actions) < s.headerless_id_share * len(body)
    ):
        return None
    fields = _by_position(plan, profile, s)
    texts = [label(fields[i]) if i in fields else "" for i in range(width)]
    if merged is not None:
        if fields.get(merged) != "action_id" or fields.get(merged + 1) != "description":
            return None
        # one label naming both, as a header over such a column reads ('Action ID Project
        # Description'): normalise cuts the column and its cells in two
        texts[merged : merged + 2] = [f"{texts[merged]} {texts[merged + 1]}"]
        fields = {(i if i <= merged else i - 1): f for i, f in fields.items() if i != merged + 1}
        fields[merged] = "action_id+description"
    return BodyHeader(tuple(texts), first, fields, len(actions), merged)


# What a body's cells tell without a doubt: IDs by the profile's pattern, the prose, dates, stage
# words, RAG fills
_TYPED_BY_BODY = ("action_id", "description", "timescale", "stage", "rag")


def complete_header(
    texts: tuple[str, ...],
    rows: list[RawRow],
    profile: Profile,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> BodyHeader | None:
    """A header row read only in part (``texts``: the ID column's label lost in a dark band,
    'Timescale' read as 'Tin mescale') completed from the body below it: each cell that names no
    column gets the label of what the body holds there, for the fields the header lacks and the
    body shows without a doubt (IDs, the action's prose, dates, stage words, RAG fills).  None
    when there is nothing to add or the body does not clearly say where its IDs and actions
    are."""
    read = map_header(tuple(texts), profile)
    if read is None:
        return None
    # a label that maps to no field of the profile is kept as an ``attributes.*`` column: it names
    # nothing the body can be checked against
    unnamed = {i for i, f in read.columns.items() if f.startswith("attributes.")}
    width = max([len(texts)] + [len(r.cells) for r in rows])
    body = None
    guessed = read.index_of("description") if read.group_label else None
    if guessed is not None:
        # no label names the action column, so the first label the profile does not know was
        # taken for it (a rotated year label read as 'ad'): when the body's prose stands in
        # another column, under a label OCR lost, that guess names nothing
        body = header_from_body(rows, profile, settings=settings)
        if body is not None and body.fields.get(guessed) != "description":
            unnamed.add(guessed)
    named = {f for i, f in read.columns.items() if i not in unnamed}
    labelled = read.index_of("action_id")
    # the ID label over a column with no IDs ('Action' | 'ID' read as two labels) names nothing
    label_misplaced = labelled is not None and _empty(rows, labelled)
    if named >= set(_TYPED_BY_BODY) and not label_misplaced:
        return None
    if body is None:
        body = header_from_body(rows, profile, settings=settings)
    if body is None or body.merged is not None:
        return None
    # a column of IDs by the profile's pattern is the ID column whatever its label was read as:
    # 'Action ID' read as 'Action' (its second line lost in the band) names the action there and
    # leaves the action's own 'Action' to an unknown column; 'Action' and 'ID' read as two labels
    # put the ID label over an empty column
    ids = next((i for i, f in body.fields.items() if f == "action_id"), None)
    if ids is not None and ids != labelled and (labelled is None or label_misplaced):
        if labelled is not None:
            unnamed.add(labelled)
        if ids in read.columns:
            unnamed.add(ids)
            unnamed.update(i for i, f in read.columns.items() if f == read.columns[ids])
        named = {f for i, f in read.columns.items() if i not in unnamed}
    made = list(texts) + [""] * (width - len(texts))
    for i in unnamed:
        if read.columns.get(i) == "action_id":
            made[i] = ""  # the ID label over a column with no IDs
    added: dict[int, str] = {}
    for i, field in body.fields.items():
        if (
            field in _TYPED_BY_BODY
            and field not in named
            and (i not in read.columns or i in unnamed)
        ):
            made[i] = label(field)
            added[i] = field
    if not added:
        return None
    done = map_header(tuple(made), profile)
    if done is None or not {"action_id", "description"} <= set(done.columns.values()):
        return None
    return BodyHeader(tuple(made), body.first, added, body.actions)


def label(field: str) -> str:
    """The canonical field as a header label every profile's synonyms know (``action_id`` ->
    ``action id``)."""
    return field.split(".")[-1].replace("_", " ")


def _by_position(plan: ColumnPlan, profile: Profile, settings: InferSettings) -> dict[int, str]:
    """The content typing made to fit an action table: the first column of prose right of the ID is
    the action and a later one the progress text (the typing alone takes the longest for the
    action); a column of stage words is the stage, a column of dates the profile's timescale."""
    fields = dict(plan.fields)
    stats = plan.stats
    id_col = next(i for i, f in fields.items() if f == "action_id")
    prose = [
        c.index
        for c in stats
        if c.index > id_col
        and c.avg_len >= settings.body_prose_min_chars
        and fields.get(c.index) in (None, "description", "update_text")
    ]
    if prose:
        for i in [i for i, f in fields.items() if f in ("description", "update_text")]:
            del fields[i]
        fields[prose[0]] = "description"
        if len(prose) > 1:
            fields[prose[-1]] = "update_text"
    known = set(profile.columns)
    for s in stats:
        if fields.get(s.index) in (None, "lead", "target_date"):
            if (
                s.values
                and s.stage_frac >= settings.body_stage_min_share
                and "stage" not in fields.values()
            ):
                fields[s.index] = "stage"
            elif (
                s.values
                and s.date_frac >= settings.body_date_min_share
                and "timescale" in known
                and "timescale" not in fields.values()
            ):
                fields[s.index] = "timescale"
    return fields


def _empty(rows: list[RawRow], col: int) -> bool:
    """Whether no row has text in column ``col``."""
    return not any(_text(r, col) for r in rows)


def _id_led_column(
    rows: list[RawRow], width: int, profile: Profile, settings: InferSettings
) -> int | None:
    """The column whose cells, in most rows of several cells, start with an ID by the profile's
    pattern followed by text (``DM1.6 Investigate incorporating ...``), or None."""
    body = [r for r in rows if sum(1 for t in r.texts if t.strip()) >= 2]
    if len(body) < settings.headerless_min_rows:
        return None
    for c in range(width):
        starts = [r for r in body if not _continues(r, c)]  # a wrapped line leads nothing
        led = 0
        for r in starts:
            words = r.texts[c].split(maxsplit=1)
            led += len(words) == 2 and is_id_text(words[0], profile, settings=settings)
        if led >= settings.headerless_min_rows and led >= settings.headerless_id_share * len(
            starts
        ):
            return c
    return None


def _cut_id(row: RawRow, col: int, profile: Profile, settings: InferSettings) -> RawRow:
    """The row with its ``col`` cell cut after the first word when that is an ID (a wrapped line
    of the action above goes whole to the action's half), for typing its columns."""
    words = row.cells[col].text.split(maxsplit=1) if col < len(row.cells) else []
    halves = (
        (RawCell(words[0]), RawCell(words[1]))
        if len(words) == 2 and is_id_text(words[0], profile, settings=settings)
        else (RawCell(""), RawCell(" ".join(words)))
    )
    return replace(row, cells=row.cells[:col] + halves + row.cells[col + 1 :])


def _one_block(rows: list[RawRow], profile: Profile, settings: InferSettings) -> list[RawRow]:
    """The rows up to the first run of rows with no ID in any cell long enough to be a block of
    its own (a key to the stages under the table, read into its fragment), so that the columns
    are typed by the table's rows and not the page's.  A run that the table's rows go on after
    (rows enough with an ID) is no such block: a section row, a row whose ID OCR misread ('ASI A'
    for AS1.1 on a photographed page) and a wrapped line of the row above in a row of its own."""

    def has_id(r: RawRow) -> bool:
        return any(t.strip() and is_id_text(t.strip(), profile, settings=settings) for t in r.texts)

    marked = [has_id(r) for r in rows]
    run = 0
    seen = False
    for k, with_id in enumerate(marked):
        if with_id:
            run, seen = 0, True
        elif seen:
            run += 1
            if run >= settings.headerless_min_rows and (
                sum(marked[k + 1 :]) < settings.headerless_min_rows
            ):
                return rows[: k + 1 - run]
    return rows


def _text(row: RawRow, col: int) -> str:
    """The text of the row's cell ``col``, stripped ('' past the row's last cell)."""
    return row.cells[col].text.strip() if col < len(row.cells) else ""


def _is_action(row: RawRow, id_col: int, profile: Profile, settings: InferSettings) -> bool:
    cell = _text(row, id_col)
    return bool(cell) and is_id_text(cell, profile, settings=settings)


def _continues(row: RawRow, id_col: int) -> bool:
    """A row that carries on the action above it: its ID cell empty, or words going on in lower
    case ('action, and provide opportunities ...'): a scanned cell's wrapped lines read as rows of
    their own, which normalise joins to the row above; they are no rows without an ID.  One word
    in lower case is no such line: it may be an ID misread ('cs' for C5)."""
    cell = _text(row, id_col)
    return not cell or (cell[0].islower() and len(cell.split()) >= 2)
