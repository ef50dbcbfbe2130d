"""The site by keyboard alone, in every language: skip link, visible focus, language menu, search."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from browser import helpers
from conftest import REPO
from wblbank.i18n import site_languages

LANGUAGES = site_languages(load_config(str(REPO / "mkdocs.yml"))).codes


def _sample(served_site, lang):
    """The home page and one other page of a language (the first the sitemap lists)."""
    pages = [page for page in served_site.pages if page.lang == lang]
    home = min(pages, key=lambda page: len(page.path))
    others = [page for page in pages if page is not home]
    return [home] + others[:1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_and_visible_focus_on_every_tab_stop(served_site, desktop_page, lang):
    page, traffic = desktop_page
    problems = []
    for site_page in _sample(served_site, lang):
        helpers.visit(page, served_site.root_url + site_page.path)
        problems += [f"{site_page.name}: {p}" for p in helpers.skip_link_problems(page)]
        helpers.visit(page, served_site.root_url + site_page.path)
        stops = helpers.tab_stops(page)
        problems += [f"{site_page.name}: {p}" for p in helpers.focus_problems(stops)]
        if len(stops) < 5:
            problems.append(f"{site_page.name}: Tab reaches only {len(stops)} elements")
    assert problems == []
    assert helpers.traffic_problems(traffic) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_menu_by_keyboard_leads_to_the_same_page(served_site, desktop_page, lang):
    page, traffic = desktop_page
    site_page = _sample(served_site, lang)[-1]
    for target in LANGUAGES:
        if target == lang:
            continue
        helpers.visit(page, served_site.root_url + site_page.path)
        reached = helpers.keyboard_language_switch(page, target)
        assert reached == served_site.root_url + site_page.alternates[target], \
            f"{site_page.name}: the language menu by keyboard, '{target}', led to {reached}"
        assert page.evaluate("document.documentElement.lang") == target
    assert helpers.traffic_problems(traffic) == []


def test_phone_navigation_button_works_by_keyboard(served_site, browser, origin):
    context, traffic = helpers.new_context(browser, origin, viewport=helpers.PHONE)
    page = context.new_page()
    helpers.visit(page, served_site.root_url)
    assert helpers.tab_to(page, ".md-header label[for='__drawer']"), "Tab does not reach the navigation button"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert helpers.traffic_problems(traffic) == []
    context.close()
