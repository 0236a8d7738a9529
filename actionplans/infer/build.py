"""Infer a layout profile from one document: tables, columns, IDs, headings, vocabularies.

>>> inferred = infer_profile("data/raw/seeds/000_c9542ef99ac075f4.txt")  # doctest: +SKIP
>>> inferred.profile.id_patterns  # doctest: +SKIP
('(?:AS|CE|DM|LD|MG|PM|F)\\\\d{1,2}\\\\.\\\\d{1,2}',)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..extract import NoActionTable, RawDocument, read_document
from ..normalise import clean_text, normalise_document
from ..profile import Profile, load_profile, profile_from_text
from .columns import ColumnPlan, attribute_key, is_id_text, plan_columns
from .errors import NothingToInfer
from .groups import Groups, find_groups, initials, plan_key
from .ids import embedded_id_pattern, id_patterns
from .profile_yaml import render_profile
from .records import Decision, InferredProfile, hints
from .settings import DEFAULT_INFER_SETTINGS, InferSettings
from .tables import HeaderGroup, find_header_groups
from .vocab import cluster_words, rag_representation, stage_vocab


def read_for_inference(
    path: str | Path,
    progress: bool = False,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> tuple[RawDocument, str | None, Decision | None]:
    """Read a file; a document with no table is tried against the prose patterns in
    ``hints.yaml``."""
    try:
        return read_document(path, progress=progress), None, None
    except NoActionTable:
        pass
    for pattern in hints()["prose_patterns"]:
        try:
            raw = read_document(path, prose_item_pattern=pattern, progress=progress)
        except NoActionTable:
            continue
        rows = sum(len(t.rows) - 1 for t in raw.tables)
        if rows >= settings.prose_min_items:
            return (
                raw,
                pattern,
                Decision(
                    "prose_item_pattern",
                    pattern,
                    0.6,
                    f"no table; {rows} lines are items of the form this pattern reads",
                ),
            )
    raise NothingToInfer(f"{path}: no action table and no list of items that looks like actions")


def infer_profile(
    source: str | Path | RawDocument,
    plans: list[str] | None = None,
    name: str | None = None,
    progress: bool = False,
    *,
    settings: InferSettings = DEFAULT_INFER_SETTINGS,
) -> InferredProfile:
    """Guess the layout profile of one plan (a PDF or text dump, or a :class:`RawDocument`).

    ``plans`` are the plan keys the document holds (as given to ``ingest``);
    with several, headings naming each plan split the document.  Every choice
    is a :class:`Decision` with a confidence; the profile YAML carries them as
    comments.  ``settings`` holds the thresholds it decides by
    (:class:`~actionplans.infer.settings.InferSettings`).
    """
    base = load_profile("base")
    decisions: list[Decision] = []
    prose = None
    if isinstance(source, RawDocument):
        raw = source
    else:
        raw, prose, note = read_for_inference(source, progress=progress, settings=settings)
        if note:
            decisions.append(note)
    stem = Path(raw.path).stem
    header_groups = find_header_groups(raw, base)
    col_plans = [plan_columns(g, base, raw.text, settings=settings) for g in header_groups]
    keep = [
        (g, p)
        for g, p in zip(header_groups, col_plans, strict=True)
        if (
            p.index_of("action_id") is not None
            or p.index_of("description") is not None
            or p.group_label is not None
        )
    ]
    if not keep:
        raise NothingToInfer(f"{raw.path}: found no header row naming an action or ID column")
    for g, p in keep:
        shown = " | ".join(clean_text(t) for t in g.texts if clean_text(t))
        decisions.append(
            Decision(
                "table",
                shown[:80],
                0.9 if p.index_of("action_id") is not None else 0.75,
                f"header row seen {g.occurrences} time(s), {len(g.data_rows())} rows under it",
            )
        )
        decisions.extend(p.decisions)

    chosen: dict = {"columns": _columns(keep, decisions)}
    fallback: dict[int, str] = {}  # columns chosen by their cells under an empty header cell
    for g, p in keep:
        for idx, field in p.fields.items():
            if (
                not clean_text(g.texts[idx])
                and not field.startswith("gantt:")
                and field not in fallback.values()
            ):
                fallback[idx] = field
    if fallback:
        chosen["header_fallback"] = fallback
    ticks = next(((g, p) for g, p in keep if p.ticks), None)
    if ticks:
        g, p = ticks
        names = [
            attribute_key(clean_text(g.texts[i])) if clean_text(g.texts[i]) else f"target_{n + 1}"
            for n, i in enumerate(p.ticks)
        ]
        chosen["tick_columns"] = {"field": "targets", "names": names}

    # IDs: their own column, or written inside the action cell
    tokens: list[str] = []
    embedded = None
    id_cols: dict[int, int | None] = {}
    for gi, (g, p) in enumerate(keep):
        col = p.index_of("action_id")
        id_cols[gi] = col
        rows = g.data_rows()
        if col is not None:
            tokens += [
                clean_text(r.cells[col].text).split()[0]
                for r in rows
                if col < len(r.cells) and is_id_text(r.cells[col].text, base, settings=settings)
            ]
            continue
        # an ID is written before the title where there is one (``12 - Title``)
        desc = p.index_of("title")
        desc = p.index_of("description") if desc is None else desc
        if desc is None:
            continue
        cells = [r.cells[desc].text for r in rows if desc < len(r.cells)]
        pattern, share, found = embedded_id_pattern(cells, settings=settings)
        if pattern:
            embedded = pattern
            tokens += found
            decisions.append(
                Decision(
                    "id_in_description",
                    pattern,
                    round(min(0.95, 0.4 + 0.6 * share), 2),
                    f"no ID column; {share:.0%} of the action cells start with an ID"
                    f" ({', '.join(found[:3])} ...)",
                )
            )
    if embedded:
        chosen["id_in_description"] = embedded
    patterns, left_out, covered = id_patterns(tokens, settings=settings)
    if patterns:
        chosen["id_patterns"] = patterns
        why = (
            f"{len(tokens)} IDs, e.g. {', '.join(dict.fromkeys(tokens[:4]))}; the patterns fit"
            f" {covered:.0%}"
        )
        if left_out:
            why += (
                f"; left out as damaged or rare: {', '.join(left_out[:5])} (repaired from"
                " neighbours where they agree)"
            )
        decisions.append(
            Decision(
                "id_patterns",
                patterns,
                (
                    round(0.5 + 0.45 * covered, 2)
                    if len(tokens) >= settings.id_confidence_min_tokens
                    else 0.5
                ),
                why,
            )
        )
    else:
        decisions.append(
            Decision(
                "id_patterns", [], 0.6, "no action IDs: actions get synthetic IDs in document order"
            )
        )

    # headings: themes, sections, prefix rows, plans
    grouping = find_groups(raw, [g for g, _ in keep], id_cols, settings=settings)
    _headings(grouping, chosen, decisions)
    plan_keys = _plans(grouping, plans, chosen, raw, keep, decisions, settings)

    # vocabularies and RAG
    _vocabularies(keep, raw, base, chosen, decisions, settings)

    if any(id_cols.get(gi) is None for gi in range(len(keep))) and not embedded:
        first = next(gi for gi in range(len(keep)) if id_cols.get(gi) is None)
        themes = grouping.context_themes
        heading = next((themes[t] for t in keep[first][0].tables if t in themes), None)
        if heading is None:
            earlier = [t for t in themes if t <= min(keep[first][0].tables or [0])]
            heading = themes[max(earlier)] if earlier else None
        prefix = initials(heading) if heading else "X"
        chosen["synthetic_id_prefix"] = prefix
        decisions.append(
            Decision(
                "synthetic_id_prefix",
                prefix,
                0.6 if heading else 0.5,
                f"unnumbered actions get IDs {prefix}1, {prefix}2 ..."
                + (f" (initials of the heading {heading!r})" if heading else ""),
            )
        )
    if prose:
        chosen["prose_item_pattern"] = prose

    label = name or f"auto-{attribute_key(stem)}"  # the same slug as an attribute key
    text = render_profile(label, raw, chosen, decisions)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    profile_name = f"auto:{digest}"
    profile = profile_from_text(text, profile_name, source=f"inferred from {raw.path}")
    inferred = InferredProfile(
        profile_name, text, profile, raw, decisions, plan_keys or list(plans or [])
    )
    _check(inferred, plans or plan_keys or ["main"])
    return inferred


def _columns(
    keep: list[tuple[HeaderGroup, ColumnPlan]], decisions: list[Decision]
) -> dict[str, list[tuple[str, Decision | None]]]:
    """Header text -> field, for every column a field was chosen for."""
    out: dict[str, list[tuple[str, Decision | None]]] = {}
    owner: dict[str, str] = {}
    for g, p in keep:
        for idx, name in sorted(p.fields.items()):
            header = clean_text(g.texts[idx])
            if not header or name.startswith("gantt:"):
                continue
            key = header.lower()
            if key in owner and owner[key] != name:
                decisions.append(
                    Decision(
                        f"columns.{name}",
                        header,
                        0.4,
                        f"header {header!r} means {owner[key]} in one table and {name} in another;"
                        f" kept {owner[key]}",
                    )
                )
                continue
            owner[key] = name
            why = next(
                (d for d in p.decisions if d.setting == f"columns.{name}" and d.value == header),
                None,
            )
            if header not in [h for h, _ in out.get(name, [])]:
                out.setdefault(name, []).append((header, why))
    return out


def _headings(found: Groups, chosen: dict, decisions: list[Decision]) -> None:
    if found.prefixes:
        chosen["theme_row_prefixes"] = found.prefixes
        decisions.append(
            Decision(
                "theme_row_prefixes",
                found.prefixes,
                0.85,
                f"rows '{found.prefixes[0]}: ...' open each theme ({len(found.themes)} themes)",
            )
        )
    if found.themes:
        chosen["themes"] = found.themes
        where = (
            "prefix rows"
            if found.prefixes
            else (
                "headings above the tables"
                if found.context_themes
                else "heading rows inside the tables"
            )
        )
        decisions.append(
            Decision(
                "themes",
                found.themes,
                0.75 if not found.prefixes else 0.85,
                f"{len(found.themes)} themes from {where}",
            )
        )
    if found.sections:
        chosen["sections"] = found.sections
        decisions.append(
            Decision(
                "sections",
                found.sections,
                0.7,
                f"{len(found.sections)} section rows inside the tables (text only in their first"
                " cells)",
            )
        )


def _plans(
    found: Groups,
    plans: list[str] | None,
    chosen: dict,
    raw: RawDocument,
    keep: list[tuple[HeaderGroup, ColumnPlan]],
    decisions: list[Decision],
    settings: InferSettings,
) -> list[str]:
    headings = [h for h, _ in found.plan_headings]
    distinct = list(dict.fromkeys(headings))
    if plans is not None and len(plans) < 2:
        return []
    if len(distinct) < 2:
        return _plans_by_id_shape(plans, chosen, keep, decisions) if plans else []
    keys = list(plans) if plans else [plan_key(h, distinct, i) for i, h in enumerate(distinct)]
    rules: list[dict[str, str]] = []
    for heading in distinct[: len(keys)]:
        words = heading.lower()
        key = next(
            (k for k in keys if k.lower() in words and k not in [r["key"] for r in rules]), None
        )
        key = key or next(k for k in keys if k not in [r["key"] for r in rules])
        tables = {t for h, ts in found.plan_headings if h == heading for t in ts}
        tokens = []
        for g, p in keep:
            col = p.index_of("action_id")
            if col is None:
                continue
            for r in g.rows:
                if r.table_index in tables and col < len(r.cells) and clean_text(r.cells[col].text):
                    tokens.append(clean_text(r.cells[col].text).split()[0])
        pats, _, _ = id_patterns(tokens, settings=settings)
        rule = {"key": key, "heading": _heading_regex(heading, settings)}
        if pats:
            rule["id_pattern"] = pats[0] if len(pats) == 1 else "|".join(f"(?:{p})" for p in pats)
        rules.append(rule)
    chosen["plans"] = rules
    decisions.append(
        Decision(
            "plans",
            [r["key"] for r in rules],
            0.7 if plans else 0.55,
            "headings name the plans: "
            + "; ".join(f"{r['key']} <- {h!r}" for r, h in zip(rules, distinct, strict=False)),
        )
    )
    return [r["key"] for r in rules]


def _plans_by_id_shape(
    plans: list[str], chosen: dict, keep, decisions: list[Decision]
) -> list[str]:
    """No headings name the plans: one ID shape per plan, in the order the plans come in the
    document."""

    patterns = chosen.get("id_patterns") or []
    tokens = [
        clean_text(r.cells[p.index_of("action_id")].text).split()[0]
        for g, p in keep
        if p.index_of("action_id") is not None
        for r in g.data_rows()
        if p.index_of("action_id") < len(r.cells)
        and clean_text(r.cells[p.index_of("action_id")].text)
    ]
    first: dict[str, int] = {}
    for n, token in enumerate(tokens):
        for pat in patterns:
            if pat not in first and re.fullmatch(pat, token.upper()):
                first[pat] = n
    ordered = sorted(first, key=first.__getitem__)
    if len(ordered) != len(plans):
        decisions.append(
            Decision(
                "plans",
                list(plans),
                0.3,
                f"{len(plans)} plans but no headings name them and the IDs have {len(ordered)}"
                f" shapes; every action goes to {plans[0]}",
            )
        )
        return []
    chosen["plans"] = [{"key": k, "id_pattern": pat} for k, pat in zip(plans, ordered, strict=True)]
    decisions.append(
        Decision(
            "plans",
            list(plans),
            0.6,
            "no headings name the plans; one ID shape each, in document order: "
            + "; ".join(f"{k} <- {pat}" for k, pat in zip(plans, ordered, strict=True)),
        )
    )
    return list(plans)


def _heading_regex(heading: str, settings: InferSettings) -> str:

    words = [
        w
        for w in re.findall(r"[A-Za-z]+", heading)
        if len(w) > settings.plan_heading_short_word_chars
    ]
    last = words[-settings.plan_heading_regex_words :]
    return r"\s+".join(re.escape(w) for w in last) or re.escape(heading)


def _vocabularies(
    keep,
    raw: RawDocument,
    base: Profile,
    chosen: dict,
    decisions: list[Decision],
    settings: InferSettings,
) -> None:
    vocab: dict = {}
    stage_values, rag_cols, role_values, ts_cols = [], [], [], []
    for _, p in keep:
        for idx, name in p.fields.items():
            st = p.stats[idx]
            if name == "stage":
                stage_values.append(st)
            elif name == "rag":
                rag_cols.append(st)
            elif name == "role":
                role_values += st.values
            elif name == "timescale":
                ts_cols.append(st)
    if stage_values:
        merged = stage_values[0]
        for st in stage_values[1:]:
            merged.values = merged.values + st.values
        stages, decision = stage_vocab(merged, base.stage_vocab, raw.text, settings=settings)
        vocab["stage"] = stages
        decisions.append(decision)
    for st in rag_cols[:1]:
        words, decision = rag_representation(st, raw.text, settings=settings)
        decisions.append(decision)
        if words:
            rag = {k: list(v) for k, v in base.rag_vocab.items()}
            for colour, spellings in words.items():
                rag.setdefault(colour, [])
                rag[colour] += [s for s in spellings if s not in rag[colour]]
            vocab["rag"] = rag
    if role_values:
        roles = list(base.roles)

        for word in cluster_words(role_values, settings=settings):
            if (
                word.lower() not in {r.lower() for r in roles}
                and len(word.split()) <= settings.role_max_words
            ):
                roles.append(word)
        vocab["role"] = roles
        decisions.append(
            Decision(
                "vocab.role", roles, 0.8, f"roles seen: {', '.join(sorted(set(role_values)))[:100]}"
            )
        )
    for st in ts_cols:
        if st.values and st.sml_frac >= settings.sml_min_share:
            vocab["timescale_scale"] = ["S", "M", "L"]
            decisions.append(
                Decision(
                    "vocab.timescale_scale",
                    ["S", "M", "L"],
                    round(0.5 + 0.45 * st.sml_frac, 2),
                    f"{st.sml_frac:.0%} of the timescales are short/medium/long letters",
                )
            )
            break
    if vocab:
        chosen["vocab"] = vocab
    for field in ("lead", "partners"):
        values = [
            v
            for _, p in keep
            for idx, name in p.fields.items()
            if name == field
            for v in p.stats[idx].values
        ]
        names = known_names(values, settings=settings)
        if names:
            key = "leads" if field == "lead" else "partners"
            chosen[key] = names
            decisions.append(
                Decision(
                    key,
                    names,
                    0.7,
                    f"{len(names)} names that fill a {field} cell on their own and recur inside"
                    " longer cells; used to split cells whose lines were joined",
                )
            )


def known_names(
    values: list[str], *, settings: InferSettings = DEFAULT_INFER_SETTINGS
) -> list[str]:
    """Multi-word names that fill a cell alone and also appear inside a longer cell (joined lines).

    >>> known_names(["Carbon Reduction Team", "Finance Team", "Carbon Reduction Team Finance Team"])
    ['Carbon Reduction Team', 'Finance Team']
    """
    cells = [clean_text(v) for v in values if clean_text(v)]
    singles = {
        v
        for v in cells
        if v[:1].isupper()
        and settings.known_name_min_words <= len(v.split()) <= settings.known_name_max_words
    }
    out = []
    for name in sorted(singles):
        inside = sum(1 for v in cells if v != name and f" {name} " in f" {v} ")
        if inside:
            out.append(name)
    return out


def _check(inferred: InferredProfile, plans: list[str]) -> None:
    """Load the document with the profile and say how well it reads."""
    doc = normalise_document(inferred.raw, inferred.profile, plans)
    n = len(doc.actions)
    if not n:
        inferred.decisions.append(Decision("result", 0, 0.2, "no actions load with this profile"))
        return
    real = [a for a in doc.actions if not a.attributes.get("synthetic_id")]
    fits = sum(1 for a in real if inferred.profile.matches_id(a.action_id))
    described = sum(1 for a in doc.actions if a.description)
    share = (fits / len(real) if real else 1.0) * described / n
    inferred.decisions.append(
        Decision(
            "result",
            n,
            round(min(0.99, 0.3 + 0.7 * share), 2),
            f"{n} actions load; {fits} of {len(real)} IDs fit the patterns; {described} have a"
            " description",
        )
    )
