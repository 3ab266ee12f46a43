"""One colour per kind, defined once (negotiations.palette), readable on the page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from negotiations.choices import EventKind
from negotiations.palette import (
    BACKGROUNDS,
    EVENT_KIND_COLOURS,
    RECORD_KIND_COLOURS,
    contrast_ratio,
    palette_css,
)

STATIC = Path(settings.BASE_DIR) / "static" / "css"


def test_every_event_kind_has_its_own_colour():
    assert set(EVENT_KIND_COLOURS) == set(EventKind.values)
    assert len(set(EVENT_KIND_COLOURS.values())) == len(EVENT_KIND_COLOURS)


def test_the_stylesheet_is_generated_from_the_palette_and_up_to_date():
    # Run `python manage.py palette_css` after changing negotiations/palette.py.
    assert (STATIC / "palette.css").read_text(encoding="utf-8") == palette_css()


def test_no_other_stylesheet_or_template_colours_a_kind():
    css = (STATIC / "tablero.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*)\{([^}]*)\}", css)
    for selector, body in rules:
        if re.search(r"\.(kind|record)-[a-z_]+", selector):
            assert "#" not in body, f"{selector.strip()}: colours belong in negotiations/palette.py"
    assert ".k0" not in css  # the old rank-based colours, which changed between views
    templates = Path(settings.BASE_DIR) / "templates" / "negotiations" / "inc"
    for name in ("timeline_svg.html", "period_chart.html", "kind_key.html", "status_history.html"):
        assert not re.search(r"fill=\"#", (templates / name).read_text()), name


@pytest.mark.parametrize(
    "colour", sorted({*EVENT_KIND_COLOURS.values(), *RECORD_KIND_COLOURS.values()})
)
def test_each_colour_reads_as_text_on_every_background_and_white_on_it(colour):
    for background in BACKGROUNDS:
        assert contrast_ratio(colour, background) >= 4.5, (colour, background)


def test_the_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
