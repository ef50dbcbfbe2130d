"""Site search: one Pagefind index per language, built once every language is built.

Why Pagefind and not Material's own (lunr) search:
- mkdocs-static-i18n stacks every language's entries into one lunr index
  (``reconfigure_search_index`` in its reconfigure.py), so a Finnish query
  also returns English and Dutch pages; separate lunr indexes per language
  would mean patching Material's JavaScript.
- lunr has Finnish and Dutch stemmers but none for Estonian or Latvian, and
  Material loads the whole index on the first keystroke (it grows with every
  page and language).
- Pagefind (the ``pagefind[extended]`` PyPI package ships its binary) splits
  the index by each page's ``<html lang>``, stems Finnish and Dutch with the
  Snowball stemmers, matches prefixes in every language, and loads only the
  chunks a query needs. Everything it loads is served by the site itself.

The search box stays Material's (overrides/partials/search.html keeps its
markup and styles; overrides/assets/javascripts/search.js asks Pagefind).
Material's search plugin stays enabled only because Material's header shows
the search button and dialog only with it; its lunr index, which no page
loads, is removed so that no stale mixed-language index is published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from pagefind_bin_extended import get_executable  # the binary itself: `python -m pagefind` adds 0.4 s

from wblbank import offline
from wblbank.i18n import is_nested_build

log = get_plugin_logger("search")

# Headings' permalink signs (¶) are no words to find.
_NOT_INDEXED = ".headerlink"
_serving = False  # under mkdocs serve, Pagefind indexes while the preview reloads
_indexing: subprocess.Popen | None = None


# Remember whether this is mkdocs serve (the module outlives one build there).
def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


# A new build empties the site folder: stop indexing the previous one.
def on_pre_build(config):
    if _indexing is not None and _indexing.poll() is None:
        _indexing.kill()
        _indexing.wait()


# Pagefind indexes the built pages, so Material's lunr indexing of each page (which parses its HTML
# again, in Python) is skipped; the offline copy keeps it, as its search runs on lunr.
def on_page_markdown(markdown, page, config, files):
    if not offline.is_copy_build():
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


# Index the whole site after the i18n plugin (priority -100) has built the other languages.
@event_priority(-150)
def on_post_build(config):
    if is_nested_build(config):
        return
    if offline.is_copy_build():
        return  # the offline copy opens from file://, where Pagefind cannot load; Material's search serves it
    site_dir = config.site_dir
    unused_lunr_index = os.path.join(site_dir, "search")
    if os.path.isdir(unused_lunr_index):
        shutil.rmtree(unused_lunr_index)
    command = [str(get_executable()), "--site", site_dir, "--exclude-selectors", _NOT_INDEXED, "--silent"]
    if _serving:  # the preview shows the edit a second sooner; its search works a second later
        _index_in_background(command, site_dir)
        return
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"search: Pagefind could not index {site_dir}:\n{result.stderr or result.stdout}")
    log.info("indexed the site with Pagefind (one index per language)")


def _index_in_background(command, site_dir):
    global _indexing
    _indexing = process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def report():
        output = process.communicate()[0]
        if process.returncode > 0:  # killed by the next build: below 0
            log.warning(f"search: Pagefind could not index {site_dir}:\n{output}")
        elif process.returncode == 0:
            log.info("indexed the site with Pagefind (one index per language)")

    threading.Thread(target=report, daemon=True).start()
