"""The collaboration cases: facts from the front matter of the English case pages.

A page is a case when its front matter has ``case:``. Its number, who leads,
the actors, the phase and the tags are written once, in the default language's
page; every language renders the overview cards and the related-cases lists
from them, with titles and summaries from its own translation.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .data import DataError, DataFile, parse_yaml, schema_problems
from .problems import Problem
from .strings import Strings
from .tree import DocsTree

FACTS = ("case", "lead", "actors", "phase", "tags")  # the keys only the English page holds


@dataclass(frozen=True)
class Case:
    """One case: where its page is and the facts of its front matter."""

    page: str  # relative to the language folder: cases/invest.md
    number: int
    lead: str
    actors: tuple[str, ...]
    phases: tuple[str, ...]
    tags: tuple[str, ...]


# The schema of a case page's front matter; the allowed values come from data/strings.yml.
def case_schema(strings: Strings) -> dict:
    def codes(prefix: str, key: str) -> dict:
        return {"enum": strings.ids(prefix),
                "description": f"a value with a '{prefix}<value>' entry in {strings.shown}"}

    def listed(prefix: str, key: str) -> dict:
        return {"type": "array", "items": codes(prefix, key), "minItems": 1, "uniqueItems": True}

    return {
        "type": "object",
        "properties": {
            "case": {"type": "integer", "minimum": 1},
            "lead": codes("actor_", "lead"),
            "actors": listed("actor_", "actors"),
            "phase": listed("phase_", "phase"),
            "tags": listed("tag_", "tags"),
            "title": {"type": "string", "minLength": 1},
            "description": {"type": "string", "minLength": 1,
                            "description": "a one-sentence summary, shown on the case cards"},
        },
        "required": ["case", "lead", "actors", "phase", "tags", "title", "description"],
    }


# The front matter of a page as a data file, with the lines it has in the page.
def _front_matter(tree: DocsTree, path: str) -> DataFile | None:
    source = tree.sources.get(path)
    if source is None or not source.meta_text:
        return None
    try:
        front = parse_yaml(source.meta_text, tree.shown(path))
    except DataError:
        return None  # malformed front matter is reported by the tree scan
    front.lines = {location: line + 1 for location, line in front.lines.items()}  # the opening ---
    return front


# Every case of the site, checked: facts in English only, numbers 1..n without gaps, summaries everywhere.
def read_cases(tree: DocsTree, strings: Strings) -> tuple[list[Case], list[Problem]]:
    languages = tree.languages
    schema = case_schema(strings)
    cases: list[Case] = []
    numbered: list[tuple[int, str]] = []  # (number, page) of every case with a usable number
    problems: list[Problem] = []
    for page, path in sorted(tree.pages.get(languages.default, {}).items()):
        front = _front_matter(tree, path)
        if front is None or not isinstance(front.data, dict) or "case" not in front.data:
            continue
        if isinstance(front.data["case"], int) and not isinstance(front.data["case"], bool):
            numbered.append((front.data["case"], page))
        found = schema_problems(front, schema)
        problems += [Problem(front.shown, line, f"case front matter: {what}", fix) for line, what, fix in found]
        if found:
            continue
        meta = front.data
        cases.append(Case(page, meta["case"], meta["lead"], tuple(meta["actors"]),
                          tuple(meta["phase"]), tuple(meta["tags"])))
        problems += _check_translations(tree, page, meta)
    problems += _check_numbers(tree, numbered)
    return sorted(cases, key=lambda case: case.number), problems


# A translation takes its facts from English; it must not say something else, and it needs a summary.
def _check_translations(tree: DocsTree, page: str, english: dict) -> list[Problem]:
    problems = []
    for lang in tree.languages.translations:
        path = tree.pages.get(lang, {}).get(page)
        front = _front_matter(tree, path) if path else None
        if front is None or not isinstance(front.data, dict):
            continue  # a missing translation is reported by the translation check
        for key in FACTS:
            if key in front.data and front.data[key] != english[key]:
                problems.append(Problem(
                    front.shown, front.line((key,)),
                    f"'{key}: {front.data[key]}' differs from the English page, which says '{english[key]}'",
                    f"delete the '{key}' line: the facts of a case are written once, in "
                    f"{tree.shown(tree.pages[tree.languages.default][page])}"))
        if not str(front.data.get("description") or "").strip():
            problems.append(Problem(front.shown, 1, "this case has no description: (its one-line summary)",
                                    "add 'description: …' to the front matter, translated from the English page"))
    return problems


# Case numbers are unique and run 1, 2, 3 … without gaps.
def _check_numbers(tree: DocsTree, numbered: list[tuple[int, str]]) -> list[Problem]:
    problems: list[Problem] = []
    english = tree.pages.get(tree.languages.default, {})
    first: dict[int, str] = {}
    for number, page in sorted(numbered):
        if number in first:
            path = english[page]
            problems.append(Problem(tree.shown(path), _front_matter(tree, path).line(("case",)),
                                    f"case number {number} is also used by {tree.shown(english[first[number]])}",
                                    "give every case its own number"))
        else:
            first[number] = page
    if first:
        last = max(first)
        for number in sorted(set(range(1, last + 1)) - set(first)):
            problems.append(Problem(tree.shown(english[first[last]]), 1,
                                    f"the cases are numbered up to {last}, but no case has number {number}",
                                    "number the cases 1, 2, 3 … without gaps"))
    return problems


# The cases most like this one: most shared tags, then a shared phase, then the nearest number.
def related_cases(case: Case, cases: list[Case], count: int = 3) -> list[Case]:
    def closeness(other: Case):
        shared_tags = len(set(case.tags) & set(other.tags))
        shared_phase = len(set(case.phases) & set(other.phases))
        return (-shared_tags, -shared_phase, abs(other.number - case.number), other.number)

    return sorted((other for other in cases if other.number != case.number), key=closeness)[:count]


@dataclass(frozen=True)
class Summary:
    """What one language says about a case: its title and one-line summary."""

    title: str
    description: str


# Each case's title and summary in one language, from its page there or else from English.
def summaries(tree: DocsTree, cases: list[Case], lang: str) -> dict[str, Summary]:
    found = {}
    for case in cases:
        path = tree.pages.get(lang, {}).get(case.page) or tree.pages[tree.languages.default][case.page]
        meta = tree.sources[path].meta if path in tree.sources else {}
        found[case.page] = Summary(str(meta.get("title", case.page)), str(meta.get("description", "")))
    return found


def _link(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


# The facts line of a card: who leads and when, in one language.
def _facts(case: Case, strings: Strings, lang: str) -> str:
    when = ", ".join(strings.get(f"phase_{phase}", lang) for phase in case.phases)
    return (f"**{strings.get('case_lead', lang)}:** {strings.get('actor_' + case.lead, lang)} · "
            f"**{strings.get('case_when', lang)}:** {when}")


# The overview cards of every case, as Markdown for the page at `from_page`.
def render_cards(cases: list[Case], texts: dict[str, Summary], strings: Strings, lang: str, from_page: str) -> str:
    lines = ['<div class="grid cards wbl-cases" markdown>', ""]
    for case in cases:
        summary = texts[case.page]
        lines += [
            f"-   {strings.get('case_number', lang, number=case.number)} · "
            f"**[{summary.title}]({_link(from_page, case.page)})**",
            "",
            f"    {summary.description}",
            "",
            f"    {_facts(case, strings, lang)}",
            "",
        ]
    lines.append("</div>")
    return "\n".join(lines)


# The related-cases list of one case page, as Markdown.
def render_related(case: Case, cases: list[Case], texts: dict[str, Summary], strings: Strings, lang: str) -> str:
    lines = []
    for other in related_cases(case, cases):
        summary = texts[other.page]
        label = strings.get("case_number", lang, number=other.number)
        lines.append(f"- **[{label}: {summary.title}]({_link(case.page, other.page)})** — {summary.description}")
    return "\n".join(lines)
