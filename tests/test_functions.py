"""Unit tests of the plain functions behind the hooks."""

from __future__ import annotations

import hashlib

import pytest

from wblbank.i18n import Languages, built_url, relative_url
from wblbank.links import (HTML, MARKDOWN, classify, external_url_problem, extract_links, mask_code,
                           resolve_markdown, resolve_site_url, similar_file, split_target, suggestions)
from wblbank.sources import SourceError, StampRefused, content_hash, decode, parse, stamp_line, stamped_text

LANGS = Languages(codes=("en", "fi", "nl"), default="en", names={"en": "English", "fi": "Suomi", "nl": "Nederlands"})


# --- hashing and stamping -------------------------------------------------------------

def test_content_hash_is_short_stable_and_ignores_line_endings_and_trailing_spaces():
    text = "---\ntitle: Guide\n---\n\n# Guide\n\nText.\n"
    # The first 12 hex digits of SHA-256 over the UTF-8 text: easy to recompute from git history.
    assert content_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    assert content_hash(text.replace("\n", "\r\n")) == content_hash(text)
    assert content_hash(text.replace("Text.", "Text.   ") + "\n\n") == content_hash(text)
    assert content_hash(text.replace("Text.", "Text!")) != content_hash(text)


def test_stamp_adds_front_matter_when_there_is_none():
    english = "# Guide\n\nText.\n"
    stamped = stamped_text("# Opas\n\nTeksti.\n", english)
    assert stamped == f"---\nsource_hash: {content_hash(english)}\n---\n\n# Opas\n\nTeksti.\n"


def test_stamp_replaces_an_old_hash_and_keeps_everything_else():
    english = "# Guide\n\nText.\n"
    translation = "---\ntitle: Opas  # kept as written\nsource_hash: 000000000000\ntags: [a]\n---\n\n# Opas\n"
    assert stamped_text(translation, english) == (
        f"---\ntitle: Opas  # kept as written\nsource_hash: {content_hash(english)}\ntags: [a]\n---\n\n# Opas\n"
    )


def test_stamp_refuses_a_copy_of_the_english_text():
    english = "---\ntitle: Guide\n---\n\n# Guide\n\nText.\n"
    with pytest.raises(StampRefused, match="still the English text"):
        stamped_text(english, english)
    with pytest.raises(StampRefused):
        stamped_text("---\ntitle: Opas\n---\n\n# Guide\n\nText.\n", english)


def test_stamp_line_points_at_the_source_hash_key():
    assert stamp_line(parse("---\ntitle: x\nsource_hash: abc\n---\nbody\n")) == 3
    assert stamp_line(parse("body only\n")) == 1


def test_parse_reports_malformed_front_matter_on_the_file_line():
    with pytest.raises(SourceError) as error:
        parse("---\ntitle: ok\nlist: [unclosed\n---\n# Body\n")
    assert error.value.line == 4
    assert error.value.what.startswith("malformed front matter")


def test_parse_reports_unclosed_front_matter():
    with pytest.raises(SourceError, match="never closed"):
        parse("---\ntitle: x\n\n# Body\n")


def test_decode_names_the_line_of_the_first_bad_byte():
    with pytest.raises(SourceError) as error:
        decode("one\ntwo\nthr\xe9e\n".encode("latin-1"))
    assert error.value.line == 3
    assert "0xe9" in error.value.what


# --- finding links -------------------------------------------------------------------

def test_extract_links_finds_every_kind_with_its_line():
    text = (
        "# Title\n"
        "[a](a.md) and ![img](img/x.png \"title\") and [b](<with space.md>)\n"
        "[ref]: ref.md\n"
        "<https://example.org/x>\n"
        '<a href="raw/">x</a> <img\n  src=\'pic.png\' alt="">\n'
        "[nested](page.md#part(1))\n"
    )
    found = [(link.line, link.target, link.kind) for link in extract_links(text)]
    assert found == [
        (2, "a.md", MARKDOWN),
        (2, "img/x.png", MARKDOWN),
        (2, "with space.md", MARKDOWN),
        (3, "ref.md", MARKDOWN),
        (4, "https://example.org/x", MARKDOWN),
        (5, "raw/", HTML),
        (6, "pic.png", HTML),
        (7, "page.md#part(1)", MARKDOWN),
    ]
    for link in extract_links(text):
        assert text[link.start:link.end] == link.target


def test_code_and_comments_hold_no_links():
    text = "```md\n[x](a.md)\n```\n~~~~\n[y](b.md)\n~~~~\n`[z](c.md)` <!--\n[w](d.md) -->\n    ```\n    [v](e.md)\n    ```\n[real](f.md)\n"
    assert [link.target for link in extract_links(text)] == ["f.md"]
    assert len(mask_code(text)) == len(text)


@pytest.mark.parametrize("target, kind", [
    ("", "empty"), ("#part", "fragment"), ("https://x.org", "external"), ("mailto:a@b.org", "external"),
    ("//cdn.example.org/x.js", "external"), ("/en/page.md", "absolute"), ("page.md", "relative"),
    ("../img/x.png", "relative"),
])
def test_classify(target, kind):
    assert classify(target) == kind


@pytest.mark.parametrize("url, problem", [
    ("https://example.org/a?b=c#d", None),
    ("http://localhost:8000/", None),
    ("mailto:team@example.org", None),
    ("tel:+358401234567", None),
    ("htps://example.org", "has an unknown scheme 'htps:' (did you mean 'https:'?)"),
    ("https:/example.org", "needs two slashes after 'https:'"),
    ("https://example", "has no valid host name ('example')"),
    ("https://exa mple.org", "contains a space"),
    ("//example.org/font.woff2", "has no scheme (it starts with //)"),
    ("mailto:someone", "is not a valid e-mail address"),
])
def test_external_url_form(url, problem):
    assert external_url_problem(url) == problem


def test_split_target_unquotes_path_and_fragment():
    assert split_target("my%20page.md?x=1#t%C3%B6%C3%B6") == ("my page.md", "töö")


# --- resolving links -----------------------------------------------------------------

FILES = {"en/index.md", "en/guide.md", "en/img/plan.png", "fi/index.md", "fi/guide.md", "nl/guide.md",
         "assets/logo.svg"}


@pytest.mark.parametrize("source, path, found, language", [
    ("fi/index.md", "guide.md", "fi/guide.md", None),              # same language
    ("fi/index.md", "img/plan.png", "en/img/plan.png", None),      # i18n fallback to English
    ("fi/index.md", "../assets/logo.svg", "assets/logo.svg", None),  # shared file outside languages
    ("fi/index.md", "../nl/guide.md", "nl/guide.md", "nl"),        # into another language
    ("en/index.md", "../fi/guide.md", "fi/guide.md", "fi"),
    ("nl/guide.md", "index.md", "en/index.md", None),              # untranslated page: fallback
    ("fi/index.md", "../nl/index.md", None, "nl"),                 # no fallback across languages
    ("fi/index.md", "missing.md", None, None),
])
def test_resolve_markdown(source, path, found, language):
    resolution = resolve_markdown(source, path, LANGS, FILES.__contains__)
    assert resolution.found == found
    assert resolution.language == language


def test_resolve_markdown_refuses_paths_out_of_docs():
    assert resolve_markdown("en/index.md", "../../secret.md", LANGS, FILES.__contains__).outside


def test_resolve_markdown_lists_what_it_looked_for():
    resolution = resolve_markdown("fi/sub/page.md", "x.png", LANGS, FILES.__contains__)
    assert resolution.candidates == ("fi/sub/x.png", "en/sub/x.png", "sub/x.png")


SITE = {"index.html", "guide/index.html", "fi/index.html", "fi/guide/index.html", "images/plan.png"}


@pytest.mark.parametrize("page_url, path, found", [
    ("", "guide/", "guide/index.html"),
    ("fi/", "guide/", "fi/guide/index.html"),
    ("fi/guide/", "../../guide/", "guide/index.html"),
    ("fi/guide/", "../../images/plan.png", "images/plan.png"),
    ("fi/", "../", "index.html"),
    ("fi/", "guide", "fi/guide/index.html"),
    ("fi/", "images/plan.png", None),
])
def test_resolve_site_url(page_url, path, found):
    assert resolve_site_url(page_url, path, SITE) == found


@pytest.mark.parametrize("lang, path, url", [
    ("en", "index.md", ""), ("en", "guide.md", "guide/"), ("fi", "index.md", "fi/"),
    ("nl", "cases/one.md", "nl/cases/one/"), ("fi", "img/x.png", "fi/img/x.png"),
])
def test_built_url_follows_the_folder_layout(lang, path, url):
    assert built_url(lang, path, LANGS, use_directory_urls=True) == url


def test_relative_url_between_built_pages():
    assert relative_url("nl/guide/", "fi/") == "../nl/guide/"
    assert relative_url("guide/", "") == "guide/"
    assert relative_url("fi/guide/", "cases/one/") == "../../fi/guide/"


def testsimilar_file_suggests_only_close_names_of_the_same_kind():
    paths = {"fi/index.md", "fi/guide.md", "fi/guide.png", "fi/cases/mentor.md"}
    assert similar_file("fi/guid.md", paths) == "fi/guide.md"
    assert similar_file("fi/cases/mentr.md", paths) == "fi/cases/mentor.md"
    assert similar_file("fi/tietoa.md", paths) is None
    assert similar_file("fi/guid.png", paths) == "fi/guide.png"


def test_suggestions_prefer_the_closest_name():
    assert suggestions("role", ["roles", "rules", "guide"]) == ["roles", "rules"]
    assert suggestions("zzz", ["roles"]) == []


# --- Build speed: what the hooks share between builds must never serve stale results ---------

def test_templates_compile_once_for_every_language_build_and_again_when_edited(tmp_path):
    import jinja2

    import languages  # hooks/languages.py

    (tmp_path / "page.html").write_text("{{ title }}!", encoding="utf-8")
    cache = languages._CompiledTemplates()

    def environment(compile_allowed: bool) -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        if not compile_allowed:
            env.compile = lambda *args, **kwargs: pytest.fail("compiled again")
        return env

    assert environment(True).get_template("page.html").render(title="en") == "en!"
    assert environment(False).get_template("page.html").render(title="fi") == "fi!"  # from the cache
    (tmp_path / "page.html").write_text("{{ title }}?", encoding="utf-8")
    assert environment(True).get_template("page.html").render(title="nl") == "nl?"


def test_valid_yaml_reads_the_same_as_pure_python_and_errors_keep_their_wording():
    import yaml

    from wblbank import yamlread

    text = "a: 1\nb: [x, 'y: z']\nc:\n  d: 2026-01-01\n  e: ~\n"
    node, data = yamlread.compose_and_load(text)
    assert data == yaml.safe_load(text) and node.start_mark.line == 0
    assert node.value[1][0].start_mark.line == 1  # line numbers for the messages
    with pytest.raises(yaml.YAMLError, match="mapping values are not allowed here"):
        yamlread.load("a: b: c\n")  # libyaml says 'in this context'; contributors see the clearer words
