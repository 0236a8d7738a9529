"""``ImageSettings``: every threshold of the page-image steps in :mod:`.image` (issue 21).

Levels are of an 8-bit channel (0-255); ``*_px`` are pixels at the OCR resolution whatever
the dpi; a ``*_dpi_div`` of n means ``dpi // n`` pixels (1/n inch), usually with a
``*_min_px`` floor; ``*_in`` are inches and ``*_pt`` points (1/72 inch).

>>> s = ImageSettings()
>>> s.dark, s.rule_max_thick_pt
(145, 2.5)
>>> try:
...     ImageSettings(light_text=1.5)
... except ValueError as e:
...     print(e)
ImageSettings.light_text=1.5: must be between 0 and 1 (a share); the default is 0.03
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

from ..errors import ImageSettingsError


@dataclass(frozen=True)
class ImageSettings:
    """Thresholds for straightening a page, finding its rules and fills, and cleaning it for OCR."""

    # --- ink and rules ------------------------------------------------------------------------
    ink_below: int = 140  # a pixel whose brightest channel is below this is ink (a fill is not)
    # a pixel this much darker than the paper around it is ink, however light (a blurred thin rule)
    rule_drop: int = 80
    # ... on a photographed page, whose lens softens a thin rule more: fainter, its halo wider
    photo_rule_drop: int = 40
    photo_rule_max_thick_pt: float = 4.0
    # a light rule (a spreadsheet's grey grid) softened by a scan is fainter than rule_drop: a
    # pixel faint_rule_drop darker than the page faint_rule_side_px away on both sides of it
    # (across the rule, or diagonally where two rules cross) is a rule's where such pixels run
    # unbroken for faint_rule_min_in inches (no line of text does)
    faint_rule_drop: int = 30
    # ... or, a hairline along a pale fill's edge, faint_edge_drop darker than the fill on its one
    # side and faint_edge_rise darker than the paper on its other
    faint_edge_drop: int = 12
    faint_edge_rise: int = 40
    faint_rule_side_px: int = 4
    faint_rule_min_in: float = 1.0
    # ... or, a column rule broken by the scan's noise, fill this share of every faint_rule_min_in
    # along it, in pieces at most faint_rule_gap_in apart; pixels within faint_rule_ink_clear_px
    # of ink (a letter's soft edge: first letters' stems line up down a column set solid) never
    # count
    faint_rule_fill: float = 0.75
    faint_rule_gap_in: float = 0.03
    faint_rule_ink_clear_px: int = 5
    # a gap of at most bridge_max_in inches between two pieces of one rule is bridged when the
    # line runs bridge_drop darker than the paper either side all along it, but for breaks of at
    # most bridge_break_in inches (a faint rule in a photo or a light scan, broken up by the
    # thresholds above); a section row that no column rule crosses is taller than that
    bridge_max_in: float = 4.0
    bridge_drop: int = 12
    bridge_break_in: float = 0.06
    # a fill's side this close to a column rule found elsewhere on the page lies on that rule
    fill_edge_rule_px: int = 6
    # ... or to a side this many fills share (one above another), each at least
    # fill_edge_stack_min_in inches tall (a row's cell, not a sliver of a section row's shading)
    fill_edge_stack: int = 3
    fill_edge_stack_min_in: float = 0.12
    rule_blackhat_px: int = 7  # the black-hat's window: closes lines a few pixels wide, not a fill
    # a solid area (a fill) is at least this across: ~6 pt, wider than any glyph's stroke,
    # narrower than a cell (dpi // fill_dpi_div, at least fill_min_px)
    fill_dpi_div: int = 12
    fill_min_px: int = 5
    solid_pad_px: int = 3  # solid areas grown by this before they are cut out of the ink
    rule_min_length_dpi_div: int = 4  # a rule is a run of ink at least ~1/4 inch long ...
    rule_min_length_px: int = 10  # ... and at least this many pixels
    rule_max_thick_pt: float = 2.5  # ... and at most ~2.5 pt thick ...
    rule_max_thick_min_px: int = 3  # ... where that is never less than this many pixels
    # a rule's blurred edges, not the text beside it: erased this far across the rule
    # (dpi // rule_erase_dpi_div, at least rule_erase_min_px), and this far along it
    rule_erase_dpi_div: int = 35
    rule_erase_min_px: int = 3
    rule_erase_along_px: int = 3
    # --- skew -------------------------------------------------------------------------------
    # degrees: a sheet on the glass of a scanner lies up to 2 degrees off, one hand-fed through it
    # further (a page 4 or 6 degrees off read no table with 2.5); every page of the project's
    # scans and the read draws is measured at the same angle with 7 as with 2.5
    max_skew: float = 7.0
    skew_work_px: int = 1200  # the skew is measured on a copy this many pixels on its longer side
    skew_coarse_step: float = 0.25  # degrees between the angles tried first ...
    skew_fine_step: float = 0.05  # ... then this, within one coarse step of the best
    min_deskew: float = 0.05  # degrees: a smaller skew is left as it is (no resampling for nothing)
    # --- a photo of a sheet: a bright quadrilateral on a darker background (a desk) ----------
    sheet_work_px: int = 800  # the sheet is looked for on a copy this many pixels along its length
    sheet_edge_px: int = 3  # the image's edges: this many pixels of the small copy on each side
    # the image's edges are darker than this (luma) when a background shows
    sheet_border_dark: int = 170
    sheet_blur_px: int = 5  # the small copy is blurred this much (odd) before Otsu
    sheet_close_px: int = 15  # text and rules are holes in the sheet: closed up to this size
    sheet_min_area: float = 0.35  # of the image: a smaller bright patch is not the sheet
    sheet_approx: float = 0.02  # of its perimeter: how far the outline may be simplified
    # a side's line is fitted to the middle of the side, from this share of its length ...
    side_fit_start: float = 0.15
    side_fit_end: float = 0.85  # ... to this (a corner is where the outline is least sure)
    side_fit_near: float = 0.02  # of the side's length: outline points this close are on it
    side_fit_min_points: int = 5  # fewer outline points on a side: the rough corners are kept
    side_fit_accuracy: float = 0.01  # cv2.fitLine's radius and angle accuracy
    # corners this far (of the diagonal) off a rectangle: worth undoing
    sheet_min_keystone: float = 0.004
    # ... and a sheet starting at least this far into the image (across or down): worth cutting out
    sheet_min_offset_px: int = 2
    # --- a photo's light -------------------------------------------------------------------
    light_work_px: int = 400  # the paper's brightness is measured on a copy this many pixels long
    # the paper's window: 1/light_window_div of the small copy's shorter side (wider than any
    # text, rule, band or cell), at least light_min_px
    light_window_div: int = 12
    light_min_px: int = 9
    # median first (odd): the paper's level, not the brightest grain of sensor noise
    light_median_px: int = 5
    # a page whose paper brightness (5th to 95th percentile) spans more levels than this was lit
    # unevenly: a photo, even when cropped to its sheet (scans span 0-9)
    uneven_light: int = 18
    photo_sharpen: float = 0.6  # unsharp-mask amount for a photographed sheet
    # ... and its blur (pixels): a phone's lens and shake soften strokes more than a scanner
    photo_sharpen_sigma: float = 1.0
    # --- colour -------------------------------------------------------------------------------
    # a pixel whose channels differ by less than this has no colour (JPEG noise included)
    grey_chroma: int = 24
    grey_sample_step: int = 4  # every this many pixels looked at, across and down
    grey_max_colour: float = 0.0005  # a page with a smaller share of coloured pixels is greyscale
    paper_sample_step: int = 8  # the paper's colour: every this many pixels looked at
    paper_floor: int = 200  # a pixel all of whose channels are above this is paper
    paper_min_samples: int = 100  # fewer paper pixels: no white balance
    # at most 12% per channel, so a coloured page stays coloured
    paper_max_gain: float = 1.12
    # --- fills and bands ---------------------------------------------------------------------
    # a fill whose brightest channel is below this carries white text (JPEG noise included)
    dark: int = 145
    # A mid-dark fill (brightest channel >= dark: Word's "Blue, Accent 1, darker 25%" #2f5496 in a
    # washed-out scan) carries white text when its luminance is below this and light letters stand
    # out of it (issue 20)
    dark_luma: int = 125
    # share of a fill's pixels much lighter than the fill: letters, so the fill is a band
    light_text: float = 0.03
    light_text_rise: int = 90  # luma: a letter is this much lighter than the band it is on
    letter_edge_rise: int = 20  # ... and its soft edge at least this much
    nonwhite: int = 232  # a pixel whose darkest channel is below this is no paper: it may be a fill
    # a dark band drawn with white rules between its cells stays one band: closed up to this
    # (dpi // band_close_dpi_div, at least band_close_min_px)
    band_close_dpi_div: int = 40
    band_close_min_px: int = 3
    fill_min_solidity: float = 0.6  # a region covering less of its box than this is no fill
    # ... but a light one is first split into its parts of another colour than its own, as
    # colourful as this (channel spread): a table's shaded rows run into its RAG cells, one fill
    # too hollow to be either, and every rating was lost (the seventh draw's banded page); 25:
    # Excel's pale green "Good" cell (#c6efce) scans at a spread of 29 beside a section band's 20
    # and a pale blue row band's 11 (the ninth draw's banded page, after its read)
    fill_split_chroma: int = 25
    # ... and on a greyscale scan, which has no colour, its parts this many grey levels from its
    # own (a banded table's rows print at some 237; its RAG cells' greens and amber at 124-201,
    # its red darker still; the pale tints, 213-230, stay part of the band)
    fill_split_grey: int = 30
    band_min_width_dpi_div: int = 3  # a dark band is at least 1/3 inch wide ...
    # a dark fill that is no solid box is split into its runs at least this wide (a header band)
    # and the rest (a dark cell of the row under it, joined to it by a rule as dark as both)
    band_split_width_in: float = 1.0
    # a light fill this many band_split_width_in wide is a band: its cells of another colour are
    # fills of their own too
    band_cells_min_widths: float = 4.0
    band_cell_min_height: float = 0.8  # ... a cell as tall as this share of the band, at least
    band_max_height_in: float = 1.0  # ... and at most an inch high (taller is a dark picture)
    band_white: int = 200  # in a dark region, a pixel this bright is paper or a letter ...
    band_max_white: float = 0.3  # ... and more than this share of them is a heading's bold letters
    # RAG cells stacked without a rule between: a row whose median colour moves this far (a level)
    # from the run's, after at least max(colour_run_min_px, dpi // colour_run_dpi_div) rows ...
    colour_jump: float = 45.0
    # ... and then where the median colour of as many rows steps this far from the rows above (a
    # pale green and a pale amber cell scan some 44 apart, Excel's pale red and pale amber some 16;
    # a row's median is steady to a level or two)
    colour_step: float = 14.0
    # ... and on a greyscale scan, in grey level (a light green #92d050 and an amber #ffc000
    # print 14 apart)
    grey_jump: float = 10.0
    # ... in a fill no wider than this: a column's cells (RAG columns are some 0.4-1.6 inch); a
    # header band across the table, dark rows under it included, stays whole
    grey_split_max_width_in: float = 3.0
    colour_run_dpi_div: int = 20
    colour_run_min_px: int = 4
    colour_sample_step: int = 2  # a fill's colour: the median of every this many pixels each way
    # dark regions side by side on one band (a header row cut by a thin light line) this close
    # become one (dpi // band_merge_dpi_div, at least band_merge_min_px)
    band_merge_dpi_div: int = 8
    band_merge_min_px: int = 3
    band_join_overlap: float = 0.7  # two pieces of one band share this of the lower one's height
    band_colour_near: int = 60  # a pixel with every channel this close to the band's colour is it
    # a gap at most max(band_gap_min_px, dpi // band_gap_dpi_div): a light rule between two cells
    band_gap_dpi_div: int = 25
    band_gap_min_px: int = 8
    band_gap_colour: float = 0.25  # a wider gap holds at least this share of the band's colour ...
    band_gap_band: float = 0.85  # ... and any gap this share of the band's colour or light letters
    # a column this share light from top to bottom of mid-dark pieces joined is paper between
    # fills, not a letter (a letter has the band's padding above and below it)
    band_paper_column: float = 0.9
    # a band at least this wide (inches) whose end stretch was crowded with labels is carried on
    # to its real ends
    widen_min_width_in: float = 1.0
    widen_step_dpi_div: int = 20  # ... a step of dpi // widen_step_dpi_div at a time ...
    widen_step_min_px: int = 4  # ... at least this many pixels
    # rules inside a dark band (with this tolerance at its edges: dpi // band_inside_dpi_div, at
    # least band_inside_min_px) are the dark gaps between its white letters
    band_inside_dpi_div: int = 40
    band_inside_min_px: int = 3
    # --- light rules inside dark bands, and column rules carried through them ------------
    white_rule_level: int = 190  # in a dark band, a pixel whose brightest channel is this is light
    white_rule_min_px: int = 4  # a band smaller than this either way has no rules inside
    # its edges (dpi // white_rule_edge_dpi_div, at least white_rule_edge_min_px) are not rules
    white_rule_edge_dpi_div: int = 50
    white_rule_edge_min_px: int = 2
    white_rule_row: float = 0.8  # a row this light (share of its pixels) is a light rule across ...
    white_rule_col: float = 0.85  # ... and a column this light one down a row of the header
    white_rule_min_row_px: int = 6  # a header row lower than this has no column rules looked for
    white_rule_max_dpi_div: int = 30  # a light rule is at most dpi // this thick (6 px at 200 dpi)
    # a column rule is this far inside a band's ends (dpi // band_rule_dpi_div, at least
    # band_rule_min_px)
    band_rule_dpi_div: int = 30
    band_rule_min_px: int = 4
    # a column rule starting at most this far (inches) below a band (a fill or a spanning
    # section row may hide its first stretch) is carried through the band
    band_rule_reach_in: float = 0.75
    # --- cleaning for OCR ----------------------------------------------------------------------
    background_px: int = 15  # the local background: the brightest pixel within this window
    letter_percentile: float = 99  # a dark band's letters: this percentile of the band's pixels
    band_keep_inset_px: int = 3  # inside a dark band (this far in) the "rules" are not erased
    fill_edge_px: int = 3  # a fill's edge stripe: about 1 pt at the 200 dpi pages are read at
    # at a fill's edge, lighter than this is the edge's stripe, darker is a letter
    edge_grey: int = 140
    speck_grey: int = 200  # lighter than this after cleaning: paper grain and JPEG noise, never ink
    # a photo's grey ink (a phone's blur): the levels of a photographed page are stretched to take
    # its strokes (the darkest quarter of the pixels a black-hat of stroke_px finds stroke_rise
    # darker than around them) down to ink_black, the black an office scanner records
    ink_black: int = 40
    stroke_px: int = 9
    stroke_rise: int = 40
    carried_rule_tol_px: int = 2  # a rule carried through a dark band is within this of the band
    carried_rule_px: int = 5  # ... drawn over in white this thick (the inversion turned it dark)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            want = int if f.type in (int, "int") else float
            allowed = (int, float) if want is float else (int,)
            if isinstance(value, bool) or not isinstance(value, allowed):
                kind = "a number" if want is float else "a whole number"
                raise ImageSettingsError(
                    f"ImageSettings.{f.name}={value!r}: must be {kind} ({want.__name__}); "
                    f"the default is {f.default!r}"
                )
            rule = _RANGES[f.name]
            if not rule.holds(value):
                raise ImageSettingsError(
                    f"ImageSettings.{f.name}={value!r}: must be {rule.says}; "
                    f"the default is {f.default!r}"
                )
        if not self.side_fit_start < self.side_fit_end:
            raise ImageSettingsError(
                f"ImageSettings.side_fit_start={self.side_fit_start!r}: must be below "
                f"side_fit_end={self.side_fit_end!r}"
            )


class _Range(NamedTuple):
    low: float
    high: float | None  # None: no upper bound
    says: str
    above: bool = False  # the low end itself is not allowed
    odd: bool = False

    def holds(self, value: float) -> bool:
        if value < self.low or (self.above and value == self.low):
            return False
        if self.high is not None and value > self.high:
            return False
        return not self.odd or value % 2 == 1


_LEVEL = _Range(0, 255, "between 0 and 255 (a level of an 8-bit channel)")
_SHARE = _Range(0, 1, "between 0 and 1 (a share)")
_SIZE = _Range(1, None, "at least 1 (pixels, a step, a count or a divisor of dpi)")
_ODD = _Range(1, None, "an odd number of pixels, at least 1", odd=True)
_POSITIVE = _Range(0, None, "above 0", above=True)
_NONNEGATIVE = _Range(0, None, "at least 0")
_RANGES: dict[str, _Range] = {
    **{
        name: _LEVEL
        for name in (
            "ink_below",
            "rule_drop",
            "photo_rule_drop",
            "faint_rule_drop",
            "faint_edge_drop",
            "faint_edge_rise",
            "bridge_drop",
            "sheet_border_dark",
            "grey_chroma",
            "fill_split_chroma",
            "fill_split_grey",
            "paper_floor",
            "dark",
            "dark_luma",
            "light_text_rise",
            "nonwhite",
            "ink_black",
            "stroke_rise",
            "uneven_light",
            "letter_edge_rise",
            "band_white",
            "colour_jump",
            "colour_step",
            "grey_jump",
            "band_colour_near",
            "white_rule_level",
            "edge_grey",
            "speck_grey",
        )
    },
    **{
        name: _SHARE
        for name in (
            "sheet_min_area",
            "sheet_approx",
            "side_fit_start",
            "side_fit_end",
            "side_fit_near",
            "sheet_min_keystone",
            "grey_max_colour",
            "faint_rule_fill",
            "light_text",
            "band_cell_min_height",
            "fill_min_solidity",
            "band_max_white",
            "band_join_overlap",
            "band_gap_colour",
            "band_gap_band",
            "band_paper_column",
            "white_rule_row",
            "white_rule_col",
        )
    },
    **{
        name: _SIZE
        for name in (
            "rule_blackhat_px",
            "faint_rule_side_px",
            "faint_rule_ink_clear_px",
            "fill_edge_rule_px",
            "fill_edge_stack",
            "fill_dpi_div",
            "fill_min_px",
            "solid_pad_px",
            "rule_min_length_dpi_div",
            "rule_min_length_px",
            "rule_max_thick_min_px",
            "rule_erase_dpi_div",
            "rule_erase_min_px",
            "rule_erase_along_px",
            "skew_work_px",
            "sheet_work_px",
            "sheet_edge_px",
            "sheet_close_px",
            "sheet_min_offset_px",
            "side_fit_min_points",
            "light_work_px",
            "light_window_div",
            "light_min_px",
            "stroke_px",
            "grey_sample_step",
            "paper_sample_step",
            "paper_min_samples",
            "band_close_dpi_div",
            "band_close_min_px",
            "band_min_width_dpi_div",
            "colour_run_dpi_div",
            "colour_run_min_px",
            "colour_sample_step",
            "band_merge_dpi_div",
            "band_merge_min_px",
            "band_gap_dpi_div",
            "band_gap_min_px",
            "widen_step_dpi_div",
            "widen_step_min_px",
            "band_inside_dpi_div",
            "band_inside_min_px",
            "white_rule_min_px",
            "white_rule_edge_dpi_div",
            "white_rule_edge_min_px",
            "white_rule_min_row_px",
            "white_rule_max_dpi_div",
            "band_rule_dpi_div",
            "band_rule_min_px",
            "background_px",
            "band_keep_inset_px",
            "fill_edge_px",
            "carried_rule_tol_px",
            "carried_rule_px",
        )
    },
    "sheet_blur_px": _ODD,
    **{
        name: _POSITIVE
        for name in (
            "rule_max_thick_pt",
            "photo_rule_max_thick_pt",
            "faint_rule_min_in",
            "faint_rule_gap_in",
            "max_skew",
            "skew_coarse_step",
            "skew_fine_step",
            "side_fit_accuracy",
            "photo_sharpen_sigma",
            "band_max_height_in",
            "band_split_width_in",
            "band_cells_min_widths",
            "widen_min_width_in",
            "band_rule_reach_in",
            "bridge_max_in",
            "bridge_break_in",
            "fill_edge_stack_min_in",
            "grey_split_max_width_in",
        )
    },
    **{name: _NONNEGATIVE for name in ("min_deskew", "photo_sharpen")},
    "light_median_px": _Range(3, None, "an odd number of pixels, at least 3", odd=True),
    "paper_max_gain": _Range(1, None, "at least 1 (a gain that never darkens)"),
    "letter_percentile": _Range(0, 100, "between 0 and 100 (a percentile)"),
}

DEFAULT_IMAGE_SETTINGS = ImageSettings()
