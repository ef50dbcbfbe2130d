"""The real material bank: it builds strictly, in every language, and asks no other host for anything."""

from __future__ import annotations

import json
import re

from conftest import REPO
from wblbank.i18n import site_languages


def test_real_site_builds_strict_with_zero_warnings(real_site):
    _config, _site, warnings = real_site
    assert warnings == []


def test_every_page_exists_in_every_configured_language(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    assert languages.codes == ("en", "fi", "nl", "et", "lv")
    english = sorted(p.relative_to(REPO / "docs/en") for p in (REPO / "docs/en").rglob("*.md"))
    assert english
    for lang in languages.codes:
        assert sorted(p.relative_to(REPO / "docs" / lang) for p in (REPO / "docs" / lang).rglob("*.md")) == english



def test_every_built_page_declares_its_language(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        folder = page.relative_to(site_dir).parts[0]
        expected = folder if folder in languages.translations else languages.default
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html lang="([^"]+)"', html).group(1) == expected, page.relative_to(site_dir)
    assert len(pages) == len(languages.codes) * (len(list((REPO / "docs/en").rglob("*.md"))) + 1)  # pages + 404


# Tags that make the browser fetch something, and the attribute that says from where.
_FETCHING = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=[\"']([^\"']+)"
    r"|<link\b(?![^>]*rel=[\"'](?:alternate|canonical)[\"'])[^>]*\shref=[\"']([^\"']+)",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)|@import\s+[\"']((?:https?:)?//[^\"']+)")


def test_built_pages_load_nothing_from_other_hosts(real_site):
    _config, site_dir, _ = real_site
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        for match in _FETCHING.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(site_dir)} loads {url}"
    for stylesheet in site_dir.rglob("*.css"):
        assert _CSS_URL.findall(stylesheet.read_text(encoding="utf-8")) == [], stylesheet


def test_fonts_are_served_from_the_site(real_site):
    _config, site_dir, _ = real_site
    css = (site_dir / "assets/stylesheets/wbl.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert len(fonts) == 8  # text font: latin, latin-ext x normal, italic; code font: latin, latin-ext x 400, 700
    for font in fonts:
        assert (site_dir / "assets/fonts" / font).read_bytes()[:4] == b"wOF2"  # a real font, not a pointer file
    assert "fonts.googleapis.com" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_search_index_has_one_part_per_language_and_no_lunr_index(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    entry = json.loads((site_dir / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    pages_per_language = len(list((REPO / "docs/en").rglob("*.md")))
    assert {lang: part["page_count"] for lang, part in entry["languages"].items()} == \
        {lang: pages_per_language for lang in languages.codes}
    assert not (site_dir / "search/search_index.json").exists()


def test_translations_are_listed_in_the_sitemap_not_in_each_head(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    for page in site_dir.rglob("*.html"):
        assert '<link rel="alternate"' not in page.read_text(encoding="utf-8"), page.relative_to(site_dir)
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count('rel="alternate"') == len(languages.codes) ** 2 * len(list((REPO / "docs/en").rglob("*.md")))
