"""The registry of checks: every finding's name, the stage that emits it, its severity and meaning.

One place for what a finding is.  The code that emits a finding names it here
(``Finding.of("colour", message)`` takes its severity from the registry, and a
:class:`~actionplans.normalise.Finding` with an unregistered name or a severity
its check does not allow is refused); the reports print the meaning beside
every finding; ``tests/test_report_checks.py`` fails when the source emits a
name that is not here.  Like :mod:`actionplans.errors`, this module imports
nothing, so every stage may use it.

>>> CHECK["id_gap"].severity, CHECK["id_gap"].stage
('warning', 'normalise')
>>> describe("no_such_check")
'no such check'
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
STAGES = ("extract", "normalise", "ingest")


@dataclass(frozen=True)
class Check:
    """One kind of finding."""

    name: str
    stage: str  # where it is found: extract (a reader's note), normalise, or ingest (pipeline)
    severity: str  # what an emitter gives it unless it says otherwise
    meaning: str  # one sentence for the reader of a report
    also: tuple[str, ...] = ()  # other severities an emitter may give it
    loses_rows: bool = False  # the document's actions on the page it names may be missing

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"check {self.name}: stage {self.stage!r} is not one of {STAGES}")
        for severity in (self.severity, *self.also):
            if severity not in SEVERITIES:
                raise ValueError(
                    f"check {self.name}: severity {severity!r} is not one of {SEVERITIES}"
                )

    @property
    def severities(self) -> tuple[str, ...]:
        return (self.severity, *self.also)


REGISTRY: tuple[Check, ...] = (
    Check(
        "schema",
        "ingest",
        "error",
        "A stage boundary failed its pandera schema (raw rows out of extract, clean actions out "
        "of normalise); every failure is collected, not only the first.",
        # raw rows out of extract failing theirs: a warning (normalise may mend them)
        also=("warning",),
    ),
    Check(
        "required_field",
        "normalise",
        "error",
        "An action has no description.",
    ),
    Check(
        "id_pattern",
        "normalise",
        "error",
        "An ID fits none of the profile's ID patterns and its neighbours give no evidence to "
        "read it.",
    ),
    Check(
        "duplicate_id",
        "normalise",
        "warning",
        "The same ID appears more than once in one plan; all rows are kept.",
    ),
    Check(
        "id_gap",
        "normalise",
        "warning",
        "An ID is missing from a numbered sequence (its neighbours exist).",
    ),
    Check(
        "id_repaired",
        "normalise",
        "info",
        "An ID was read from the sequence around it (811 between B10 and B12 is B11); the "
        "evidence is given.",
    ),
    Check(
        "id_sequence",
        "normalise",
        "warning",
        "An unnumbered item's written number disagrees with its position in its group.",
    ),
    Check(
        "coverage",
        "normalise",
        "warning",
        "Actions per theme against what the ID sequence implies (T1-T34 implies 34 rows).",
        # a count that agrees with the IDs is information; one that disagrees, a warning
        also=("info",),
    ),
    Check(
        "deliverability",
        "normalise",
        "warning",
        "The stated deliverability score differs from timescale x cost x carbon; the three "
        "inputs and the stated score are listed for the analyst to judge (never silently "
        "fixed).",
    ),
    Check(
        "missing_value",
        "normalise",
        "warning",
        "A value the document's rule needs is empty (e.g. a deliverability score).",
    ),
    Check(
        "vocabulary",
        "normalise",
        "warning",
        "A value is outside the profile's controlled vocabulary and was kept as written.",
    ),
    Check(
        "multiple_stages",
        "normalise",
        "info",
        "One cell holds several stages; the most advanced was kept, all are in attributes.",
    ),
    Check(
        "truncated_text",
        "normalise",
        "warning",
        "A description ends mid-sentence (on 'the', 'and', a comma or an open bracket).",
    ),
    Check(
        "text_bleed",
        "normalise",
        "warning",
        "Text of one action was found at the start of the next row and moved back.",
    ),
    Check(
        "broken_row",
        "normalise",
        "warning",
        "One action was broken over two rows or pages and merged.",
    ),
    Check(
        "cell_length",
        "normalise",
        "warning",
        "A cell is suspiciously short (a status word as a description) or long (rows run "
        "together, commentary in a one-word column).",
    ),
    Check(
        "empty_field",
        "normalise",
        "warning",
        "A field most actions of the same plan and theme fill is empty here.",
    ),
    Check(
        "unparsed_row",
        "normalise",
        "warning",
        "A row did not become part of any action; its raw text is shown.",
        # a junk or page-number row is information; an orphan row, a warning
        also=("info",),
    ),
    Check(
        "unmapped_header",
        "normalise",
        "warning",
        "A column header matches no canonical field; its values are kept in attributes.",
    ),
    Check(
        "metadata_guess",
        "ingest",
        "info",
        "Council, edition or title were read from the document's own text (no manifest entry or "
        "flag gave them); the evidence is given. Check them, or list the file in a "
        "manifest.toml.",
    ),
    Check(
        "ocr_header_unread",
        "extract",
        "warning",
        "OCR could not read a scanned table's header row; its columns were recognised from what "
        "its body holds (IDs, prose, RAG fills, dates). Check the columns named against the "
        "page.",
    ),
    Check(
        "ocr_header_partly_read",
        "extract",
        "warning",
        "OCR read a scanned table's header row only in part (a label lost or garbled); the "
        "columns it could not name were recognised from what their cells hold (IDs, prose, "
        "dates, stage words, RAG fills). Check the columns named against the page.",
    ),
    Check(
        "greyscale_rag",
        "normalise",
        "info",
        "A RAG rating was read from its cell's grey level on a greyscale scan: of the profile's "
        "RAG colours, only that rating's print at that grey.",
    ),
    Check(
        "greyscale_rag_ambiguous",
        "normalise",
        "warning",
        "A RAG cell on a greyscale scan has a grey level at which colours of two ratings print "
        "(light green and amber, pale red and pale green): the rating is left unknown.",
    ),
    Check(
        "colour",
        "normalise",
        "warning",
        "A RAG cell has no fill colour, or a fill that is not green, amber or red (the colour "
        "is given).",
    ),
    Check(
        "profile_inference",
        "ingest",
        "warning",
        "No profile was given, so the layout was inferred from the document, and one of its "
        "settings is uncertain (the setting and why are given); check the columns it mapped.",
    ),
    Check(
        "ocr_confidence",
        "extract",
        "warning",
        "OCR read a cell with low confidence (under 0.6, the mean over its characters); the "
        "text read, its row and column are given: compare it with the page image.",
    ),
    Check(
        "ocr_unreadable",
        "extract",
        "warning",
        "A page has no text layer and OCR found no legible text on its image; any actions on it "
        "are missing.",
        loses_rows=True,
    ),
    Check(
        "no_text_layer",
        "extract",
        "warning",
        "A page has no text layer (an image only) and OCR was off; any actions on it are "
        "missing (ingest with --ocr auto).",
        loses_rows=True,
    ),
    Check(
        "damaged_page",
        "extract",
        "warning",
        "A page could not be read, or only in part (a damaged PDF object, or drawing "
        "instructions that stop part way); any actions on it, or after the damage, are missing.",
        loses_rows=True,
    ),
    Check(
        "grid_too_fine",
        "extract",
        "warning",
        "A page's ruled grid has more cells than an action table could (a chart, a calendar); "
        "its text was read without the rules.",
    ),
    Check(
        "recovered",
        "extract",
        "warning",
        "The PDF could not be opened as it is; its structure was rebuilt and the pages read "
        "from that copy. Compare a few rows with the source.",
    ),
    Check(
        "greyscale_scan",
        "extract",
        "warning",
        "A scanned page has no colour, and the plan shows RAG ratings as cell colours: ratings "
        "missing on that page are unknown, not unrated (a rating is read from a cell's grey level "
        "only where one rating's colours print at it). Ask for a colour copy.",
    ),
    Check(
        "page_turned",
        "extract",
        "info",
        "A scanned page lay sideways or upside down and was read turned upright (by tesseract's "
        "orientation detection, kept only where the turned page reads better). Its cells' "
        "positions are those of the upright page, not of the PDF page.",
    ),
    Check(
        "page_speckled",
        "extract",
        "info",
        "A scanned page is speckled all over (dust on the glass, a noisy scanner or fax line): its "
        "specks were replaced by their surroundings before OCR. A full stop or a decimal point "
        "may be lost with them; check figures against the page.",
    ),
    Check(
        "page_blurred",
        "extract",
        "info",
        "A scanned page is out of focus (a blurred scan or photograph): its text was read from a "
        "sharpened copy; its rules and cell colours from the page as it is. Blurred letters run "
        "together: check names and figures against the page.",
    ),
    Check(
        "table_in_image",
        "extract",
        "info",
        "No page of the document gave a table from its text, and this page's table is a picture "
        "(a screenshot pasted into a report): it was read by OCR. Check a few rows against the "
        "page.",
    ),
    Check(
        "unknown_table",
        "extract",
        "warning",
        "A table whose header the profile does not know was left out; if it holds actions, add "
        "its column names to the profile's synonyms.",
    ),
)

CHECK: dict[str, Check] = {c.name: c for c in REGISTRY}
# check name -> its meaning (the reports' and the README's table)
CHECKS: dict[str, str] = {c.name: c.meaning for c in REGISTRY}
LOST_ROW_CHECKS: tuple[str, ...] = tuple(c.name for c in REGISTRY if c.loses_rows)


def describe(check: str) -> str:
    """The check's meaning; a name not in the registry (an old database's) reads as its words."""
    found = CHECK.get(check)
    return found.meaning if found else check.replace("_", " ")


def severity_of(check: str, severity: str | None = None) -> str:
    """The severity a finding of ``check`` carries: the registry's, or ``severity`` if allowed."""
    found = CHECK.get(check)
    if found is None:
        raise ValueError(f"unregistered check {check!r}: add it to actionplans/checks.py")
    if severity is None:
        return found.severity
    if severity not in found.severities:
        allowed = "/".join(found.severities)
        raise ValueError(f"check {check!r} is {allowed}, not {severity!r} (actionplans/checks.py)")
    return severity
