"""Checks over the whole docs/ tree: every page in every language, up to date, well formed.

These run once per build, before any page is rendered, on the list of files
MkDocs found (so ``exclude_docs`` is respected).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from typing import Iterable

import yaml

from . import yamlread
from .i18n import Languages, looks_like_language
from .problems import Problem, display_path
from .sources import Source, SourceError, content_hash, decode, parse, same_body, stamp_line, STAMP_KEY


@dataclass
class DocsTree:
    """The Markdown pages under docs/, read and grouped by language."""

    docs_dir: str
    root: str  # the folder of mkdocs.yml; messages show paths relative to it
    languages: Languages
    paths: set[str] = field(default_factory=set)  # every file, relative to docs_dir
    pages: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> page -> path
    sources: dict[str, Source] = field(default_factory=dict)  # path -> parsed page
    excluded: set[str] = field(default_factory=set)  # reported pages MkDocs or i18n would crash on
    problems: list[Problem] = field(default_factory=list)

    def shown(self, path: str) -> str:
        """A docs-relative path as contributors see it: docs/fi/guide.md."""
        return display_path(os.path.join(self.docs_dir, path), self.root)

    def exists(self, path: str) -> bool:
        return path in self.paths


# The folder of mkdocs.yml: messages show paths relative to it.
def project_root(config) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path))


# The files MkDocs found under docs_dir (not the theme's), relative to docs_dir.
def docs_files(files, config) -> list[str]:
    docs_dir = os.path.abspath(config.docs_dir) + os.sep
    return [file.src_uri for file in files if os.path.abspath(file.abs_src_path).startswith(docs_dir)]


# Read every Markdown page; note undecodable files, bad front matter and misplaced files.
def scan(docs_dir: str, paths: Iterable[str], languages: Languages, root: str) -> DocsTree:
    tree = DocsTree(docs_dir=docs_dir, root=root, languages=languages)
    tree.paths = {path.replace(os.sep, "/") for path in paths}
    tree.pages = {code: {} for code in languages.codes}
    reported_folders: set[str] = set()
    for path in sorted(tree.paths):
        folder, _, rest = path.partition("/")
        in_language = bool(rest) and folder in languages.codes
        if not in_language and rest and looks_like_language(folder):
            if folder not in reported_folders:
                reported_folders.add(folder)
                tree.problems.append(Problem(
                    tree.shown(path), 1,
                    f"the folder docs/{folder}/ looks like a language, but '{folder}' is not "
                    "listed under plugins.i18n.languages in mkdocs.yml, so none of its pages are built",
                    f"add '- locale: {folder}' with its name to the languages in mkdocs.yml, "
                    "or rename the folder",
                ))
            continue
        if not path.endswith(".md"):
            continue
        if not in_language:
            # Beside the same page in docs/<default>/, the i18n plugin either stops with a traceback
            # or silently builds this one in its place, depending on the order it meets them.
            tree.excluded.add(path)
            tree.problems.append(Problem(
                tree.shown(path), 1,
                "this page is outside every language folder, so it has no language",
                f"move it into docs/{languages.default}/ (and its translations into the other "
                "language folders)",
            ))
            continue
        _read(tree, path)
        tree.pages[folder][rest] = path
    return tree


# Read and parse one page into the tree, or record why it cannot be.
def _read(tree: DocsTree, path: str) -> None:
    with open(os.path.join(tree.docs_dir, path), "rb") as handle:
        data = handle.read()
    try:
        text = decode(data)
    except SourceError as error:
        tree.excluded.add(path)  # MkDocs would stop with a traceback on it
        tree.problems.append(Problem(tree.shown(path), error.line, error.what, error.fix))
        return
    try:
        tree.sources[path] = parse(text)
    except SourceError as error:
        tree.problems.append(Problem(tree.shown(path), error.line, error.what, error.fix))


# Missing, orphaned and out-of-date translations, for every language but the default.
def check_translations(tree: DocsTree, stamp_command: str = "make stamp FILE={path}") -> list[Problem]:
    languages = tree.languages
    english = tree.pages.get(languages.default, {})
    problems: list[Problem] = []
    for lang in languages.translations:
        translated = tree.pages.get(lang, {})
        for page in sorted(set(english) - set(translated)):
            target = tree.shown(f"{lang}/{page}")
            problems.append(Problem(
                target, 1,
                f"missing: there is no {languages.label(lang)} translation of {tree.shown(english[page])}",
                f"copy {tree.shown(english[page])} to {target}, translate it, then run: "
                + stamp_command.format(path=target),
            ))
        for page in sorted(set(translated) - set(english)):
            problems.append(Problem(
                tree.shown(translated[page]), 1,
                f"orphan: this page has no English original {tree.shown(f'{languages.default}/{page}')}",
                f"write the English page first, or move this file to the same path as its English original",
            ))
        for page in sorted(set(translated) & set(english)):
            problems.extend(_check_stamp(tree, translated[page], english[page], stamp_command))
    return problems


# The state of one translation against its English source as it is now:
# "untranslated", "not stamped", "out of date" or "up to date" (None when either cannot be read).
def stamp_state(tree: DocsTree, path: str, english_path: str) -> str | None:
    translation = tree.sources.get(path)
    original = tree.sources.get(english_path)
    if translation is None or original is None:
        return None  # unreadable: already reported by scan()
    if same_body(translation, original):
        return UNTRANSLATED
    recorded = translation.meta.get(STAMP_KEY)
    if recorded is None:
        return NOT_STAMPED
    return UP_TO_DATE if str(recorded) == content_hash(original.text) else OUT_OF_DATE


UNTRANSLATED, NOT_STAMPED, OUT_OF_DATE, UP_TO_DATE, MISSING = (
    "untranslated", "not stamped", "out of date", "up to date", "missing")


# Is one translation stamped with the hash of its English source as it is now?
def _check_stamp(tree: DocsTree, path: str, english_path: str, stamp_command: str) -> list[Problem]:
    state = stamp_state(tree, path, english_path)
    if state in (None, UP_TO_DATE):
        return []
    translation, original = tree.sources[path], tree.sources[english_path]
    shown, shown_english = tree.shown(path), tree.shown(english_path)
    command = stamp_command.format(path=shown)
    if state == UNTRANSLATED:
        return [Problem(shown, translation.body_line,
                        f"untranslated: the text is still the English text of {shown_english}",
                        f"translate it, then run: {command}")]
    if state == NOT_STAMPED:
        return [Problem(shown, 1,
                        f"not stamped: no '{STAMP_KEY}' says which version of {shown_english} this translates",
                        f"check that it matches {shown_english}, then run: {command}")]
    recorded, current = translation.meta.get(STAMP_KEY), content_hash(original.text)
    return [Problem(shown, stamp_line(translation),
                    f"out of date: {shown_english} changed after this translation was stamped "
                    f"({STAMP_KEY} {recorded}, English is now {current}); see what changed: "
                    f"make status LANG={path.partition('/')[0]}",
                    f"update the translation to match {shown_english}, then run: {command}")]


@dataclass(frozen=True)
class NavEntry:
    """A page named in the nav of mkdocs.yml, with the line it is on."""

    path: str
    line: int


# The page entries of the nav in mkdocs.yml, with their line numbers.
def nav_entries(config_file: str) -> list[NavEntry]:
    with open(config_file, encoding="utf-8") as handle:
        # compose() builds the node tree without constructing values, so MkDocs'
        # custom tags (!ENV, !!python/name) need no loader of their own.
        document = yamlread.compose(handle.read())
    if not isinstance(document, yaml.MappingNode):
        return []
    for key, value in document.value:
        if key.value == "nav":
            return list(_walk_nav(value))
    return []


def _walk_nav(node) -> Iterable[NavEntry]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk_nav(item)
    elif isinstance(node, yaml.MappingNode):
        for _title, value in node.value:
            yield from _walk_nav(value)
    elif isinstance(node, yaml.ScalarNode):
        target = str(node.value)
        if "://" not in target and not target.startswith("/") and target.endswith(".md"):
            yield NavEntry(posixpath.normpath(target), node.start_mark.line + 1)


# Nav entries that lead nowhere in some language (no page there and no English one to fall back on).
def check_nav(tree: DocsTree, entries: Iterable[NavEntry], config_file: str) -> list[Problem]:
    languages = tree.languages
    problems = []
    shown_config = display_path(config_file, tree.root)
    for entry in entries:
        unresolved = [lang for lang in languages.codes if not _nav_resolves(tree, entry.path, lang)]
        if unresolved:
            names = ", ".join(languages.label(lang) for lang in unresolved)
            problems.append(Problem(
                shown_config, entry.line,
                f"nav entry '{entry.path}' leads to no page in {names}",
                f"create {tree.shown(f'{languages.default}/{entry.path}')} or correct the path "
                "(nav paths are relative to each language folder)",
            ))
    return problems


def _nav_resolves(tree: DocsTree, path: str, lang: str) -> bool:
    languages = tree.languages
    candidates = [f"{lang}/{path}", path]
    if languages.fallback_to_default:
        candidates.append(f"{languages.default}/{path}")
    return any(tree.exists(candidate) for candidate in candidates)
