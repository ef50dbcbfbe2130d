"""Interface strings: one YAML file, each string id mapping language code -> text.

    pdf_contents:
      en: Contents
      fi: Sisällys

Hooks ask for a string by id and language; the file is read once per build and
every string a hook needs is checked to exist in every language, with the line
to edit when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import yaml

from .i18n import Languages
from .problems import Problem, display_path


@dataclass
class Strings:
    """The texts of data/strings.yml, and where each one is written."""

    path: str  # as shown in messages
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> lang -> text
    lines: dict[str, int] = field(default_factory=dict)  # id -> line of its key

    def get(self, string_id: str, lang: str, **values: object) -> str:
        """The text of a string in a language, with {placeholders} filled in."""
        text = self.texts.get(string_id, {}).get(lang, f"[{string_id}]")
        return text.format(**values) if values else text


# Read the strings file; problems say which line to fix. A missing or broken file gives no strings.
def load_strings(path: str, root: str) -> tuple[Strings, list[Problem]]:
    shown = display_path(path, root)
    strings = Strings(shown)
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.compose(handle, Loader=yaml.SafeLoader)
    except FileNotFoundError:
        return strings, [Problem(shown, 1, "the interface strings file does not exist",
                                 "create it, or correct 'strings:' under extra.exports in mkdocs.yml")]
    except UnicodeDecodeError:
        return strings, [Problem(shown, 1, "not valid UTF-8", "save the file as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return strings, [Problem(shown, mark.line + 1 if mark else 1,
                                 f"malformed YAML: {getattr(error, 'problem', None) or error}",
                                 "write each string as 'id:' followed by indented 'lang: text' lines")]
    problems: list[Problem] = []
    if document is None:
        return strings, problems
    if not isinstance(document, yaml.MappingNode):
        return strings, [Problem(shown, 1, "the file is not a list of 'id:' entries",
                                 "write each string as 'id:' followed by indented 'lang: text' lines")]
    for key, value in document.value:
        line = key.start_mark.line + 1
        strings.lines[key.value] = line
        if not isinstance(value, yaml.MappingNode):
            problems.append(Problem(shown, line, f"string '{key.value}' is not a list of 'lang: text' entries",
                                    f"write it as '{key.value}:' followed by indented lines such as 'en: …'"))
            continue
        texts = {}
        for lang, text in value.value:
            if not isinstance(text, yaml.ScalarNode) or not str(text.value).strip():
                problems.append(Problem(shown, lang.start_mark.line + 1,
                                        f"string '{key.value}' has no text for '{lang.value}'",
                                        "write the text after the colon, in quotes if it has ':' or '#'"))
                continue
            texts[str(lang.value)] = str(text.value)
        strings.texts[key.value] = texts
    return strings, problems


# Every string a hook needs must exist, in every language of the site.
def check_strings(strings: Strings, needed: Iterable[str], languages: Languages) -> list[Problem]:
    problems = []
    for string_id in sorted(set(needed)):
        if string_id not in strings.texts:
            if string_id in strings.lines:
                continue  # malformed: reported by load_strings
            problems.append(Problem(strings.path, 1, f"string '{string_id}' is not defined",
                                    f"add '{string_id}:' with a line 'lang: text' for each of "
                                    f"{', '.join(languages.codes)}"))
            continue
        for lang in languages.codes:
            if lang not in strings.texts[string_id]:
                problems.append(Problem(strings.path, strings.lines[string_id],
                                        f"string '{string_id}' has no {languages.label(lang)} text",
                                        f"add a line '{lang}: …' under '{string_id}:'"))
    return problems
