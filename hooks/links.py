"""Build check: every internal link, image and anchor resolves, in every language.

Links are collected while each language is built; they are checked once all
languages are built, so a link from one language into another can be checked
against the page it really leads to. Links written into another language's
folder are also rewritten to that language's page (the i18n plugin would send
them to the current language's copy).
"""

from __future__ import annotations

import os
import re

from mkdocs.plugins import event_priority, get_plugin_logger

from wblbank import generated
from wblbank.i18n import built_url, current_language, file_language, is_nested_build, relative_url, site_languages
from wblbank.links import (MARKDOWN, Link, LinkIndex, check_link, classify, extract_links, generated_links,
                           resolve_markdown, split_target, site_dir_files)
from wblbank.problems import display_path, log_problems
from wblbank.tree import docs_files, project_root

log = get_plugin_logger("links")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_index: LinkIndex | None = None
_found: list[tuple[str, str, Link]] = []  # (docs page, its built URL, link) for every language


# The first build starts a new index; the per-language builds add to it.
def on_files(files, config):
    global _index, _found
    if _index is None or not is_nested_build(config):
        docs_dir, root = os.path.abspath(config.docs_dir), project_root(config)
        _index = LinkIndex(
            languages=site_languages(config),
            docs_paths=set(docs_files(files, config)),
            site_files=set(config.theme.static_templates),
            dest_to_source={},
            ids={},
            shown=lambda path: display_path(os.path.join(docs_dir, path), root),
        )
        _found = []
    return files


# After the i18n plugin has laid out this language's files: note where everything is built.
def on_env(env, config, files):
    for file in files:
        _index.site_files.add(file.dest_uri)
        if file.is_documentation_page():
            _index.dest_to_source[file.dest_uri] = file.src_uri
    return env


# Note the page's links with their file line numbers, and point cross-language links home.
def on_page_markdown(markdown, page, config, files):
    if file_language(page.file) != current_language(config):
        return markdown  # an untranslated page shown in this language: checked in its own
    with open(page.file.abs_src_path, encoding="utf-8") as handle:
        lines_before_body = len(handle.read().splitlines()) - len(markdown.splitlines())
    links = extract_links(markdown)
    for link in links:
        shifted = Link(link.line + lines_before_body, link.start, link.end, link.target, link.kind)
        _found.append((page.file.src_uri, page.url, shifted))
    return _rewrite_cross_language(markdown, links, page, config)


# Point links into another language's folder at that language's built page.
def _rewrite_cross_language(markdown: str, links: list[Link], page, config) -> str:
    for link in sorted(links, key=lambda item: item.start, reverse=True):
        if link.kind != MARKDOWN or classify(link.target) != "relative":
            continue
        path, fragment = split_target(link.target)
        resolution = resolve_markdown(page.file.src_uri, path, _index.languages, _index.exists)
        if resolution.language is None or resolution.found is None:
            continue
        lang, _, rest = resolution.found.partition("/")
        url = built_url(lang, rest, _index.languages, use_directory_urls=config.use_directory_urls)
        new_target = relative_url(url, page.url) + (f"#{fragment}" if fragment else "")
        markdown = markdown[:link.start] + new_target + markdown[link.end:]
    return markdown


# Note the ids of the page as Material rendered it (the anchors links may use), and the links
# that markers generated (hooks/data_pages.py), each at the line of its marker.
def on_page_content(html, page, config, files):
    if file_language(page.file) == current_language(config):
        _index.ids[page.file.src_uri] = set(_ID.findall(html))
        for link in generated_links(page.markdown or ""):
            _found.append((page.file.src_uri, page.url, link))
    return html


# After the i18n plugin (priority -100) has built the other languages, and after the exports (-150).
@event_priority(-200)
def on_post_build(config):
    if is_nested_build(config):
        return
    _index.site_files.update(generated.site_files())  # written by other hooks after MkDocs (hooks/pdf.py)
    _index.site_files |= site_dir_files(config.site_dir)  # also what hooks wrote after the pages (badge files)
    problems = [p for source, url, link in _found for p in check_link(_index, source, url, link)]
    count = log_problems(log, problems)
    log.info(f"checked {len(_found)} links in {len(_index.ids)} pages: {count} problem(s)")
