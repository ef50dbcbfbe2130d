"""Build check: every page exists in every language, is readable and is up to date.

Runs once per build, before any page is rendered, and reports each problem as
`path:line: what is wrong — how to fix it` (a warning, so --strict fails).
"""

from __future__ import annotations

import os

from mkdocs.plugins import get_plugin_logger

from wblbank.i18n import is_nested_build, site_languages
from wblbank.problems import log_problems
from wblbank.tree import DocsTree, check_nav, check_translations, docs_files, nav_entries, project_root, scan

log = get_plugin_logger("translations")
_tree: DocsTree | None = None  # the tree of the current build, read once for all languages


# Before the i18n plugin regroups the files by language (priority 0 > its -100).
def on_files(files, config):
    global _tree
    if _tree is None or not is_nested_build(config):
        _tree = scan(os.path.abspath(config.docs_dir), docs_files(files, config), site_languages(config),
                     project_root(config))
        problems = _tree.problems + check_translations(_tree)
        problems += check_nav(_tree, nav_entries(config.config_file_path), config.config_file_path)
        count = log_problems(log, problems)
        if count:
            log.info(f"{count} translation and source problem(s); see the README, 'What the checks say'")
    # MkDocs stops with a traceback on a file it cannot decode, and the i18n plugin mishandles a page
    # outside the language folders that shadows one inside: both were reported above, leave them out.
    for path in _tree.excluded:
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
    return files
