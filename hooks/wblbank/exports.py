"""What the build exports besides the web pages: the PDFs of each language and the offline copy.

Everything that names a document, a page or a file is configured in mkdocs.yml
under ``extra.exports`` (see README.md, "PDFs and the offline copy"); this module
reads and checks that block, picks each document's pages from the navigation, and
writes the list of downloads into the page that asks for it.
"""

from __future__ import annotations

import fnmatch
import html
from dataclasses import dataclass
from typing import Iterable

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from . import yamlread
from .i18n import Languages, built_url, relative_url
from .problems import Problem, display_path

# The comment in the downloads page that the build replaces by the list of downloads.
MARKER = "<!-- downloads -->"
# A size is known only once the file is written; until then the page holds this comment.
SIZE_SLOT = "<!-- size:{path} -->"


class DocumentConfig(Config):
    """One PDF per language: which pages, under which title."""

    name = c.Type(str)  # file name: <folder>/<name>-<lang>.pdf
    title = c.Type(str)  # string id in the strings file
    description = c.Optional(c.Type(str))  # string id, shown on the cover and the downloads page
    pages = c.ListOfItems(c.Type(str))  # nav paths or patterns (cases/*.md); '*' is every page
    toc_depth = c.Choice((1, 2), default=1)  # 1: sections and pages, 2: also the pages' ## headings


class ExportsConfig(Config):
    """The block extra.exports of mkdocs.yml."""

    strings = c.Type(str, default="data/strings.yml")  # relative to mkdocs.yml
    page = c.Optional(c.Type(str))  # the page (nav path) whose marker lists the downloads
    folder = c.Type(str, default="downloads")  # in each language's part of the site
    offline = c.Optional(c.Type(str))  # the offline copy's zip name (no .zip), at <folder>/ of the site root
    documents = c.ListOfItems(c.SubConfig(DocumentConfig), default=[])


# Strings every export uses, besides the titles and descriptions the documents name.
INTERFACE_STRINGS = (
    "pdf_contents", "pdf_page_of", "pdf_cover_language", "pdf_cover_date", "pdf_cover_online",
    "pdf_author", "pdf_licence", "pdf_size_kb", "pdf_size_mb", "pdf_kind_pdf", "pdf_kind_zip",
    "pdf_offline_title", "pdf_offline_description", "pdf_downloads_skipped",
)


@dataclass(frozen=True)
class Settings:
    """extra.exports, checked, with the lines of mkdocs.yml where its parts are written."""

    config: ExportsConfig
    config_path: str  # mkdocs.yml as shown in messages
    lines: dict[str, int]  # 'exports', 'page', 'documents.0', 'documents.0.pages.2' -> line

    def line(self, key: str) -> int:
        while key not in self.lines and "." in key:
            key = key.rpartition(".")[0]
        return self.lines.get(key, 1)

    @property
    def documents(self) -> list[DocumentConfig]:
        return list(self.config.documents)

    def needed_strings(self) -> set[str]:
        needed = set(INTERFACE_STRINGS)
        for document in self.documents:
            needed.add(document.title)
            if document.description:
                needed.add(document.description)
        return needed


# Read extra.exports; None when the site exports nothing. Problems point into mkdocs.yml.
def read_settings(extra: dict, config_file: str, root: str) -> tuple[Settings | None, list[Problem]]:
    raw = extra.get("exports")
    if raw is None:
        return None, []
    shown = display_path(config_file, root)
    lines = _lines(config_file)
    config = ExportsConfig(config_file_path=config_file)
    if not isinstance(raw, dict):
        return None, [Problem(shown, lines.get("exports", 1), "extra.exports is not a block of settings",
                              "write it as 'exports:' followed by indented 'key: value' lines (see README.md)")]
    config.load_dict(raw)
    failed, _warnings = config.validate()
    problems = [Problem(shown, lines.get(key, lines.get("exports", 1)), f"extra.exports.{key}: {error}",
                        "correct the setting (see README.md, 'PDFs and the offline copy')")
                for key, error in failed]
    if failed:
        return None, problems
    settings = Settings(config, shown, lines)
    names = [document.name for document in settings.documents]
    for index, name in enumerate(names):
        if names.index(name) != index:
            problems.append(Problem(shown, settings.line(f"documents.{index}"),
                                    f"two documents are both named '{name}', so one would overwrite the other",
                                    "give each document its own name"))
    return settings, problems


# Line numbers of the parts of extra.exports ('exports', 'page', 'documents.0.pages.2'), read from
# the YAML node tree (values are not built, so MkDocs' !ENV tags need nothing special).
def _lines(config_file: str) -> dict[str, int]:
    with open(config_file, encoding="utf-8") as handle:
        document = yamlread.compose(handle.read())
    lines: dict[str, int] = {}

    def walk(node, prefix: str) -> None:
        children = []
        if isinstance(node, yaml.MappingNode):
            children = [(str(name.value), name, value) for name, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(str(index), item, item) for index, item in enumerate(node.value)]
        for name, key_node, value in children:
            lines[prefix + name] = key_node.start_mark.line + 1
            walk(value, f"{prefix}{name}.")

    extra = _child(document, "extra")
    exports = _child(extra, "exports")
    if exports is not None:
        lines["exports"] = next(k.start_mark.line + 1 for k, v in extra.value if k.value == "exports")
        walk(exports, "")
    return lines


def _child(node, name: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for key, value in node.value if key.value == name), None)


# The nav pages a document contains, in the order of its 'pages' list (a pattern's matches in nav
# order), and a problem for each entry that matches no page of the navigation.
def select_pages(settings: Settings, index: int, nav_paths: list[str]) -> tuple[list[str], list[Problem]]:
    document = settings.documents[index]
    chosen: list[str] = []
    problems = []
    for number, pattern in enumerate(document.pages):
        matches = [path for path in nav_paths if fnmatch.fnmatchcase(path, pattern)]
        if not matches:
            problems.append(Problem(
                settings.config_path, settings.line(f"documents.{index}.pages.{number}"),
                f"the PDF '{document.name}' names '{pattern}', but no page of the navigation matches it",
                "add the page to nav: or correct the path (paths are relative to a language folder, "
                "like the ones in nav:)"))
        chosen.extend(path for path in matches if path not in chosen and path != settings.config.page)
    return chosen, problems


# The downloads page must be a page of the navigation.
def check_downloads_page(settings: Settings, nav_paths: Iterable[str]) -> list[Problem]:
    page = settings.config.page
    if page is None or page in set(nav_paths):
        return []
    return [Problem(settings.config_path, settings.line("page"),
                    f"the downloads page '{page}' is not in the navigation",
                    "add it to nav: or correct extra.exports.page")]


@dataclass(frozen=True)
class Download:
    """One file offered on the downloads page."""

    site_path: str  # where it is written, relative to site/
    title: str
    description: str
    kind: str  # 'PDF', 'ZIP' as the reader's language writes it


# Where each language's PDF of a document is written, relative to site/.
def pdf_site_path(settings: Settings, name: str, lang: str, languages: Languages) -> str:
    return built_url(lang, f"{settings.config.folder}/{name}-{lang}.pdf", languages, use_directory_urls=False)


# Where the offline copy is written, relative to site/ (one for all languages).
def zip_site_path(settings: Settings) -> str | None:
    if not settings.config.offline:
        return None
    return f"{settings.config.folder}/{settings.config.offline}.zip"


# The one-line HTML list that replaces the marker (one line, so the link check's line numbers hold).
def downloads_html(downloads: list[Download], page_url: str) -> str:
    items = []
    for download in downloads:
        href = html.escape(relative_url(download.site_path, page_url), quote=True)
        size = SIZE_SLOT.format(path=download.site_path)
        items.append(f'<li><a href="{href}"><strong>{html.escape(download.title)}</strong></a> '
                     f'<span class="wbl-download-size">({html.escape(download.kind)}{size})</span>'
                     f'<br>{html.escape(download.description)}</li>')
    return f'<ul class="wbl-downloads">{"".join(items)}</ul>'


# Replace the marker line; returns the new Markdown, or None if the page has no marker.
def replace_marker(markdown: str, replacement: str) -> str | None:
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.strip() == MARKER:
            lines[number] = replacement
            return "\n".join(lines)
    return None


# Write each file's size into a built page that holds size slots.
def fill_sizes(page_html: str, sizes: dict[str, str]) -> str:
    for path, size in sizes.items():
        page_html = page_html.replace(SIZE_SLOT.format(path=path), f", {size}")
    return page_html


# A file size as readers of a language write it: '820 kB', '1,4 Mt'.
def format_size(size: int, lang: str, unit_kb: str, unit_mb: str) -> str:
    from babel.numbers import format_decimal  # Babel: the locale data Material's search uses too

    if size < 1_000_000:
        return unit_kb.format(size=format_decimal(max(1, round(size / 1000)), locale=lang))
    return unit_mb.format(size=format_decimal(round(size / 1_000_000, 1), format="#,##0.0", locale=lang))


# The problem of a downloads page without the marker.
def missing_marker(path: str, root: str) -> Problem:
    return Problem(display_path(path, root), 1,
                   f"the downloads page has no '{MARKER}' line, so the build cannot list the PDFs on it",
                   f"add a line {MARKER} where the list of downloads should appear")
