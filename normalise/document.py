"""Walk a raw document's tables and turn rows into clean actions.

The walk keeps the state a reader keeps: the current header, plan, theme and
section, and the last action (for rows that continue it).  Every change is a
:class:`Correction`; every doubt a :class:`Finding`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..extract.records import RawCell, RawDocument, RawRow, RawTable
from ..profile import Profile
from .checks import run_checks
from .colour import rag_from_colour
from .errors import StrictModeError
from .fields import apply_cell
from .header import GANTT_PREFIX, HeaderMap, chance_header, map_header
from .ids import (
    IdCell,
    last_number,
    ocr_shape,
    one_letter_more,
    read_id_cell,
    repair_from_sequence,
    split_id,
)
from .records import Action, Correction, Finding, NormalisedDocument
from .rows import (
    junk_row_rule,
    match_vocabulary,
    realign,
    resolve_heading,
    section_fragments,
    theme_in_title,
    theme_prefix_match,
)
from .spelling import Lexicon, evidence, ocr_debris
from .text import clean_text, fold_lookalikes, header_key, initials
from .untangle import untangle

_DATED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? (?:19|20)\d\d\b", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;)\"'”]\s*$")
_NUMBER_PREFIX = re.compile(r"^(\d{1,2})[.)]\s+")
_STOPWORDS = {"and", "of", "the", "for", "&", "in", "to"}


def _row_background(cells: list[RawCell]) -> str | None:
    """The fill shading a whole row: its first cell's, when at least half the cells share it.

    A Gantt mark never colours the key cell, so banded rows (exported cell by
    cell) are told from delivery years; a row coloured by its RAG status keeps it.
    """
    first = next((c for c in cells if c.text.strip()), None)
    if first is None or not first.fill:
        return None
    same = sum(1 for c in cells if c.fill == first.fill)
    return first.fill if same >= max(2, len(cells) / 2) else None


class _Walker:
    def __init__(self, raw: RawDocument, profile: Profile, plans: list[str]):
        untangled = untangle(raw, profile)
        self.raw = untangled.raw
        self.profile = profile
        self.plans = plans or ["main"]
        self.actions: list[Action] = []
        self.doc_corrections: list[Correction] = list(untangled.corrections)
        # body rows whose ID was cut out of a merged ID/description cell -> (cell, ID, text)
        self.split_rows = dict(untangled.split_rows)
        self.doc_findings: list[Finding] = []
        self.header: HeaderMap | None = None
        self.header_table: int | None = None  # the table whose row gave self.header
        self.headers_seen: set[tuple] = set()
        self.theme: str | None = None
        self.section: str | None = None
        self.table_plan: str | None = None
        self.group_from_rows = False
        self.group_since_action = False  # a section or theme row read since the last action
        self.synthetic_counter: dict[str, int] = {}
        self.pending_ids: list[tuple[Action, str]] = []
        self.ocr_ids: list[Action] = []  # actions whose ID cell was read by OCR
        # each (action, field) with a prose cell read by OCR, once, for the checks on a whole field
        self.ocr_prose: dict[tuple[int, str], tuple[Action, str]] = {}
        self.lexicon = Lexicon.from_texts(
            c.text for t in raw.tables for r in t.rows for c in r.cells if c.confidence is not None
        )
        self.last_inserted: dict[tuple, tuple[int, ...]] = {}
        self.preamble_rows: set[int] = set()
        self.row_index = 0  # (header, row length) -> where cells were put back
        self.always_empty: dict[tuple, set[int]] = self._full_row_stats()
        # pages of a greyscale scan: their RAG fills are read by grey level (fields._apply_rag)
        self.grey_pages = {n.page for n in raw.notes if n.check == "greyscale_scan"}

    # -- pre-pass ---------------------------------------------------------
    def _full_row_stats(self) -> dict[tuple, set[int]]:
        """Per header: the columns that are empty in every full-width row (candidates to vanish)."""
        nonempty: dict[tuple, set[int]] = {}
        widths: dict[tuple, int] = {}
        header = None
        for table in self.raw.tables:
            headed = False
            for row in table.rows:
                texts = row.texts
                found = map_header(texts, self.profile)
                if found and not (headed and chance_header(found, header)):
                    headed = True
                    header = found
                    sig = header.signature()
                    nonempty.setdefault(sig, set())
                    widths[sig] = header.width
                    continue
                if header is None:
                    continue
                sig = header.signature()
                if len(texts) >= header.width:
                    nonempty[sig] |= {i for i, t in enumerate(texts[: header.width]) if t.strip()}
        return {sig: set(range(widths[sig])) - cols for sig, cols in nonempty.items()}

    # -- helpers ----------------------------------------------------------
    def _drop(self, row: RawRow, rule: str) -> None:
        text = " | ".join(t for t in row.texts if t.strip())
        self.doc_corrections.append(
            Correction(None, "row", f"line/row {row.source_row}: {text}", None, rule)
        )

    def _plan_for(self, action_id: str) -> str:
        if len(self.plans) == 1:
            return self.plans[0]
        for rule in self.profile.plans:
            if (
                rule.id_pattern
                and re.fullmatch(rule.id_pattern, action_id)
                and rule.key in self.plans
            ):
                return rule.key
        if self.table_plan:
            return self.table_plan
        return self.plans[0]

    def _read_context(self, table: RawTable) -> None:
        for line in table.context:
            for rule in self.profile.plans:
                if rule.heading and re.search(rule.heading, line, re.I) and rule.key in self.plans:
                    self.table_plan = rule.key
            theme = match_vocabulary(line, self.profile.themes) or theme_in_title(
                line, self.profile.themes
            )
            if theme and theme != self.theme:
                # a new theme restarts group numbering; per-theme numbers run on (a theme
                # printed again on its next page continues where it was)
                self.synthetic_counter = {
                    k: v for k, v in self.synthetic_counter.items() if k.startswith("theme:")
                }
            if theme:
                self.theme, self.section = theme, None

    # -- the walk ---------------------------------------------------------
    def run(self) -> NormalisedDocument:
        for table in self.raw.tables:
            self._read_context(table)
            # Rows of a table above its own header row (super-headers such as "Time | scale |
            # Delivery Period") belong to no action: they must not continue the previous table's.
            header_at = next(
                (i for i, row in enumerate(table.rows) if map_header(row.texts, self.profile)), None
            )
            self.preamble_rows = set(range(header_at or 0))
            for index, row in enumerate(table.rows):
                self.row_index = index
                self._row(row)
        self._repair_ids()
        self._final_stops()
        self._first_capitals()
        # cut rows that made no action of their own (a continuation, a broken row) are logged too
        self.doc_corrections += [_split_correction(s) for s in self.split_rows.values()]
        doc = NormalisedDocument(self.actions, self.doc_corrections, self.doc_findings, self.plans)
        run_checks(doc, self.profile)
        return doc

    def _row(self, row: RawRow) -> None:
        texts = list(row.texts)
        if not any(t.strip() for t in texts):
            return
        found = map_header(tuple(texts), self.profile)
        restored = None if found else self._header_with_a_label_lost(texts)
        if restored:
            found, correction = restored
        if found and not (
            self.header_table == row.table_index and chance_header(found, self.header)
        ):
            if restored:
                self.doc_corrections.append(correction)
            self._header(found, row)
            self.header_table = row.table_index
            return
        if self.header is None:
            self._drop(row, "before_header")
            return
        junk = junk_row_rule(texts)
        if junk:
            self._drop(row, junk)
            return
        prefix = theme_prefix_match(texts, self.profile.theme_row_prefixes)
        if prefix:
            self._theme_row(prefix[1], texts, row)
            return
        header = self.header
        id_col = header.index_of("action_id")
        id_cell = (
            read_id_cell(texts[id_col], self.profile)
            if id_col is not None and id_col < len(texts)
            else None
        )
        rest = id_cell.rest if id_cell and id_cell.token else None
        shape = (header.signature(), len(row.cells))
        fitted = realign(
            list(row.cells),
            header,
            self.always_empty.get(header.signature(), set()),
            rest,
            self.last_inserted.get(shape),
        )
        if fitted.inserted:
            self.last_inserted[shape] = fitted.inserted
        cells = fitted.cells
        texts = [c.text for c in cells]

        if id_col is not None:
            id_cell = read_id_cell(texts[id_col], self.profile)
            if not id_cell.token and (
                (_ocr_code(cells[id_col]) and self._has_body(texts, header))
                or (_ocr_scrap(cells[id_col]) and self._full_row(texts, header))
            ):
                # OCR made the ID unreadable ('RW' for 'R11', 'gl' for 'E1'): an action all the
                # same, its ID left to the neighbours (_repair_ids), else flagged as read
                id_cell = IdCell(None, cells[id_col].text.strip(), "", None)
            if id_cell.action_id or (id_cell.token and self._has_body(texts, header)):
                self._action_row(row, cells, fitted.rule, id_cell)
                return
            frags = section_fragments(texts[self._blank_lead(header, texts) :])
            if frags and not (id_cell.token):
                self._group_row(frags, row)
                return
            self._continuation(row, cells)
            return
        embedded = self._embedded_id(cells, header)
        if embedded is not None:
            cells, id_cell, original = embedded
            if id_cell is not None:
                self._action_row(row, cells, fitted.rule, id_cell)
                action = self.actions[-1]
                where = "title" if header.index_of("title") is not None else "description"
                action.corrections.append(
                    Correction(
                        None,
                        where,
                        original,
                        getattr(action, where),
                        "id_from_description",
                        f"ID {id_cell.token} written at the start of the {where} cell",
                    )
                )
                return
            frags = section_fragments([c.text for c in cells])
            if frags and not frags[0][:1].islower():
                self._group_row(frags, row)
                return
            self._continuation(row, cells)
            return
        # no ID column: unnumbered actions, with group rows between them (a wrapped line is
        # neither: 'including working with ...' is no heading)
        if self._wrapped_line(texts, header, row):
            self._continuation(row, cells)
            return
        frags = section_fragments(texts)
        if (
            frags
            and len(" ".join(frags)) <= 60
            and not self._has_body(texts, header, skip_first=True)
        ):
            self._group_row(frags, row)
            return
        self._action_row(row, cells, fitted.rule, None)

    def _wrapped_line(self, texts: list[str], header: HeaderMap, row: RawRow) -> bool:
        """In a table without IDs, a row that is the last action's text wrapped onto a line of its
        own: nothing in the action's short columns (stage, role, dates ...), and either no
        description (its update wrapped) or a description carrying on the last one's open sentence,
        in small letters or as its last words ('Programme.').  A scan's line spacing cut such rows
        apart, and each became an action of its own, renumbering those after it."""
        last = self.actions[-1] if self.actions else None
        desc = header.index_of("description")
        if last is None or desc is None or desc >= len(texts) or last.page != row.page:
            return False
        long_text = {desc, header.index_of("update_text"), header.index_of("partners")}
        if any(t.strip() for i, t in enumerate(texts) if i not in long_text):
            return False
        text = clean_text(texts[desc])
        if not text:
            return any(t.strip() for t in texts)
        if not last.description or _SENTENCE_END.search(last.description):
            return False
        words = text.split()
        return text[:1].islower() or (len(words) <= 3 and bool(_SENTENCE_END.search(text)))

    def _embedded_id(self, cells: list[RawCell], header: HeaderMap):
        """The profile's ``id_in_description``: ``12 - Title`` in the action cell of a table with no
        ID column.

        The action cell is the title where the table prints one beside the description,
        else the description.  Returns None when the profile has no such setting, else
        (cells with the ID taken out of that cell, the ID cell or None, the cell as written).
        """
        pattern = self.profile.id_in_description
        desc = header.index_of("title")
        desc = header.index_of("description") if desc is None else desc
        if not pattern or desc is None or desc >= len(cells):
            return None
        original = cells[desc].text
        m = re.match(pattern, fold_lookalikes(clean_text(original)))
        if not m or not m.group("id"):
            return cells, None, original
        token = clean_text(original)[m.start("id") : m.end("id")]
        id_cell = read_id_cell(token, self.profile)
        if not id_cell.token:
            return cells, None, original
        out = list(cells)
        out[desc] = RawCell(
            text=clean_text(original)[m.end() :],
            lines=(),
            fill=cells[desc].fill,
            bbox=cells[desc].bbox,
        )
        return out, id_cell, original

    def _has_body(self, texts: list[str], header: HeaderMap, skip_first: bool = False) -> bool:
        desc = header.index_of("description")
        if (
            desc is not None
            and desc < len(texts)
            and len(texts[desc].strip()) > (0 if not skip_first else 10**6)
        ):
            return True
        others = [
            t
            for i, t in enumerate(texts)
            if i != header.index_of("action_id") and len(t.strip()) > 1
        ]
        return len(others) >= 2

    def _blank_lead(self, header: HeaderMap, texts: list[str]) -> int:
        """How many of the row's first cells are blank in a column blank in every full row (a
        scan's margin read as a column): a section row's heading starts after them."""
        empty = self.always_empty.get(header.signature(), set())
        n = 0
        while n < len(texts) and n in empty and not texts[n].strip():
            n += 1
        return n

    def _full_row(self, texts: list[str], header: HeaderMap) -> bool:
        """A row that starts an action, whatever its ID cell holds: its description starts a
        sentence and at least two more of its columns are written (a wrapped line carries on a
        sentence and fills a column or two at most)."""
        desc = header.index_of("description")
        if desc is None or desc >= len(texts) or not texts[desc].strip()[:1].isupper():
            return False
        others = [
            t
            for i, t in enumerate(texts)
            if i not in (desc, header.index_of("action_id")) and t.strip()
        ]
        return len(others) >= 2

    def _header_with_a_label_lost(self, texts: list[str]) -> tuple[HeaderMap, Correction] | None:
        """The current header printed again over the next group, with one of its labels left
        unread (a photographed page's edge lost ``Update``): a new group name where the header's
        was, every other label in its place but the one cell now empty.  Read as that header with
        the label put back, and the correction to log if the row is taken as a header
        (``header_label_restored``); without it, the row mapped two fields, no header, and the
        group's actions ran on under the group above."""
        header = self.header
        if header is None or not header.group_label or len(texts) != header.width:
            return None
        group = next((i for i, t in enumerate(header.texts) if t == header.group_label), None)
        labelled = [i for i, t in enumerate(header.texts) if t.strip() and i != group]
        lost = [i for i in labelled if not texts[i].strip()]
        kept = [i for i in labelled if texts[i].strip()]
        if (
            group is None
            or not texts[group].strip()
            or len(lost) != 1
            or len(kept) < 2
            or any(header_key(texts[i]) != header_key(header.texts[i]) for i in kept)
            or any(texts[i].strip() for i in range(len(texts)) if i not in labelled + [group])
        ):
            return None
        restored = list(texts)
        restored[lost[0]] = header.texts[lost[0]]
        found = map_header(tuple(restored), self.profile)
        if found is None or found.signature() != header.signature():
            return None
        return found, Correction(
            None,
            header.columns.get(lost[0], "header"),
            "",
            header.texts[lost[0]],
            "header_label_restored",
            f"the header over {texts[group].strip()!r} repeats the one above with its"
            f" {header.texts[lost[0]]!r} label unread",
        )

    def _header(self, found: HeaderMap, row: RawRow) -> None:
        sig = found.signature()
        if self.header is not None and sig == self.header.signature():
            self._drop(row, "repeated_header")
        elif sig in self.headers_seen:
            self._drop(row, "repeated_header")
        for idx, text in found.unmapped:
            where = f"page {row.page}: " if row.page else ""
            self.doc_findings.append(
                Finding.of(
                    "unmapped_header",
                    f"{where}header {text!r} (column {idx + 1}) matches no canonical field; kept in"
                    " attributes",
                )
            )
        self.headers_seen.add(sig)
        self.header = found
        if found.group_label:
            # the profile's name for the group, as a misread letter's case may not be ('Research
            # and innovation' on a photographed page)
            group = match_vocabulary(found.group_label, self.profile.sections, 85)
            self.section = group or found.group_label
            self.group_from_rows = True
            self.synthetic_counter.pop(self.section, None)

    def _theme_row(self, text: str, texts: list[str], row: RawRow) -> None:
        theme = match_vocabulary(text, self.profile.themes, 85) or self._theme_line(row) or text
        raw = " | ".join(t for t in texts if t.strip())
        if theme != text or "\t" in raw or re.search(r"\w \w*:", "".join(texts)):
            self.doc_corrections.append(Correction(None, "theme", raw, theme, "theme_row"))
        self.theme, self.section = theme, None
        self.group_since_action = True

    def _theme_line(self, row: RawRow) -> str | None:
        """The one theme of the profile's vocabulary that a line of the row names, when the row
        as a whole names none: a scan's theme row with the line above it run in (the last line
        of a description: ``action plan`` / ``Workstream: Decision Making ...``)."""
        lines = [ln for cell in row.cells for ln in (cell.lines or cell.text.split("\n"))]
        if len(lines) < 2:
            return None
        found = {
            theme
            for line in lines
            if (theme := match_vocabulary(line.strip().rstrip(":"), self.profile.themes, 85))
        }
        return found.pop() if len(found) == 1 else None

    def _group_row(self, frags: list[str], row: RawRow) -> None:
        heading, rule = resolve_heading(frags, self.profile.themes + self.profile.sections)
        if _DATED.search(heading) and heading not in self.profile.themes + self.profile.sections:
            # a running footer or title read into the table ('Net Zero Leicestershire | December
            # 2023' at a scanned page's foot): a heading names a group of actions, not a month
            self._drop(row, "page_furniture")
            return
        raw = " | ".join(t for t in row.texts if t.strip())
        if rule or len(frags) > 1 or any(t.strip() for t in row.texts[len(frags) :]):
            self.doc_corrections.append(
                Correction(None, "section", raw, heading, rule or "section_row")
            )
        if heading in self.profile.themes and heading not in self.profile.sections:
            self.theme, self.section = heading, None
        else:
            self.section = heading
        self.group_from_rows = True
        self.group_since_action = True

    def _new_action(self, row: RawRow, action_id: str, raw_id: str | None) -> Action:
        self.group_since_action = False
        return Action(
            plan=self._plan_for(action_id),
            action_id=action_id,
            action_id_raw=raw_id,
            theme=self.theme,
            section=self.section,
            page=row.page,
            source_row=row.source_row,
        )

    def _action_row(self, row: RawRow, cells: list[RawCell], rule: str | None, id_cell) -> None:
        header = self.header
        assert header is not None
        if id_cell is None:
            action = self._synthetic_action(row, cells)
        else:
            action_id = id_cell.action_id or fold_lookalikes(id_cell.token).upper()
            last = self.actions[-1] if self.actions else None
            if last and last.action_id == action_id and self._continues(last, cells):
                self._merge_broken_row(last, row, cells)
                return
            action = self._new_action(row, action_id, id_cell.token)
            split = self.split_rows.pop((row.table_index, row.row_index), None)
            if split is not None:
                action.corrections.append(_split_correction(split))
            if id_cell.rule:
                action.corrections.append(
                    Correction(None, "action_id", id_cell.token, action_id, id_cell.rule)
                )
            id_col = header.index_of("action_id")
            ocr = (
                id_col is not None and id_col < len(cells) and cells[id_col].confidence is not None
            )
            if not id_cell.action_id:
                self.pending_ids.append((action, id_cell.token))
                if ocr and last is not None and not self.table_plan:
                    # an ID OCR damaged past every plan's pattern ('NL', 'gl') says nothing of its
                    # plan: the row above's is the likeliest, and its neighbours there repair it
                    action.plan = last.plan
            if ocr:
                self.ocr_ids.append(action)
        if rule:
            action.corrections.append(
                Correction(None, "row", f"{len(row.cells)} cells", f"{header.width} cells", rule)
            )
        background = _row_background(cells)
        for idx, name in sorted(header.columns.items()):
            if name == "action_id" or idx >= len(cells):
                continue
            cell = cells[idx]
            if (
                background
                and cell.fill == background
                and (
                    name.startswith(GANTT_PREFIX)
                    or (name == "rag" and rag_from_colour(background) is None)
                )
            ):
                # the row's shading (banded rows), not a delivery year or status
                cell = replace(cell, fill=None)
            self._apply(action, name, cell, row)
        self._fill_down_merged(action, cells)
        if id_cell is None:
            self._strip_number_prefix(action)
        self._fix_bleed(action)
        action.source_table = row.table_index
        if row.bbox:
            action.bbox = list(row.bbox)
            action.attributes["bbox"] = list(row.bbox)  # where readers found it before the column
        self.actions.append(action)

    def _fill_down_merged(self, action: Action, cells: list[RawCell]) -> None:
        """A theme or section column's cell merged over a group of rows is printed once: the rows
        under it, whose cells are empty, take it (logged), and a written cell starts a group."""
        header = self.header
        assert header is not None
        for name in ("theme", "section"):
            col = header.index_of(name)
            if col is None:
                continue
            if col < len(cells) and cells[col].text.strip():
                if name == "theme":
                    self.theme, self.section = action.theme, None
                else:
                    self.section = action.section
            elif getattr(self, name) and getattr(action, name) == getattr(self, name):
                action.corrections.append(
                    Correction(None, name, "", getattr(self, name), "merged_cell_filled_down")
                )

    def _synthetic_action(self, row: RawRow, cells: list[RawCell]) -> Action:
        prefix = self.profile.synthetic_id_prefix
        if self.group_from_rows and self.section:
            group = self.section
            n = self.synthetic_counter.get(group, 0) + 1
            self.synthetic_counter[group] = n
            action_id = f"{prefix}.{initials(group, _STOPWORDS)}{n}"
        elif self.theme and len(self.profile.themes) > 1:
            # unnumbered actions under several themes: numbered within each theme's initials
            # (Transport T1, T2; Buildings and Energy BE1), so no two share an ID in one plan
            key = initials(self.theme, _STOPWORDS)
            n = self.synthetic_counter.get(f"theme:{key}", 0) + 1
            self.synthetic_counter[f"theme:{key}"] = n
            action_id = f"{key}{n}"
        else:
            n = self.synthetic_counter.get("", 0) + 1
            self.synthetic_counter[""] = n
            action_id = f"{prefix}{n}"
        action = self._new_action(row, action_id, None)
        action.attributes["synthetic_id"] = True
        return action

    def _strip_number_prefix(self, action: Action) -> None:
        if not action.description:
            return
        m = _NUMBER_PREFIX.match(action.description)
        if not m:
            return
        stated = int(m.group(1))
        clean = action.description[m.end() :]
        action.corrections.append(
            Correction(None, "description", action.description, clean, "number_prefix_stripped")
        )
        action.description = clean
        action.attributes["stated_number"] = stated
        position = int(re.sub(r"\D", "", action.action_id.split(".")[-1]) or 0)
        if stated != position:
            action.findings.append(
                Finding.of(
                    "id_sequence", f"written as number {stated} but is item {position} of its group"
                )
            )

    def _continues(self, last: Action, cells: list[RawCell]) -> bool:
        desc_col = self.header.index_of("description") if self.header else None
        if desc_col is None:
            return False
        text = clean_text(cells[desc_col].text)
        ends_open = bool(last.description) and not _SENTENCE_END.search(last.description or "")
        return bool(text) and text[:1].islower() and ends_open

    def _merge_broken_row(self, last: Action, row: RawRow, cells: list[RawCell]) -> None:
        """Same ID again, its text carrying on mid-sentence: one action broken over two rows."""
        header = self.header
        assert header is not None
        before_update = last.update_text
        for idx, name in sorted(header.columns.items()):
            if name in ("action_id",) or idx >= len(cells) or not cells[idx].text.strip():
                continue
            if name in ("stage", "role", "timescale", "target_date") and getattr(last, name, None):
                continue
            if name == "update_text" and before_update:
                new = clean_text(cells[idx].text)
                if fuzz.ratio(new, before_update) >= 80:
                    last.corrections.append(
                        Correction(None, "update_text", new, None, "duplicate_text_dropped")
                    )
                    continue
            self._apply(last, name, cells[idx], row)
        last.corrections.append(
            Correction(
                None,
                "row",
                " | ".join(t for t in row.texts if t.strip()),
                None,
                "broken_row_merged",
                f"row {row.source_row} repeats ID {last.action_id} and continues its text"
                " mid-sentence",
            )
        )
        last.findings.append(
            Finding.of(
                "broken_row",
                f"action {last.action_id} was broken over rows {last.source_row} and"
                f" {row.source_row}; merged",
            )
        )

    def _fix_bleed(self, action: Action) -> None:
        """Text of the previous action that bled into this one
        (``capture and storage mechanisms Update ...``)."""
        if not self.actions or not action.description:
            return
        prev = self.actions[-1]
        if not prev.description or _SENTENCE_END.search(prev.description):
            return
        words = action.description.split()
        if not words or not words[0][:1].islower():
            return
        n = 0
        while n < len(words) and not words[n][:1].isupper():
            n += 1
        if n == 0 or n == len(words):
            return
        moved = " ".join(words[:n])
        keep = " ".join(words[n:])
        prev.corrections.append(
            Correction(
                None,
                "description",
                prev.description,
                f"{prev.description} {moved}",
                "text_bleed_moved",
                f"row {action.source_row} began with {moved!r}",
            )
        )
        action.corrections.append(
            Correction(
                None,
                "description",
                action.description,
                keep,
                "text_bleed_moved",
                f"moved to {prev.action_id}",
            )
        )
        prev.description = f"{prev.description} {moved}"
        action.description = keep
        prev.findings.append(
            Finding.of(
                "text_bleed",
                f"the end of {prev.action_id}'s text ({moved!r}) was found in row of"
                f" {action.action_id}; moved back",
            )
        )

    def _continuation(self, row: RawRow, cells: list[RawCell]) -> None:
        if not self.actions or self.group_since_action:
            # no action above, or a section or theme row since the last one: the row continues
            # no action (a legend's lines under 'RAG rating' at a table's foot, read into the
            # table from a scan, are not the last action's text)
            self._drop(row, "orphan_row")
            return
        if self.row_index in self.preamble_rows:
            self._drop(row, "before_header")
            return
        last = self.actions[-1]
        header = self.header
        assert header is not None
        for idx, name in sorted(header.columns.items()):
            if name == "action_id" or idx >= len(cells) or not cells[idx].text.strip():
                continue
            text = cells[idx].text.strip()
            if name in ("description", "update_text") or name.startswith("tick:") or len(text) > 1:
                target = name
                # Free text landing in the wrong column of a shifted row goes to the open text
                # field.
                if len(text) > 3 and name not in ("description", "update_text", "partners", "lead"):
                    target = (
                        "update_text"
                        if last.update_text and not _SENTENCE_END.search(last.update_text)
                        else "description"
                    )
                self._apply(last, target, cells[idx], row)
        last.corrections.append(
            Correction(
                None,
                "row",
                " | ".join(t for t in row.texts if t.strip()),
                None,
                "continuation_row_merged",
                f"row {row.source_row} has no ID; joined to {last.action_id}",
            )
        )

    def _neighbour_ids(
        self, action: Action, among: list[Action]
    ) -> tuple[str | None, str | None, tuple[int, int]]:
        """The IDs of the nearest actions before and after ``action`` in ``among`` that fit the
        profile's patterns, and how many rows on from ``action`` each is: an ID that fits none
        between (``53`` in E2, ``53``, ``Ea``) still holds its place in the count (``Ea`` is
        E4, not E3)."""
        pos = among.index(action)

        def nearest(seq: list[Action]) -> tuple[str | None, int]:
            steps = 0
            for a in seq:
                if self.profile.matches_id(a.action_id):
                    return a.action_id, steps + 1
                steps += bool(a.action_id)  # a blank ID cell holds no place
            return None, 1

        prev_id, before = nearest(list(reversed(among[:pos])))
        next_id, after = nearest(among[pos + 1 :])
        return prev_id, next_id, (before, after)

    def _repair_ids(self) -> None:
        for action, token in self.pending_ids:
            same_plan = [a for a in self.actions if a.plan == action.plan]
            prev_id, next_id, steps = self._neighbour_ids(action, same_plan)
            repaired, evidence = repair_from_sequence(token, prev_id, next_id, self.profile, steps)
            if repaired is None and len(self.plans) > 1:
                # an ID that fits no pattern had its plan guessed (the row above's): its
                # neighbours on the page, of whichever plan, are the evidence ('EAL' first on a
                # page, under 'OS', above EA2 of the other plan)
                prev_id, next_id, steps = self._neighbour_ids(action, self.actions)
                repaired, evidence = repair_from_sequence(
                    token, prev_id, next_id, self.profile, steps
                )
                if repaired:
                    same_plan = [a for a in self.actions if a.plan == self._plan_for(repaired)]
            if any(a.action_id == repaired for a in same_plan if a is not action):
                repaired = None  # the plan prints that ID already: the neighbours mislead
            if repaired:
                action.corrections.append(
                    Correction(None, "action_id", token, repaired, "id_from_sequence", evidence)
                )
                action.findings.append(
                    Finding.of(
                        "id_repaired", f"ID {token!r} read as {repaired} from its {evidence}"
                    )
                )
                action.action_id = repaired
                action.plan = self._plan_for(repaired) if len(self.plans) > 1 else action.plan
            else:
                action.findings.append(
                    Finding.of(
                        "id_pattern",
                        f"ID {token!r} fits no ID pattern of profile {self.profile.name} and its"
                        " neighbours give no evidence",
                    )
                )
        self._check_ocr_lost_letters()
        self._check_ocr_sequence()
        self._check_ocr_prefix()
        self._check_ocr_runs()
        self._check_ocr_runs_from_below()

    def _apply(self, action: Action, name: str, cell: RawCell, row: RawRow) -> None:
        """``cell`` put into the action's ``name`` field (:func:`apply_cell`), its OCR misreadings
        put right first, its fill read by grey level on a greyscale page."""
        apply_cell(
            action,
            name,
            self._ocr_words(action, name, cell),
            self.profile,
            action.findings,
            row.page in self.grey_pages,
        )

    def _ocr_words(self, action: Action, name: str, cell: RawCell) -> RawCell:
        """Misread words of an OCR-read text cell put right from the document's own words
        (normalise.spelling)."""
        if cell.confidence is None or name not in _OCR_TEXT_FIELDS or not cell.text:
            return cell
        if name == "timescale" and self.profile.timescale_scale:
            return cell  # scale letters (S/M/L), read by their own rule (vocab.canon_timescale)
        if name in _OCR_PROSE_FIELDS:
            self.ocr_prose[(id(action), name)] = (action, name)
        # specks first: a speck read as a stop inside a word cut in two ('organi. tions') hides
        # the cut from the spelling
        text, specks = ocr_debris(cell.text)
        for seen, kept in specks:
            action.corrections.append(
                Correction(
                    None,
                    name,
                    seen,
                    kept,
                    "ocr_speck",
                    "a speck read as punctuation where a sentence cannot have it",
                )
            )
        text, changes = self.lexicon.correct(text)
        for seen, meant, times in changes:
            action.corrections.append(
                Correction(
                    None,
                    name,
                    seen,
                    meant,
                    "ocr_word",
                    evidence(seen, meant, times, self.lexicon.counts.get(seen.lower(), 1)),
                )
            )
        return replace(cell, text=text) if changes or specks else cell

    def _final_stops(self) -> None:
        """A comma that ends an OCR-read description or progress note read as the full stop it is.

        At 150-200 dpi a full stop with a speck under it reads as a comma (`reduction,` at the
        end of a cell; 14 of the misread descriptions of the project's scans).  Of the 4,400
        descriptions and notes hand-transcribed for the project, one ends with a comma.  Only
        the whole field, after continuation rows are joined (a cell cut by a page break may
        end with a comma the next page's row carries on from), and only prose of three words
        or more.
        """
        for action, name in self.ocr_prose.values():
            text = getattr(action, name)
            if not text or not _FINAL_COMMA.search(text) or len(text.split()) < 3:
                continue
            setattr(action, name, text[:-1] + ".")
            action.corrections.append(
                Correction(
                    None,
                    name,
                    text[-20:],
                    text[-20:-1] + ".",
                    "ocr_final_stop",
                    "a comma ending the field read as a full stop (OCR reads a stop with a speck"
                    " under it as a comma; prose does not end with one)",
                )
            )

    def _first_capitals(self) -> None:
        """An OCR-read description that starts with a small letter read with its capital.

        Of the 3,257 descriptions hand-transcribed for the project (the scans' truth and the
        labelled edition pairs), none starts with a small letter; OCR reads a soft ``I`` as ``i``
        (``investigate``).  Only the whole field, after continuation rows are joined (a row that
        carries a cell on starts small).
        """
        for action, name in self.ocr_prose.values():
            text = getattr(action, name)
            if name != "description" or not text or not text[0].islower():
                continue
            first = text.split()[0]
            setattr(action, name, text[0].upper() + text[1:])
            action.corrections.append(
                Correction(
                    None,
                    name,
                    first,
                    first[0].upper() + first[1:],
                    "ocr_first_capital",
                    "a description read starting with a small letter (no plan's does)",
                )
            )

    def _check_ocr_lost_letters(self) -> None:
        """An OCR-read ID of digits alone whose neighbours of one series skip its number (``7``
        between T6 and T8: the ``T`` lost) read as that series' ID, and in its plan.  At the top or
        the foot of the table, where it has neighbours on one side only, the two there count
        (``5`` above T6 and T7; ``9`` under T7 and T8).

        A plan numbered ``1, 2, 3`` beside one lettered ``T1, T2`` (the same sheet) lets the
        bare number pass as the other plan's ID; in the lettered table's rows it is not (and a
        number no plan's pattern fits was put in the plan of the row above).  Only when the plan
        prints no such ID already and the number is exactly the one skipped.
        """
        # again while one is read: a neighbour may be one (``5`` above ``7`` and T8: T7 first)
        while any(self._lost_letters(action) for action in self.ocr_ids):
            pass

    def _lost_letters(self, action: Action) -> bool:
        """:meth:`_check_ocr_lost_letters` for one action; whether its ID was read anew."""
        here = split_id(action.action_id)
        if not here or here[0]:
            return False
        pos = self.actions.index(action)
        gap = None
        if 0 < pos < len(self.actions) - 1:
            before, after = self.actions[pos - 1], self.actions[pos + 1]
            gap = _skipped(before.action_id, after.action_id)
            evidence = [before, after]
            # between the two, any one digit read for the series' letter ('53' between E2 and
            # E4: a photographed bold E)
            if gap and gap[0] and str(here[1])[1:] == str(gap[1]) and len(gap[0]) == 1:
                here = ("", gap[1])

        # on one side only where the other does not go on in bare numbers ('4', '5', T6, T7:
        # the 5 of a plan numbered 1, 2, 3 beside the lettered one)
        def counted(k: int) -> bool:
            parts = split_id(self.actions[k].action_id) if 0 <= k < len(self.actions) else None
            return parts in (("", here[1] - 1), ("", here[1] + 1))

        if gap is None and pos + 2 < len(self.actions) and not counted(pos - 1):
            evidence = self.actions[pos + 1 : pos + 3]
            gap = _ahead(evidence[0].action_id, evidence[1].action_id, -1)
        if gap is None and pos >= 2 and not counted(pos + 1):
            evidence = self.actions[pos - 2 : pos]
            gap = _ahead(evidence[1].action_id, evidence[0].action_id, 1)
        if gap is None or not gap[0] or not _same_number(here[1], gap[1], gap[0]):
            return False
        if evidence[0].plan != evidence[1].plan:
            return False
        plan = evidence[0].plan
        expected = f"{gap[0]}{gap[1]}"
        if any(a.action_id == expected and a.plan == plan for a in self.actions):
            return False
        if not self.profile.matches_id(expected):
            return False
        _read_as(action, expected, "neighbours " + " and ".join(a.action_id for a in evidence))
        action.plan = plan
        return True

    def _check_ocr_runs(self) -> None:
        """Two or more OCR-read IDs in a row that no pattern or series places (``5``, ``Ba``,
        ``gs``, ``56``, ``a7`` for E3 to E7 on a photographed page, the column's letters lost)
        read as the series of the ID above them carried on, when the ID below them goes on
        from there: the same series' next number, or another series' first.

        The run is each row's ID cell as OCR read it, short (a scrap, not a word); a run of bare
        numbers that counts on by itself (``1``, ``2``, a plan numbered beside a lettered one)
        is no run.
        """
        acts = self.actions
        for above, run, below in self._lost_runs(1):
            start = last_number(above.action_id) if above else None
            if above is None or not start or not start[0][:1].isalpha() or len(run) < 2:
                continue
            series, n = start
            after = last_number(below.action_id) if below else None
            goes_on = after in (None, (series, n + len(run) + 1)) or (
                after[0] != series and after[1] == 1
            )
            numbers = [last_number(a.action_id) for a in run]
            # bare numbers that count on are a numbered plan, unless each is the wanted number
            # with the series' letter read as a '1' ('15', '16' for T5, T6)
            counts_on = any(
                x and y and x[0] == y[0] == "" and y[1] == x[1] + 1
                for x, y in zip(numbers, numbers[1:], strict=False)
            ) and not all(
                num and not num[0] and _same_number(num[1], n + k, series) and num[1] != n + k
                for k, num in enumerate(numbers, start=1)
            )
            wanted = [f"{series}{n + k}" for k in range(1, len(run) + 1)]
            used = {a.action_id for a in acts if a.plan == above.plan}
            if (
                not goes_on
                or counts_on
                # under another theme or section the series above may have ended
                or any(_group(a) != _group(above) for a in run)
                or any(w in used or not self.profile.matches_id(w) for w in wanted)
            ):
                continue
            evidence = (
                f"neighbours {above.action_id} and {below.action_id if below else 'none'},"
                f" {len(run)} unread IDs between"
            )
            for action, action_id in zip(run, wanted, strict=True):
                action.findings = [f for f in action.findings if f.check != "id_pattern"]
                _read_as(action, action_id, evidence)

    def _check_ocr_runs_from_below(self) -> None:
        """Bare numbers at the document's top, or under a new theme, each the number the ID
        below them counts back to with the series' letter read as a ``1`` (``15``, ``16`` above
        T7: T5, T6).  Each number is its own evidence, so the run may count on; numbers that are
        the wanted ones without the ``1`` (``4``, ``5`` above T6) may be a numbered plan's."""
        acts = self.actions
        for above, run, below in self._lost_runs(0):
            start = last_number(below.action_id) if below else None
            if not run or below is None or not start or not start[0][:1].isalpha():
                continue
            if above is not None and _group(above) == _group(below):
                continue  # the series above goes on: _check_ocr_runs' case
            series, m = start
            wanted = [(f"{series}{m - len(run) + k}", m - len(run) + k) for k in range(len(run))]
            numbers = [last_number(a.action_id) for a in run]
            used = {a.action_id for a in acts if a.plan == below.plan}
            if any(
                # the letter read as a '1': '4', '5' above T6 may be a numbered plan's 4 and 5
                not num
                or num[0]
                or num[1] == n
                or not _same_number(num[1], n, series)
                or w in used
                or n < 1
                for num, (w, n) in zip(numbers, wanted, strict=True)
            ) or any(
                (a.theme, a.section) != (below.theme, below.section)
                # a number no plan's pattern fits had its plan guessed; one that fits is that plan's
                or (a.plan != below.plan and self.profile.matches_id(a.action_id))
                for a in run
            ):
                continue
            for action, (action_id, _) in zip(run, wanted, strict=True):
                _read_as(action, action_id, f"the IDs below, from {below.action_id}")
                action.plan = below.plan

    def _lost_runs(self, first: int) -> Iterator[tuple[Action | None, list[Action], Action | None]]:
        """Each stretch of actions from index ``first`` on whose IDs OCR lost (:meth:`_lost_id`;
        empty where the next action's ID is not lost), with the action above it and the one
        below it (None at the document's ends).  The runs are found as the caller reads them,
        so an ID it has read anew is no longer lost."""
        acts, ocr, i = self.actions, {id(a) for a in self.ocr_ids}, first
        while i < len(acts):
            end = i
            while end < len(acts) and self._lost_id(acts[end], ocr):
                end += 1
            above = acts[i - 1] if i > 0 else None
            yield above, acts[i:end], acts[end] if end < len(acts) else None
            i = max(end, i + 1)

    def _lost_id(self, action: Action, ocr: set[int]) -> bool:
        """An OCR-read ID (``ocr``: the ids of the actions whose ID cell OCR read) that fits no
        pattern, or a bare number in a plan of lettered IDs: what :meth:`_check_ocr_runs` reads
        from the series above."""
        if id(action) not in ocr or len(action.action_id) > 4:
            return False
        parts = last_number(action.action_id)
        return not self.profile.matches_id(action.action_id) or (parts is not None and not parts[0])

    def _check_ocr_sequence(self) -> None:
        """An OCR-read ID that fits the pattern but not its place (``R0`` between R8 and R10).

        Only for IDs read by OCR: in a text layer an ID out of sequence is what the
        council wrote (a finding elsewhere), but OCR turns one digit into another.  The
        ID is read as the one both neighbours imply when that ID is nowhere else in the
        plan and the two differ in one digit.
        """
        for action in self.ocr_ids:
            same_plan = [a for a in self.actions if a.plan == action.plan]
            pos = same_plan.index(action)
            inside = 0 < pos < len(same_plan) - 1
            gap = (
                _skipped(same_plan[pos - 1].action_id, same_plan[pos + 1].action_id)
                if inside
                else None
            )
            if gap is None:  # at an end of the plan, or its neighbours skip no one ID
                self._series_end(action, same_plan, pos)
                continue
            here = split_id(action.action_id)
            if not here or here[0] != gap[0]:
                continue
            expected = f"{gap[0]}{gap[1]}"
            if expected == action.action_id or any(a.action_id == expected for a in same_plan):
                continue
            if Levenshtein.distance(str(here[1]), str(gap[1])) != 1 or not self.profile.matches_id(
                expected
            ):
                continue
            evidence = (
                f"neighbours {same_plan[pos - 1].action_id} and {same_plan[pos + 1].action_id}"
            )
            _read_as(action, expected, evidence)

    def _series_end(self, action: Action, same_plan: list[Action], pos: int) -> None:
        """:meth:`_check_ocr_sequence` at a series' end, where one neighbour is of the series: an
        OCR-read ID that another action of the plan has already (``RIS`` read as R15 under R17,
        the last of its series: R18), read as the number that neighbour counts on to when that
        number is free and one digit away."""
        here = split_id(action.action_id)
        if not here or sum(a.action_id == action.action_id for a in same_plan) < 2:
            return
        for k, step in ((pos - 1, 1), (pos + 1, -1)):
            near = split_id(same_plan[k].action_id) if 0 <= k < len(same_plan) else None
            if not near or near[0] != here[0] or near[1] + step < 1:
                continue
            expected = f"{near[0]}{near[1] + step}"
            if (
                any(a.action_id == expected for a in same_plan)
                or Levenshtein.distance(str(here[1]), str(near[1] + step)) != 1
                or not self.profile.matches_id(expected)
            ):
                continue
            _read_as(
                action,
                expected,
                f"neighbour {same_plan[k].action_id}, {action.action_id} printed twice",
            )
            return

    def _check_ocr_prefix(self) -> None:
        """An OCR-read ID whose letters no other action of the plan shares (``OM1.1`` before
        DM1.2: a ``D`` read as ``O``) read as the ID a neighbour implies, when it looks like it to
        OCR (``ocr_shape``) and no other action has that ID.  Letters that other actions share
        count as misread too when neither neighbour has them and more actions have the implied
        ID's letters (``OM1.1`` and ``OM1.5`` round DM1.2 to DM1.4: the same misreading twice).
        Where both neighbours imply the one ID, a letter more than it is that ID too (``LBD1.2``
        between LD1.1 and LD1.3)."""
        for action in self.ocr_ids:
            same_plan = [a for a in self.actions if a.plan == action.plan]
            letters = _letters(action.action_id)
            sharing = sum(_letters(a.action_id) == letters for a in same_plan)
            pos = same_plan.index(action)
            if sharing > 1 and any(
                _letters(same_plan[i].action_id) == letters
                for i in (pos - 1, pos + 1)
                if 0 <= i < len(same_plan)
            ):
                continue  # a series of its own
            neighbours = [
                (same_plan[i].action_id, step)
                for i, step in ((pos - 1, 1), (pos + 1, -1))
                if 0 <= i < len(same_plan)
            ]
            used = {a.action_id for a in same_plan}
            implied = {
                f"{parts[0]}{parts[1] + step}"
                for neighbour, step in neighbours
                if (parts := last_number(neighbour)) and parts[1] + step > 0
            }
            seen = ocr_shape(action.action_id)
            # both neighbours imply one ID: a letter more than it is no other ID ('LBD1.2' between
            # LD1.1 and LD1.3)
            agreed = len(neighbours) == 2 and len(implied) == 1
            alike = sorted(
                e
                for e in implied
                if e not in used
                and self.profile.matches_id(e)
                and (
                    ocr_shape(e) == seen
                    or _one_stroke_more(seen, ocr_shape(e))
                    or (agreed and one_letter_more(action.action_id, e))
                )
            )
            if not alike and sharing == 1:
                alike = self._theme_initials_id(action, used)
            if len(alike) != 1:
                continue
            if (
                sharing > 1
                and sum(_letters(a.action_id) == _letters(alike[0]) for a in same_plan) <= sharing
            ):
                continue  # the implied letters are no commoner than these
            _read_as(action, alike[0], "neighbours " + " and ".join(n for n, _ in neighbours))

    def _theme_initials_id(self, action: Action, used: set[str]) -> list[str]:
        """The ID an OCR-read ID is with one upright stroke fewer (``MGI1.1``: MG1.1) when its
        letters begin the initials of its theme and the letters as read do not (Management &
        Governance: MG), the ID free and of the profile's pattern. For an ID alone in its series,
        first of its section, whose neighbours imply nothing (its workstream's one action, read
        ``MGI1.1`` on two of the scans)."""
        if not action.theme:
            return []
        theme = initials(action.theme, _THEME_SMALL_WORDS)
        if theme.startswith(_letters(action.action_id).upper()):
            return []
        seen = ocr_shape(action.action_id)
        return sorted(
            {
                meant
                for i, ch in enumerate(action.action_id)
                if ch.isalpha()
                and (meant := action.action_id[:i] + action.action_id[i + 1 :]) not in used
                and _letters(meant)
                and theme.startswith(_letters(meant).upper())
                and self.profile.matches_id(meant)
                and _one_stroke_more(seen, ocr_shape(meant))
            }
        )


# words a theme's initials leave out ('Decision Making and Procurement': DMP)
_THEME_SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "a", "an", "with"})


def _one_stroke_more(seen: str, meant: str) -> bool:
    """``seen`` is ``meant`` with one upright stroke more (``DMI1.2`` for DM1.2: a serif or a
    cell's edge read as an ``I``), both as :func:`ocr_shape` gives them."""
    return len(seen) == len(meant) + 1 and any(
        seen[i] == "1" and seen[:i] + seen[i + 1 :] == meant for i in range(len(seen))
    )


def _skipped(before: str, after: str) -> tuple[str, int] | None:
    """The series and number of the one ID two neighbouring IDs of one series skip (T6, T8:
    ``("T", 7)``), else None."""
    prev, nxt = split_id(before), split_id(after)
    if prev and nxt and prev[0] == nxt[0] and prev[1] + 2 == nxt[1]:
        return prev[0], prev[1] + 1
    return None


def _ahead(nearest: str, next_one: str, step: int) -> tuple[str, int] | None:
    """The series and number one ``step`` on from ``nearest``, when ``next_one`` continues the
    same series the other way (T6 then T7, step -1: ``("T", 5)``), else None."""
    near, far = split_id(nearest), split_id(next_one)
    if near and far and near[0] == far[0] and far[1] == near[1] - step and near[1] + step > 0:
        return near[0], near[1] + step
    return None


def _group(action: Action) -> tuple[str | None, str | None, str | None]:
    """The plan, theme and section an action is printed under."""
    return action.plan, action.theme, action.section


def _same_number(read: int, wanted: int, series: str) -> bool:
    """Whether a bare number OCR read is the number a series' ID wants: the same number, or with
    a one-letter series' letter read as a ``1`` before it (``15`` for T5: a serif T's stem)."""
    return read == wanted or (len(series) == 1 and str(read) == f"1{wanted}")


def _read_as(action: Action, action_id: str, evidence: str) -> None:
    """An OCR-read ID put right from the sequence, with its correction and finding."""
    action.corrections.append(
        Correction(None, "action_id", action.action_id, action_id, "id_from_sequence", evidence)
    )
    action.findings.append(
        Finding.of(
            "id_repaired",
            f"OCR read ID {action.action_id!r}; read as {action_id} from its {evidence}",
        )
    )
    action.action_id = action_id


def _split_correction(split: tuple[str, str, str]) -> Correction:
    cell, token, rest = split
    return Correction(
        None,
        "action_id",
        cell,
        f"{token} | {rest}",
        "merged_id_column_split",
        "the ID column was read into the text column beside it (one header cell names both);"
        " the ID cut out of the text",
    )


def _letters(action_id: str) -> str:
    """The letters an ID starts with (``DM`` of DM1.2)."""
    m = re.match(r"[A-Za-z]*", action_id)
    return m.group(0) if m else ""


# OCR-read cells whose words are put right from the document's own words: the free-text fields,
# and a timescale written in words (``Ongving`` where the page writes ``Ongoing`` ten times; a
# profile's ordinal scale, S/M/L, is read by its own rule before)
_OCR_TEXT_FIELDS = {"description", "update_text", "objectives", "lead", "partners", "timescale"}
_OCR_PROSE_FIELDS = {"description", "update_text", "objectives"}
_FINAL_COMMA = re.compile(r"(?<=[A-Za-z)\"'’”]),$")


def _ocr_code(cell: RawCell) -> bool:
    """An OCR-read cell holding one short code of letters and digits (a damaged ID), not a word."""
    text = cell.text.strip()
    return (
        cell.confidence is not None
        and 2 <= len(text) <= 4
        and text.isalnum()
        and text[0].isupper()
        and not text[1:].islower()
    )


def _ocr_scrap(cell: RawCell) -> bool:
    """An OCR-read cell holding one short token with a letter or digit in it, in any case, with a
    stray mark or its dot read as a space (``gl``, ``gE}`` for E1, E3 on a photographed page,
    ``CEI 5`` for CE1.5): what is left of an ID, or a speck; the row it is in says which
    (:meth:`_Walker._full_row`)."""
    text = cell.text.strip()
    return (
        cell.confidence is not None
        and 1 <= len(text) <= 6
        and text.count(" ") <= 1
        and any(ch.isalnum() for ch in text)
    )


def normalise_document(
    raw: RawDocument, profile: Profile, plans: list[str] | None = None, strict: bool = False
) -> NormalisedDocument:
    """Turn a :class:`RawDocument` into clean actions, corrections and findings.

    Noise is repaired and logged (``corrections``) or reported (``findings``); with
    ``strict=True`` any correction or any warning or error finding raises
    :class:`StrictModeError` instead, naming how much there was and the first cases.
    """
    doc = _Walker(raw, profile, list(plans or [])).run()
    if strict:
        refuse_noise(raw.path, doc)
    return doc


def refuse_noise(path: str, doc: NormalisedDocument) -> None:
    """Raise :class:`StrictModeError` if normalising ``doc`` repaired anything or found a warning or
    error."""
    corrections = doc.all_corrections()
    findings = [f for f in doc.all_findings() if f.severity in ("warning", "error")]
    if corrections or findings:
        first = [
            f"{c.rule} on {c.field}" + (f" of {c.action_id}" if c.action_id else "")
            for c in corrections[:2]
        ]
        first += [f"{f.check}: {f.message}" for f in findings[:2]]
        raise StrictModeError(
            f"{path}: strict: {len(corrections)} corrections and {len(findings)} warnings or errors"
            f" found (first: {'; '.join(first)}); without --strict they are repaired and logged"
        )
