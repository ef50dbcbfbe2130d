"""Per-language fixes to what MkDocs writes once for the whole site.

MkDocs writes the site-wide 404.html in every language build, so with the
i18n plugin the last language built wins (a Latvian 404 page at the root of an
English site). Keep each language's 404 page and put the default language's at
the root, the others in their own folders.
"""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from wblbank.i18n import current_language, is_nested_build, site_languages

_not_found_pages: dict[str, str] = {}


# A new site build forgets the 404 pages of the previous one (mkdocs serve reuses this module).
def on_pre_build(config):
    if not is_nested_build(config):
        _not_found_pages.clear()


# Keep each language's 404 page as it is rendered.
def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        _not_found_pages[current_language(config)] = output_content
    return output_content


# After the i18n plugin (priority -100) has built the other languages.
@event_priority(-200)
def on_post_build(config):
    if is_nested_build(config):
        return
    languages = site_languages(config)
    for lang, html in _not_found_pages.items():
        folder = "" if lang == languages.default else lang
        write_file(html.encode("utf-8"), os.path.join(config.site_dir, folder, "404.html"))
