"""Print documents made from the rendered pages of one language, with WeasyPrint.

WeasyPrint (a maintained HTML-to-PDF engine, no browser needed) lays out paged
media from CSS: running headers, ``target-counter()`` page numbers in the table
of contents, bookmarks from headings, and tagged PDF/UA output with the document
language. pypdf reads the results in the tests.

The PDF is composed from the content HTML that Material renders for each page
(no navigation, header or footer), rewritten so that links between pages in the
document become links inside the PDF, links elsewhere show their web address,
and every id stays unique. Fonts and images come from the built site through a
fetcher that refuses the network, and each PDF is cached on its exact inputs.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import logging
import mimetypes
import multiprocessing
import os
import posixpath
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .problems import Problem

STYLESHEET = Path(__file__).with_name("pdf.css")  # the print stylesheet; the site's own CSS gives the fonts
_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class RenderedPage:
    """A page of one language as the site shows it."""

    path: str  # relative to the language folder, as in nav: 'cases/mentor.md'
    url: str  # its address in the built site: 'fi/cases/mentor/'
    title: str
    sections: tuple[str, ...]  # titles of the nav sections it is in, outermost first
    content: str  # the page's HTML without the theme around it
    source: str  # as shown in messages: 'docs/fi/cases/mentor.md'


@dataclass
class Edition:
    """Everything one language's documents are made from."""

    lang: str
    language_name: str  # 'Suomi'
    site_name: str
    site_url: str  # the published site's root, ending in /
    home_url: str  # this language's home page, relative to the site root
    fonts_css: str  # the site's own fonts, from font_faces()
    pages: list[RenderedPage] = field(default_factory=list)  # in nav order


@dataclass(frozen=True)
class DocumentText:
    """The texts of one document in one language, from the strings file."""

    title: str
    description: str
    author: str
    contents: str
    page_of: str  # 'Page {page} of {pages}'
    cover_language: str  # 'Language: {language}'
    cover_date: str  # 'Content of {date}'
    cover_online: str  # 'Online: {url}'
    licence: str


@dataclass
class Heading:
    level: int
    anchor: str
    text: str


# --- composing the document ------------------------------------------------------------

# The whole HTML document of one PDF: cover, contents, and each page in order.
def compose(edition: Edition, pages: list[RenderedPage], text: DocumentText, *, content_date: datetime,
            toc_depth: int = 1) -> tuple[str, list[Problem]]:
    from babel.dates import format_date  # Babel: locale data for dates in every language

    anchors = {}
    for page in pages:
        anchor = _anchor_of(page.path)
        for url in _url_forms(page.url):
            anchors[url] = anchor
    known = {url for page in edition.pages for url in _url_forms(page.url)}
    body: list[str] = []
    toc: list[tuple[int, str, str]] = []  # (level, anchor, text)
    problems: list[Problem] = []
    open_sections: tuple[str, ...] = ()
    for page in pages:
        common = 0
        while common < min(len(open_sections), len(page.sections)) and \
                open_sections[common] == page.sections[common]:
            common += 1
        new_sections = page.sections[common:]
        for depth, title in enumerate(new_sections, start=common):
            anchor = f"{_anchor_of(page.path)}--section-{depth}"
            level = min(2 + depth, 6)
            body.append(f'<div class="wbl-section-start"><h{level} id="{anchor}" class="wbl-section-title">'
                        f'{html.escape(title)}</h{level}></div>')
            toc.append((1 + depth, anchor, title))
        open_sections = page.sections
        shift = 1 + len(page.sections)
        rewriter = _PageRewriter(page, anchors, known, edition.site_url, shift)
        content = rewriter.rewrite()
        problems.extend(rewriter.problems)
        follows = " wbl-follows" if new_sections else ""
        body.append(f'<section class="wbl-page{follows}" id="{_anchor_of(page.path)}">{content}</section>')
        for heading in rewriter.headings:
            relative = heading.level - shift  # 1: the page title, 2: its ## headings
            if relative == 1 or (relative == 2 and toc_depth >= 2):
                toc.append((len(page.sections) + relative, heading.anchor, heading.text))

    date = format_date(content_date.date(), format="long", locale=edition.lang)
    online = edition.site_url + edition.home_url
    title = f"{text.title} – {edition.site_name}"
    cover = (
        '<div class="wbl-cover">'
        f'<p class="wbl-cover-site">{html.escape(edition.site_name)}</p>'
        f'<h1 class="wbl-cover-title">{html.escape(text.title)}</h1>'
        f'<p class="wbl-cover-description">{html.escape(text.description)}</p>'
        '<dl class="wbl-cover-facts">'
        f'<dd>{html.escape(text.cover_language.format(language=edition.language_name))}</dd>'
        f'<dd>{html.escape(text.cover_date.format(date=date))}</dd>'
        f'<dd>{html.escape(text.cover_online.format(url=online))}</dd>'
        '</dl>'
        f'<p class="wbl-cover-licence">{html.escape(text.author)}<br>{html.escape(text.licence)}</p>'
        '</div>'
    )
    toc_items = "".join(
        f'<li class="wbl-toc-{level}"><a href="#{anchor}"><span>{html.escape(entry)}</span></a></li>'
        for level, anchor, entry in toc
    )
    contents = (f'<nav class="wbl-toc" aria-labelledby="wbl-contents">'
                f'<h2 id="wbl-contents">{html.escape(text.contents)}</h2><ol>{toc_items}</ol></nav>')
    stamp = content_date.strftime("%Y-%m-%dT%H:%M:%SZ")
    head = "".join([
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f'<meta name="author" content="{html.escape(text.author, quote=True)}">',
        f'<meta name="description" content="{html.escape(text.description, quote=True)}">',
        '<meta name="generator" content="MkDocs with WeasyPrint">',
        f'<meta name="dcterms.created" content="{stamp}">',
        f'<meta name="dcterms.modified" content="{stamp}">',
        f'<link rel="stylesheet" href="{STYLESHEET.as_uri()}">',
        f"<style>{edition.fonts_css}{_running_texts(text)}</style>",
    ])
    document = (f'<!DOCTYPE html><html lang="{edition.lang}"><head>{head}</head>'
                f'<body>{cover}{contents}<main>{"".join(body)}</main></body></html>')
    return document, problems


# The site's fonts for the PDF: the @font-face rules of its stylesheets, with each unicode-range
# of a family given a family name of its own, the first family as the text font and the family
# the stylesheets name in --md-code-font (Material's code font setting) as the code font.
# (WeasyPrint 70 writes the faces of one family and style into the PDF as one font even when
# they come from different files, such as the latin and latin-ext subsets, which scrambles
# the letters of the second file; separate names keep them apart.)
_CODE_FONT = re.compile(r"--md-code-font\s*:\s*([^;]+);")


def font_faces(site_dir: str, stylesheets: list[str]) -> str:
    import tinycss2  # WeasyPrint's own CSS parser

    rules, families, code_family = [], {}, None
    for sheet in stylesheets:
        path = Path(site_dir, sheet)
        if not path.is_file():
            continue
        code_setting = _CODE_FONT.search(path.read_text(encoding="utf-8"))
        if code_setting:
            code_family = code_setting.group(1).split(",")[0].strip().strip("\"'")
        for rule in tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_whitespace=True,
                                              skip_comments=True):
            if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
                continue
            declarations = {d.lower_name: d for d in tinycss2.parse_declaration_list(
                rule.content, skip_whitespace=True, skip_comments=True) if d.type == "declaration"}
            if "font-family" not in declarations or "src" not in declarations:
                continue
            family = tinycss2.serialize(declarations["font-family"].value).strip().strip("\"'")
            ranges = families.setdefault(family, [])
            span = " ".join(tinycss2.serialize(declarations.get("unicode-range").value).split()) \
                if "unicode-range" in declarations else ""
            if span not in ranges:
                ranges.append(span)
            body = []
            for name, declaration in declarations.items():
                value = declaration.value
                if name == "font-family":
                    body.append(f'font-family: "{family} {ranges.index(span) + 1}"')
                    continue
                text = tinycss2.serialize(value).strip()
                if name == "src":  # url(...) relative to the stylesheet -> the file itself
                    text = _CSS_URL.sub(lambda m: f'url("{(path.parent / m.group(2)).resolve().as_uri()}")', text)
                body.append(f"{name}: {' '.join(text.split())}")
            rules.append("@font-face { " + "; ".join(body) + " }")
    if not families:
        return ""
    def names(family: str) -> str:
        return ", ".join(f'"{family} {index}"' for index in range(1, len(families[family]) + 1))

    css = "".join(rules) + f" html {{ font-family: {names(next(iter(families)))}, sans-serif; }} "
    if code_family in families:
        css += f" code, pre, kbd, samp {{ font-family: {names(code_family)}, monospace; }} "
    return css


# The texts of the page margins, which CSS must hold: running title and 'page 3 of 48'.
def _running_texts(text: DocumentText) -> str:
    parts = re.split(r"(\{page\}|\{pages\})", text.page_of)
    counter = " ".join(
        "counter(page)" if part == "{page}" else "counter(pages)" if part == "{pages}" else _css_string(part)
        for part in parts if part
    )
    return (f"@page {{ @bottom-right {{ content: {counter}; }} "
            f"@top-left {{ content: {_css_string(text.title)}; }} }}")


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


# An id for a page in the document, from its path: 'cases/mentor.md' -> 'cases-mentor'.
def _anchor_of(path: str) -> str:
    stem = path[:-3] if path.endswith(".md") else path
    return "p-" + re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")


# The addresses under which a page can be linked: 'fi/about/', 'fi/about/index.html'.
def _url_forms(url: str) -> set[str]:
    forms = {url}
    if url == "" or url.endswith("/"):
        forms.add(url + "index.html")
    elif url.endswith("/index.html") or url == "index.html":
        forms.add(url[: -len("index.html")])
    return forms


class _PageRewriter(HTMLParser):
    """Rewrites one page's content for the PDF (see the module docstring)."""

    def __init__(self, page: RenderedPage, anchors: dict[str, str], known: set[str], site_url: str,
                 shift: int):
        super().__init__(convert_charrefs=False)
        self.page, self.anchors, self.known, self.site_url, self.shift = page, anchors, known, site_url, shift
        self.prefix = _anchor_of(page.path)
        self.out: list[str] = []
        self.skipping = 0  # inside an element that is left out (the ¶ permalinks)
        self.headings: list[Heading] = []
        self.heading: list | None = None  # [level, anchor, text parts] of the open heading
        self.links: list[list] = []  # open <a>: [index in out, tag, attrs, href, text parts]
        self.problems: list[Problem] = []
        self.first_heading = True

    def rewrite(self) -> str:
        self.feed(self.page.content)
        self.close()
        return "".join(self.out)

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skipping += tag not in _VOID
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "a" and "headerlink" in classes:
            self.skipping = 1
            return
        if "id" in attrs and attrs["id"]:
            attrs["id"] = f"{self.prefix}--{attrs['id']}"
        level = _heading_level(tag)
        if level:
            tag = f"h{min(level + self.shift, 6)}"
            if level == 1 and self.first_heading:
                attrs["class"] = " ".join(classes + ["wbl-page-title"])
                attrs.setdefault("id", f"{self.prefix}--title")
                self.first_heading = False
            self.heading = [min(level + self.shift, 6), attrs.get("id"), []]
        if tag == "img":
            attrs = self._image(attrs)
        if tag == "a" and attrs.get("href") is not None:
            attrs["href"], external = self._link(attrs["href"])
            self.links.append([len(self.out), tag, attrs, external, []])
        self.out.append(_start_tag(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skipping:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag not in _VOID
            return
        level = _heading_level(tag)
        if level:
            tag = f"h{min(level + self.shift, 6)}"
            if self.heading is not None:
                level_now, anchor, parts = self.heading
                if anchor:
                    self.headings.append(Heading(level_now, anchor, " ".join("".join(parts).split())))
                self.heading = None
        if tag == "a" and self.links:
            index, _, attrs, external, parts = self.links.pop()
            shown = " ".join("".join(parts).split())
            if external and shown not in (external, external.removeprefix("mailto:")):
                attrs = {**attrs, "class": " ".join(filter(None, [attrs.get("class"), "wbl-url"])),
                         "data-url": external.removeprefix("mailto:")}
                self.out[index] = _start_tag("a", attrs)
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skipping:
            return
        self.out.append(data)
        self._text(data)

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")
            self._text(html.unescape(f"&{name};"))

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")
            self._text(html.unescape(f"&#{name};"))

    def handle_comment(self, data):
        pass  # comments (such as the downloads page's size slots) mean nothing in print

    def _text(self, text: str) -> None:
        if self.heading is not None:
            self.heading[2].append(text)
        for link in self.links:
            link[4].append(text)

    # A link: to a page of this document -> its place in the PDF; elsewhere -> the web address.
    def _link(self, href: str) -> tuple[str, str | None]:
        if href.startswith("#"):
            return f"#{self.prefix}--{unquote(href[1:])}" if len(href) > 1 else f"#{self.prefix}", None
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href, href
        target = urljoin("/" + self.page.url, href).lstrip("/")
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        anchor = self.anchors.get(path)
        if anchor is not None:
            return (f"#{anchor}--{unquote(fragment)}" if fragment else f"#{anchor}"), None
        address = self.site_url + target
        return address, address

    # An image: from the built site, never from another host (the PDF build works offline).
    def _image(self, attrs: dict) -> dict:
        src = attrs.get("src") or ""
        if urlsplit(src).scheme in ("http", "https") or src.startswith("//"):
            self.problems.append(Problem(
                self.page.source, 1, f"image '{src}' is on another host, so the PDF cannot include it "
                                     "(the PDF build works offline)",
                "save the image under docs/ and link to that copy"))
            return {**attrs, "src": ""}
        if src and not urlsplit(src).scheme:
            attrs = {**attrs, "src": posixpath.normpath(urljoin("/" + self.page.url, src).lstrip("/"))}
        return attrs


def _heading_level(tag: str) -> int:
    return int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" else 0


def _start_tag(tag: str, attrs: dict) -> str:
    rendered = "".join(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
                       for name, value in attrs.items())
    return f"<{tag}{rendered}>"


# --- rendering, offline and cached ------------------------------------------------------

class _OfflineFetcher:
    """Gives WeasyPrint local files only, and notes each one read (the cache depends on them)."""

    def __init__(self, roots: list[str]):
        from weasyprint.urls import URLFetcher

        self.roots = [os.path.realpath(root) + os.sep for root in roots]
        self.read: dict[str, str] = {}  # path -> sha256
        self.refused: list[str] = []
        self._fallback = URLFetcher(allowed_protocols={"data"})

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            return self._fallback.fetch(url)
        if not url.startswith("file:"):
            self.refused.append(url)
            raise ValueError(f"the PDF build works offline and does not fetch {url}")
        path = os.path.realpath(unquote(urlsplit(url).path))
        if not any(path.startswith(root) for root in self.roots):
            self.refused.append(url)
            raise ValueError(f"{path} is outside the site")
        data = Path(path).read_bytes()
        self.read[path] = hashlib.sha256(data).hexdigest()
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=data, headers={"Content-Type": kind})


# Options of every PDF: tagged PDF/UA-1 (it also sets /Lang and the XMP metadata WeasyPrint writes).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


# The PDF of a composed document: from the cache when neither it nor any file it used has changed.
# The key leaves out where the site is built (mkdocs serve builds elsewhere than make site).
def render(document: str, *, base_dir: str, cache_dir: str | None, date: datetime) -> tuple[bytes, list[str]]:
    import weasyprint

    base_uri = Path(base_dir).resolve().as_uri()
    key = _cache_key(document, base_dir)
    cached = _from_cache(cache_dir, key, base_dir)
    if cached is not None:
        return cached, []
    fetcher = _OfflineFetcher([base_dir, str(STYLESHEET.parent)])
    logger = logging.getLogger("weasyprint")
    records, propagate = _Collect(), logger.propagate
    logger.addHandler(records)
    logger.propagate = False  # it tells about CSS it ignores (the site's screen-only rules): collect, not print
    # fontTools stamps the fonts it subsets with the time, unless SOURCE_DATE_EPOCH says otherwise.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(date.timestamp()))
    # Python's cycle collector would walk WeasyPrint's many live objects (boxes, styles) again and
    # again while they are made, about a fifth of the time; collected less often, memory stays the same.
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        pdf = weasyprint.HTML(string=document, base_url=base_uri + "/", url_fetcher=fetcher) \
            .write_pdf(pdf_identifier=key[:32].encode("ascii"), **PDF_OPTIONS)
    finally:
        gc.set_threshold(*thresholds)
        logger.removeHandler(records)
        logger.propagate = propagate
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    errors = [f"cannot use {url}" for url in fetcher.refused]
    errors += [record.getMessage() for record in records.records if record.levelno >= logging.ERROR]
    if not errors:
        _to_cache(cache_dir, key, pdf, fetcher.read, base_dir)
    return pdf, errors


def _timed_render(job: tuple[str, str, str | None, datetime]) -> tuple[bytes, list[str], float]:
    document, base_dir, cache_dir, date = job
    started = time.monotonic()
    pdf, errors = render(document, base_dir=base_dir, cache_dir=cache_dir, date=date)
    return pdf, errors, time.monotonic() - started


def render_many(documents: list[str], *, base_dir: str, cache_dir: str | None, date: datetime,
                workers: int | None = None) -> list[tuple[bytes, list[str], float]]:
    """render() every document, in up to `workers` processes (default: one per core).

    WeasyPrint lays out one document on one core; the documents do not depend on each
    other, so on two cores two of them are laid out at once. Documents the cache holds
    are taken from it here, without a process. Each result is the PDF, its errors and
    the seconds its layout took (0 from the cache). The processes are started fresh ("spawn"),
    which is safe in `mkdocs serve` too, where the server's threads are running.
    """
    results: list[tuple[bytes, list[str], float] | None] = []
    for document in documents:  # what the cache holds needs no process
        cached = _from_cache(cache_dir, _cache_key(document, base_dir), base_dir)
        results.append(None if cached is None else (cached, [], 0.0))
    todo = [index for index, result in enumerate(results) if result is None]
    for index, result in zip(todo, _render_all([(documents[index], base_dir, cache_dir, date) for index in todo],
                                               workers)):
        results[index] = result
    return results


def _render_all(jobs: list, workers: int | None) -> list[tuple[bytes, list[str], float]]:
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [_timed_render(job) for job in jobs]
    # A spawned process imports this module afresh: it must find the package, which MkDocs put on
    # sys.path only while it loaded the hooks.
    package_parent = str(Path(__file__).resolve().parent.parent)
    added = package_parent not in sys.path
    if added:
        sys.path.insert(0, package_parent)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(_timed_render, jobs))
    finally:
        if added:
            sys.path.remove(package_parent)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _cache_key(document: str, base_dir: str) -> str:
    import weasyprint

    base_uri = Path(base_dir).resolve().as_uri()
    return hashlib.sha256("\0".join([document.replace(base_uri, "{site}"), weasyprint.__version__, _CODE_VERSION,
                                     json.dumps(PDF_OPTIONS, sort_keys=True)]).encode("utf-8")).hexdigest()


def _from_cache(cache_dir: str | None, key: str, base_dir: str) -> bytes | None:
    if not cache_dir:
        return None
    manifest = Path(cache_dir, f"{key}.json")
    if not manifest.is_file():
        return None
    entry = json.loads(manifest.read_text(encoding="utf-8"))
    for path, digest in entry["read"].items():
        try:
            if hashlib.sha256(Path(base_dir, path).read_bytes()).hexdigest() != digest:
                return None
        except OSError:
            return None
    pdf = Path(cache_dir, f"{key}.pdf")
    return pdf.read_bytes() if pdf.is_file() else None


# Store a PDF with the files it used (relative to the site when they are in it).
def _to_cache(cache_dir: str | None, key: str, pdf: bytes, read: dict[str, str], base_dir: str) -> None:
    if not cache_dir:
        return
    site = os.path.realpath(base_dir) + os.sep
    used = {path[len(site):] if path.startswith(site) else path: digest for path, digest in read.items()}
    os.makedirs(cache_dir, exist_ok=True)
    Path(cache_dir, f"{key}.pdf").write_bytes(pdf)
    Path(cache_dir, f"{key}.json").write_text(json.dumps({"read": used}, sort_keys=True), encoding="utf-8")


# The date the content is of: SOURCE_DATE_EPOCH, else the last commit, else the newest source file.
def content_date(root: str, fallback_paths: list[str]) -> datetime:
    import subprocess

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                                text=True, timeout=10, check=False)
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return datetime.fromtimestamp(int(result.stdout.strip()), tz=timezone.utc)
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((os.path.getmtime(path) for path in fallback_paths if os.path.exists(path)), default=0)
    return datetime.fromtimestamp(int(newest), tz=timezone.utc)


# Copy a file only when its bytes differ (keeps timestamps of unchanged exports).
def write_if_changed(data: bytes, target: str) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.isfile(target) and Path(target).read_bytes() == data:
        return
    Path(target).write_bytes(data)

