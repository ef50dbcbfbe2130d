"""Generated page content: the data of the site, read once, and the markers pages use to show it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .badges import Badge, BadgeFiles, Issuer, badge_outputs, criteria_pages, read_badges, read_issuer, render_badge
from .cases import Case, read_cases, render_cards, render_related, summaries
from .data import DataError, load_yaml
from .glossary import Term, read_glossary, render_glossary
from .i18n import Languages
from .instruments import Instrument, read_instruments, render_instrument
from .problems import Problem, display_path
from .strings import Strings, read_strings
from .status import History, language_status, render_status_page
from .tree import DocsTree, scan

# A marker: <!-- wbl:name --> or, for data with several entries, <!-- wbl:name argument -->.
MARKER = re.compile(r"^<!--\s*wbl:([\w-]+)(?:[ \t]+([\w-]+))?\s*-->[ \t]*$", re.MULTILINE)
DATA_FILES = ("strings", "glossary", "issuer")  # the files named under extra.wbl.data in mkdocs.yml
DATA_FOLDERS = ("instruments", "badges")  # the folders named there: one YAML file per entry
MARKERS = ("glossary", "case-cards", "translation-status",
           "related-cases (on a page with case: in its English front matter)")
MARKERS_WITH_ARGUMENT = ("instrument", "badge")  # <!-- wbl:instrument <id> -->: the id of a data file
GENERATED_START, GENERATED_END = "<!-- wbl-generated line={line} -->", "<!-- /wbl-generated -->"


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
    instruments: dict[str, Instrument] = field(default_factory=dict)
    badges: dict[str, Badge] = field(default_factory=dict)
    issuer: Issuer | None = None
    badge_pages: dict[str, str] = field(default_factory=dict)  # badge id -> its criteria page
    badge_files: BadgeFiles | None = None
    use_directory_urls: bool = True
    problems: list[Problem] = field(default_factory=list)
    loaded: set[str] = field(default_factory=set)  # the data files that were read
    statuses: dict | None = None  # lang -> LanguageStatus, worked out for the first status page


# Read the data files named in mkdocs.yml and the case pages; collect every problem.
def read_site_data(data_paths: dict, config_file: str, languages: Languages, root: str, docs_dir: str,
                   paths, *, use_directory_urls: bool = True, site_url: str | None = None,
                   badge_folder: str | None = None) -> SiteData:
    tree = scan(docs_dir, paths, languages, root)
    site = SiteData(languages=languages, tree=tree, use_directory_urls=use_directory_urls)
    config_shown = display_path(config_file, root)
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
    for name in DATA_FOLDERS:
        relative = data_paths.get(name)
        if not relative:
            continue
        folder = os.path.join(root, relative)
        if not os.path.isdir(folder):
            site.problems.append(Problem(config_shown, 1, f"the folder {display_path(folder, root)} does not exist",
                                         f"create it, or correct extra.wbl.data.{name} in mkdocs.yml"))
            continue
        site.loaded.add(name)
        if name == "instruments":
            site.instruments, problems = read_instruments(folder, root, languages, tree)
        else:
            site.badges, problems = read_badges(folder, root, languages)
        site.problems += problems
    if "issuer" in files:
        site.issuer, problems = read_issuer(files["issuer"], languages)
        site.problems += problems
    if site.badges:
        site.problems += _badge_setup(site, config_shown, site_url, badge_folder)
    return site


# Badges need an address, a folder for their files, an issuer and a criteria page each.
def _badge_setup(site: SiteData, config_shown: str, site_url: str | None, folder: str | None) -> list[Problem]:
    problems = []
    if not site_url:
        problems.append(Problem(config_shown, 1, "the badges need the address of the site, but site_url is not set",
                                "set site_url in mkdocs.yml: the badge definitions are identified by absolute "
                                "addresses"))
    if not folder:
        problems.append(Problem(config_shown, 1, "extra.wbl.openbadges is not set",
                                "name the folder of the built site that receives the badge files, e.g. "
                                "'openbadges: openbadges' under extra: wbl:"))
    if site.issuer is None and "issuer" not in site.loaded:
        problems.append(Problem(config_shown, 1, "the badges need an issuer, but extra.wbl.data.issuer is not set",
                                "name the issuer file (name:, url:, description:) under extra: wbl: data: issuer:"))
    site.badge_pages = criteria_pages(site.tree, site.badges)
    for badge_id, badge in sorted(site.badges.items()):
        if badge_id not in site.badge_pages:
            problems.append(Problem(badge.shown, 1, f"no page shows the badge '{badge_id}'",
                                    f"add a line <!-- wbl:badge {badge_id} --> to its criteria page in "
                                    f"docs/{site.languages.default}/ and its translations"))
    if site_url and folder:
        site.badge_files = BadgeFiles(folder.strip("/"), site_url if site_url.endswith("/") else site_url + "/",
                                      site.use_directory_urls)
    return problems


# Every file the badges publish (path in the built site -> JSON document or image file).
def badge_site_files(site: SiteData) -> dict:
    if not site.badges or site.badge_files is None or site.issuer is None:
        return {}
    return badge_outputs(site.badges, site.badge_pages, site.issuer, languages=site.languages,
                         files=site.badge_files, strings=site.strings)


# What each marker renders, given its argument, the page (relative to its language folder) and the language.
def _render(name: str, argument: str | None, page: str, lang: str, site: SiteData) -> str | None:
    if (argument is None) != (name not in MARKERS_WITH_ARGUMENT):
        return None
    needs = {"glossary": ("strings", "glossary"), "instrument": ("strings", "instruments"),
             "badge": ("strings", "badges")}.get(name, ("strings",))
    for data in needs:
        if data not in site.loaded:
            raise RenderError(f"the '{data}' data file was not read",
                              f"name it in mkdocs.yml under extra: wbl: data: {data}: (and fix the problems "
                              "reported for it)")
    if name in MARKERS_WITH_ARGUMENT:
        return _render_entry(name, argument, page, lang, site)
    if name == "translation-status":
        if site.statuses is None:  # every language's status page shows the same table
            history = History(site.tree.root)
            site.statuses = {code: language_status(site.tree, code, history) for code in site.languages.translations}
        return render_status_page(site.tree, site.statuses, lang, site.strings, page)
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


# A marker that names one entry of a data folder: an instrument or a badge.
def _render_entry(name: str, argument: str, page: str, lang: str, site: SiteData) -> str:
    entries = site.instruments if name == "instrument" else site.badges
    if argument not in entries:
        known = ", ".join(sorted(entries)) or "none yet"
        raise RenderError(f"there is no {name} '{argument}'",
                          f"use one of: {known} (the files of the {name}s' data folder, named under "
                          f"extra.wbl.data.{name}s in mkdocs.yml; a file with problems is left out until they "
                          "are fixed)")
    if name == "instrument":
        return render_instrument(entries[argument], lang, site.strings, site.tree, page,
                                 use_directory_urls=site.use_directory_urls)
    if site.badge_files is None:
        raise RenderError("the badge files have no address", "set site_url and extra.wbl.openbadges in mkdocs.yml")
    return render_badge(entries[argument], lang, site.strings, page, languages=site.languages,
                        folder=site.badge_files.folder, use_directory_urls=site.use_directory_urls)


# Replace every marker of one page; say where a marker is unknown or means nothing on that page.
def render_markers(markdown: str, src_uri: str, lang: str, site: SiteData, *, shown: str,
                   first_line: int = 1) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    folder, _, page = src_uri.partition("/")
    if folder not in site.languages.codes:
        page = src_uri

    def replace(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2)
        label = f"wbl:{name}" + (f" {argument}" if argument else "")
        try:
            rendered = _render(name, argument, page, lang, site)
        except RenderError as error:
            problems.append(Problem(shown, first_line + markdown.count("\n", 0, match.start()),
                                    f"cannot render '{label}': {error.what}", error.fix))
            return match.group(0)
        except KeyError as error:  # a string the strings file lacks
            problems.append(Problem(shown, first_line + markdown.count("\n", 0, match.start()),
                                    f"cannot render '{label}': {error.args[0]}",
                                    "add the string, with a text in every language, to the strings file"))
            return match.group(0)
        if rendered is None:
            line = first_line + markdown.count("\n", 0, match.start())
            known = ", ".join(MARKERS) + ", " + ", ".join(f"{marker} <id>" for marker in MARKERS_WITH_ARGUMENT)
            problems.append(Problem(shown, line, f"the marker '{label}' means nothing on this page",
                                    f"use one of: {known}; or delete the line"))
            return match.group(0)
        line = first_line + markdown.count("\n", 0, match.start())
        # Marked, so the link check can find the links the marker generated and report them at its line.
        return f"{GENERATED_START.format(line=line)}\n\n{rendered}\n\n{GENERATED_END}"

    return MARKER.sub(replace, markdown), problems
