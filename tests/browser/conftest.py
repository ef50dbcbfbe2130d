"""Session fixtures of the browser tests: the real site built once, served once, one Chromium.

Every page of every language is visited once by ``crawl`` (checked on a desktop,
then narrowed to a phone's width; in two threads, each with a Chromium of its
own); the tests then assert on what that visit found, one test per check and
language, so a failure names both.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser import helpers
from wblbank.i18n import site_languages

_report: dict[str, object] = {}


@dataclass
class BuiltSite:
    site_dir: object
    languages: object  # wblbank.i18n.Languages
    pages: list  # helpers.SitePage, from the sitemap
    site_url: str  # the public address, whose path the local server keeps
    root_url: str = ""  # where the local server serves it


@dataclass
class PageReport:
    page: object  # helpers.SitePage
    problems: dict[str, list[str]] = field(default_factory=dict)  # check name -> problems


@pytest.fixture(scope="session")
def built_site(real_site):
    """The real site, built strictly once for the whole session (shared with tests/test_real_site.py)."""
    config, site_dir, _warnings = real_site
    return BuiltSite(site_dir, site_languages(config), helpers.site_pages(site_dir, config.site_url), config.site_url)


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site on a local HTTP server, below the same path as its public address."""
    with helpers.serve(built_site.site_dir, urlsplit(built_site.site_url).path) as root_url:
        built_site.root_url = root_url
        yield built_site


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (fails, never skips, when Chromium is missing)."""
    with sync_playwright() as playwright:
        try:
            chromium = helpers.launch_chromium(playwright)
        except RuntimeError as missing:
            pytest.fail(str(missing), pytrace=False)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def origin(served_site):
    parts = urlsplit(served_site.root_url)
    return f"{parts.scheme}://{parts.netloc}"


# The crawl runs in this many threads, each with its own Playwright and Chromium (Playwright's
# sync API may not be shared between threads). Chromium does the work (axe's colour-contrast
# rule most of it); on two cores, two crawlers take about a fifth off the crawl.
CRAWLERS = max(1, min(2, os.cpu_count() or 1))


def _crawl_pages(site_pages, served_site, origin) -> list[PageReport]:
    """Visit site_pages once each, in a Chromium of this thread's own: check on a desktop, then at phone width."""
    codes = served_site.languages.codes
    reports = []
    with sync_playwright() as playwright:
        chromium = helpers.launch_chromium(playwright)
        context, traffic = helpers.new_context(chromium, origin, viewport=helpers.DESKTOP)
        on_screen = context.new_page()
        for site_page in site_pages:
            url = served_site.root_url + site_page.path
            report = PageReport(site_page)
            traffic.clear()
            on_screen.set_viewport_size(helpers.DESKTOP)
            response = helpers.visit(on_screen, url)
            report.problems["http"] = [] if response.ok else [f"HTTP {response.status}"]
            report.problems["lang"] = helpers.language_problems(on_screen, site_page.lang)
            report.problems["switcher"] = helpers.switcher_problems(on_screen, site_page, served_site.root_url, codes)
            report.problems["axe"] = helpers.axe_problems(on_screen)
            # The same page, narrowed to a phone's width: the layout follows the window (CSS media
            # queries, Material's resize handling). test_keyboard and the screenshots load pages at
            # phone size from the start.
            on_screen.set_viewport_size(helpers.PHONE)
            report.problems["phone"] = helpers.overflow_problems(on_screen) + helpers.drawer_problems(on_screen)
            report.problems["traffic"] = helpers.traffic_problems(traffic)
            reports.append(report)
        if not _report.get("axe_rules"):
            _report["axe_rules"] = helpers.axe_rules_run(on_screen)
        chromium.close()
    return reports


@pytest.fixture(scope="session")
def crawl(served_site, browser, origin):
    """Visit every page once (desktop, then phone width); what each check found, per page.

    (``browser`` is asked for so that a missing Chromium fails first, with how to install it.)"""
    started = time.perf_counter()
    shards = [served_site.pages[i::CRAWLERS] for i in range(CRAWLERS)]
    with ThreadPoolExecutor(max_workers=CRAWLERS) as pool:
        reports = [report for shard in pool.map(lambda pages: _crawl_pages(pages, served_site, origin), shards)
                   for report in shard]
    _report["pages"] = len(reports)
    _report["crawl_seconds"] = time.perf_counter() - started
    return reports


@pytest.fixture
def desktop_page(browser, origin):
    """A fresh desktop tab and its traffic record."""
    context, traffic = helpers.new_context(browser, origin, viewport=helpers.DESKTOP)
    yield context.new_page(), traffic
    context.close()


def report_search_time(lang: str, query: str, seconds: float) -> None:
    _report.setdefault("search", []).append((lang, query, seconds))


def pytest_terminal_summary(terminalreporter):
    if not _report:
        return
    lines = []
    if "pages" in _report:
        lines.append(f"pages checked in the browser: {_report['pages']} "
                     f"(desktop and phone, {_report['crawl_seconds']:.0f} s)")
        lines.append(f"axe rules run ({', '.join(helpers.AXE_TAGS)}): {len(_report['axe_rules'])}: "
                     + " ".join(sorted(_report["axe_rules"])))
    for lang, query, seconds in _report.get("search", []):
        lines.append(f"search [{lang}] {query!r}: results in {seconds * 1000:.0f} ms")
    (helpers.artifacts_dir() / "browser-report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", "browser gate")
    for line in lines:
        terminalreporter.write_line(line)
