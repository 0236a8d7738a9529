"""OCR's misread words put right from the document's own words, backed by other plans' words."""

from __future__ import annotations

import subprocess
import sys

from actionplans.normalise.spelling import (
    _CONFUSIONS,
    PLAN_WORDS_PATH,
    Lexicon,
    evidence,
    plan_words,
)
from conftest import ROOT


def test_a_short_scan_is_put_right_from_other_plans_words():
    # a two-page scan writes "plan" nowhere else: other councils' plans do
    lexicon = Lexicon.from_texts(["Explore opportunities and pian for Hydrogen Infrastructure."])
    text, changes = lexicon.correct("Explore opportunities and pian for Hydrogen Infrastructure.")
    assert text == "Explore opportunities and plan for Hydrogen Infrastructure."
    assert changes == [("pian", "plan", 0)]
    # without the other plans' words nothing is changed
    alone = Lexicon.from_texts(["and pian for"], background=False)
    assert alone.correct("and pian for") == ("and pian for", [])


def test_the_documents_own_words_come_first_and_repeated_words_stay():
    # written twice: perhaps what the council wrote
    lexicon = Lexicon.from_texts(["a pian", "the pian"])
    assert lexicon.meant("pian") is None
    # a word other plans write is never "corrected", though a confusion makes another such word
    words = plan_words()
    pairs = [
        (w, w.replace(seen, meant, 1))
        for w in sorted(words)
        for seen, meant in _CONFUSIONS
        if seen in w and w.replace(seen, meant, 1) in words
    ]
    assert pairs, "the list should hold words one confusion apart"
    for word, _other in pairs[:50]:
        assert Lexicon.from_texts([word]).meant(word) is None


def test_an_ambiguous_misreading_or_a_word_other_plans_write_is_left_alone():
    empty = Lexicon.from_texts([], background=False).counts
    # 'miie': 'i' -> 'l' makes 'mile', 'ii' -> 'u' makes 'mue': two candidates, no choice
    assert Lexicon(empty, frozenset({"mile", "mue"})).meant("miie") is None
    assert Lexicon(empty, frozenset({"mile"})).meant("miie") == ("mile", 0)
    # other plans write the word as read
    assert Lexicon(empty, frozenset({"plan", "pian"})).meant("pian") is None


def test_an_english_word_is_not_taken_for_another_plans_word_by_a_vowel_swap():
    """The sixth draw's council plan: 'spend control forms' was read right and written as
    'farms', because other plans write 'farms' and the page wrote neither."""
    lexicon = Lexicon.from_texts(["into project approval and spend control forms"])
    assert lexicon.correct("spend control forms") == ("spend control forms", [])
    assert lexicon.meant("past") is None and lexicon.meant("mode") is None  # 'post', 'made'
    # a stroke misread still is put right, English or not ('pian' and 'fight' are in
    # tesseract's dictionary)
    assert lexicon.meant("pian") == ("plan", 0)
    assert lexicon.meant("fight") == ("right", 0)
    # the document's own words still come first: written three times, 'farms' is meant
    farming = Lexicon.from_texts(["farms", "farms", "farms"])
    assert farming.meant("forms") == ("farms", 3)


def test_the_plan_words_list_is_made_by_its_script_without_leicestershire():
    before = PLAN_WORDS_PATH.read_bytes()
    subprocess.run([sys.executable, str(ROOT / "tools" / "plan_words.py")], check=True)
    assert PLAN_WORDS_PATH.read_bytes() == before
    # the scans the benchmarks score are made from Leicestershire's plans: their own place names
    # must not be in the list that corrects them
    assert not {"leicestershire", "loughborough", "hinckley", "melton"} & plan_words()


def test_a_long_word_with_any_one_letter_misread_is_put_right():
    # 'r' read as 'T' is in no confusion list; one letter in nine leaves one word it can be
    lexicon = Lexicon.from_texts(["carbon reduction"] * 3, background=False)
    assert lexicon.correct("energy efficiency and carbon Teduction to build") == (
        "energy efficiency and carbon reduction to build",
        [("Teduction", "reduction", 3)],
    )
    # at the start of a sentence the word keeps its capital
    assert lexicon.correct("Teduction of waste")[0] == "Reduction of waste"
    # a short word is not: one letter in four leaves too many words it could be
    short = Lexicon.from_texts(["the bike lane"] * 3, background=False)
    assert short.correct("the bikx lane") == ("the bikx lane", [])
    # two words one letter away: no choice
    two = Lexicon.from_texts(["planting planning"] * 3, background=False)
    assert two.meant("planxing") is None
    assert Lexicon.from_texts(["recycling"] * 3, background=False).meant("recyclxng") == (
        "recycling",
        3,
    )


def test_an_english_word_is_never_read_as_another_one_letter_away():
    # 'product' is a word, though the document writes 'produce' three times
    lexicon = Lexicon.from_texts(["local produce"] * 3, background=False)
    assert lexicon.correct("water efficiency product labelling") == (
        "water efficiency product labelling",
        [],
    )
    assert lexicon.correct("water efficiency produxe labelling")[0] == (
        "water efficiency produce labelling"
    )


def test_the_english_words_list_is_made_by_its_script():
    from actionplans.normalise.spelling import ENGLISH_WORDS_PATH, english_words

    before = ENGLISH_WORDS_PATH.read_bytes()
    subprocess.run([sys.executable, str(ROOT / "tools" / "english_words.py")], check=True)
    assert ENGLISH_WORDS_PATH.read_bytes() == before
    assert {"product", "reduction", "shaping"} <= english_words()
    assert "teduction" not in english_words()


def test_a_long_word_no_dictionary_knows_is_read_as_the_english_word_one_confusion_makes():
    # a one-page photo of small print: the document writes none of these words three times and
    # other plans do not write them either; English does, one OCR confusion away
    lexicon = Lexicon.from_texts(["smart metenng and artificial intelhgence"], background=False)
    text, changes = lexicon.correct("smart metenng and artificial intelhgence")
    assert text == "smart metering and artificial intelligence"
    assert [c[:2] for c in changes] == [("metenng", "metering"), ("intelhgence", "intelligence")]
    # a letter left out is the council's own typo as often as OCR's: what was printed stays
    assert Lexicon.from_texts([]).meant("efficency") is None
    # two readings of a non-word are no evidence the council wrote it
    assert Lexicon.from_texts(["tunding", "tunding"]).meant("tunding") == ("funding", 0)


def test_another_form_of_a_word_or_a_name_is_not_read_as_an_english_word():
    lexicon = Lexicon.from_texts([], background=False)
    assert lexicon.meant("Bootcamps") is None  # not 'Bootcamp': an ending, not a misreading
    assert lexicon.meant("localising") is None  # British spelling, not 'localizing'
    assert lexicon.meant("insetting") is None  # not 'inserting': t/r is no OCR confusion
    # capitalised mid-sentence: maybe a name, left as written; at a sentence's start, read
    lexicon = Lexicon.from_texts([])
    assert lexicon.correct("grants from the Metenng Trust") == (
        "grants from the Metenng Trust",
        [],
    )
    assert lexicon.correct("Metenng in homes")[0] == "Metering in homes"


def test_an_l_read_as_an_exclamation_mark_is_put_back():
    lexicon = Lexicon.from_texts([], background=False)
    assert lexicon.correct("flood contro! schemes")[0] == "flood control schemes"
    assert lexicon.correct("Switch off! now")[0] == "Switch off! now"


def test_a_word_ocr_cut_in_two_is_joined_when_neither_piece_is_a_word():
    lexicon = Lexicon.from_texts([])
    text, changes = lexicon.correct("road freight and logist ics; carbon emis sions")
    assert text == "road freight and logistics; carbon emissions"
    assert [c[:2] for c in changes] == [("logist ics", "logistics"), ("emis sions", "emissions")]
    # two words that are words apart stay apart, and short pieces are never joined
    assert lexicon.correct("in to the plan and some times")[0] == "in to the plan and some times"
    assert Lexicon.from_texts(["energy energy"], background=False).correct("green energy")[0] == (
        "green energy"
    )


def test_the_evidence_says_how_often_the_misread_word_is_written():
    """A foreign word read twice is put right from the document's own words; the log says it was
    read twice, not once."""
    from actionplans.normalise.spelling import evidence

    assert evidence("pian", "plan", 9) == "'plan' is written 9 times in this document, 'pian' once"
    assert evidence("pian", "plan", 9, 2).endswith("'pian' twice")
    assert evidence("pian", "plan", 9, 4).endswith("'pian' 4 times")


def test_a_t_and_i_run_together_into_a_u_are_put_apart():
    """The second draw's banded page skewed at 150 dpi read 'actions' as 'acuons' and 'alternative'
    as 'alternauve': a serif face's t and i run together.  Put right from the document's words;
    a word the document does not write three times that way stays."""
    lexicon = Lexicon.from_texts(["actions", "the actions", "council actions", "alternative"])
    assert lexicon.correct("potential acuons to reduce") == (
        "potential actions to reduce",
        [("acuons", "actions", 3)],
    )
    assert lexicon.correct("a sunny day")[0] == "a sunny day"


def test_two_confusions_in_a_long_word_are_put_right_from_the_documents_own_words():
    """A photographed page of serif print: 'aitematives' ('i' for 'l', 'm' for 'rn') and
    'matenais' ('n' for 'ri', 'i' for 'l') are read as the words the document writes often."""
    page = ["low emission alternatives", "alternatives to car use", "cleaner alternatives"]
    page += ["recycled materials", "building materials", "materials and waste"]
    lexicon = Lexicon.from_texts(page, background=False)
    text, changes = lexicon.correct("low emission aitematives and matenais")
    assert text == "low emission alternatives and materials"
    assert changes == [("aitematives", "alternatives", 3), ("matenais", "materials", 3)]
    # written fewer than three times here, two confusions are no evidence (other plans' words,
    # or English, back one confusion only)
    rare = Lexicon.from_texts(["alternatives", "aitematives"], background=False)
    assert rare.meant("aitematives") is None
    # a short word is not read through two confusions: too many words lie two confusions apart
    short = Lexicon.from_texts(["mile"] * 3, background=False)
    assert short._twice_confused("rniie", lambda w: w == "mile") == {"mile"}
    assert short.meant("rniie") is None


def test_a_phone_photos_serif_confusions_are_put_right():
    page = ["the impact of", "impact on", "reduce the impact", "building retrofit"]
    page += ["building owners", "other buildings", "building", "investigate", "investigate"]
    page += ["investigate"]
    lexicon = Lexicon.from_texts(page, background=False)
    assert lexicon.meant("tmpact") == ("impact", 3)  # 't' for 'i'
    assert lexicon.meant("buriding") == ("building", 3)  # 'ri' for 'il'
    assert lexicon.meant("butiding") == ("building", 3)  # 'ti' for 'il'
    assert lexicon.meant("Invesngate") == ("Investigate", 3)  # 'n' for 'ti'


def test_a_short_non_word_read_twice_is_still_put_right():
    """A photographed page's serif 'ri' ran together into 'n' in both of its 'risk's: 'nsk' twice
    is no word of English nor of any plan, so its being written twice is no sign that the council
    wrote it; a short English word written twice stays (it may be what was written)."""
    page = ["Deliver natural flood nsk management", "Promote natural flood nsk management"]
    text, changes = Lexicon.from_texts(page).correct(page[0])
    assert text == "Deliver natural flood risk management"
    assert changes == [("nsk", "risk", 0)]
    assert Lexicon.from_texts(["the pian", "a pian"]).meant("pian") is None  # 'pian' is English


def test_a_lone_symbol_between_two_words_is_a_speck():
    from actionplans.normalise.spelling import ocr_debris

    text, changes = ocr_debris("by 31 March = 2026 and the carbon storage = benefits")
    assert text == "by 31 March 2026 and the carbon storage benefits"
    assert changes == [(" = ", " "), (" = ", " ")]
    assert ocr_debris("2 = 3")[0] == "2 = 3"  # between figures it may be meant


def test_a_stop_after_a_short_word_before_a_small_letter_is_a_speck_unless_an_abbreviation():
    from actionplans.normalise.spelling import ocr_debris

    text, changes = ocr_debris("public goods such as. biodiversity and carbon")
    assert text == "public goods such as biodiversity and carbon"
    assert changes == [("as.", "as")]
    for kept in ("e.g. hybrid", "eg. the", "i.e. it", "St. mary", "no. of sites", "Plan. Next"):
        assert ocr_debris(kept)[0] == kept


def test_an_apostrophe_in_a_word_space_is_a_speck_but_a_contraction_stays():
    from actionplans.normalise.spelling import ocr_debris

    assert ocr_debris("support the move'to a circular economy")[0] == (
        "support the move to a circular economy"
    )
    for kept in ("the council's plan", "we'll", "don't", "they're", "O'Brien", "'green' plan"):
        assert ocr_debris(kept)[0] == kept


def test_a_speck_read_as_a_quote_at_a_cells_start_is_dropped_unless_something_closes_it():
    from actionplans.normalise.spelling import ocr_debris

    assert ocr_debris("'Work with others to plan")[0] == "Work with others to plan"
    assert ocr_debris("'Work with the council's tenants")[0] == "Work with the council's tenants"
    assert ocr_debris("'Simpler Recycling' campaign")[0] == "'Simpler Recycling' campaign"


def test_a_soft_a_read_u_and_a_soft_s_read_a_are_put_right_only_in_words_no_plan_writes():
    """Photographed and greyscale pages read 'curbon', 'und' (a soft 'a' whose bowl closed at
    the top) and 'treea', 'gooda' (a soft final 's').  Tesseract's list of short words
    has 'und', so these two confusions ask only that no plan writes the word: 'run' stays,
    though this document writes 'ran' often."""
    lexicon = Lexicon.from_texts(["carbon and trees"] * 3 + ["we ran a campaign"] * 3)
    assert lexicon.correct("reduce curbon und plant treea")[0] == "reduce carbon and plant trees"
    assert lexicon.correct("run a campaign")[0] == "run a campaign"
    # a soft 'tr' run into a 'u'; a letter misread at a word's end is no other ending of it
    lexicon = Lexicon.from_texts(["active travel and transport"] * 3)
    assert lexicon.correct("active uavel and uansport")[0] == "active travel and transport"
    assert lexicon.correct("other individuats")[0] == "other individuals"
    # from other plans' words alone, when the document writes the word too seldom
    other = Lexicon.from_texts(["reduce curbon emissions"])
    assert other.correct("reduce curbon emissions")[0] == "reduce carbon emissions"


def test_ff_read_as_lf_is_put_right_but_no_l_is_taken_for_an_f():
    """The banded council plan scanned in colour (sixteenth draw, read blind) and in grey (sixth)
    read 'staff' as 'stalf': the first 'f' lost its bar in the second's.  Only 'lf' for 'ff': an
    'l' for any 'f' made 'sale' of carbon credits 'safe'."""
    lexicon = Lexicon.from_texts(["staff training and the sale of carbon credits, safe"] * 3)
    assert lexicon.correct("stalf actions")[0] == "staff actions"
    assert lexicon.correct("the sale of credits")[0] == "the sale of credits"
    assert lexicon.correct("the council itself")[0] == "the council itself"


def test_a_letter_left_unread_in_a_word_cut_in_two_is_put_back():
    """A photo's faint ``s`` left a gap, not a letter ('Inve tigate', 'organi tions'): the one
    word one or two letters between the pieces make.  A letter left out with no gap is the
    council's own typo and stays."""
    lexicon = Lexicon.from_texts(["x"])
    assert lexicon.correct("Inve tigate funding") == (
        "Investigate funding",
        [("Inve tigate", "Investigate", 0)],
    )
    assert lexicon.correct("individuals and organi tions")[0] == "individuals and organisations"
    assert lexicon.correct("energy efficency") == ("energy efficency", [])
    # two pieces that are words are two words, whatever a letter between them would make
    assert lexicon.correct("the plan and some text")[1] == []


def test_two_letters_read_as_one_other_are_put_back_but_not_a_letter_left_out():
    """A soft 'tr' read as 'w' ('wansport'): a long word English does not have, which one letter
    read for two others makes a word other plans write.  'efficency' is no misread
    'efficiency': the letter read ('c') is one of the two, so a letter was left out."""
    lexicon = Lexicon.from_texts(["x"])
    assert lexicon.correct("method of wansport")[0] == "method of transport"
    assert lexicon.correct("energy efficency")[0] == "energy efficency"


def test_a_small_letter_read_as_its_capital_mid_sentence_is_put_back():
    """C, O, S, V, W, X and Z differ from their small letters by size alone: a word read with
    such a capital between two small words, that other plans seldom capitalise there, is read
    small.  A title keeps its capitals ('the Value of Trees project', 'Heat as a Service
    models'), as do words other plans capitalise there ('the Council will') and a word this
    document capitalises mid-sentence elsewhere."""
    lexicon = Lexicon.from_texts(["our own plan"])
    text, changes = lexicon.correct("for the council's Own operational emissions")
    assert text == "for the council's own operational emissions"
    assert changes == [("Own", "own", 1)]
    assert "by size alone" in evidence("Own", "own", 1)
    for kept in (
        "Complete the Value of Trees project",
        "including Heat as a Service models.",
        "Local Authority and Schools catering",
        "agreed by the Council will",
        "Own operational emissions",  # a sentence's first word
    ):
        assert lexicon.correct(kept) == (kept, []), kept
    # a sentence's first word is no title's: 'Staff' after it is still a small letter misread
    assert lexicon.correct("Engage with Staff to support")[0] == "Engage with staff to support"
    # the document writes it so elsewhere: what the council wrote
    twice = Lexicon.from_texts(["the Own brand", "our Own brand"])
    assert twice.correct("our Own brand")[1] == []
    # without other plans' words, nothing says how they write it
    assert Lexicon.from_texts(["x"], background=False).correct("the council's Own plan")[1] == []
