"""The offline copy in Chromium: unzipped and opened from disk (file://), its pages and search work.

This is what a facilitator does in a room without a network: download the zip,
unzip it, double-click index.html. Nothing may be asked of any host, and the
search box must find pages (Material's offline search, see README).
"""

from __future__ import annotations

import zipfile

import pytest

from browser import helpers

FILE_ORIGIN = "file://"


@pytest.fixture(scope="module")
def offline_root(real_site, tmp_path_factory):
    """The offline zip of the real build, unzipped; the folder holding its index.html."""
    config, site_dir, _warnings = real_site
    name = config.extra["exports"]["offline"]
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site_dir / "downloads" / f"{name}.zip") as archive:
        archive.extractall(folder)
    return folder / name


@pytest.fixture
def disk_page(browser):
    context, traffic = helpers.new_context(browser, FILE_ORIGIN, viewport=helpers.DESKTOP)
    yield context.new_page(), traffic
    context.close()


def _home(offline_root, built_site, lang):
    folder = offline_root if lang == built_site.languages.default else offline_root / lang
    return folder / "index.html"


@pytest.mark.parametrize("lang", ["default", "translation"])
def test_home_page_opens_from_disk_without_any_request_elsewhere(offline_root, built_site, disk_page, lang):
    page, traffic = disk_page
    code = built_site.languages.default if lang == "default" else built_site.languages.translations[0]
    helpers.visit(page, _home(offline_root, built_site, code).as_uri())
    assert helpers.language_problems(page, code) == []
    assert page.locator("h1").count() == 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson')
    assert all(url.startswith("file:///") or url.startswith("data:") for url in traffic.requests), traffic.requests
    assert helpers.traffic_problems(traffic) == []


def test_search_finds_pages_from_disk_and_they_open(offline_root, built_site, disk_page):
    page, traffic = disk_page
    helpers.visit(page, _home(offline_root, built_site, built_site.languages.default).as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("mentor")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible", timeout=15_000)
    found = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert found and all(url.startswith("file:///") and ".html" in url for url in found), found
    assert any("allocate-a-mentor" in url for url in found), found
    first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0] == found[0].split("#")[0]
    assert page.locator("h1").count() == 1
    assert helpers.traffic_problems(traffic) == []
