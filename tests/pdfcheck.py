"""Reading PDFs the way the tests need: text, outline, fonts and the glyphs behind each letter."""

from __future__ import annotations

import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader


def text_of(path: Path) -> str:
    """The PDF's text with whitespace collapsed (lines joined), for 'contains' checks."""
    return _text(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _text(path: str, _mtime: int) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def outline_top(path: Path) -> list[str]:
    return [item.title for item in PdfReader(path).outline if not isinstance(item, list)]


def fonts(path: Path) -> dict[str, object]:
    """Every font the pages use, by its base name."""
    found = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        for _name, font in (resources.get_object().get("/Font") or {}).items() if resources else []:
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def _descriptor(font):
    if font.get("/Subtype") == "/Type0":
        return font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    return font["/FontDescriptor"].get_object()


def is_embedded(font) -> bool:
    descriptor = _descriptor(font)
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _to_unicode(font) -> dict[int, str]:
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(text, 16)
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def drawn_characters(font) -> set[str]:
    """The characters this embedded font draws with a real glyph (not .notdef, not empty)."""
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    ttfont = TTFont(BytesIO(program.get_object().get_data()))
    order = ttfont.getGlyphOrder()
    cid_to_gid = descendant.get("/CIDToGIDMap", "/Identity")
    table = None
    if cid_to_gid != "/Identity":
        data = cid_to_gid.get_object().get_data()
        table = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
    drawn = set()
    for cid, text in _to_unicode(font).items():
        gid = table[cid] if table is not None and cid < len(table) else cid
        if gid == 0 or gid >= len(order):
            continue
        if "glyf" in ttfont:
            glyph = ttfont["glyf"][order[gid]]
            if glyph.numberOfContours == 0 and not text.isspace():
                continue
        drawn.add(text)
    return drawn
