"""Reading Markdown sources: decoding, front matter, the translation stamp."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import yaml
from mkdocs.utils.meta import YAML_RE  # the front-matter pattern MkDocs itself uses

from . import yamlread

STAMP_KEY = "source_hash"
_STAMP_LINE = re.compile(rf"^{STAMP_KEY}[ \t]*:.*$", re.MULTILINE)


class SourceError(Exception):
    """A source file that cannot be read as a page; ``line`` is 1-based."""

    def __init__(self, line: int, what: str, fix: str):
        super().__init__(what)
        self.line = line
        self.what = what
        self.fix = fix


@dataclass
class Source:
    """A Markdown file split into its front matter and its body."""

    text: str
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    meta_text: str = ""  # the raw front matter, without the --- lines


# Decode a file as UTF-8, or say on which line the first undecodable byte is.
def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            line,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} cannot be decoded)",
            "save the file as UTF-8 in your editor (in VS Code: 'Save with Encoding' → UTF-8)",
        ) from None


# Split front matter from the body the way MkDocs does, but say where malformed YAML is.
def parse(text: str) -> Source:
    text = text.replace("\r\n", "\n")
    match = YAML_RE.match(text)
    if not match:
        if text.startswith("---\n") and re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], re.M) is None:
            raise SourceError(1, "front matter is opened with --- but never closed",
                              "add a line with --- after the last front-matter key")
        return Source(text=text, body=text)
    meta_text = match.group(1)
    try:
        meta = yamlread.load(meta_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            line,
            f"malformed front matter: {problem}",
            "write each entry as 'key: value' and put values that contain ':' or '#' in quotes",
        ) from None
    if not isinstance(meta, dict):
        raise SourceError(2, "front matter is not a list of 'key: value' entries",
                          "write each entry as 'key: value', for example 'title: My page'")
    body_start = match.end()
    return Source(
        text=text,
        meta=meta,
        body=text[body_start:],
        body_line=text.count("\n", 0, body_start) + 1,
        meta_text=meta_text,
    )


# Text normalised so that line endings and trailing spaces do not count as changes.
def _normalise(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


# The short hash that a translation records of the English source it translates.
def content_hash(text: str) -> str:
    return hashlib.sha256(_normalise(text).encode("utf-8")).hexdigest()[:12]


# Is the body of a translation still the English body, character for character?
def same_body(translation: Source, original: Source) -> bool:
    return _normalise(translation.body) == _normalise(original.body)


# The 1-based line of the source_hash key in a file, or the first line if there is none.
def stamp_line(source: Source) -> int:
    match = _STAMP_LINE.search(source.meta_text)
    if match is None:
        return 1
    return source.meta_text.count("\n", 0, match.start()) + 2


class StampRefused(Exception):
    """The translation may not be stamped; the message says why and what to do."""


# The translation's text with its source_hash set to the English file's hash.
def stamped_text(translation_text: str, english_text: str) -> str:
    translation = parse(translation_text)
    original = parse(english_text)
    if same_body(translation, original):
        raise StampRefused("it is still the English text — translate it first, then stamp it")
    line = f"{STAMP_KEY}: {content_hash(english_text)}"
    text = translation.text
    if YAML_RE.match(text) is None:
        return f"---\n{line}\n---\n\n{text}"
    meta_start = text.index("\n") + 1
    meta_end = meta_start + len(translation.meta_text)
    meta_text = translation.meta_text
    if _STAMP_LINE.search(meta_text):
        meta_text = _STAMP_LINE.sub(line, meta_text, count=1)
    else:
        meta_text = meta_text + line + "\n"
    return text[:meta_start] + meta_text + text[meta_end:]
