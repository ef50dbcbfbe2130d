"""Plain functions behind the browser tests: serve a built site, drive Chromium, check a page.

Every check returns a list of problems (strings that say page, what and where);
an empty list means the page passes. The tests assert on these lists, and the
fixture-site tests feed them broken pages to prove that each one can fail.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
import time
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# WCAG 2.0 and 2.1, levels A and AA: what EN 301 549 (the EU web accessibility directive) asks.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
_SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


# --- Serving --------------------------------------------------------------------------------

class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves one folder below a path prefix (/materialbank/), as the site is published."""

    prefix = "/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "\0missing")  # outside the site: 404
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


@contextmanager
def serve(site_dir: Path, prefix: str = "/"):
    """Serve site_dir on 127.0.0.1 (a free port) below prefix; yields the site's root URL."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# --- Pages ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SitePage:
    """One built page: its language, its path below the site root, and its translations."""

    lang: str
    path: str  # "fi/about/", "" for the home page
    alternates: dict[str, str] = field(hash=False, compare=False, default_factory=dict)  # lang -> path

    @property
    def name(self) -> str:
        return "/" + self.path


def site_pages(site_dir: Path, site_url: str) -> list[SitePage]:
    """Every page of every language, as the built sitemap.xml lists them (with their hreflang alternates)."""
    root = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    pages = []
    for url in root.findall("s:url", _SITEMAP):
        loc = url.findtext("s:loc", namespaces=_SITEMAP).strip()
        alternates = {
            link.get("hreflang"): _below(link.get("href"), site_url)
            for link in url.findall("x:link", _SITEMAP) if link.get("rel") == "alternate"
        }
        path = _below(loc, site_url)
        langs = [lang for lang, target in alternates.items() if target == path]
        if len(langs) != 1:
            raise AssertionError(f"sitemap.xml: {loc} is not listed once among its own hreflang alternates")
        pages.append(SitePage(langs[0], path, alternates))
    return pages


def built_pages(site_dir: Path, languages) -> list[str]:
    """The paths of every built HTML page (not the 404 pages), as sitemap paths: 'fi/about/'."""
    found = []
    for html in site_dir.rglob("index.html"):
        relative = html.relative_to(site_dir).parent.as_posix()
        found.append("" if relative == "." else relative + "/")
    return sorted(path for path in found if not path.startswith(("assets/", "pagefind/", "search/")))


def _below(url: str, site_url: str) -> str:
    if not url.startswith(site_url):
        raise AssertionError(f"sitemap.xml: {url} is not below the site URL {site_url}")
    return url[len(site_url):]


# --- The browser ----------------------------------------------------------------------------

def launch_chromium(playwright):
    """Debian's Chromium, headless and quiet; Playwright never downloads a browser here."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(
            f"The browser tests need Debian's Chromium at {CHROMIUM}. Install it with "
            "'sudo apt-get install chromium' (make test installs it when it is missing)."
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)


@dataclass
class Traffic:
    """What the pages of one browser context asked for and complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests to any other host, never sent
    failed: list[str] = field(default_factory=list)  # local requests that did not succeed
    console_errors: list[str] = field(default_factory=list)

    def clear(self):
        self.requests.clear(), self.blocked.clear(), self.failed.clear(), self.console_errors.clear()


def _is_local(url: str, origin: str) -> bool:
    return url.startswith((origin + "/", "data:", "blob:", "about:")) or url == origin


def new_context(browser, origin: str, *, viewport=DESKTOP, javascript=True):
    """A browser context that records every request and console error, and lets none leave origin."""
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, service_workers="block")
    traffic = Traffic(origin)

    def block(route):
        traffic.blocked.append(route.request.url)
        route.abort()

    context.route(lambda url: not _is_local(url, origin), block)
    context.on("request", lambda request: traffic.requests.append(request.url))
    # net::ERR_ABORTED is the browser dropping what it no longer needs when the test moves on.
    context.on("requestfailed", lambda request: _is_local(request.url, origin)
               and "ERR_ABORTED" not in (request.failure or "")
               and traffic.failed.append(f"{request.url} ({request.failure})"))
    context.on("response", lambda response: response.status >= 400 and traffic.failed.append(
        f"{response.url} (HTTP {response.status})"))

    def watch(page):
        page.on("console", lambda message: message.type == "error" and traffic.console_errors.append(
            f"{message.text} ({message.location.get('url', '')})"))
        page.on("pageerror", lambda error: traffic.console_errors.append(f"uncaught {error}"))

    context.on("page", watch)
    return context, traffic


def visit(page, url: str):
    """Open url and wait until it, its styles, scripts, images and fonts have arrived."""
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


# --- Checks: one page ---------------------------------------------------------------------

_axe = Axe()


def axe_problems(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA rules, all of them, on the page as it is shown."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    problems = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            problems.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} — "
                            f"{', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return problems


def axe_rules_run(page) -> list[str]:
    """The ids of the axe rules that AXE_TAGS selects (for the report)."""
    page.evaluate(_axe.axe_script)
    return page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", AXE_TAGS)


def traffic_problems(traffic: Traffic) -> list[str]:
    """Requests to other hosts, local requests that failed, console errors."""
    return ([f"asked another host for {url}" for url in traffic.blocked]
            + [f"request failed: {what}" for what in traffic.failed]
            + [f"console error: {text}" for text in traffic.console_errors])


def language_problems(page, lang: str) -> list[str]:
    """<html lang> names the language of the page's folder."""
    declared = page.evaluate("document.documentElement.lang")
    return [] if declared == lang else [f"<html lang=\"{declared}\"> but the page is in '{lang}'"]


def switcher_problems(page, site_page: SitePage, root_url: str, languages) -> list[str]:
    """The language menu offers every language, each link leading to this page in that language."""
    links = page.eval_on_selector_all(
        ".md-header .md-select__link[hreflang]", "links => links.map(a => [a.hreflang, a.href])")
    offered = dict(links)
    problems = []
    for lang in languages:
        expected = urljoin(root_url, site_page.alternates.get(lang, ""))
        if lang not in offered:
            problems.append(f"the language menu has no link to '{lang}'")
        elif offered[lang] != expected:
            problems.append(f"the language menu's '{lang}' link leads to {offered[lang]}, not to {expected}")
    return problems


def overflow_problems(page) -> list[str]:
    """Nothing makes the page scroll sideways."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.offsetParent !== null)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""")
        return [f"scrolls sideways at {widths[1]} px: {widths[0]} px wide (wide: {', '.join(culprits)})"]
    return []


def drawer_problems(page) -> list[str]:
    """The navigation button opens the navigation drawer with the site's pages in it."""
    button = page.locator('.md-header label[for="__drawer"]')
    if not button.is_visible():
        return ["the navigation button is not shown"]
    button.click()
    drawer = page.locator(".md-sidebar--primary")
    try:
        page.wait_for_function(
            "() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
            " return r.left >= -1 && r.right > 0 && r.right <= window.innerWidth + 1; }", timeout=3000)
    except Exception:
        return ["the navigation drawer does not slide into view"]
    if drawer.locator(".md-nav__link >> visible=true").count() == 0:
        return ["the navigation drawer shows no links"]
    return []


# --- Checks: keyboard ---------------------------------------------------------------------

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {html: e.outerHTML.slice(0, 120), ring, shown: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
          text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40)};
}"""


def tab_stops(page, limit: int = 80) -> list[dict]:
    """Press Tab from the top of the page; what each press focused (stops when focus leaves the page)."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or (stops and focused["html"] == stops[0]["html"]):
            break
        stops.append(focused)
    return stops


def focus_problems(stops: list[dict]) -> list[str]:
    """Every element that Tab reaches is shown and wears a visible focus ring."""
    return [f"Tab reaches {stop['html']!r} without a visible focus ring" for stop in stops if stop["shown"] and not stop["ring"]] + \
           [f"Tab reaches {stop['html']!r}, which is not shown" for stop in stops if not stop["shown"]]


def skip_link_problems(page) -> list[str]:
    """The first Tab reaches a 'skip to content' link; Enter on it moves past the header."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = page.evaluate("() => { const e = document.activeElement; return e && e.matches('a.md-skip') ? "
                          "[e.getAttribute('href'), e.getBoundingClientRect().height > 0] : null }")
    if first is None:
        return ["the first Tab does not reach a skip link"]
    href, shown = first
    problems = [] if shown else ["the skip link is not shown when it has focus"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    if not page.evaluate("(href) => location.hash === href", href):
        problems.append(f"Enter on the skip link does not move to {href}")
    return problems


def tab_to(page, selector: str, limit: int = 80) -> bool:
    """Press Tab until an element matching selector has focus."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def keyboard_language_switch(page, lang: str) -> str | None:
    """Reach the language menu with Tab, open the language with Enter; the URL it led to (None if unreachable)."""
    if not tab_to(page, ".md-header .md-select button"):
        return None
    target = f'.md-header .md-select__link[hreflang="{lang}"]'
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", target):
            if not page.locator(target).is_visible():
                return None
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return page.url
    return None


@dataclass
class SearchAnswer:
    urls: list[str]
    seconds: float  # from the last key press to the results on screen


def search(page, query: str, *, by_keyboard: bool = False, timeout: float = 10_000) -> SearchAnswer:
    """Type query into the site's search box (reached by Tab when by_keyboard) and read the result links."""
    box = page.locator("[data-wbl-search-input]")
    if by_keyboard:
        if not tab_to(page, "[data-wbl-search-input], .md-header label[for='__search']"):
            raise AssertionError("Tab does not reach the search box or the search button")
        if not page.evaluate("document.activeElement.matches('[data-wbl-search-input]')"):
            page.keyboard.press("Enter")
            page.wait_for_function("document.activeElement.matches('[data-wbl-search-input]')")
    else:
        box.click()
    page.keyboard.type(query)
    started = time.perf_counter()
    page.wait_for_function("(q) => document.querySelector('[data-wbl-search]').dataset.wblSearchDone === q",
                           arg=query, timeout=timeout)
    seconds = time.perf_counter() - started
    urls = page.eval_on_selector_all("[data-wbl-search-results] a", "links => links.map(a => a.href)")
    return SearchAnswer(urls, seconds)


def all_results(page, query: str) -> list[str]:
    """Every page the site's Pagefind index finds for query (the dialog shows only the first ones)."""
    return page.evaluate("""async (query) => {
        const dialog = document.querySelector('[data-wbl-search]');
        const pagefind = await import(new URL(dialog.dataset.pagefind, location.href).href);
        const found = await pagefind.search(query);
        const pages = await Promise.all(found.results.map(r => r.data()));
        return pages.map(p => new URL(p.url, location.href).href);
    }""", query)


# --- Files ----------------------------------------------------------------------------------

def artifacts_dir() -> Path:
    """test-artifacts/ in the project (gitignored): screenshots and the browser report."""
    folder = Path(__file__).resolve().parents[2] / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def page_text(site_dir: Path, path: str) -> str:
    """The indexed text of a built page, lower-cased (what search should find)."""
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    body = html.split("data-pagefind-body", 1)[-1]
    return re.sub(r"<[^>]+>", " ", body).lower()


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path

