"""The translation and source checks, on real fixture builds."""

from __future__ import annotations

from conftest import stamped_pair

EN_HOME = """
---
title: Home
---

# Home

Welcome. Read [the guide](guide.md).
"""
FI_HOME = """
---
title: Etusivu
---

# Etusivu

Tervetuloa. Lue [opas](guide.md).
"""
EN_GUIDE = """
# Guide

## Roles {#roles}

Who does what.
"""
FI_GUIDE = """
# Opas

## Roolit {#roles}

Kuka tekee mitä.
"""


def clean_site(site, languages=("en", "fi")):
    site.config(languages=languages, nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    stamped_pair(site, "index.md", EN_HOME, {"fi": FI_HOME})
    stamped_pair(site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE})


def test_clean_fixture_builds_without_a_warning(fixture_site):
    clean_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    assert not result.aborted
    assert (result.site / "fi" / "guide" / "index.html").exists()


def test_missing_translation_names_the_file_to_create(fixture_site):
    clean_site(fixture_site)
    (fixture_site.root / "docs/fi/guide.md").unlink()
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "translations: docs/fi/guide.md:1: missing: there is no Suomi (fi) translation of docs/en/guide.md"
        " — copy docs/en/guide.md to docs/fi/guide.md, translate it, then run: make stamp FILE=docs/fi/guide.md"
    ]


def test_orphan_translation_is_reported(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/fi/extra.md", "# Ylimääräinen\n")
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/fi/extra.md:1: orphan: this page has no English original docs/en/extra.md"
        " — write the English page first, or move this file to the same path as its English original"
    ]


def test_nav_entry_that_resolves_nowhere_is_reported_with_its_line(fixture_site):
    clean_site(fixture_site)
    fixture_site.config(nav=[{"Home": "index.md"}, {"Guide": "guide.md"}, {"Cases": [{"One": "cases/one.md"}]}])
    lines = (fixture_site.root / "mkdocs.yml").read_text().splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip().endswith("One: cases/one.md"))
    result = fixture_site.build()
    assert result.warnings == [
        f"translations: mkdocs.yml:{line}: nav entry 'cases/one.md' leads to no page in English (en), Suomi (fi)"
        " — create docs/en/cases/one.md or correct the path (nav paths are relative to each language folder)"
    ]


def test_changed_english_page_makes_its_translation_stale(fixture_site):
    clean_site(fixture_site)
    english = fixture_site.root / "docs/en/guide.md"
    english.write_text(english.read_text() + "\nA new paragraph.\n")
    result = fixture_site.build()
    [warning] = result.warnings
    assert warning.startswith(
        "translations: docs/fi/guide.md:2: out of date: docs/en/guide.md changed after this translation was stamped"
    )
    assert warning.endswith(
        " — update the translation to match docs/en/guide.md, then run: make stamp FILE=docs/fi/guide.md"
    )
    fixture_site.stamp("fi/guide.md")
    assert fixture_site.build().warnings == []


def test_whitespace_only_changes_do_not_make_translations_stale(fixture_site):
    clean_site(fixture_site)
    english = fixture_site.root / "docs/en/guide.md"
    english.write_text(english.read_text().replace("\n", "   \r\n") + "\n\n")
    assert fixture_site.build().warnings == []


def test_unstamped_translation_is_reported(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/fi/guide.md", FI_GUIDE)
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/fi/guide.md:1: not stamped: no 'source_hash' says which version of docs/en/guide.md"
        " this translates — check that it matches docs/en/guide.md, then run: make stamp FILE=docs/fi/guide.md"
    ]


def test_copied_english_text_is_reported_as_untranslated(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/fi/guide.md", "---\nsource_hash: 0123456789ab\n---\n" + EN_GUIDE)
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/fi/guide.md:4: untranslated: the text is still the English text of docs/en/guide.md"
        " — translate it, then run: make stamp FILE=docs/fi/guide.md"
    ]


def test_malformed_front_matter_is_reported_with_its_line(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/en/guide.md", "---\ntitle: Guide\ndescription: Roles: who: does\n---\n\n# Guide\n")
    result = fixture_site.build()
    assert "translations: docs/en/guide.md:3: malformed front matter: mapping values are not allowed here" \
           " — write each entry as 'key: value' and put values that contain ':' or '#' in quotes" in result.warnings
    assert result.aborted


def test_non_utf8_file_fails_cleanly_with_its_line(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/fi/guide.md", "# Opas\n\nKuka tekee mit\xe4.\n".encode("latin-1"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "translations: docs/fi/guide.md:3: not valid UTF-8 (byte 0xe4 cannot be decoded)"
        " — save the file as UTF-8 in your editor (in VS Code: 'Save with Encoding' → UTF-8)"
    ]


def test_language_folder_missing_from_config_is_reported(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/sv/index.md", "# Hem\n")
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/sv/index.md:1: the folder docs/sv/ looks like a language, but 'sv' is not listed"
        " under plugins.i18n.languages in mkdocs.yml, so none of its pages are built"
        " — add '- locale: sv' with its name to the languages in mkdocs.yml, or rename the folder"
    ]


def test_markdown_outside_language_folders_is_reported(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/notes.md", "# Notes\n")
    fixture_site.write("docs/images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/notes.md:1: this page is outside every language folder, so it has no language"
        " — move it into docs/en/ (and its translations into the other language folders)"
    ]


def test_page_that_shadows_an_english_page_fails_cleanly(fixture_site):
    # docs/index.md beside docs/en/index.md makes the i18n plugin raise an exception of its own.
    clean_site(fixture_site)
    fixture_site.write("docs/index.md", "# Home\n")
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "translations: docs/index.md:1: this page is outside every language folder, so it has no language"
        " — move it into docs/en/ (and its translations into the other language folders)"
    ]


def test_a_new_language_lists_exactly_what_is_missing(fixture_site):
    clean_site(fixture_site, languages=("en", "fi", "sv"))
    fixture_site.write("docs/sv/index.md", "---\ntitle: Hem\n---\n\n# Hem\n\nVälkommen. Läs [guiden](guide.md).\n")
    fixture_site.stamp("sv/index.md")
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/sv/guide.md:1: missing: there is no Svenska (sv) translation of docs/en/guide.md"
        " — copy docs/en/guide.md to docs/sv/guide.md, translate it, then run: make stamp FILE=docs/sv/guide.md"
    ]
