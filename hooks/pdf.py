"""Exports: for each language, the PDFs configured under extra.exports in mkdocs.yml, and one
offline copy of the whole site as a zip; the downloads page lists them with their sizes.

The pages are collected as each language is rendered; the files are written once every
language is built (after the i18n plugin at -100) and before the link check (-200), which
then checks the links to them. `mkdocs serve` skips the files unless WBL_EXPORTS=1;
`WBL_EXPORTS=0` skips them in any build. See README.md, "PDFs and the offline copy".
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime

from mkdocs.plugins import event_priority, get_plugin_logger

from wblbank import generated, offline
from wblbank.exports import (Download, Settings, check_downloads_page, downloads_html, fill_sizes, format_size,
                             missing_marker, pdf_site_path, read_settings, replace_marker, select_pages,
                             zip_site_path)
from wblbank.i18n import current_language, is_nested_build, language_root, site_languages
from wblbank.pdf import (DocumentText, Edition, RenderedPage, compose, content_date, font_faces, render_many,
                        write_if_changed)
from wblbank.problems import Problem, display_path, log_problems
from wblbank.strings import Strings, check_strings, load_strings
from wblbank.tree import project_root

log = get_plugin_logger("exports")

# How many PDFs are laid out at once (WBL_PDF_PROCESSES=1: one after the other, in this process).
PROCESSES = "WBL_PDF_PROCESSES"
_command: str | None = None  # 'serve' under mkdocs serve; None when a test calls build() itself


@dataclass
class _Build:
    """What one site build (all its languages) gathers for the exports."""

    settings: Settings
    strings: Strings
    enabled: bool
    problems: list[Problem] = field(default_factory=list)
    nav: dict[str, list[str]] = field(default_factory=dict)  # lang -> nav page paths in order
    editions: dict[str, Edition] = field(default_factory=dict)
    downloads_pages: dict[str, str] = field(default_factory=dict)  # lang -> the built downloads page file


_build: _Build | None = None


# Remember whether this is mkdocs serve (the module outlives one build there).
def on_startup(command, dirty):
    global _command
    _command = command


# Read and check extra.exports and the strings once per site build, before any language is built.
def on_config(config):
    global _build
    if is_nested_build(config):
        return config
    generated.start_build()
    root = project_root(config)
    settings, problems = read_settings(config.extra, config.config_file_path, root)
    if settings is None:
        _build = None
        log_problems(log, problems)
        return config
    languages = site_languages(config)
    strings_file = settings.config.strings
    strings, string_problems = load_strings(os.path.join(root, strings_file), root, languages)
    if strings_file != ((config.extra.get("wbl") or {}).get("data") or {}).get("strings"):
        problems += string_problems  # the same file's problems are reported once, by hooks/data_pages.py
    problems += check_strings(strings, settings.needed_strings(), languages)
    if settings.config.offline and not offline.has_offline_plugin(config):
        problems.append(Problem(settings.config_path, settings.line("offline"),
                                "the offline copy needs Material's offline plugin, which is not configured",
                                f"add '- offline: {{enabled: !ENV [{offline.PLUGIN_SWITCH}, false]}}' under plugins:"))
    if offline.is_copy_build() and config.use_directory_urls:
        problems.append(Problem(settings.config_path, settings.line("offline"),
                                f"the offline copy was built with directory URLs: {offline.PLUGIN_SWITCH} did not "
                                "switch Material's offline plugin on",
                                f"configure the plugin as '- offline: {{enabled: !ENV [{offline.PLUGIN_SWITCH}, false]}}'"))
    _build = _Build(settings, strings, _exports_wanted(), problems)
    return config


# WBL_EXPORTS=1 or 0 decides; otherwise every build but mkdocs serve exports.
def _exports_wanted() -> bool:
    wanted = os.environ.get("WBL_EXPORTS", "").strip().lower()
    if wanted in ("1", "true", "yes"):
        return True
    if wanted in ("0", "false", "no"):
        return False
    return _command != "serve"


# The order of this language's pages (after the i18n plugin has laid out its nav at -100).
@event_priority(-110)
def on_nav(nav, config, files):
    if _build is not None:
        _build.nav[current_language(config)] = [_in_language(page.file.src_uri) for page in nav.pages]
    return nav


# Replace the downloads page's marker by the list of this language's downloads; before the link
# check collects the page's links (priority 0), so the links to the files are checked too.
@event_priority(10)
def on_page_markdown(markdown, page, config, files):
    if _build is None or _in_language(page.file.src_uri) != _build.settings.config.page:
        return markdown
    lang = current_language(config)
    replacement = _downloads_markup(lang, site_languages(config), page.url)
    new = replace_marker(markdown, replacement)
    if new is None:
        _build.problems.append(missing_marker(page.file.abs_src_path, project_root(config)))
        return markdown
    _build.downloads_pages[lang] = page.file.abs_dest_path
    return new


def _downloads_markup(lang: str, languages, page_url: str) -> str:
    settings, strings = _build.settings, _build.strings
    if not _build.enabled:
        return f'<p class="wbl-downloads-skipped">{strings.text("pdf_downloads_skipped", lang)}</p>'
    downloads = [Download(pdf_site_path(settings, document.name, lang, languages),
                          strings.text(document.title, lang),
                          strings.text(document.description, lang) if document.description else "",
                          strings.text("pdf_kind_pdf", lang))
                 for document in settings.documents]
    zip_path = zip_site_path(settings)
    if zip_path and not offline.is_copy_build():  # the copy cannot hold itself
        downloads.append(Download(zip_path, strings.text("pdf_offline_title", lang),
                                  strings.text("pdf_offline_description", lang), strings.text("pdf_kind_zip", lang)))
    return downloads_html(downloads, page_url)


# Keep each page as Material renders it, without the theme around it, for the PDFs.
def on_page_context(context, page, config, nav):
    if _build is None or not _build.enabled:
        return context
    lang = current_language(config)
    languages = site_languages(config)
    edition = _build.editions.get(lang)
    if edition is None:
        edition = _build.editions[lang] = Edition(
            lang=lang, language_name=languages.names.get(lang, lang), site_name=config.site_name,
            site_url=config.site_url or "", home_url=language_root(lang, languages),
            fonts_css=font_faces(config.site_dir, [str(sheet) for sheet in config.extra_css]))
    sections = tuple(section.title for section in reversed(page.ancestors))
    edition.pages.append(RenderedPage(
        path=_in_language(page.file.src_uri), url=page.url, title=page.title or "", sections=sections,
        content=page.content or "", source=display_path(page.file.abs_src_path, project_root(config))))
    return context


# After every language is built (i18n plugin: -100) and before the link check (-200).
@event_priority(-150)
def on_post_build(config):
    if _build is None or is_nested_build(config):
        return
    languages = site_languages(config)
    settings = _build.settings
    problems = list(_build.problems)
    nav_paths = _build.nav.get(languages.default, [])
    selections = []
    for index, _document in enumerate(settings.documents):
        chosen, unmatched = select_pages(settings, index, nav_paths)
        selections.append(chosen)
        problems += unmatched
    problems += check_downloads_page(settings, nav_paths)
    if _build.enabled:  # even with problems (they fail the build anyway), so links to the files hold
        problems += _write_exports(config, languages, selections)
    count = log_problems(log, problems)
    if count:
        log.info(f"{count} export problem(s); see the README, 'PDFs and the offline copy'")


def _write_exports(config, languages, selections) -> list[Problem]:
    settings, strings = _build.settings, _build.strings
    root = project_root(config)
    cache_dir = os.path.join(root, ".cache", "exports")
    date = content_date(root, [config.config_file_path])
    copy_source = os.environ.get(offline.SOURCE)
    problems: list[Problem] = []
    # Compose every document first (quick), then lay them all out at once, one per core (slow).
    jobs = []  # (lang, document, site path, target, composed HTML or None when copied)
    for lang in languages.codes:
        edition = _build.editions.get(lang)
        by_path = {page.path: page for page in (edition.pages if edition else [])}
        for document, chosen in zip(settings.documents, selections):
            site_path = pdf_site_path(settings, document.name, lang, languages)
            target = os.path.join(config.site_dir, site_path)
            html = None
            if not copy_source:  # the offline copy copies what the online build has just made
                pages = [by_path[path] for path in chosen if path in by_path]
                html, compose_problems = compose(edition, pages, _document_text(strings, document, lang),
                                                 content_date=date, toc_depth=document.toc_depth)
                problems += compose_problems
            jobs.append((lang, document, site_path, target, html))
    started = time.monotonic()
    processes = os.environ.get(PROCESSES)  # default: one per core
    rendered = iter(render_many([job[4] for job in jobs if job[4] is not None],
                                base_dir=os.path.abspath(config.site_dir), cache_dir=cache_dir, date=date,
                                workers=int(processes) if processes and processes.isdigit() else None))
    sizes: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for lang, document, site_path, target, html in jobs:
        if html is None:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(copy_source, site_path), target)
        else:
            pdf, errors, took = next(rendered)
            seconds[lang] = seconds.get(lang, 0.0) + took
            problems += [Problem(settings.config_path, settings.line(f"documents.{settings.documents.index(document)}"),
                                 f"the PDF '{site_path}': {error}",
                                 "link only to files of the site; the PDF build works offline")
                         for error in errors]
            write_if_changed(pdf, target)
        generated.add(site_path)
        sizes[site_path] = os.path.getsize(target)
    for lang, took in seconds.items():
        log.info(f"{lang}: {len(settings.documents)} PDF(s), {took:.1f} s of layout")
    if seconds:
        log.info(f"{len(jobs)} PDF(s) in {time.monotonic() - started:.1f} s")
    _fill_sizes(languages, sizes)
    zip_path = zip_site_path(settings)
    if zip_path and not copy_source:
        started = time.monotonic()
        problems += _write_offline_copy(config, zip_path, cache_dir, date)
        if os.path.isfile(os.path.join(config.site_dir, zip_path)):
            generated.add(zip_path)
            _fill_sizes(languages, {zip_path: os.path.getsize(os.path.join(config.site_dir, zip_path))})
        log.info(f"offline copy {zip_path} in {time.monotonic() - started:.1f} s")
    return problems


def _document_text(strings: Strings, document, lang: str) -> DocumentText:
    return DocumentText(
        title=strings.text(document.title, lang),
        description=strings.text(document.description, lang) if document.description else "",
        author=strings.text("pdf_author", lang), contents=strings.text("pdf_contents", lang),
        page_of=strings.text("pdf_page_of", lang), cover_language=strings.text("pdf_cover_language", lang),
        cover_date=strings.text("pdf_cover_date", lang), cover_online=strings.text("pdf_cover_online", lang),
        licence=strings.text("pdf_licence", lang))


# Write the files' sizes into each language's downloads page, in that language's number format.
def _fill_sizes(languages, sizes: dict[str, int]) -> None:
    strings = _build.strings
    for lang, page_file in _build.downloads_pages.items():
        if not os.path.isfile(page_file):
            continue
        shown = {path: format_size(size, lang, strings.text("pdf_size_kb", lang), strings.text("pdf_size_mb", lang))
                 for path, size in sizes.items()}
        with open(page_file, encoding="utf-8") as handle:
            page_html = handle.read()
        with open(page_file, "w", encoding="utf-8") as handle:
            handle.write(fill_sizes(page_html, shown))


# Build the offline copy (or take it from the cache when the online site has not changed) and zip it.
def _write_offline_copy(config, zip_path: str, cache_dir: str, date: datetime) -> list[Problem]:
    settings = _build.settings
    key = offline.site_key(config.site_dir, skip={zip_path})
    cached = os.path.join(cache_dir, f"offline-{key}.zip")
    target = os.path.join(config.site_dir, zip_path)
    if not os.path.isfile(cached):
        os.makedirs(cache_dir, exist_ok=True)
        copy_dir, errors = offline.build_copy(config.config_file_path, config.site_dir, cache_dir, date)
        try:
            if errors:
                return [Problem(settings.config_path, settings.line("offline"),
                                f"the offline copy did not build: {' / '.join(errors[:3])}",
                                f"run '{offline.PLUGIN_SWITCH}=true {offline.SOURCE}=site mkdocs build -d /tmp/copy' "
                                "to see every message")]
            data = offline.zip_folder(copy_dir, settings.config.offline, date)
        finally:
            shutil.rmtree(copy_dir, ignore_errors=True)
        for old in os.listdir(cache_dir):  # one offline copy in the cache is enough
            if old.startswith("offline-") and old.endswith(".zip"):
                os.remove(os.path.join(cache_dir, old))
        with open(cached, "wb") as handle:
            handle.write(data)
    with open(cached, "rb") as handle:
        write_if_changed(handle.read(), target)
    return []


# A page's path inside its language folder: 'fi/cases/mentor.md' -> 'cases/mentor.md'.
def _in_language(src_uri: str) -> str:
    return src_uri.partition("/")[2]
