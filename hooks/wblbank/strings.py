"""Interface strings: the words the build writes into pages and PDFs, once per language.

They live in data/strings.yml, one entry per string id with a text in every
language of the site, so no template or hook holds a language's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .data import TEXT, DataFile, per_language, schema_problems
from .problems import Problem


@dataclass
class Strings:
    """The interface strings of the site, by id and language."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    shown: str = "data/strings.yml"

    def get(self, key: str, lang: str, **values) -> str:
        """The text of one string in one language, with {placeholders} filled in."""
        text = self.texts.get(key, {}).get(lang)
        if text is None:
            raise KeyError(f"{self.shown} has no '{key}' in '{lang}'")
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.texts

    def ids(self, prefix: str) -> list[str]:
        """The string ids that start with a prefix, without it: ids('phase_') -> ['before', ...]."""
        return [key[len(prefix):] for key in self.texts if key.startswith(prefix)]


# The schema of data/strings.yml for the site's languages.
def strings_schema(languages) -> dict:
    return {"type": "object", "additionalProperties": per_language(languages, TEXT)}


# Validate data/strings.yml and keep what is usable.
def read_strings(data_file: DataFile, languages) -> tuple[Strings, list[Problem]]:
    problems = [Problem(data_file.shown, line, what, fix)
                for line, what, fix in schema_problems(data_file, strings_schema(languages))]
    texts = data_file.data if isinstance(data_file.data, dict) else {}
    usable = {key: value for key, value in texts.items() if isinstance(value, dict)}
    return Strings(texts=usable, shown=data_file.shown), problems
