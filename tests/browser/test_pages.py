"""Every page of every language, checked in Chromium: accessibility, privacy, language, phone.

The pages come from the built sitemap.xml, the languages from mkdocs.yml; each
test covers one check in one language, on every page of that language.
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from browser import helpers
from conftest import REPO
from wblbank.i18n import site_languages

LANGUAGES = site_languages(load_config(str(REPO / "mkdocs.yml"))).codes


def _problems(crawl, lang: str, check: str) -> list[str]:
    pages = [report for report in crawl if report.page.lang == lang]
    assert pages, f"the sitemap lists no page in '{lang}'"
    return [f"{report.page.name}: {problem}" for report in pages for problem in report.problems[check]]


def test_sitemap_lists_every_built_page(built_site):
    listed = sorted(page.path for page in built_site.pages)
    assert listed == helpers.built_pages(built_site.site_dir, built_site.languages)
    assert {page.lang for page in built_site.pages} == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(crawl, lang):
    assert _problems(crawl, lang, "axe") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_ask_no_other_host_and_log_no_error(crawl, lang):
    assert _problems(crawl, lang, "http") + _problems(crawl, lang, "traffic") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_is_the_page_language(crawl, lang):
    assert _problems(crawl, lang, "lang") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_menu_leads_to_the_same_page_in_every_language(crawl, lang):
    assert _problems(crawl, lang, "switcher") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_nothing_scrolls_sideways_and_the_navigation_opens(crawl, lang):
    assert _problems(crawl, lang, "phone") == []
