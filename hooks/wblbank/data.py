"""Reading the YAML files under data/: values, the line each value is on, schema problems.

The structure of each file is described as JSON Schema and checked with the
maintained `jsonschema` library; this module only turns its findings into
`path:line: what — fix` messages that a contributor can act on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from . import yamlread
from .problems import Problem, display_path

Location = tuple  # the keys and list indexes leading to a value: ("terms", 3, "fi", "term")


@dataclass
class DataFile:
    """One YAML data file: its values and the 1-based line of every key and item."""

    shown: str  # the path as contributors see it: data/glossary.yml
    data: Any = None
    lines: dict[Location, int] = field(default_factory=dict)

    def line(self, location: Location) -> int:
        """The line of a value, or of the nearest enclosing value that has one."""
        location = tuple(location)
        while location and location not in self.lines:
            location = location[:-1]
        return self.lines.get(location, 1)


class DataError(Exception):
    """A data file that cannot be read at all; ``line`` is 1-based."""

    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


# Parse YAML text into values and a map from each value's location to its line.
def parse_yaml(text: str, shown: str) -> DataFile:
    try:
        node, data = yamlread.compose_and_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise DataError(mark.line + 1 if mark else 1, f"not valid YAML: {problem}",
                        "check the indentation and put values that contain ':' or '#' in quotes") from None
    result = DataFile(shown=shown, data=data)
    if node is not None:
        _note_lines(node, (), result.lines)
    return result


def _note_lines(node, location: Location, lines: dict) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[location + (key.value,)] = key.start_mark.line + 1
            _note_lines(value, location + (key.value,), lines)
            lines[location + (key.value,)] = key.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _note_lines(item, location + (index,), lines)


# Read a data file from disk.
def load_yaml(path: str, shown: str) -> DataFile:
    with open(path, encoding="utf-8") as handle:
        return parse_yaml(handle.read(), shown)


# Every YAML file of a folder, read, with its id (the file name without .yml), in name order;
# a file that cannot be read becomes a problem instead.
def load_folder(folder: str, root: str) -> tuple[list[tuple[str, DataFile]], list[Problem]]:
    files, problems = [], []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yml", ".yaml")):
            continue
        path = os.path.join(folder, name)
        shown = display_path(path, root)
        try:
            files.append((os.path.splitext(name)[0], load_yaml(path, shown)))
        except DataError as error:
            problems.append(Problem(shown, error.line, error.what, error.fix))
    return files, problems


# Every place where the data breaks the schema, as (line, what, fix), in file order.
def schema_problems(data_file: DataFile, schema: dict) -> list[tuple[int, str, str]]:
    validator = Draft202012Validator(schema)
    found = []
    for error in validator.iter_errors(data_file.data):
        location = tuple(error.absolute_path)
        what, fix = _explain(error, describe(location, data_file.data))
        found.append((data_file.line(location), what, fix))
    return sorted(set(found))


# Where a value is, in words: "terms → item 4 (tripartite-meeting) → lv".
def describe(location: Location, data: Any = None) -> str:
    parts, value = [], data
    for step in location:
        if isinstance(step, int):
            label = f"item {step + 1}"
            item = value[step] if isinstance(value, list) and step < len(value) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label += f" ({item['id']})"
            parts.append(label)
            value = item
        else:
            parts.append(str(step))
            value = value.get(step) if isinstance(value, dict) else None
    return " → ".join(parts) or "the file"


# A jsonschema finding in words, with the fix: "… has no 'lv'" — "add 'lv' (…)".
def _explain(error, where: str) -> tuple[str, str]:
    kind, detail = error.validator, error.validator_value
    if kind == "required":
        missing = [key for key in detail if not isinstance(error.instance, dict) or key not in error.instance]
        names = ", ".join(f"'{key}'" for key in missing)
        hint = error.schema.get("description", "")
        return (f"{where} has no {names}",
                f"add {names}" + (f" ({hint})" if hint else ""))
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {}))) or "none"
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return (f"{where} has unknown key(s) {', '.join(repr(key) for key in extra)}",
                f"remove or rename them; the keys allowed here are: {allowed}")
    if kind == "minLength":
        return f"{where} is empty", "write the text"
    if kind == "minItems":
        return f"{where} has fewer than {detail} entries", f"add entries until there are at least {detail}"
    if kind == "maxItems":
        return f"{where} has more than {detail} entries", f"keep at most {detail}"
    if kind == "type":
        expected = detail if isinstance(detail, str) else " or ".join(detail)
        return (f"{where} should be {_type_words(expected)}, not {_type_words(type(error.instance).__name__)}",
                "fix the value; put plain text in quotes if it starts with a special character")
    if kind == "enum":
        return (f"{where} is {error.instance!r}, which is not one of the allowed values",
                "use one of: " + ", ".join(str(value) for value in detail))
    if kind == "pattern":
        return (f"{where} is {error.instance!r}, which is not in the expected form",
                error.schema.get("description", f"match the pattern {detail}"))
    if kind in ("minimum", "maximum"):
        return f"{where} is {error.instance!r}, out of range", f"use a value {'≥' if kind == 'minimum' else '≤'} {detail}"
    return f"{where}: {error.message}", "fix the value so it matches the description at the top of the file"


def _type_words(name: str) -> str:
    return {"string": "text", "str": "text", "object": "a set of 'key: value' entries", "dict": "a set of entries",
            "array": "a list", "list": "a list", "integer": "a whole number", "int": "a whole number",
            "NoneType": "empty", "null": "empty", "boolean": "true or false", "bool": "true or false"}.get(name, name)


# A value given once per language of the site: every language present, none the site lacks.
def per_language(languages, value: dict, *, other_keys: tuple[str, ...] = ()) -> dict:
    not_other = "".join(f"(?!{key}$)" for key in other_keys)  # keys beside the languages, e.g. id
    return {
        "type": "object",
        "properties": {code: value for code in languages.codes},
        "required": list(languages.codes),
        # Texts in a language the site does not build (yet, or any more) do no harm; anything
        # that is not a language code is a mistake.
        "patternProperties": {rf"^{not_other}[a-z]{{2,3}}([_-][A-Za-z]{{2,4}})?$": value},
        "additionalProperties": False,
        "description": "one entry per language in mkdocs.yml: " + ", ".join(languages.codes),
    }


TEXT = {"type": "string", "minLength": 1}
ID = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
      "description": "write the id in lowercase English words joined by hyphens, e.g. tripartite-meeting"}
