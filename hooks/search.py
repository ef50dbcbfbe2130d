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
import sys

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from wblbank import offline
from wblbank.i18n import is_nested_build

log = get_plugin_logger("search")

# Headings' permalink signs (¶) are no words to find.
_NOT_INDEXED = ".headerlink"


# Index the whole site after the i18n plugin (priority -100) has built the other languages.
@event_priority(-150)
def on_post_build(config):
    if is_nested_build(config):
        return
    if offline.is_copy_build():
        return  # the offline copy opens from file://, where Pagefind cannot load; Material's search serves it
    site_dir = config.site_dir
    command = [sys.executable, "-m", "pagefind", "--site", site_dir, "--exclude-selectors", _NOT_INDEXED, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"search: Pagefind could not index {site_dir}:\n{result.stderr or result.stdout}")
    unused_lunr_index = os.path.join(site_dir, "search")
    if os.path.isdir(unused_lunr_index):
        shutil.rmtree(unused_lunr_index)
    log.info("indexed the site with Pagefind (one index per language)")
