"""Self-assessment instruments: one YAML file each, rendered into an accessible questionnaire.

An instrument has a scale (the answer choices, scored 1, 2, 3 … in order) and
competence areas; each area has statements and feedback bands. A band covers a
range of area scores (the sum of the answers to the area's statements) and says
what the score means and which pages help. The bands of an area must cover
every possible score exactly once.

The scoring is decided here, once: ``band_table`` gives the band of every
possible score of an area, and the page carries that table. The page's script
only adds up the answers and looks the sum up in the table.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass

from .data import ID, TEXT, DataFile, describe, load_folder, per_language, schema_problems
from .i18n import Languages, built_url, relative_url
from .problems import Problem
from .strings import Strings
from .tree import DocsTree

PAGE = {"type": "string", "pattern": r"^[^/#][^#]*\.md$",
        "description": "write the path of a page relative to a language folder, e.g. cases/plan-to-learn.md"}


@dataclass(frozen=True)
class Band:
    """A range of area scores (both ends included), what it means and what to read."""

    low: int
    high: int
    feedback: dict[str, str]
    read: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    """One competence area: its statements and its feedback bands."""

    id: str
    title: dict[str, str]
    statements: tuple[dict[str, str], ...]
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Instrument:
    """One self-assessment instrument, as read from its data file."""

    id: str
    shown: str
    title: dict[str, str]
    scale: tuple[dict[str, str], ...]
    areas: tuple[Area, ...]


# The schema of one instrument file for the site's languages.
def instrument_schema(languages: Languages) -> dict:
    text = per_language(languages, TEXT)
    band = {
        "type": "object",
        "properties": {
            "from": {"type": "integer", "minimum": 0},
            "to": {"type": "integer", "minimum": 0},
            "feedback": text,
            "read": {"type": "array", "items": PAGE, "minItems": 1, "uniqueItems": True},
        },
        "required": ["from", "to", "feedback", "read"],
        "additionalProperties": False,
        "description": "from: and to: (the lowest and highest area score of the band), feedback: in every "
                       "language, read: (pages that help)",
    }
    area = {
        "type": "object",
        "properties": {
            "id": ID,
            "title": text,
            "statements": {"type": "array", "items": text, "minItems": 1},
            "bands": {"type": "array", "items": band, "minItems": 1},
        },
        "required": ["id", "title", "statements", "bands"],
        "additionalProperties": False,
        "description": "id:, title:, statements: and bands:",
    }
    return {
        "type": "object",
        "properties": {
            "title": text,
            "scale": {"type": "array", "items": text, "minItems": 2,
                      "description": "the answer choices, lowest first"},
            "areas": {"type": "array", "items": area, "minItems": 1},
        },
        "required": ["title", "scale", "areas"],
        "additionalProperties": False,
        "description": "title:, scale: and areas:",
    }


# The lowest and highest score an area can have: every answer lowest, every answer highest.
def score_range(statement_count: int, scale_size: int) -> tuple[int, int]:
    return statement_count, statement_count * scale_size


# Where the bands of an area leave scores uncovered or cover them twice, as (band index, what, fix).
def band_coverage_problems(bands: list[tuple[int, int]], low: int, high: int, *,
                           where: str, statements: int, scale_size: int) -> list[tuple[int | None, str, str]]:
    rule = (f"{statements} statements on a 1–{scale_size} scale give scores {low}–{high}; "
            f"set from: and to: so that every score from {low} to {high} is in exactly one band")
    found: list[tuple[int | None, str, str]] = []
    for index, (start, end) in enumerate(bands):
        if start > end:
            found.append((index, f"{where} → bands → item {index + 1} runs from {start} down to {end}",
                          "write the lower score in from: and the higher one in to:"))
        elif start < low or end > high:
            found.append((index, f"{where} → bands → item {index + 1} covers {start}–{end}, outside the possible "
                                 f"scores {low}–{high}", rule))
    owners: dict[int, list[int]] = {score: [] for score in range(low, high + 1)}
    for index, (start, end) in enumerate(bands):
        for score in range(max(start, low), min(end, high) + 1):
            owners[score].append(index)
    for run, kind in _runs(owners):
        first, last = run[0], run[-1]
        scores = f"{first}" if first == last else f"{first}–{last}"
        if kind == "gap":
            found.append((None, f"{where}: no band covers the score{'s' if first != last else ''} {scores}", rule))
        else:
            later = max(owners[first])
            found.append((later, f"{where}: the score{'s' if first != last else ''} {scores} "
                                 f"{'are' if first != last else 'is'} in more than one band", rule))
    return found


# Consecutive scores with no band ("gap") or with several ("overlap").
def _runs(owners: dict[int, list[int]]):
    run: list[int] = []
    kind = None
    for score in sorted(owners):
        this = "gap" if not owners[score] else "overlap" if len(owners[score]) > 1 else None
        if this != kind and run:
            yield run, kind
            run = []
        kind = this
        if this:
            run.append(score)
    if run:
        yield run, kind


# The band of every possible score of an area, lowest score first: the single source of the scoring.
def band_table(area: Area, scale_size: int) -> list[int]:
    low, high = score_range(len(area.statements), scale_size)
    table = []
    for score in range(low, high + 1):
        matches = [index for index, band in enumerate(area.bands) if band.low <= score <= band.high]
        if len(matches) != 1:
            raise ValueError(f"area '{area.id}': score {score} is in {len(matches)} bands")
        table.append(matches[0])
    return table


# The band an area score falls into, by the same table the page uses.
def band_for(area: Area, scale_size: int, score: int) -> Band:
    low, _ = score_range(len(area.statements), scale_size)
    return area.bands[band_table(area, scale_size)[score - low]]


# Read every instrument file of a folder: the usable instruments and every problem.
def read_instruments(folder: str, root: str, languages: Languages,
                     tree: DocsTree) -> tuple[dict[str, Instrument], list[Problem]]:
    instruments: dict[str, Instrument] = {}
    data_files, problems = load_folder(folder, root)
    for instrument_id, data_file in data_files:
        instrument, found = check_instrument(data_file, instrument_id, languages, tree)
        problems += found
        if instrument is not None:
            instruments[instrument.id] = instrument
    return instruments, problems


# Validate one instrument file: the schema, then band coverage and the pages it links to.
def check_instrument(data_file: DataFile, instrument_id: str, languages: Languages,
                     tree: DocsTree) -> tuple[Instrument | None, list[Problem]]:
    shown = data_file.shown
    found = schema_problems(data_file, instrument_schema(languages))
    problems = [Problem(shown, line, what, fix) for line, what, fix in found]
    if found:
        return None, problems
    data = data_file.data
    scale_size = len(data["scale"])
    areas = []
    seen: dict[str, int] = {}
    for a, area in enumerate(data["areas"]):
        where = describe(("areas", a), data)
        if area["id"] in seen:
            problems.append(Problem(shown, data_file.line(("areas", a, "id")),
                                    f"the area id '{area['id']}' is also used by area {seen[area['id']] + 1}",
                                    "give each area its own id"))
        seen.setdefault(area["id"], a)
        low, high = score_range(len(area["statements"]), scale_size)
        spans = [(band["from"], band["to"]) for band in area["bands"]]
        for index, what, fix in band_coverage_problems(spans, low, high, where=where,
                                                       statements=len(area["statements"]), scale_size=scale_size):
            location = ("areas", a, "bands") if index is None else ("areas", a, "bands", index)
            problems.append(Problem(shown, data_file.line(location), what, fix))
        for b, band in enumerate(area["bands"]):
            for r, page in enumerate(band["read"]):
                problem = _page_problem(page, tree)
                if problem:
                    problems.append(Problem(shown, data_file.line(("areas", a, "bands", b, "read", r)),
                                            f"{describe(('areas', a, 'bands', b, 'read', r), data)}: {problem[0]}",
                                            problem[1]))
        areas.append(Area(area["id"], area["title"], tuple(area["statements"]),
                          tuple(Band(band["from"], band["to"], band["feedback"], tuple(band["read"]))
                                for band in area["bands"])))
    if problems:
        return None, problems
    return Instrument(instrument_id, shown, data["title"], tuple(data["scale"]), tuple(areas)), problems


# Does a page named in data exist in the default language? (what, fix) if not.
def _page_problem(page: str, tree: DocsTree) -> tuple[str, str] | None:
    english = tree.pages.get(tree.languages.default, {})
    if page in english:
        return None
    folder = f"docs/{tree.languages.default}/"
    near = difflib.get_close_matches(page, sorted(english), n=1, cutoff=0.6)
    fix = "write the path of an existing page, relative to a language folder (e.g. cases/plan-to-learn.md)"
    if near:
        fix += f"; did you mean '{near[0]}'?"
    return f"the page '{page}' does not exist in {folder}", fix


# The title of a page in one language (title: or its first heading), or else the default language's.
def page_title(tree: DocsTree, page: str, lang: str) -> str:
    for code in (lang, tree.languages.default):
        path = tree.pages.get(code, {}).get(page)
        if path and path in tree.sources:
            source = tree.sources[path]
            heading = re.search(r"^#[ \t]+(.+?)[ \t]*(\{[^}]*\})?[ \t]*$", source.body, re.M)
            title = source.meta.get("title") or (heading.group(1) if heading else None)
            if title:
                return str(title)
    return page


# A link from one page of a language folder to another, as the built site needs it.
def page_link(from_page: str, to_page: str, languages: Languages, *, use_directory_urls: bool) -> str:
    default = languages.default
    return relative_url(built_url(default, to_page, languages, use_directory_urls=use_directory_urls),
                        built_url(default, from_page, languages, use_directory_urls=use_directory_urls))


# The questionnaire of one instrument in one language, as HTML for the page at `from_page`.
def render_instrument(instrument: Instrument, lang: str, strings: Strings, tree: DocsTree, from_page: str, *,
                      use_directory_urls: bool) -> str:
    def s(key: str, **values) -> str:
        return html.escape(strings.get(f"instrument_{key}", lang, **values), quote=True)

    size = len(instrument.scale)
    labels = {key: strings.get(f"instrument_{key}", lang)
              for key in ("score", "unanswered", "summary", "print_summary", "print_blank", "clear", "your_result")}
    out = [f'<form class="wbl-instrument" id="wbl-{instrument.id}" data-instrument="{instrument.id}" '
           f'data-labels="{html.escape(json.dumps(labels, ensure_ascii=False), quote=True)}" autocomplete="off">',
           f'<div class="wbl-instrument-how"><p>{s("how")}</p>',
           '<dl class="wbl-scale">']
    for value, label in enumerate(instrument.scale, start=1):
        out.append(f"<dt>{value}</dt><dd>{html.escape(label[lang])}</dd>")
    out += ["</dl>", f'<noscript><p>{s("no_script")}</p></noscript>', "</div>"]
    for area in instrument.areas:
        low, high = score_range(len(area.statements), size)
        table = " ".join(str(index) for index in band_table(area, size))
        out.append(f'<fieldset class="wbl-area" id="{area.id}" data-area="{area.id}" data-min="{low}" '
                   f'data-max="{high}" data-bands="{table}">')
        out.append(f'<legend class="wbl-area-title">{html.escape(area.title[lang])}</legend>')
        for number, statement in enumerate(area.statements, start=1):
            name = f"{instrument.id}-{area.id}-{number}"
            out.append(f'<fieldset class="wbl-statement"><legend><span class="wbl-number">{number}.</span> '
                       f'{html.escape(statement[lang])}</legend><div class="wbl-choices">')
            for value, label in enumerate(instrument.scale, start=1):
                out.append(f'<label><input type="radio" name="{name}" value="{value}"> '
                           f'<span class="wbl-value">{value}</span> {html.escape(label[lang])}</label>')
            out.append("</div></fieldset>")
        out.append(f'<p class="wbl-area-score" aria-live="polite" hidden></p>')
        out.append(f'<div class="wbl-key"><p class="wbl-key-title">{s("key")}</p><ul class="wbl-bands">')
        for index, band in enumerate(area.bands):
            links = ", ".join(
                f'<a href="{html.escape(page_link(from_page, page, tree.languages, use_directory_urls=use_directory_urls))}">'
                f"{html.escape(page_title(tree, page, lang))}</a>" for page in band.read)
            out.append(f'<li class="wbl-band" data-band="{index}"><span class="wbl-range">'
                       f'{s("range", low=band.low, high=band.high)}</span> '
                       f'<span class="wbl-feedback">{html.escape(band.feedback[lang])}</span> '
                       f'<span class="wbl-read">{s("read")}: {links}</span></li>')
        out += ["</ul></div>", "</fieldset>"]
    out.append('<div class="wbl-instrument-actions" hidden></div>')
    out.append(f'<section class="wbl-summary" hidden aria-labelledby="wbl-{instrument.id}-summary">'
               f'<h2 id="wbl-{instrument.id}-summary">{s("summary")}: {html.escape(instrument.title[lang])}</h2>'
               '<div class="wbl-summary-body"></div></section>')
    out.append("</form>")
    return "\n".join(out)
