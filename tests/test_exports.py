"""The PDFs and the offline copy: on the real site (built once per session) and on small fixture sites."""

from __future__ import annotations

import fnmatch
import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO, stamped_pair
from pdfcheck import drawn_characters, fonts, is_embedded, outline_top, text_of
from wblbank.i18n import site_languages

# The letters of each language (test data: the hooks name no language).
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "fi": "abcdefghijklmnopqrstuvwxyzåäöšž",
    "nl": "abcdefghijklmnopqrstuvwxyzáéíóúàèëïöü",
    "et": "abcdefghijklmnopqrsšzžtuvwõäöüxy",
    "lv": "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž",
}
PDF_STRINGS = ("pdf_contents", "pdf_page_of", "pdf_cover_language", "pdf_cover_date", "pdf_cover_online",
               "pdf_author", "pdf_licence")


def _exports(config) -> dict:
    return config.extra["exports"]


def _strings() -> dict:
    return yaml.safe_load((REPO / "data/strings.yml").read_text(encoding="utf-8"))


def _pdfs(config, site_dir: Path):
    """(lang, document settings, path) for every PDF the real site should have."""
    languages = site_languages(config)
    for lang in languages.codes:
        folder = site_dir if lang == languages.default else site_dir / lang
        for document in _exports(config)["documents"]:
            yield lang, document, folder / _exports(config).get("folder", "downloads") / f"{document['name']}-{lang}.pdf"


def _nav_pages(nav, sections=()):
    """(path, section labels) of the nav in mkdocs.yml, in order."""
    for item in nav:
        for label, value in (item.items() if isinstance(item, dict) else [(None, item)]):
            if isinstance(value, list):
                yield from _nav_pages(value, sections + (label,))
            else:
                yield value, sections


def _heading(path: Path) -> str:
    """The '# Title' of a page, as written in its Markdown."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:]).strip()
    raise AssertionError(f"{path} has no '# ' heading")


def _expected_top_level(config, document, lang) -> list[str]:
    """Contents, then for each page in the PDF its section's label or (outside sections) its title."""
    nav = yaml.safe_load(re.sub(r"!ENV\s*\[[^\]]*\]", "false", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))["nav"]
    translations = next(language.get("nav_translations", {}) for language in
                        config.plugins["i18n"].config.languages if language.locale == lang) or {}
    pages = [(path, sections) for path, sections in _nav_pages(nav) if path != _exports(config)["page"]]
    chosen = []
    for pattern in document["pages"]:
        chosen += [(path, sections) for path, sections in pages
                   if fnmatch.fnmatchcase(path, pattern) and (path, sections) not in chosen]
    expected = [_strings()["pdf_contents"][lang]]
    for path, sections in chosen:
        entry = translations.get(sections[0], sections[0]) if sections else _heading(REPO / "docs" / lang / path)
        if entry not in expected[1:] or not sections:
            expected.append(entry)
    return expected


# --- the real site ---------------------------------------------------------------------

def test_every_language_has_every_pdf_with_its_language_and_metadata(real_site):
    config, site_dir, warnings = real_site
    assert warnings == []
    strings = _strings()
    count = 0
    for lang, document, path in _pdfs(config, site_dir):
        count += 1
        reader = PdfReader(path)
        assert reader.trailer["/Root"]["/Lang"] == lang, path
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{path} is not tagged"
        assert "pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert reader.metadata.title.startswith(strings[document["title"]][lang])
        assert reader.metadata.author == strings["pdf_author"][lang]
    assert count == 2 * len(site_languages(config).codes)


def test_outline_starts_with_contents_and_follows_the_pages_in_the_pdfs_language(real_site):
    config, site_dir, _ = real_site
    for lang, document, path in _pdfs(config, site_dir):
        assert outline_top(path) == _expected_top_level(config, document, lang), path


def test_text_has_the_translated_titles_and_no_english_interface_text(real_site):
    config, site_dir, _ = real_site
    strings = _strings()
    for lang, document, path in _pdfs(config, site_dir):
        text = text_of(path)
        assert strings[document["title"]][lang] in text
        for title in _expected_top_level(config, document, lang):
            assert title in text, (path, title)
        page_of = strings["pdf_page_of"][lang].format(page=2, pages=len(PdfReader(path).pages))
        assert page_of in text, (path, page_of)
        if lang == "en":
            continue
        for string_id in PDF_STRINGS + (document["title"],):
            for fragment in re.split(r"\{[a-z]+\}", strings[string_id]["en"]):
                fragment = fragment.strip(" :")
                if len(fragment) >= 4 and fragment not in strings[string_id][lang]:
                    assert fragment not in text, f"{path}: English '{fragment}' ({string_id})"


def test_every_font_is_embedded_and_every_letter_has_a_glyph(real_site):
    config, site_dir, _ = real_site
    for lang, _document, path in _pdfs(config, site_dir):
        used = fonts(path)
        assert used and all(is_embedded(font) for font in used.values()), path
        assert all("Atkinson" in name for name in used), f"{path} uses a fallback font: {sorted(used)}"
        drawn = set().union(*(drawn_characters(font) for font in used.values()))
        letters = set(ALPHABETS[lang] + ALPHABETS[lang].upper()) & set(text_of(path))
        assert letters - drawn == set(), path


def test_downloads_page_lists_the_files_with_their_sizes(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    page = _exports(config)["page"][:-3]
    for lang in languages.codes:
        folder = site_dir if lang == languages.default else site_dir / lang
        html = (folder / page / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+\.(?:pdf|zip))">', html)
        assert len(links) == len(_exports(config)["documents"]) + 1
        for link in links:
            assert (folder / page / link).resolve().is_file(), link
        assert "<!-- size:" not in html and "<!-- downloads -->" not in html
        assert len(re.findall(r"\((?:PDF|pdf|ZIP|zip), [0-9][0-9 ,.]* ?(?:kB|kt|MB|Mt)\)", html)) == len(links)


# Tags that make a browser fetch something, and the attribute that says from where.
_FETCHING = re.compile(r"<(?:script|img|iframe|source)\b[^>]*\ssrc=[\"']([^\"']+)"
                       r"|<link\b(?![^>]*rel=[\"'](?:alternate|canonical)[\"'])[^>]*\shref=[\"']([^\"']+)", re.I)


def test_offline_copy_opens_from_disk_with_search(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    archive = zipfile.ZipFile(site_dir / "downloads" / f"{_exports(config)['offline']}.zip")
    top = _exports(config)["offline"]
    names = set(archive.namelist())
    for lang in languages.codes:
        home = f"{top}/index.html" if lang == languages.default else f"{top}/{lang}/index.html"
        html = archive.read(home).decode("utf-8")
        # Links name files (file:// has no index pages), search loads its index as a script.
        links = [link for link in re.findall(r'href="([^"#:]+)"', html) if not link.endswith((".css", ".svg"))]
        assert links and all(link.endswith(".html") for link in links), (home, links)
        assert 'search/search_index.js' not in html  # loaded by the bundle, relative to the site root
        for match in _FETCHING.finditer(html):
            assert not re.match(r"^(https?:)?//", match.group(1) or match.group(2)), home
    index = archive.read(f"{top}/search/search_index.js").decode("utf-8")
    assert index.startswith("var __index = {")
    assert {f"{top}/assets/javascripts/iframe-worker/shim.js", f"{top}/search/search_index.json"} <= names
    assert "iframe-worker/shim.js" in archive.read(f"{top}/index.html").decode("utf-8")
    pdfs = [path for path in names if path.endswith(".pdf")]
    assert len(pdfs) == 2 * len(languages.codes)  # the copy holds the PDFs too


# --- fixture sites ---------------------------------------------------------------------

FIXTURE_STRINGS = {"pdf_fixture_all": {"en": "Everything", "fi": "Kaikki"},
                   "pdf_fixture_guides": {"en": "The guides", "fi": "Oppaat yhdessä"},
                   "pdf_fixture_guides_about": {"en": "Both guides.", "fi": "Molemmat oppaat."}}
EXPORTS = {
    "strings": "strings.yml", "page": "downloads.md",
    "documents": [
        {"name": "all", "title": "pdf_fixture_all", "pages": ["*"]},
        {"name": "guides", "title": "pdf_fixture_guides", "description": "pdf_fixture_guides_about",
         "toc_depth": 2, "pages": ["guides/*.md"]},
    ],
}
NAV = [{"Home": "index.md"}, {"Guides": [{"Start": "guides/start.md"}, {"Steps": "guides/steps.md"}]},
       {"Downloads": "downloads.md"}]
EN_START = """\
    ---
    title: Start
    ---

    # Start here

    Read [the steps](steps.md#order) next, then [the home page](../index.md).
    More at [the project site](https://example.org/project).

    ## Letters {#letters}

    Suomi: åäö ÅÄÖ šž. Eesti: õäöü ÕÄÖÜ šž. Latviešu: āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ. Nederlands: éëïöü ÉËÏÖÜ.
"""
EN_STEPS = """\
    ---
    title: Steps
    ---

    # The steps

    ## In order {#order}

    Back to [the start](start.md).
"""


def export_site(site, *, exports=EXPORTS, nav=NAV, strings=FIXTURE_STRINGS):
    config = site.config(languages=("en", "fi"), nav=nav, exports=exports)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"][1]["i18n"]["languages"][1]["nav_translations"] = {"Guides": "Oppaat"}
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    real = yaml.safe_load((REPO / "data/strings.yml").read_text(encoding="utf-8"))
    site.write("strings.yml", yaml.safe_dump({**real, **strings}, allow_unicode=True))
    stamped_pair(site, "index.md", "# Home\n\nWelcome.\n", {"fi": "# Etusivu\n\nTervetuloa.\n"})
    stamped_pair(site, "guides/start.md", EN_START, {"fi": EN_START.replace("Start here", "Aloita tästä")})
    stamped_pair(site, "guides/steps.md", EN_STEPS, {"fi": EN_STEPS.replace("The steps", "Vaiheet")})
    stamped_pair(site, "downloads.md", "# Files\n\n<!-- downloads -->\n", {"fi": "# Tiedostot\n\n<!-- downloads -->\n"})


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    monkeypatch.delenv("WBL_EXPORTS", raising=False)


def test_sections_pages_links_and_letters_in_a_fixture_pdf(fixture_site, epoch):
    export_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    guides = result.site / "fi/downloads/guides-fi.pdf"
    assert outline_top(guides) == ["Sisällys", "Oppaat"]  # the nav section, translated
    assert outline_top(result.site / "downloads/all-en.pdf") == ["Contents", "Home", "Guides"]
    reader = PdfReader(guides)
    annotations = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])]
    internal = [a for a in annotations if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    external = [a["/A"]["/URI"] for a in annotations if a.get("/A", {}).get("/S") == "/URI"]
    assert len(internal) >= 3 + 3  # the contents entries and the link to 'the steps'
    # Pages outside this PDF and other sites: linked and printed as their address.
    assert sorted(set(external)) == ["https://example.org/bank/fi/",
                                     "https://example.org/project"]
    text = text_of(guides)
    joined = text.replace(" ", "")  # a long address wraps at a line end
    assert "(https://example.org/project)" in joined and "(https://example.org/bank/fi/)" in joined
    assert "Sivu 2/" in text and "1. tammikuuta 2026" in text  # translated page numbers and date
    drawn = set().union(*(drawn_characters(font) for font in fonts(guides).values()))
    letters = "åäöÅÄÖšžõüÕÜāčēģīķļņūĀČĒĢĪĶĻŅŠŪŽéëïÉËÏ"
    assert set(letters) <= set(text) and set(letters) - drawn == set()


def test_two_builds_give_the_same_bytes(fixture_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # dated by the sources, not the clock
    monkeypatch.delenv("WBL_EXPORTS", raising=False)
    export_site(fixture_site)
    first = fixture_site.build()
    assert first.warnings == []
    saved = {path: path.read_bytes() for path in first.site.rglob("*.pdf")}
    for cached in (fixture_site.root / ".cache").rglob("*"):
        if cached.is_file():
            cached.unlink()  # make them again, not from the cache
    time.sleep(1.1)  # a clock-dated timestamp would now differ
    fixture_site.build()
    assert len(saved) == 4 and all(path.read_bytes() == data for path, data in saved.items())


def test_unchanged_pdfs_come_from_the_cache(fixture_site, epoch, monkeypatch):
    export_site(fixture_site)
    assert fixture_site.build().warnings == []
    import weasyprint

    monkeypatch.setenv("WBL_PDF_PROCESSES", "1")  # lay out in this process, where the patch below holds
    monkeypatch.setattr(weasyprint, "HTML", lambda *a, **k: pytest.fail("rendered again"))
    assert fixture_site.build().warnings == []
    fixture_site.write("docs/en/guides/steps.md", EN_STEPS.replace("Back", "Go back"))
    fixture_site.stamp("fi/guides/steps.md")
    with pytest.raises(BaseException, match="rendered again"):
        fixture_site.build()


def test_exports_can_be_skipped_and_the_page_says_so(fixture_site, epoch, monkeypatch):
    monkeypatch.setenv("WBL_EXPORTS", "0")
    export_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    assert not list(result.site.rglob("*.pdf"))
    assert "make site" in result.html("fi/downloads/index.html")


def test_configured_pages_missing_from_the_nav_marker_and_strings_are_reported(fixture_site, epoch):
    exports = {**EXPORTS, "documents": [*EXPORTS["documents"],
                                        {"name": "cases", "title": "pdf_fixture_cases", "pages": ["cases/*.md"]}]}
    export_site(fixture_site, exports=exports)
    fixture_site.write("docs/fi/downloads.md", fixture_site.root.joinpath("docs/fi/downloads.md")
                       .read_text(encoding="utf-8").replace("<!-- downloads -->", "Ei listaa."))
    fixture_site.stamp("fi/downloads.md")
    result = fixture_site.build()
    config_text = (fixture_site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    pattern_line = next(number for number, line in enumerate(config_text, 1) if "cases/*.md" in line)
    assert result.aborted
    assert sorted(result.warnings) == sorted([
        f"exports: mkdocs.yml:{pattern_line}: the PDF 'cases' names 'cases/*.md', but no page of the navigation "
        "matches it — add the page to nav: or correct the path (paths are relative to a language folder, like "
        "the ones in nav:)",
        "exports: strings.yml:1: string 'pdf_fixture_cases' is not defined — add 'pdf_fixture_cases:' with a line "
        "'lang: text' for each of en, fi",
        "exports: docs/fi/downloads.md:1: the downloads page has no '<!-- downloads -->' line, so the build cannot "
        "list the PDFs on it — add a line <!-- downloads --> where the list of downloads should appear",
    ])


# --- plain functions -------------------------------------------------------------------

def test_strings_report_the_line_of_a_missing_translation(tmp_path):
    from wblbank.i18n import Languages
    from wblbank.strings import check_strings, load_strings

    path = tmp_path / "strings.yml"
    path.write_text("pdf_a:\n  en: A\n  fi: Aa\npdf_b:\n  en: B\n", encoding="utf-8")
    languages = Languages(codes=("en", "fi"), default="en", names={"en": "English", "fi": "Suomi"})
    strings, problems = load_strings(str(path), str(tmp_path), languages)
    assert strings.get("pdf_a", "fi") == "Aa"
    assert [str(p) for p in problems] == [
        "strings.yml:4: pdf_b has no 'fi' — add 'fi' (one entry per language in mkdocs.yml: en, fi)"]
    assert [str(p) for p in check_strings(strings, ["pdf_a", "pdf_c"], languages)] == [
        "strings.yml:1: string 'pdf_c' is not defined — add 'pdf_c:' with a line 'lang: text' for each of en, fi"]


def test_sizes_are_written_the_way_each_language_writes_numbers():
    from wblbank.exports import fill_sizes, format_size, replace_marker

    assert format_size(1_440_000, "fi", "{size} kt", "{size} Mt") == "1,4 Mt"
    assert format_size(1_440_000, "en", "{size} kB", "{size} MB") == "1.4 MB"
    assert format_size(38_770, "lv", "{size} kB", "{size} MB") == "39 kB"
    assert replace_marker("a\n<!-- downloads -->\nb", "X") == "a\nX\nb"
    assert replace_marker("a\nb", "X") is None
    assert fill_sizes("(PDF<!-- size:x.pdf -->)", {"x.pdf": "1 kB"}) == "(PDF, 1 kB)"


def test_page_patterns_keep_the_configured_order_and_nav_order_within(tmp_path):
    from wblbank.exports import read_settings, select_pages

    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  exports:\n    documents:\n      - name: pack\n        title: t\n"
                      "        pages:\n          - benefits.md\n          - cases/*.md\n          - nothing.md\n",
                      encoding="utf-8")
    settings, problems = read_settings(yaml.safe_load(config.read_text())["extra"], str(config), str(tmp_path))
    assert problems == []
    chosen, problems = select_pages(settings, 0, ["index.md", "cases/b.md", "cases/a.md", "benefits.md"])
    assert chosen == ["benefits.md", "cases/b.md", "cases/a.md"]
    assert [(p.line, p.what) for p in problems] == [
        (9, "the PDF 'pack' names 'nothing.md', but no page of the navigation matches it")]


def test_a_malformed_exports_block_is_reported_on_its_line(tmp_path):
    from wblbank.exports import read_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("extra:\n  exports:\n    documents:\n      - name: pack\n        toc_depth: 7\n",
                      encoding="utf-8")
    settings, problems = read_settings(yaml.safe_load(config.read_text())["extra"], str(config), str(tmp_path))
    assert settings is None
    assert problems and problems[0].path == "mkdocs.yml" and problems[0].line == 3
    assert "documents" in problems[0].what


def test_documents_laid_out_side_by_side_are_the_same_bytes_as_one_by_one(tmp_path):
    from datetime import datetime, timezone

    from wblbank.pdf import render, render_many

    date = datetime(2026, 1, 2, tzinfo=timezone.utc)
    documents = [f"<html lang='{lang}'><title>{word}</title><h1>{word}</h1><p>{word}</p></html>"
                 for lang, word in (("fi", "Työpaikkaohjaaja"), ("lv", "Darba vidē"), ("et", "Juhendõpe"))]
    side_by_side = render_many(documents, base_dir=str(tmp_path), cache_dir=None, date=date, workers=2)
    one_by_one = [render(document, base_dir=str(tmp_path), cache_dir=None, date=date) for document in documents]
    assert [(pdf, errors) for pdf, errors, _seconds in side_by_side] == one_by_one
    assert all(pdf.startswith(b"%PDF-") and seconds > 0 for pdf, _errors, seconds in side_by_side)
    assert len({pdf for pdf, _errors, _seconds in side_by_side}) == 3
