"""What each check means, in one sentence: shown in the reports and the README."""

from __future__ import annotations

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# check name -> one sentence for the reader.  Checks not listed still show, with their name.
CHECKS: dict[str, str] = {
    "schema": "A stage boundary failed its pandera schema (raw rows out of extract, clean actions out of "
              "normalise); every failure is collected, not only the first.",
    "required_field": "An action has no description.",
    "id_pattern": "An ID fits none of the profile's ID patterns and its neighbours give no evidence to read it.",
    "duplicate_id": "The same ID appears more than once in one plan; all rows are kept.",
    "id_gap": "An ID is missing from a numbered sequence (its neighbours exist).",
    "id_repaired": "An ID was read from the sequence around it (811 between B10 and B12 is B11); the evidence is given.",
    "id_sequence": "An unnumbered item's written number disagrees with its position in its group.",
    "coverage": "Actions per theme against what the ID sequence implies (T1-T34 implies 34 rows).",
    "deliverability": "The stated deliverability score differs from timescale x cost x carbon; the three inputs "
                      "and the stated score are listed for the analyst to judge (never silently fixed).",
    "missing_value": "A value the document's rule needs is empty (e.g. a deliverability score).",
    "vocabulary": "A value is outside the profile's controlled vocabulary and was kept as written.",
    "multiple_stages": "One cell holds several stages; the most advanced was kept, all are in attributes.",
    "truncated_text": "A description ends mid-sentence (on 'the', 'and', a comma or an open bracket).",
    "text_bleed": "Text of one action was found at the start of the next row and moved back.",
    "broken_row": "One action was broken over two rows or pages and merged.",
    "cell_length": "A cell is suspiciously short (a status word as a description) or long (rows run together, "
                   "commentary in a one-word column).",
    "empty_field": "A field most actions of the same plan and theme fill is empty here.",
    "unparsed_row": "A row did not become part of any action; its raw text is shown.",
    "unmapped_header": "A column header matches no canonical field; its values are kept in attributes.",
    "metadata_guess": "Council, edition or title were read from the document's own text (no manifest entry or "
                      "flag gave them); the evidence is given. Check them, or list the file in a manifest.toml.",
    "ocr_header_unread": "OCR could not read a scanned table's header row; its columns were recognised from what its "
                         "body holds (IDs, prose, RAG fills, dates). Check the columns named against the page.",
    "colour": "A RAG cell has no fill colour, or a fill that is not green, amber or red (the colour is given).",
    "profile_inference": "No profile was given, so the layout was inferred from the document, and one of its "
                         "settings is uncertain (the setting and why are given); check the columns it mapped.",
    "ocr_confidence": "OCR read a cell with low confidence (under 0.6, the mean over its characters); the text "
                      "read, its row and column are given: compare it with the page image.",
    "ocr_unreadable": "A page has no text layer and OCR found no legible text on its image; any actions on it "
                      "are missing.",
    "no_text_layer": "A page has no text layer (an image only) and OCR was off; any actions on it are missing "
                     "(ingest with --ocr auto).",
    "damaged_page": "A page could not be read, or only in part (a damaged PDF object, or drawing instructions "
                    "that stop part way); any actions on it, or after the damage, are missing.",
    "grid_too_fine": "A page's ruled grid has more cells than an action table could (a chart, a calendar); "
                     "its text was read without the rules.",
    "recovered": "The PDF could not be opened as it is; its structure was rebuilt and the pages read from that "
                 "copy. Compare a few rows with the source.",
    "greyscale_scan": "A scanned page has no colour, and the plan shows RAG ratings as cell colours: ratings "
                      "missing on that page are unknown, not unrated. Ask for a colour copy.",
    "unknown_table": "A table whose header the profile does not know was left out; if it holds actions, add "
                     "its column names to the profile's synonyms.",
}


def describe(check: str) -> str:
    return CHECKS.get(check, check.replace("_", " "))
