"""Finding links in Markdown sources and deciding where they lead.

Links are read from the source rather than the rendered page so that every
message can name the line a contributor has to edit. Python-Markdown keeps no
line numbers, so this module finds link syntax itself; code blocks, code spans
and HTML comments are masked first, because links shown as code are not links.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import unquote, urljoin, urlsplit

from .i18n import Languages
from .problems import Problem

MARKDOWN = "markdown"  # resolved against the source file, like MkDocs does
HTML = "html"  # a raw HTML attribute: resolved against the built page's URL, like a browser

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE = re.compile(
    r"\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<bare>(?:[^\s()]|\([^\s()]*\))+))"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<bare>\S+))", re.M)
_AUTOLINK = re.compile(r"<(?P<bare>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]+)>")
_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>", re.DOTALL)
_ATTRIBUTE = re.compile(
    r"\s(?:href|src)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'=<>`]+))",
    re.IGNORECASE,
)
_KNOWN_SCHEMES = ("http", "https", "mailto", "tel", "ftp")


@dataclass(frozen=True, order=True)
class Link:
    """A link target as written in the source."""

    line: int  # 1-based, in the text it was found in
    start: int  # offsets of the target in that text
    end: int
    target: str
    kind: str  # MARKDOWN or HTML


# Blank out what cannot hold a real link (fenced code, code spans, comments), keeping offsets.
def mask_code(text: str) -> str:
    out = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append(_blank(line))
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip()[len(match.group(1)):].strip():
                fence = None
            out.append(_blank(line))
        else:
            out.append(_CODE_SPAN.sub(lambda m: _blank(m.group(0)), line))
    masked = "".join(out)
    return _COMMENT.sub(lambda m: _blank(m.group(0)), masked)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


# Every link target in a Markdown text: inline links and images, reference definitions,
# autolinks, and href/src attributes of raw HTML.
def extract_links(text: str) -> list[Link]:
    masked = mask_code(text)
    found: list[Link] = []

    def add(match: re.Match, kind: str) -> None:
        for group in ("angled", "dq", "sq", "bare"):
            if group in match.groupdict() and match.group(group) is not None:
                start, end = match.span(group)
                found.append(Link(masked.count("\n", 0, start) + 1, start, end, text[start:end], kind))
                return

    for pattern in (_INLINE, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(masked):
            add(match, MARKDOWN)
    for tag in _TAG.finditer(masked):
        for match in _ATTRIBUTE.finditer(masked, tag.start(), tag.end()):
            add(match, HTML)
    return sorted(set(found))


# What kind of target a link has: 'external', 'fragment', 'absolute', 'relative' or 'empty'.
def classify(target: str) -> str:
    if not target.strip():
        return "empty"
    if target.startswith("#"):
        return "fragment"
    if target.startswith("//") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", target):
        return "external"
    if target.startswith("/"):
        return "absolute"
    return "relative"


# Why an external URL is malformed, or None when its form is fine (it is not fetched).
def external_url_problem(url: str) -> str | None:
    if url.startswith("//"):
        return "has no scheme (it starts with //)"
    if re.search(r"\s", url):
        return "contains a space"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", "ftp"):
        if not url[len(scheme) + 1:].startswith("//"):
            return f"needs two slashes after '{scheme}:'"
        host = parts.hostname or ""
        if not host or ("." not in host and host != "localhost") or host.startswith(".") or host.endswith("."):
            return f"has no valid host name ('{host}')"
        return None
    if scheme == "mailto":
        return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", parts.path) else "is not a valid e-mail address"
    if scheme == "tel":
        return None if re.fullmatch(r"\+?[0-9 ()-]{3,}", parts.path) else "is not a valid phone number"
    close = difflib.get_close_matches(scheme, _KNOWN_SCHEMES, n=1)
    hint = f" (did you mean '{close[0]}:'?)" if close else ""
    return f"has an unknown scheme '{scheme}:'{hint}"


# Split 'path#fragment' (or 'path?query#fragment') into an unquoted path and fragment.
def split_target(target: str) -> tuple[str, str]:
    parts = urlsplit(target)
    return unquote(parts.path), unquote(parts.fragment)


@dataclass(frozen=True)
class Resolution:
    """Where a Markdown link from one docs file leads."""

    found: str | None  # the docs-relative file it resolves to
    candidates: tuple[str, ...]  # the files looked for, in order
    language: str | None  # the target language if the link crosses into another language folder
    outside: bool = False  # the path climbs out of docs/


# Resolve a Markdown link target (path part) from a source file, both relative to docs/.
# Mirrors mkdocs-static-i18n's lookup: the page's own language first, then the default
# language (fallback), then the same path outside the language folders (shared files).
def resolve_markdown(source: str, path: str, languages: Languages,
                     exists: Callable[[str], bool]) -> Resolution:
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if joined == ".." or joined.startswith("../"):
        return Resolution(None, (), None, outside=True)
    source_lang = source.partition("/")[0]
    first, _, rest = joined.partition("/")
    if rest and first in languages.codes and first != source_lang:
        candidates = [joined]
        crossing = first
    else:
        crossing = None
        relative = rest if (rest and first == source_lang) else joined
        candidates = [f"{source_lang}/{relative}"]
        if languages.fallback_to_default:
            candidates.append(f"{languages.default}/{relative}")
        candidates.append(relative)
    candidates = list(dict.fromkeys(candidates))
    found = next((candidate for candidate in candidates if exists(candidate)), None)
    return Resolution(found, tuple(candidates), crossing)


# Resolve a raw HTML href/src against the URL of the page it is on; the result is a
# file of the built site (relative to site/) or None.
def resolve_site_url(page_url: str, path: str, site_files: set[str]) -> str | None:
    absolute = urljoin("/" + page_url, path)
    relative = absolute.lstrip("/")
    if relative == "" or relative.endswith("/"):
        candidates = [relative + "index.html"]
    else:
        candidates = [relative, relative + "/index.html"]
    return next((candidate for candidate in candidates if candidate in site_files), None)


# Up to `count` suggestions for a misspelt name, most similar first.
def suggestions(wrong: str, choices: Iterable[str], count: int = 3) -> list[str]:
    return difflib.get_close_matches(wrong, sorted(set(choices)), n=count, cutoff=0.5)


@dataclass
class LinkIndex:
    """What the link check knows after every language has been built."""

    languages: Languages
    docs_paths: set[str]  # every file under docs/, relative to it
    site_files: set[str]  # every file of the built site, relative to site/
    dest_to_source: dict[str, str]  # built page file -> the docs file it was rendered from
    ids: dict[str, set[str]]  # docs page -> the element ids of its rendered content
    shown: Callable[[str], str]  # docs-relative path -> path as shown in messages

    def exists(self, path: str) -> bool:
        return path in self.docs_paths


# The problems with one link found in `source` (a docs-relative page built at `page_url`).
def check_link(index: LinkIndex, source: str, page_url: str, link: Link) -> list[Problem]:
    where, target = index.shown(source), link.target
    kind = classify(target)

    def problem(what: str, fix: str) -> list[Problem]:
        return [Problem(where, link.line, what, fix)]

    if kind == "empty":
        return problem("a link has an empty target", "write the page, file or web address it should lead to")
    if kind == "external":
        why = external_url_problem(target)
        return problem(f"external link '{target}' {why}",
                       "write a full web address, such as https://example.org/page") if why else []
    if kind == "absolute":
        return problem(f"link '{target}' starts with '/', so it breaks when the site is published in a sub-folder",
                       "write it relative to this file, for example 'guide.md' or '../images/photo.png'")
    path, fragment = split_target(target)
    if kind == "fragment":
        return _check_anchor(index, source, fragment, where, link)
    if link.kind == HTML:
        return _check_html(index, source, page_url, link, path, fragment)
    resolution = resolve_markdown(source, path, index.languages, index.exists)
    if resolution.outside:
        return problem(f"link '{target}' points outside the docs/ folder",
                       "link to a page or file inside docs/")
    if resolution.found is None:
        looked_for = ", ".join(index.shown(c) for c in resolution.candidates)
        if path.endswith("/"):
            return problem(f"link '{target}' points to a folder, which MkDocs cannot link to",
                           f"link to a page in it instead, for example '{path}index.md'")
        hint = "correct the path (it is relative to this file)"
        near = similar_file(resolution.candidates[0], index.docs_paths)
        if near:
            hint += f"; did you mean '{posixpath.relpath(near, posixpath.dirname(source))}'?"
        return problem(f"link '{target}' leads nowhere: {looked_for} does not exist", hint)
    if fragment and resolution.found.endswith(".md"):
        return _check_anchor(index, resolution.found, fragment, where, link)
    return []


# The existing file most like a missing one: same folder tree and extension, similar name.
def similar_file(missing: str, paths: set[str]) -> str | None:
    stem, extension = posixpath.splitext(missing)
    by_stem = {posixpath.splitext(path)[0]: path for path in paths if path.endswith(extension)}
    near = difflib.get_close_matches(stem, sorted(by_stem), n=1, cutoff=0.8)
    return by_stem[near[0]] if near else None


# A raw HTML href/src: browsers resolve it against the built page's address.
def _check_html(index: LinkIndex, source: str, page_url: str, link: Link,
                path: str, fragment: str) -> list[Problem]:
    where = index.shown(source)
    if path.endswith(".md"):
        return [Problem(where, link.line,
                        f"raw HTML link '{link.target}' points to a Markdown file; MkDocs converts .md "
                        "links only in Markdown, not in HTML",
                        "use a Markdown link [text](page.md), or write the built address, e.g. '../page/'")]
    found = resolve_site_url(page_url, path, index.site_files)
    if found is None:
        absolute = urljoin("/" + page_url, path)
        return [Problem(where, link.line,
                        f"raw HTML link '{link.target}' leads nowhere: the built site has no {absolute}",
                        f"HTML links are relative to the page's address /{page_url}, not to its .md file; "
                        "correct the path")]
    page = index.dest_to_source.get(found)
    if fragment and page:
        return _check_anchor(index, page, fragment, where, link)
    return []


# Does `page` (docs-relative) have an element with id `fragment` once rendered?
def _check_anchor(index: LinkIndex, page: str, fragment: str, where: str, link: Link) -> list[Problem]:
    ids = index.ids.get(page)
    if ids is None or fragment in ids:
        return []  # a page that was not rendered is reported by the translation checks
    near = suggestions(fragment, ids)
    listed = ", ".join(f"#{i}" for i in sorted(ids)[:8]) or "none"
    fix = f"did you mean #{near[0]}? " if near else ""
    fix += f"Ids there: {listed}; or give the heading that id: '## Heading {{#{fragment}}}'"
    return [Problem(where, link.line, f"anchor '#{fragment}' does not exist in {index.shown(page)}", fix)]


_GENERATED = re.compile(r"^<!-- wbl-generated line=(\d+) -->\n(.*?)^<!-- /wbl-generated -->", re.M | re.S)


# The links inside the parts of a page that markers generated, each at the line of its marker.
def generated_links(markdown: str) -> list[Link]:
    found = []
    for region in _GENERATED.finditer(markdown):
        line = int(region.group(1))
        for link in extract_links(region.group(2)):
            found.append(Link(line, link.start, link.end, link.target, link.kind))
    return found


# Every file in the built site folder, relative to it, with forward slashes.
def site_dir_files(site_dir: str) -> set[str]:
    found = set()
    for folder, _, names in os.walk(site_dir):
        for name in names:
            found.add(os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/"))
    return found
