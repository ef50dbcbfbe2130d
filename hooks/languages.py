"""Per-language fixes to what MkDocs and Material write for the whole site.

MkDocs writes the site-wide 404.html in every language build, so with the
i18n plugin the last language built wins (a Latvian 404 page at the root of an
English site). Keep each language's 404 page and put the default language's at
the root, the others in their own folders.

Material writes each page's translations as <link rel="alternate" hreflang>
in its head, and its script fetches sitemap.xml below every such link, as if
each were a separate site: with the i18n plugin's per-page links that asks for
/fi/about/sitemap.xml and fails on every page. The sitemap.xml the i18n plugin
writes already lists every page's translations for search engines, so the
head links are dropped; the language menu is not affected.

The i18n plugin builds each language with a new Jinja environment, which would
compile Material's templates again for every language (a fifth of a build's
time with five languages). The environments share one in-memory bytecode cache
instead: Jinja keys it on each template's file and checks its source, so an
edited template is compiled again under `mkdocs serve`.
"""

from __future__ import annotations

import os
import re

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.utils import write_file

from wblbank.i18n import current_language, is_nested_build, site_languages

_not_found_pages: dict[str, str] = {}
# Starts with literal text, which the regex engine finds quickly in a long page.
_HREFLANG_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?[ \t]*')


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for every build of this process."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    # Give Jinja the compiled template, if there is one (Jinja drops it when the source changed).
    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = _CompiledTemplates()


# Every language's build compiles each template once (see above).
def on_env(env, config, files):
    env.bytecode_cache = _compiled_templates
    return env


# A new site build forgets the 404 pages of the previous one (mkdocs serve reuses this module).
def on_pre_build(config):
    if not is_nested_build(config):
        _not_found_pages.clear()


# Keep each language's 404 page as it is rendered (without the head's hreflang links).
def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        output_content = _HREFLANG_LINK.sub("", output_content)
        _not_found_pages[current_language(config)] = output_content
    return output_content


# Drop the head's hreflang links (see above); the sitemap keeps them.
def on_post_page(output, page, config):
    return _HREFLANG_LINK.sub("", output)


# After the i18n plugin (priority -100) has built the other languages.
@event_priority(-200)
def on_post_build(config):
    if is_nested_build(config):
        return
    languages = site_languages(config)
    for lang, html in _not_found_pages.items():
        folder = "" if lang == languages.default else lang
        write_file(html.encode("utf-8"), os.path.join(config.site_dir, folder, "404.html"))
