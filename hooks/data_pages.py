"""Data pages: render what lives in data/ and in page front matter into the pages that ask for it.

A page asks with a marker comment on a line of its own, the shape Material's own
docs use for generated content:

    <!-- wbl:glossary -->        the glossary of the page's language
    <!-- wbl:case-cards -->      a card for every collaboration case
    <!-- wbl:related-cases -->   on a case page: the cases most like it
    <!-- wbl:instrument <id> --> a self-assessment questionnaire (data/instruments/<id>.yml)
    <!-- wbl:badge <id> -->      the criteria of an Open Badge (data/badges/<id>.yml)

The data files are named under extra.wbl.data in mkdocs.yml and validated once
per build; every problem is reported as `path:line: what — fix`. After the
last language is built, the badges' definitions (Open Badges 3.0 and 2.0 JSON)
and images are written into the folder extra.wbl.openbadges of the built site.
"""

from __future__ import annotations

import json
import os
import shutil

from mkdocs.plugins import event_priority, get_plugin_logger

from wblbank.i18n import current_language, file_language, is_nested_build, site_languages
from wblbank.pages import SiteData, badge_site_files, read_site_data, render_markers
from wblbank.problems import display_path, log_problems
from wblbank.tree import docs_files, project_root

log = get_plugin_logger("data_pages")
_data: SiteData | None = None  # read once per build, for all languages


# Read and check the data files and the case front matter once, before the languages are built.
def on_files(files, config):
    global _data
    if _data is None or not is_nested_build(config):
        settings = config.extra.get("wbl") or {}
        _data = read_site_data(settings.get("data") or {}, config.config_file_path, site_languages(config),
                               project_root(config), os.path.abspath(config.docs_dir), docs_files(files, config),
                               use_directory_urls=config.use_directory_urls, site_url=config.site_url,
                               badge_folder=settings.get("openbadges"))
        log_problems(log, _data.problems)
    return files


# Replace each marker with what it stands for, in the language of the page's text.
def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    with open(page.file.abs_src_path, encoding="utf-8") as handle:
        first_line = len(handle.read().splitlines()) - len(markdown.splitlines()) + 1
    lang = file_language(page.file) or current_language(config)
    shown = display_path(page.file.abs_src_path, project_root(config))
    rendered, problems = render_markers(markdown, page.file.src_uri, lang, _data, shown=shown, first_line=first_line)
    if lang == current_language(config):  # a fallback page is reported in its own language's build
        log_problems(log, problems)
    return rendered


# After the i18n plugin (-100) has built every language, before the link check (-200) looks for
# the files: write each badge's definitions and images into the built site.
@event_priority(-150)
def on_post_build(config):
    if is_nested_build(config) or _data is None:
        return
    outputs = badge_site_files(_data)
    for path, content in outputs.items():
        target = os.path.join(config.site_dir, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if isinstance(content, str):
            shutil.copyfile(content, target)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                json.dump(content, handle, ensure_ascii=False, indent=2)
                handle.write("\n")
    if outputs:
        log.info(f"wrote {len(outputs)} badge files")
