"""The OCR image thresholds as one validated settings object (issue 21)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pdfplumber
import pytest
from actionplans.extract.errors import ExtractError, ImageSettingsError
from actionplans.extract.ocr import image as im
from actionplans.extract.ocr.settings import DEFAULT_IMAGE_SETTINGS, ImageSettings
from conftest import ROOT

from actionplans.errors import ActionplansError

SCANNED = ROOT / "data" / "raw" / "samples" / "scanned"
OFFICE_SCAN = SCANNED / "leics-county-2023-ruled-office200.pdf"
DPI = 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dark": -1}, "ImageSettings.dark=-1: must be between 0 and 255"),  # a negative threshold
        ({"edge_grey": 256}, "ImageSettings.edge_grey=256: must be between 0 and 255"),
        (
            {"light_text": 1.5},
            "ImageSettings.light_text=1.5: must be between 0 and 1",
        ),  # a share > 1
        ({"sheet_min_area": -0.1}, "ImageSettings.sheet_min_area=-0.1: must be between 0 and 1"),
        ({"dark": 145.0}, "ImageSettings.dark=145.0: must be a whole number (int)"),  # wrong type
        ({"dark": True}, "ImageSettings.dark=True: must be a whole number (int)"),
        ({"max_skew": "2.5"}, "ImageSettings.max_skew='2.5': must be a number (float)"),
        ({"max_skew": 0}, "ImageSettings.max_skew=0: must be above 0"),
        ({"fill_dpi_div": 0}, "ImageSettings.fill_dpi_div=0: must be at least 1"),  # dpi // 0
        (
            {"sheet_blur_px": 4},
            "ImageSettings.sheet_blur_px=4: must be an odd number",
        ),  # cv2 wants odd
        (
            {"side_fit_start": 0.9},
            "ImageSettings.side_fit_start=0.9: must be below side_fit_end=0.85",
        ),
    ],
)
def test_bad_values_are_rejected_naming_the_field(changes, message):
    with pytest.raises(ImageSettingsError) as caught:
        ImageSettings(**changes)
    assert str(caught.value).startswith(message), str(caught.value)
    assert "the default is" in str(caught.value) or "side_fit_end" in message
    # a ValueError, and one of ours, so the CLI prints it as one line
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, ExtractError)
    assert isinstance(caught.value, ActionplansError)


def test_good_values_are_kept_and_the_settings_are_frozen():
    s = ImageSettings(dark=0, light_text=1.0, max_skew=4, sheet_blur_px=7)
    assert (s.dark, s.light_text, s.max_skew, s.sheet_blur_px) == (0, 1.0, 4, 7)
    assert ImageSettings() == DEFAULT_IMAGE_SETTINGS
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.dark = 10  # a frozen dataclass refuses it


@pytest.fixture(scope="module")
def office_page() -> tuple[np.ndarray, np.ndarray]:
    """Page 1 of the office scan (a navy header band across the table), straightened; its rules."""
    with pdfplumber.open(OFFICE_SCAN) as pdf:
        rgb = im.render(pdf.pages[0], DPI)
    rgb = im.deskew(rgb, im.skew_angle(rgb))
    _, line_mask = im.rules(rgb, DPI)
    return rgb, line_mask


def _header_bands(regions: list[im.Region], settings: ImageSettings) -> list[im.Region]:
    return [r for r in regions if r.is_dark(settings) and r.x1 - r.x0 > 1000]


def test_the_dark_threshold_decides_whether_the_header_band_is_dark(office_page):
    rgb, line_mask = office_page
    found = im.fills(rgb, DPI, line_mask.copy())
    assert found == im.fills(rgb, DPI, line_mask.copy(), settings=DEFAULT_IMAGE_SETTINGS)
    bands = _header_bands(found, DEFAULT_IMAGE_SETTINGS)
    assert len(bands) == 1 and bands[0].top < 200, bands  # the navy band at the top of the table
    # no fill is darker than 0: the band is not dark (its mid-dark luma does not rescue it here)
    none_dark = ImageSettings(dark=0)
    assert _header_bands(im.fills(rgb, DPI, line_mask.copy(), settings=none_dark), none_dark) == []
