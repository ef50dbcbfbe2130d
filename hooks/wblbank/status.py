"""Translation status: for each language, every page up to date, out of date or missing.

It uses the same tree and the same stamp test as the build checks. For a page
that is out of date it also shows what changed in English since the translation
was stamped: the stamp is a hash of the English text, so the English text of
that time is found in the git history (the newest commit whose version of the
file has that hash) and compared with today's, section by section.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from dataclasses import dataclass, field

from .sources import STAMP_KEY, content_hash
from .tree import MISSING, NOT_STAMPED, OUT_OF_DATE, UNTRANSLATED, UP_TO_DATE, DocsTree, stamp_state

STATES = (UP_TO_DATE, OUT_OF_DATE, NOT_STAMPED, UNTRANSLATED, MISSING)  # the order reports list them in
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*#*\s*$")


@dataclass(frozen=True)
class SectionChange:
    """One English section that changed: its heading and a diff of its text."""

    heading: str
    anchor: str | None
    diff: tuple[str, ...]  # unified-diff lines without the file header: " same", "-old", "+new"


@dataclass
class PageStatus:
    """Where one page stands in one language."""

    page: str  # relative to the language folder
    state: str
    english: str  # path shown to contributors: docs/en/page.md
    translation: str  # docs/fi/page.md (where it is, or where it should be)
    changes: list[SectionChange] | None = None  # out of date: what changed; None if unknown


@dataclass
class LanguageStatus:
    lang: str
    pages: list[PageStatus] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for page in self.pages if page.state == state)

    @property
    def percent(self) -> int:
        """The share of pages that are up to date, rounded down (100 only when all are)."""
        return 100 * self.count(UP_TO_DATE) // len(self.pages) if self.pages else 100

    @property
    def complete(self) -> bool:
        return all(page.state == UP_TO_DATE for page in self.pages)


# The status of every English page in one language.
def language_status(tree: DocsTree, lang: str, history: "History | None" = None) -> LanguageStatus:
    english = tree.pages.get(tree.languages.default, {})
    translated = tree.pages.get(lang, {})
    status = LanguageStatus(lang)
    for page in sorted(english):
        english_path = english[page]
        path = translated.get(page)
        shown_translation = tree.shown(path or f"{lang}/{page}")
        if path is None:
            state = MISSING
        else:
            state = stamp_state(tree, path, english_path) or NOT_STAMPED
        entry = PageStatus(page, state, tree.shown(english_path), shown_translation)
        if state == OUT_OF_DATE and history is not None:
            old = history.text_with_hash(os.path.join(tree.docs_dir, english_path),
                                         str(tree.sources[path].meta.get(STAMP_KEY)))
            if old is not None:
                entry.changes = changed_sections(old, tree.sources[english_path].text)
        status.pages.append(entry)
    return status


# The sections of a Markdown text: (heading line, anchor, lines), the text before the first heading first.
def sections(text: str) -> list[tuple[str, str | None, list[str]]]:
    found: list[tuple[str, str | None, list[str]]] = [("", None, [])]
    fenced = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append((match.group(2), match.group(3), [line]))
        else:
            found[-1][2].append(line)
    return found


# The English sections whose text differs between two versions, each with a readable diff.
def changed_sections(old: str, new: str) -> list[SectionChange]:
    def key(section):
        return section[1] or section[0]

    old_sections = {key(section): section for section in sections(old)}
    changes = []
    for section in sections(new):
        before = old_sections.pop(key(section), None)
        before_lines = before[2] if before else []
        after_lines = section[2]
        if [line.rstrip() for line in before_lines] == [line.rstrip() for line in after_lines]:
            continue
        diff = [line for line in difflib.unified_diff(before_lines, after_lines, lineterm="", n=1)
                if not line.startswith(("---", "+++", "@@"))]
        changes.append(SectionChange(section[0], section[1], tuple(diff)))
    for heading, anchor, lines in old_sections.values():  # sections that were removed
        changes.append(SectionChange(heading, anchor, tuple("-" + line for line in lines)))
    return changes


class History:
    """Old versions of files, read from git; answers None where there is no git history."""

    def __init__(self, root: str):
        self.root = root
        self._cache: dict[tuple[str, str], str | None] = {}

    def text_with_hash(self, path: str, stamp: str) -> str | None:
        """The newest committed version of a file whose content hash is `stamp`."""
        key = (path, stamp)
        if key not in self._cache:
            self._cache[key] = self._find(path, stamp)
        return self._cache[key]

    def _git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, check=False)
        except OSError:
            return None
        return done.stdout if done.returncode == 0 else None

    def _find(self, path: str, stamp: str) -> str | None:
        relative = os.path.relpath(path, self.root).replace(os.sep, "/")
        commits = self._git("log", "--format=%H", "--", relative)
        for commit in (commits or "").split():
            text = self._git("show", f"{commit}:{relative}")
            if text is not None and content_hash(text) == stamp:
                return text
        return None


_LABEL = {UP_TO_DATE: "up to date", OUT_OF_DATE: "OUT OF DATE", NOT_STAMPED: "NOT STAMPED",
          UNTRANSLATED: "UNTRANSLATED", MISSING: "MISSING"}


# The terminal report of one language: totals, then every page that needs work with its fix.
def format_report(status: LanguageStatus, label: str, stamp_command: str = "make stamp FILE={path}") -> str:
    total = len(status.pages)
    lines = [f"{label}: {status.count(UP_TO_DATE)} of {total} pages up to date ({status.percent} %)"
             + "".join(f", {status.count(state)} {state}" for state in STATES[1:] if status.count(state))]
    for page in status.pages:
        if page.state == UP_TO_DATE:
            continue
        lines.append(f"  {_LABEL[page.state]:<12} {page.translation}")
        if page.state == MISSING:
            lines.append(f"               write it from {page.english}, then run: "
                         + stamp_command.format(path=page.translation))
        elif page.state == OUT_OF_DATE:
            if page.changes is None:
                lines.append(f"               {page.english} changed; the version it was stamped from is not in "
                             "the git history, so compare by hand (git fetch --unshallow may help)")
            else:
                lines.append(f"               what changed in {page.english} since it was stamped:")
                for change in page.changes:
                    lines.append(f"               § {change.heading or '(top of the page)'}")
                    lines += [f"                 {line}" for line in change.diff]
            lines.append("               update the translation, then run: " + stamp_command.format(path=page.translation))
        else:
            lines.append("               translate it, then run: " + stamp_command.format(path=page.translation))
    return "\n".join(lines)


def _title(tree: DocsTree, lang: str, page: str) -> str:
    path = tree.pages.get(lang, {}).get(page) or tree.pages[tree.languages.default][page]
    source = tree.sources.get(path)
    if source is None:
        return page
    title = source.meta.get("title")
    if not title:
        heading = re.search(r"^#\s+(.+?)\s*$", source.body, re.MULTILINE)
        title = heading.group(1) if heading else page
    return str(title).replace("|", "\\|")


def _link(from_page: str, to_page: str) -> str:
    return os.path.relpath(to_page, os.path.dirname(from_page) or ".").replace(os.sep, "/")


# The status page of one language as Markdown, from the statuses of every language.
def render_status_page(tree: DocsTree, statuses: dict[str, LanguageStatus], lang: str, strings, from_page: str) -> str:
    text = lambda key, **values: strings.get(f"status_{key}", lang, **values)  # noqa: E731
    states = {state: text(state.replace(" ", "_")) for state in STATES}
    lines = [f"| {text('language')} | {states[UP_TO_DATE]} | {states[OUT_OF_DATE]} | {states[MISSING]} | % |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for code, status in statuses.items():
        lines.append(f"| {tree.languages.label(code)} | {status.count(UP_TO_DATE)} | "
                     f"{status.count(OUT_OF_DATE) + status.count(NOT_STAMPED) + status.count(UNTRANSLATED)} | "
                     f"{status.count(MISSING)} | {status.percent} |")
    if lang == tree.languages.default or lang not in statuses:
        return "\n".join(lines)
    status = statuses[lang]
    lines += ["", text("summary", done=status.count(UP_TO_DATE), total=len(status.pages), percent=status.percent), "",
              f"| {text('page')} | {text('file')} | {text('state')} |", "| --- | --- | --- |"]
    for page in status.pages:
        lines.append(f"| [{_title(tree, lang, page.page)}]({_link(from_page, page.page)}) | "
                     f"`{page.translation}` | {states[page.state]} |")
    for page in status.pages:
        if page.state != OUT_OF_DATE:
            continue
        lines += ["", f'??? note "{text("changed", page=_title(tree, lang, page.page))}"']
        if page.changes is None:
            lines += ["", f"    {text('history_unknown')}"]
            continue
        for change in page.changes:
            lines += ["", f"    **{change.heading or '—'}**", "", "    ```diff"]
            lines += [f"    {line}" for line in change.diff]
            lines += ["    ```"]
    return "\n".join(lines)
