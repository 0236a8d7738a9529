"""The thresholds of profile inference as one validated settings object (issue 21)."""

from __future__ import annotations

import dataclasses
import inspect
import re

import pytest
from actionplans.normalise import normalise_document
from conftest import SEEDS

from actionplans.errors import ActionplansError
from actionplans.infer import (
    DEFAULT_INFER_SETTINGS,
    InferError,
    InferSettings,
    InferSettingsError,
    infer_profile,
)
from actionplans.infer import settings as settings_module

TICKS = SEEDS / "003_899c2d34bbda78f4.txt"  # seven tick columns between the ID and the action


@pytest.mark.parametrize(
    "name,value,expected",
    [
        ("id_column_min_share", 1.5, "a share between 0 and 1"),
        ("id_column_min_share", -0.1, "a share between 0 and 1"),
        ("tick_min_share", float("nan"), "a share between 0 and 1"),
        ("tick_min_share", "0.6", "a share between 0 and 1"),
        ("rag_cell_match_score", 101, "a rapidfuzz score between 0 and 100"),
        ("update_min_chars", -1, "a whole number, 0 or more"),
        ("update_min_chars", 40.5, "a whole number, 0 or more"),
        ("heading_max_words", True, "a whole number, 0 or more"),
        ("embedded_separator_margin", 2, "a difference of shares between 0 and 1"),
    ],
)
def test_a_bad_value_is_rejected_naming_the_field(name, value, expected):
    with pytest.raises(InferSettingsError) as caught:
        InferSettings(**{name: value})
    message = str(caught.value)
    default = getattr(DEFAULT_INFER_SETTINGS, name)
    assert (
        message
        == f"InferSettings.{name} must be {expected}, not {value!r} (the default is {default!r})"
    )
    assert isinstance(caught.value, InferError) and isinstance(caught.value, ActionplansError)


def test_a_bad_value_is_rejected_by_replace_too():
    with pytest.raises(InferSettingsError, match=r"InferSettings\.id_min_digits "):
        dataclasses.replace(DEFAULT_INFER_SETTINGS, id_min_digits=-2)


def test_a_range_upside_down_is_rejected_naming_both_fields():
    with pytest.raises(
        InferSettingsError,
        match=r"^InferSettings\.title_min_segments \(6\) must not exceed "
        r"InferSettings\.title_max_segments \(5\)$",
    ):
        InferSettings(title_min_segments=6)


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_INFER_SETTINGS.tick_min_share = 0.5


def test_every_field_has_a_comment_line_above_it():
    source = inspect.getsource(settings_module.InferSettings).splitlines()
    for field in dataclasses.fields(InferSettings):
        line = next(
            i
            for i, text in enumerate(source)
            if re.match(rf"\s+{field.name}: (int|float) = ", text)
        )
        assert source[line - 1].strip().startswith("# "), field.name


def test_a_stricter_tick_share_drops_the_tick_columns_of_a_real_plan():
    default = infer_profile(TICKS)
    assert len(default.profile.tick_columns["names"]) == 7
    strict = infer_profile(
        TICKS, settings=dataclasses.replace(DEFAULT_INFER_SETTINGS, tick_min_share=1.0)
    )
    assert strict.profile.tick_columns is None
    assert not any(d.setting == "tick_columns" for d in strict.decisions)
    actions = normalise_document(strict.raw, strict.profile, ["main"]).actions
    assert actions and not any(a.attributes.get("targets") for a in actions)


def test_id_digits_reach_the_id_patterns_of_a_real_plan():
    assert infer_profile(TICKS).profile.id_patterns == (r"\d{1,2}",)
    wider = dataclasses.replace(DEFAULT_INFER_SETTINGS, id_min_digits=3)
    assert infer_profile(TICKS, settings=wider).profile.id_patterns == (r"\d{1,3}",)
