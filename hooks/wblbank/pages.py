"""Generated page content: the data of the site, read once, and the markers pages use to show it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .cases import Case, read_cases, render_cards, render_related, summaries
from .data import DataError, load_yaml
from .glossary import Term, read_glossary, render_glossary
from .i18n import Languages
from .problems import Problem, display_path
from .strings import Strings, read_strings
from .status import History, language_status, render_status_page
from .tree import DocsTree, scan

MARKER = re.compile(r"^<!--\s*wbl:([\w-]+)\s*-->[ \t]*$", re.MULTILINE)
DATA_FILES = ("strings", "glossary")  # the files named under extra.wbl.data in mkdocs.yml


class RenderError(Exception):
    """A marker that cannot be rendered: what is wrong and how to fix it."""

    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


@dataclass
class SiteData:
    """Everything the markers render, for every language."""

    languages: Languages
    tree: DocsTree
    strings: Strings = field(default_factory=Strings)
    glossary: dict[str, list[Term]] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    loaded: set[str] = field(default_factory=set)  # the data files that were read


# Read the data files named in mkdocs.yml and the case pages; collect every problem.
def read_site_data(data_paths: dict, config_file: str, languages: Languages, root: str, docs_dir: str,
                   paths) -> SiteData:
    tree = scan(docs_dir, paths, languages, root)
    site = SiteData(languages=languages, tree=tree)
    files = {}
    for name in DATA_FILES:
        relative = data_paths.get(name)
        if not relative:
            continue  # a page that needs it says so at its marker
        path = os.path.join(root, relative)
        shown = display_path(path, root)
        try:
            files[name] = load_yaml(path, shown)
        except FileNotFoundError:
            site.problems.append(Problem(display_path(config_file, root), 1, f"{shown} does not exist",
                                         f"create it, or correct extra.wbl.data.{name} in mkdocs.yml"))
        except DataError as error:
            site.problems.append(Problem(shown, error.line, error.what, error.fix))
    site.loaded = set(files)
    if "strings" in files:
        site.strings, problems = read_strings(files["strings"], languages)
        site.problems += problems
        site.cases, problems = read_cases(tree, site.strings)
        site.problems += problems
    if "glossary" in files:
        site.glossary, problems = read_glossary(files["glossary"], languages)
        site.problems += problems
    return site


# What each marker renders, given the page (relative to its language folder) and the language.
def _render(name: str, page: str, lang: str, site: SiteData) -> str | None:
    needs = {"glossary": ("strings", "glossary")}.get(name, ("strings",))
    for data in needs:
        if data not in site.loaded:
            raise RenderError(f"the '{data}' data file was not read",
                              f"name it in mkdocs.yml under extra: wbl: data: {data}: (and fix the problems "
                              "reported for it)")
    if name == "translation-status":
        history = History(site.tree.root)
        statuses = {code: language_status(site.tree, code, history) for code in site.languages.translations}
        return render_status_page(site.tree, statuses, lang, site.strings, page)
    if name == "glossary":
        return render_glossary(site.glossary.get(lang, []), alphabet=site.strings.get("collation", lang),
                               also_label=site.strings.get("glossary_also", lang))
    texts = summaries(site.tree, site.cases, lang)
    if name == "case-cards":
        return render_cards(site.cases, texts, site.strings, lang, page)
    if name == "related-cases":
        case = next((case for case in site.cases if case.page == page), None)
        return None if case is None else render_related(case, site.cases, texts, site.strings, lang)
    return None


# Replace every marker of one page; say where a marker is unknown or means nothing on that page.
def render_markers(markdown: str, src_uri: str, lang: str, site: SiteData, *, shown: str,
                   first_line: int = 1) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    folder, _, page = src_uri.partition("/")
    if folder not in site.languages.codes:
        page = src_uri

    def replace(match: re.Match) -> str:
        name = match.group(1)
        try:
            rendered = _render(name, page, lang, site)
        except RenderError as error:
            problems.append(Problem(shown, first_line + markdown.count("\n", 0, match.start()),
                                    f"cannot render 'wbl:{name}': {error.what}", error.fix))
            return match.group(0)
        except KeyError as error:  # a string the strings file lacks
            problems.append(Problem(shown, first_line + markdown.count("\n", 0, match.start()),
                                    f"cannot render 'wbl:{name}': {error.args[0]}",
                                    "add the string, with a text in every language, to the strings file"))
            return match.group(0)
        if rendered is None:
            line = first_line + markdown.count("\n", 0, match.start())
            known = ("glossary, case-cards, translation-status, related-cases (on a page with case: in its "
                     "English front matter)")
            problems.append(Problem(shown, line, f"the marker 'wbl:{name}' means nothing on this page",
                                    f"use one of: {known}; or delete the line"))
            return match.group(0)
        return rendered

    return MARKER.sub(replace, markdown), problems
