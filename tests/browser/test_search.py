"""Site search per language, in Chromium: own-language results, inflected forms, prefixes, offline.

The queries follow the pages' text. When the pages change so much that a query
no longer fits, pick another word from the same language that shows the same
thing (an inflected form that no page contains literally; a prefix).
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from browser import helpers
from browser.conftest import report_search_time
from conftest import REPO
from wblbank.i18n import site_languages

LANGUAGES = site_languages(load_config(str(REPO / "mkdocs.yml"))).codes

# A name that every language's pages use: each language must find only its own.
SHARED_NAME = "NextSteps"

# query -> a word start that the pages found must contain (inflected form, or prefix of longer words).
INFLECTED = {
    "fi": ("työpaikkaohjaajalle", "työpaikkaohjaaj"),  # allative; the pages say -ohjaajat, -ohjaajien, -ohjaajille
    "nl": ("werkplekken", "werkplek"),  # plural; the home page says only 'werkplek'
}
PREFIXES = {
    "et": "juhendami",  # juhendamine, juhendamisoskusi
    "lv": "uzņēmum",  # uzņēmumiem, uzņēmumos, Uzņēmums
}


def _home(served_site, lang):
    return next(page for page in served_site.pages if page.lang == lang and page.alternates.get(lang) == page.path
                and page.path in ("", f"{lang}/"))


def _language_of(url: str, served_site) -> str:
    path = url[len(served_site.root_url):] if url.startswith(served_site.root_url) else url
    first = path.split("/", 1)[0]
    return first if first in served_site.languages.translations else served_site.languages.default


def _search_from_home(page, served_site, lang, query):
    helpers.visit(page, served_site.root_url + _home(served_site, lang).path)
    answer = helpers.search(page, query)
    report_search_time(lang, query, answer.seconds)
    return answer


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_finds_its_own_pages_only(served_site, desktop_page, lang):
    page, traffic = desktop_page
    answer = _search_from_home(page, served_site, lang, SHARED_NAME)
    assert answer.urls, f"searching {SHARED_NAME!r} in '{lang}' finds nothing"
    assert {_language_of(url, served_site) for url in answer.urls} == {lang}, answer.urls
    assert {_language_of(url, served_site) for url in helpers.all_results(page, SHARED_NAME)} == {lang}
    assert helpers.traffic_problems(traffic) == []
    # Every result opens a page of the site.
    assert all(url.startswith(served_site.root_url) for url in answer.urls)


@pytest.mark.parametrize("lang", sorted(INFLECTED))
def test_inflected_forms_find_pages_that_use_other_forms(served_site, desktop_page, lang):
    page, traffic = desktop_page
    query, stem = INFLECTED[lang]
    answer = _search_from_home(page, served_site, lang, query)
    assert answer.urls, f"{query!r} shows no page in '{lang}'"
    found = helpers.all_results(page, query)  # the dialog shows the first ten; the stems show in any
    paths = [url[len(served_site.root_url):] for url in found]
    assert {_language_of(url, served_site) for url in found} == {lang}
    texts = {path: helpers.page_text(served_site.site_dir, path) for path in paths}
    assert all(stem in text for text in texts.values()), paths
    assert any(query not in text for text in texts.values()), \
        f"every page found contains {query!r} literally: this proves no stemming"
    assert helpers.traffic_problems(traffic) == []


@pytest.mark.parametrize("lang", sorted(PREFIXES))
def test_prefixes_find_longer_words(served_site, desktop_page, lang):
    page, traffic = desktop_page
    prefix = PREFIXES[lang]
    answer = _search_from_home(page, served_site, lang, prefix)
    assert answer.urls, f"the prefix {prefix!r} shows no page in '{lang}'"
    found = helpers.all_results(page, prefix)
    paths = [url[len(served_site.root_url):] for url in found]
    assert {_language_of(url, served_site) for url in found} == {lang}
    for path in paths:
        text = helpers.page_text(served_site.site_dir, path)
        assert prefix in text and f" {prefix} " not in text, path
    assert helpers.traffic_problems(traffic) == []


def test_search_results_open_with_the_keyboard(served_site, desktop_page):
    page, traffic = desktop_page
    lang = served_site.languages.translations[0]
    helpers.visit(page, served_site.root_url + _home(served_site, lang).path)
    answer = helpers.search(page, SHARED_NAME, by_keyboard=True)
    assert answer.urls
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == answer.urls[0]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == answer.urls[0]
    # Escape closes the dialog again.
    helpers.search(page, SHARED_NAME, by_keyboard=True)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert helpers.traffic_problems(traffic) == []


def test_search_works_by_keyboard_on_a_phone(served_site, browser, origin):
    context, traffic = helpers.new_context(browser, origin, viewport=helpers.PHONE)
    page = context.new_page()
    lang = served_site.languages.default
    helpers.visit(page, served_site.root_url + _home(served_site, lang).path)
    answer = helpers.search(page, SHARED_NAME, by_keyboard=True)
    assert answer.urls and page.locator("[data-wbl-search-results] a").first.is_visible()
    assert helpers.traffic_problems(traffic) == []
    context.close()
