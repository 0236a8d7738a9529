"""Layout profiles: what a council's action table looks like, as data.

A profile is a YAML file.  It names the header synonyms of each canonical
column, the action-ID patterns, the vocabularies of rating columns, the
section and theme rows, and anything else a council's layout needs.  Profiles
may ``extends:`` another profile (``base`` holds the UK-wide defaults), so a
new council usually needs a dozen lines, not code.

>>> p = load_profile("base")
>>> "action_id" in p.columns
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ActionplansError

PROFILE_DIR = Path(__file__).parent / "profiles"


class ProfileError(ActionplansError, ValueError):
    """A profile file is missing or malformed."""


@dataclass(frozen=True)
class PlanRule:
    """How to tell which plan an action belongs to, in a multi-plan document."""

    key: str
    heading: str | None = None  # regex matched against text before a table
    id_pattern: str | None = None  # regex matched against the canonical action ID


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    header_fallback: dict[int, str] = field(default_factory=dict)
    id_patterns: tuple[str, ...] = ()
    digit_letters: dict[str, str] = field(default_factory=dict)
    plans: tuple[PlanRule, ...] = ()
    themes: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    theme_row_prefixes: tuple[str, ...] = ()
    vocab: dict[str, Any] = field(default_factory=dict)
    deliverability: dict[str, dict[str, float]] | None = None
    partners: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()
    tick_columns: dict[str, Any] | None = None
    tick_glyphs: tuple[str, ...] = ()
    synthetic_id_prefix: str = "X"
    prose_item_pattern: str | None = None
    # regex with a named group ``id``: the action ID is written at the start of the
    # description cell (``12 - Title``) and the table has no ID column
    id_in_description: str | None = None
    placeholders: tuple[str, ...] = ()
    # A partner cell whose lines a text dump joined with spaces: split at every capitalised
    # word (``Transport Partners Business Residents``)?  Off by default, since it cuts
    # multi-word names that no profile lists (``Local Maternity System``); then only known
    # names and written separators (``;`` ``,``) split the cell.
    split_joined_names: bool = False
    source: str = ""

    # -- derived helpers -------------------------------------------------
    def matches_id(self, action_id: str) -> bool:
        return any(re.fullmatch(p, action_id) for p in self.id_patterns)

    @property
    def stage_vocab(self) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in (self.vocab.get("stage") or {}).items()}

    @property
    def rag_vocab(self) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in (self.vocab.get("rag") or {}).items()}

    @property
    def rag_palette(self) -> dict[str, tuple[str, ...]]:
        """The fill colours of each RAG rating (``vocab: rag_colours``), lower-case ``#rrggbb``."""
        return {
            k: tuple(str(c).lower() for c in v)
            for k, v in (self.vocab.get("rag_colours") or {}).items()
        }

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.vocab.get("role") or ())

    @property
    def ratings(self) -> tuple[str, ...]:
        return tuple(self.vocab.get("rating") or ())

    @property
    def timescale_scale(self) -> tuple[str, ...]:
        """Letters of an ordinal timescale scale (``S``, ``M``, ``L``), if the plan uses one."""
        return tuple(self.vocab.get("timescale_scale") or ())


def _header_word(value: Any) -> str:
    return re.sub(r"[^a-z0-9?]+", " ", str(value).lower()).strip()


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        if key == "columns" and isinstance(value, dict):
            cols = {k: list(v) for k, v in (base.get("columns") or {}).items()}
            for col, syns in value.items():
                # a header the child gives to this column is no longer another column's
                mine = {_header_word(s) for s in syns or []}
                for other in cols:
                    if other != col:
                        cols[other] = [s for s in cols[other] if _header_word(s) not in mine]
                cols[col] = list(dict.fromkeys(list(syns or []) + cols.get(col, [])))
            out["columns"] = cols
        elif key == "vocab" and isinstance(value, dict):
            vocab = dict(base.get("vocab") or {})
            vocab.update(value)
            out["vocab"] = vocab
        else:
            out[key] = value
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ProfileError(
            f"{path}: not valid YAML{where} ({getattr(exc, 'problem', exc)})"
        ) from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile must be a mapping of settings")
    return data


def resolve_profile_path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in {".yaml", ".yml"} and candidate.exists():
        return candidate
    bundled = PROFILE_DIR / f"{name_or_path}.yaml"
    if bundled.exists():
        return bundled
    known = ", ".join(sorted(p.stem for p in PROFILE_DIR.glob("*.yaml")))
    raise ProfileError(
        f"unknown profile {str(name_or_path)!r}: give a YAML path or one of: {known}"
    )


def _load_raw(name_or_path: str | Path, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    path = resolve_profile_path(name_or_path)
    if str(path) in seen:
        raise ProfileError(f"{path}: profiles extend each other in a cycle")
    data = _read_yaml(path)
    parent = data.pop("extends", None)
    if parent:
        data = _merge(_load_raw(parent, seen + (str(path),)), data)
    data.setdefault("name", path.stem)
    data["source"] = str(path)
    return data


_FIELDS = {f for f in Profile.__dataclass_fields__}


def _synonym_text(value: Any, source: str) -> str:
    if not isinstance(value, str):
        # YAML reads bare No/Yes/On as booleans: say which entry to quote.
        raise ProfileError(f"{source}: header synonym {value!r} is not text; quote it in the YAML")
    return value


@lru_cache(maxsize=64)
def load_profile(name_or_path: str | Path) -> Profile:
    """Load a bundled profile by name or any profile YAML by path."""
    return _build(_load_raw(name_or_path))


def profile_from_text(text: str, name: str, source: str | None = None) -> Profile:
    """A profile from YAML text (an inferred profile kept with a document).

    ``extends:`` names a bundled profile or a YAML path, as in a file.

    >>> profile_from_text("extends: base\\nid_patterns: ['H[0-9]+']", "auto:demo").matches_id("H12")
    True
    """
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ProfileError(
            f"{source or name}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    if not isinstance(data, dict):
        raise ProfileError(f"{source or name}: a profile must be a mapping of settings")
    parent = data.pop("extends", None)
    if parent:
        data = _merge(_load_raw(parent), data)
    data["name"] = name
    data["source"] = source or name
    return _build(data)


def _build(data: dict[str, Any]) -> Profile:
    unknown = set(data) - _FIELDS
    if unknown:
        raise ProfileError(
            f"{data['source']}: unknown setting(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(_FIELDS))}"
        )
    for pattern in data.get("id_patterns") or ():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(
                f"{data['source']}: bad id_patterns regex {pattern!r}: {exc}"
            ) from None
    embedded = data.get("id_in_description")
    if embedded:
        try:
            compiled = re.compile(embedded)
        except re.error as exc:
            raise ProfileError(
                f"{data['source']}: bad id_in_description regex {embedded!r}: {exc}"
            ) from None
        if "id" not in compiled.groupindex:
            raise ProfileError(
                f"{data['source']}: id_in_description {embedded!r} needs a named group (?P<id>...)"
            )
    plans = tuple(PlanRule(**p) for p in data.get("plans") or ())
    return Profile(
        name=data["name"],
        description=data.get("description", ""),
        columns={
            k: tuple(_synonym_text(s, data["source"]) for s in v)
            for k, v in (data.get("columns") or {}).items()
        },
        header_fallback={int(k): v for k, v in (data.get("header_fallback") or {}).items()},
        id_patterns=tuple(data.get("id_patterns") or ()),
        digit_letters=dict(data.get("digit_letters") or {}),
        plans=plans,
        themes=tuple(data.get("themes") or ()),
        sections=tuple(data.get("sections") or ()),
        theme_row_prefixes=tuple(data.get("theme_row_prefixes") or ()),
        vocab=dict(data.get("vocab") or {}),
        deliverability=data.get("deliverability"),
        partners=tuple(data.get("partners") or ()),
        leads=tuple(data.get("leads") or ()),
        tick_columns=data.get("tick_columns"),
        tick_glyphs=tuple(str(g) for g in data.get("tick_glyphs") or ()),
        synthetic_id_prefix=data.get("synthetic_id_prefix", "X"),
        prose_item_pattern=data.get("prose_item_pattern"),
        id_in_description=data.get("id_in_description"),
        placeholders=tuple(data.get("placeholders") or ()),
        split_joined_names=bool(data.get("split_joined_names", False)),
        source=data["source"],
    )


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))
