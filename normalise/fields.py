"""Turning one raw cell into one clean field of an action, logging every change."""

from __future__ import annotations

import re

from ..extract.records import RawCell
from ..profile import Profile
from .colour import RAG_COLUMN_SATURATION, is_filled, rag_from_colour, rag_from_grey
from .header import GANTT_PREFIX
from .records import Action, Correction, Finding
from .split import rejoin_wrapped, split_known_names, split_names
from .text import clean_text, fold_lookalikes, fold_mixed_script_words, has_lookalikes
from .vocab import (
    canon_choice,
    canon_month,
    canon_objectives,
    canon_rating,
    canon_timescale,
    find_stages,
)

_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
_SEPARATORS = re.compile(r"\s*[;,]\s*|\s+[•▪·]\s+")  # written between names in one cell
# a list marker before a name, one per line in a PDF cell
_BULLET = re.compile(r"^[•▪◦●○■□➢►‣⁃·\-–—*]+\s+")


def _fix(
    action: Action,
    field: str,
    raw: str | None,
    clean: str | None,
    rule: str,
    evidence: str | None = None,
) -> None:
    action.corrections.append(Correction(None, field, raw, clean, rule, evidence))


def _gantt_mark(text: str, profile: Profile) -> bool:
    """A Gantt cell marked in text, not colour (``X``, ``✓``, ``●``): the profile's tick glyphs,
    digits left out (a digit there is more often a page number or a quarter)."""
    tokens = text.split()
    return bool(tokens) and all(t in profile.tick_glyphs and not t.isdigit() for t in tokens)


def _free_text(action: Action, field: str, raw: str) -> str | None:
    text = clean_text(raw)
    folded = fold_mixed_script_words(text)
    if folded != text:
        _fix(action, field, text, folded, "lookalike_letters")
    if "<" in raw and re.search(r"</?[A-Za-z]", raw):
        _fix(action, field, raw, folded, "markup_stripped")
    return folded or None


def _is_placeholder(text: str, profile: Profile) -> bool:
    return text in profile.placeholders or bool(re.fullmatch(r"[\s\-–—_.]+", text))


def apply_cell(
    action: Action,
    name: str,
    cell: RawCell,
    profile: Profile,
    findings: list[Finding],
    grey: bool = False,
) -> None:
    """Set the field ``name`` of ``action`` from ``cell``.

    ``grey``: the cell is on a greyscale scan (its fill has a grey level and no hue)."""
    raw = cell.text or ""
    text = clean_text(raw)

    if name.startswith(GANTT_PREFIX):
        year = name[len(GANTT_PREFIX) :]
        marked = _gantt_mark(text, profile)
        if is_filled(cell.fill) or marked:
            if year not in action.attributes.get("delivery_years", []):
                action.attributes.setdefault("delivery_years", []).append(year)
        if marked:
            return
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 2:
            # words written under a year (progress year by year, not a mark): kept, not dropped
            action.attributes.setdefault("year_notes", {})[year] = text
        elif text:
            stray = "page_number_in_cell" if _PAGE_NUMBER.match(text) else "stray_glyph"
            _fix(action, f"delivery_years:{year}", text, None, stray)
        return
    if name.startswith("tick:"):
        target = name[5:]
        glyphs = [g for g in profile.tick_glyphs if g in text.split() or g in text]
        if glyphs:
            action.attributes.setdefault("targets", [])
            if target not in action.attributes["targets"]:
                action.attributes["targets"].append(target)
            residue = text
            for g in glyphs:
                residue = residue.replace(g, "")
            if residue.strip():
                _fix(action, f"targets:{target}", text, "ticked", "stray_glyph")
        elif text:
            _fix(action, f"targets:{target}", text, None, "stray_glyph")
        return
    if not text and not cell.fill:
        return

    if name == "description":
        action.description = _join(action.description, _free_text(action, name, raw))
    elif name == "title":
        action.title = _join(action.title, _free_text(action, name, raw))
    elif name in ("update_text",):
        action.update_text = _join(action.update_text, _free_text(action, name, raw))
    elif name == "section":
        action.section = text or None
    elif name == "theme":
        action.theme = text or None
    elif name == "objectives":
        value, rule = canon_objectives(text)
        if value is None and re.fullmatch(r"added\s*in", text, re.I):
            action.attributes["added_in"] = True
            _fix(action, name, text, None, "objective_added_in")
        elif value is None:
            action.objectives = text
            findings.append(
                Finding.of("vocabulary", f"objectives {text!r} is not a list of objective numbers")
            )
        else:
            action.objectives = value
            if rule:
                _fix(action, name, text, value, rule)
    elif name == "role":
        value, rule = canon_choice(
            text, {r: () for r in profile.roles}, ocr=cell.confidence is not None
        )
        _set_vocab(action, name, text, value, rule, findings)
    elif name == "stage":
        _apply_stage(action, text, profile, findings, ocr=cell.confidence is not None)
    elif name == "rag":
        _apply_rag(action, cell, text, profile, findings, grey)
    elif name == "timescale":
        if profile.timescale_scale:
            value, rule = canon_timescale(text, profile.timescale_scale)
            _set_vocab(action, name, text, value, rule, findings)
        else:
            value = fold_lookalikes(text) if has_lookalikes(text) else text
            if value != text:
                _fix(action, name, text, value, "lookalike_letters")
            action.timescale = value
    elif name in ("start_period", "end_period"):
        value, rule = canon_month(text)
        if value is None:
            value = fold_lookalikes(text)
            rule = "lookalike_letters" if value != text else None
        setattr(action, name, value)
        if rule:
            _fix(action, name, text, value, rule)
    elif name == "target_date":
        if len(text) <= 2 and not text.isdigit():
            _fix(action, name, text, None, "stray_glyph")
        else:
            action.target_date = _join(action.target_date, text)
    elif name == "lead":
        _apply_names(action, "lead", cell, text, profile.leads, profile)
    elif name == "partners":
        _apply_names(action, "partners", cell, text, profile.partners, profile)
    elif name in ("attributes.cost", "attributes.carbon_saving"):
        key = name.split(".", 1)[1]
        value, rule = canon_rating(text, profile.ratings)
        if value is None:
            action.attributes[key] = text
            action.attributes.setdefault("_unread", []).append(key)
        else:
            action.attributes[key] = value
            if rule:
                _fix(action, key, text, value, rule)
    elif name == "attributes.deliverability":
        try:
            action.attributes["deliverability"] = float(fold_lookalikes(text).replace(",", "."))
        except ValueError:
            action.attributes["deliverability"] = text
            findings.append(Finding.of("vocabulary", f"deliverability {text!r} is not a number"))
    elif name.startswith("attributes."):
        key = name.split(".", 1)[1]
        action.attributes[key] = _join(action.attributes.get(key), _free_text(action, key, raw))
    else:
        action.attributes[name] = text


def _join(old: str | None, new: str | None) -> str | None:
    if not new:
        return old
    return f"{old} {new}" if old else new


def _set_vocab(
    action: Action,
    name: str,
    text: str,
    value: str | None,
    rule: str | None,
    findings: list[Finding],
) -> None:
    if value is None:
        setattr(action, name, text)
        findings.append(
            Finding.of("vocabulary", f"{name} {text!r} is outside the profile's vocabulary")
        )
        return
    setattr(action, name, value)
    if rule:
        _fix(action, name, text, value, rule)


def _apply_stage(
    action: Action, text: str, profile: Profile, findings: list[Finding], ocr: bool = False
) -> None:
    vocab = profile.stage_vocab
    value, rule = canon_choice(text, vocab, ocr=ocr)
    if value is not None:
        action.stage = value
        if rule:
            _fix(action, "stage", text, value, rule)
        return
    stages = find_stages(text, vocab)
    if len(stages) >= 2:
        order = list(vocab)
        most_advanced = max((s for _, s in stages), key=order.index)
        action.attributes["sub_stages"] = {
            label or f"part {i + 1}": s for i, (label, s) in enumerate(stages)
        }
        action.stage = most_advanced
        _fix(action, "stage", text, most_advanced, "stage_most_advanced_of_several")
        findings.append(
            Finding.of(
                "multiple_stages",
                f"one cell holds {len(stages)} stages ({text!r}); stage is the most advanced",
            )
        )
        return
    # a stray character glued to the word ("n In progress")
    trimmed = re.sub(r"^\w\s+", "", text)
    if trimmed != text:
        value, _ = canon_choice(trimmed, vocab)
        if value is not None:
            action.stage = value
            _fix(action, "stage", text, value, "stray_glyph")
            return
    action.stage = text
    findings.append(Finding.of("vocabulary", f"stage {text!r} is outside the profile's vocabulary"))


def _apply_rag(
    action: Action,
    cell: RawCell,
    text: str,
    profile: Profile,
    findings: list[Finding],
    grey: bool = False,
) -> None:
    if cell.fill:
        action.attributes["rag_fill"] = cell.fill
        # the header says this column holds ratings: a washed-out tint is one
        colour = rag_from_colour(cell.fill, RAG_COLUMN_SATURATION)
        if colour:
            action.rag = colour
        elif grey and profile.rag_palette:
            _apply_rag_grey(action, cell.fill, profile, findings)
        else:
            findings.append(
                Finding.of("colour", f"RAG cell fill {cell.fill} is not green, amber or red")
            )
    if not text:
        return
    word, rule = canon_choice(text, profile.rag_vocab)
    if word is not None and len(text) <= 12:
        action.attributes["rag_word"] = text
        if action.rag and action.rag != word:
            findings.append(
                Finding.of("colour", f"RAG fill says {action.rag}, cell text says {text!r}")
            )
        action.rag = action.rag or word
        if word != text:
            _fix(action, "rag", text, word, rule or "vocabulary_synonym")
        return
    # A status word followed by a comment ("Green - on track", "Amber: awaiting funding").
    lead = re.match(r"^([A-Za-z]{2,10}(?: [a-z]{2,5})?)\s*[-–—:(/]\s*(\S.*)$", text)
    if lead:
        word, _ = canon_choice(lead.group(1), profile.rag_vocab, 95)
        if word is not None:
            action.attributes["rag_word"] = lead.group(1)
            if action.rag and action.rag != word:
                findings.append(
                    Finding.of("colour", f"RAG fill says {action.rag}, cell text says {text!r}")
                )
            action.rag = action.rag or word
            _fix(action, "rag", text, word, "rag_word_with_comment")
            text = lead.group(2).rstrip(")")
    if (
        not action.attributes.get("rag_word")
        and len(text) <= 20
        and len(text.split()) <= 3
        and not re.search(r"[.!?;:,]", text)
    ):
        # a status word the vocabulary does not know (``Delayed``, ``Not started``): the cell's
        # label, kept as written; commentary is longer than that
        action.attributes["rag_word"] = text
        findings.append(
            Finding.of("vocabulary", f"RAG cell word {text!r} is outside the profile's vocabulary")
        )
        return
    # The RAG column holds commentary (the status itself is the fill colour).
    comment = clean_text(text)
    if action.update_text is None:
        action.update_text = comment
        _fix(action, "update_text", comment, comment, "rag_commentary_as_update")
    else:
        action.attributes["rag_comment"] = comment


def _apply_rag_grey(action: Action, fill: str, profile: Profile, findings: list[Finding]) -> None:
    """A RAG cell of a greyscale scan: the rating whose palette colours alone print at its grey."""
    reading = rag_from_grey(fill, profile.rag_palette)
    action.attributes["rag_grey"] = reading.level
    if reading.rating:
        action.rag = reading.rating
        _fix(
            action,
            "rag",
            fill,
            reading.rating,
            "rag_grey_level",
            f"grey level {reading.level} of a greyscale scan; of the profile's RAG colours only "
            f"{reading.describe()} print there",
        )
        findings.append(
            Finding.of(
                "greyscale_rag",
                f"RAG {reading.rating} read from the cell's grey level ({reading.level}) on a "
                "greyscale scan, not from its colour",
            )
        )
    elif reading.ambiguous:
        findings.append(
            Finding.of(
                "greyscale_rag_ambiguous",
                f"RAG cell grey level {reading.level} on a greyscale scan: the profile's colours "
                f"{reading.describe()} print at near-equal greys, so the rating is left unknown",
            )
        )
    else:
        findings.append(
            Finding.of(
                "colour",
                f"RAG cell fill {fill} (grey level {reading.level} on a greyscale scan) is near "
                "none of the profile's RAG colours",
            )
        )


def _apply_names(
    action: Action, name: str, cell: RawCell, text: str, known: tuple[str, ...], profile: Profile
) -> None:
    folded = fold_lookalikes(text) if has_lookalikes(text) else text
    if folded != text:
        _fix(action, name, text, folded, "lookalike_letters")
    if _is_placeholder(folded, profile):
        _fix(action, name, text, None, "placeholder")
        return
    if folded.upper() == "TBC":
        action.attributes[f"{name}_tbc"] = True
        _fix(action, name, text, None, "placeholder_tbc")
        return
    lines = [_BULLET.sub("", clean_text(line)) for line in cell.lines]
    lines = [line for line in lines if line]
    if name == "partners":
        semicolons = len(lines) > 1 and any(";" in line for line in lines)
        if semicolons:
            # a cell that separates its names with semicolons wraps a long name like any text:
            # a line that does not end in ";" goes on ("Environment Agency; Lead" | "Local Flood
            # Authority" is two names, not "...; Lead" and "Local Flood Authority")
            names = [n.strip(" ,") for n in " ".join(lines).split(";") if n.strip(" ,")]
        elif len(lines) > 1:
            names = rejoin_wrapped(lines, known)
        else:
            names = [
                n
                for part in _SEPARATORS.split(folded)
                for n in split_names(part, known, split_unknown=profile.split_joined_names)
            ]
        if len(lines) > 1 and (len(names) < len(lines) or (semicolons and names != lines)):
            _fix(action, name, " | ".join(lines), "; ".join(names), "wrapped_name_rejoined")
        if len(lines) > 1:
            names = split_known_names(names, known)
        keys = {k.lower() for k in known}
        if (
            action.partners
            and names
            and (names[0][:1].islower() or f"{action.partners[-1]} {names[0]}".lower() in keys)
        ):
            # a name cut by a page break: its end is the first line of the continuation row
            joined = f"{action.partners[-1]} {names[0]}"
            _fix(
                action, name, f"{action.partners[-1]} | {names[0]}", joined, "wrapped_name_rejoined"
            )
            action.partners[-1] = joined
            names = names[1:]
        if len(lines) <= 1 and len(names) > 1:
            _fix(action, name, folded, "; ".join(names), "split_joined_names")
        action.partners.extend(n for n in names if n not in action.partners)
    else:
        names = split_names(" ".join(lines) if lines else folded, known, split_unknown=False)
        value = "; ".join(names)
        if value != folded:
            _fix(action, name, folded, value, "split_joined_names")
        action.lead = _join(action.lead, value)
