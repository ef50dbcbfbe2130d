"""The self-assessment questionnaires in Chromium: answered by keyboard alone, in every language,
they show the score and the feedback the data defines; without JavaScript they are still a
complete, printable questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from browser import helpers
from conftest import REPO
from wblbank.i18n import site_languages
from wblbank.instruments import Area, Band, band_for

CONFIG = load_config(str(REPO / "mkdocs.yml"))
LANGUAGES = site_languages(CONFIG).codes
INSTRUMENTS = REPO / CONFIG.extra["wbl"]["data"]["instruments"]


def _instrument(instrument_id: str) -> tuple[dict, list[Area]]:
    data = yaml.safe_load((INSTRUMENTS / f"{instrument_id}.yml").read_text(encoding="utf-8"))
    areas = [Area(area["id"], area["title"], tuple(area["statements"]),
                  tuple(Band(b["from"], b["to"], b["feedback"], tuple(b["read"])) for b in area["bands"]))
             for area in data["areas"]]
    return data, areas


def _pages_with_instruments(site_dir: Path, pages, lang: str) -> list[tuple[str, str]]:
    """(page path, instrument id) for every built page of a language that holds a questionnaire."""
    found = []
    for page in pages:
        if page.lang != lang:
            continue
        text = (site_dir / page.path / "index.html").read_text(encoding="utf-8")
        marker = 'class="wbl-instrument" id="wbl-'
        if marker in text:
            found.append((page.path, text.split(marker, 1)[1].split('"', 1)[0]))
    return found


# The answer to statement n of area a: a different pattern in every language and area, so
# that the scores land in different bands.
def _answer(lang_index: int, area_index: int, statement_index: int, scale: int) -> int:
    return (lang_index + area_index + statement_index * (lang_index + 1)) % scale + 1


def _tab_to_next_statement(page, limit: int = 40) -> None:
    """Press Tab until the focus is on a radio button of another, unanswered statement."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("""() => { const el = document.activeElement;
            return !el || !el.closest('form.wbl-instrument') ||
                   (el.type === 'radio' && !el.closest('fieldset').querySelector(':checked')); }"""):
            return


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answering_by_keyboard_gives_the_score_and_feedback_of_the_data(served_site, desktop_page, lang):
    page, traffic = desktop_page
    pages = _pages_with_instruments(served_site.site_dir, served_site.pages, lang)
    assert len(pages) == len(list(INSTRUMENTS.glob("*.yml"))), pages
    lang_index = LANGUAGES.index(lang)
    for path, instrument_id in pages:
        data, areas = _instrument(instrument_id)
        scale = len(data["scale"])
        helpers.visit(page, served_site.root_url + path)
        # Tab into the form; each statement is one radio group: Space picks the first point of the
        # scale, each arrow key the next one, Tab moves on (past the links of each area's key) to
        # the next statement.
        assert helpers.tab_to(page, "form.wbl-instrument input[type=radio]", limit=200), path
        for area_index, area in enumerate(areas):
            for statement_index, _statement in enumerate(area.statements):
                page.keyboard.press("Space")
                for _step in range(_answer(lang_index, area_index, statement_index, scale) - 1):
                    page.keyboard.press("ArrowRight")
                _tab_to_next_statement(page)
        for area_index, area in enumerate(areas):
            score = sum(_answer(lang_index, area_index, number, scale) for number in range(len(area.statements)))
            feedback = band_for(area, scale, score).feedback[lang]
            line = page.locator(f"fieldset#{area.id} .wbl-area-score")
            assert line.is_visible(), (path, area.id)
            text = line.inner_text()
            assert str(score) in text and feedback in text, (path, area.id, score, text)
        summary = page.locator("form.wbl-instrument .wbl-summary")
        assert summary.is_visible() and summary.inner_text().count("\n") >= len(areas), path
    assert traffic.blocked == [] and traffic.console_errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_questionnaire_is_complete_and_prints(served_site, browser, origin, lang):
    context, traffic = helpers.new_context(browser, origin, javascript=False)
    page = context.new_page()
    try:
        for path, instrument_id in _pages_with_instruments(served_site.site_dir, served_site.pages, lang):
            data, areas = _instrument(instrument_id)
            helpers.visit(page, served_site.root_url + path)
            radios = page.locator("form.wbl-instrument input[type=radio]")
            statements = sum(len(area.statements) for area in areas)
            assert radios.count() == statements * len(data["scale"]), path
            unlabelled = page.evaluate("""() => [...document.querySelectorAll('form.wbl-instrument input')]
                .filter(input => !input.closest('label') && !document.querySelector(`label[for="${input.id}"]`))
                .length""")
            assert unlabelled == 0, path
            page.emulate_media(media="print")
            for area in areas:
                assert page.locator(f"fieldset#{area.id}").is_visible(), (path, area.id)
            assert page.locator(".md-header").is_hidden(), path
            page.emulate_media(media="screen")
        assert traffic.blocked == []
    finally:
        context.close()
