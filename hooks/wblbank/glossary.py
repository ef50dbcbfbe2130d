"""The glossary: terms and definitions in every language, from data/glossary.yml."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from .data import ID, TEXT, DataFile, per_language, schema_problems
from .problems import Problem



@dataclass(frozen=True)
class Term:
    """One term in one language."""

    id: str
    term: str
    definition: str
    also: tuple[str, ...] = ()


# The schema of data/glossary.yml for the site's languages.
def glossary_schema(languages) -> dict:
    text = {
        "type": "object",
        "properties": {"term": TEXT, "definition": TEXT, "also": {"type": "array", "items": TEXT}},
        "required": ["term", "definition"],
        "additionalProperties": False,
        "description": "term: and definition: in that language",
    }
    entry = per_language(languages, text, other_keys=("id",))
    entry["properties"] = {"id": ID, **entry["properties"]}
    entry["required"] = ["id", *entry["required"]]
    entry["description"] = "id: and one entry per language in mkdocs.yml: " + ", ".join(languages.codes)
    return {
        "type": "object",
        "properties": {"terms": {"type": "array", "items": entry, "minItems": 1}},
        "required": ["terms"],
        "additionalProperties": False,
        "description": "a list under terms:",
    }


# Validate the glossary; return every term of every language that is usable, and the problems.
def read_glossary(data_file: DataFile, languages) -> tuple[dict[str, list[Term]], list[Problem]]:
    problems = [Problem(data_file.shown, line, what, fix)
                for line, what, fix in schema_problems(data_file, glossary_schema(languages))]
    entries = data_file.data.get("terms", []) if isinstance(data_file.data, dict) else []
    entries = [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []
    counts = Counter(entry.get("id") for entry in entries)
    for index, entry in enumerate(entries):
        if entry.get("id") is not None and counts[entry["id"]] > 1:
            problems.append(Problem(data_file.shown, data_file.line(("terms", index, "id")),
                                    f"the id '{entry['id']}' is used by {counts[entry['id']]} terms",
                                    "give each term its own id; links to #id on the glossary page use it"))
    terms: dict[str, list[Term]] = {code: [] for code in languages.codes}
    for entry in entries:
        for code in languages.codes:
            text = entry.get(code)
            if isinstance(text, dict) and isinstance(text.get("term"), str) and isinstance(entry.get("id"), str):
                terms[code].append(Term(entry["id"], text["term"], str(text.get("definition", "")),
                                        tuple(str(item) for item in text.get("also") or ())))
    return terms, problems


# A sort key that follows a language's alphabet (Estonian puts õ ä ö ü after w, Latvian ā after a).
def collation_key(text: str, alphabet: str):
    order = {letter: index for index, letter in enumerate(alphabet)}
    return tuple((order.get(char, len(order) + ord(char)), char) for char in text.casefold() if char.isalnum())


# The glossary of one language as HTML: a definition list, alphabetical in that language.
def render_glossary(terms: list[Term], *, alphabet: str, also_label: str) -> str:
    lines = ['<dl class="wbl-glossary">']
    for term in sorted(terms, key=lambda item: collation_key(item.term, alphabet)):
        lines.append(f'<dt id="{term.id}">{html.escape(term.term)}</dt>')
        lines.append(f"<dd><p>{html.escape(term.definition)}</p>")
        if term.also:
            lines.append(f'<p class="wbl-glossary-also">{html.escape(also_label)}: '
                         + ", ".join(html.escape(item) for item in term.also) + "</p>")
        lines.append("</dd>")
    lines.append("</dl>")
    return "\n".join(lines)
