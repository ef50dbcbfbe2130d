"""Interface strings: the words the build writes into pages and PDFs, once per language.

They live in data/strings.yml, one entry per string id with a text in every
language of the site, so no template or hook holds a language's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import Iterable

from .data import TEXT, DataError, DataFile, load_yaml, per_language, schema_problems
from .problems import Problem, display_path


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

    def text(self, key: str, lang: str, **values) -> str:
        """Like get(), but '[key]' for a string the file lacks (a problem already reported)."""
        try:
            return self.get(key, lang, **values)
        except KeyError:
            return f"[{key}]"

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


# Read a strings file from disk: the usable strings, and every problem with its line.
def load_strings(path: str, root: str, languages) -> tuple[Strings, list[Problem]]:
    shown = display_path(path, root)
    try:
        data_file = load_yaml(path, shown)
    except FileNotFoundError:
        return Strings(shown=shown), [Problem(shown, 1, "the interface strings file does not exist",
                                              "create it, or correct extra.wbl.data.strings in mkdocs.yml")]
    except DataError as error:
        return Strings(shown=shown), [Problem(shown, error.line, error.what, error.fix)]
    return read_strings(data_file, languages)


# Every string a hook needs must be defined (that each has every language, the schema checks).
def check_strings(strings: Strings, needed: Iterable[str], languages) -> list[Problem]:
    return [Problem(strings.shown, 1, f"string '{string_id}' is not defined",
                    f"add '{string_id}:' with a line 'lang: text' for each of {', '.join(languages.codes)}")
            for string_id in sorted(set(needed)) if string_id not in strings.texts]
