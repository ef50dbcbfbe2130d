"""What the built site looks like to a reader: languages, 404 pages, switcher, sitemap, privacy."""

from __future__ import annotations

import re

from conftest import stamped_pair
from test_translation_checks import EN_GUIDE, EN_HOME, FI_GUIDE, FI_HOME


def three_language_site(site):
    site.config(languages=("en", "fi", "nl"), nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    stamped_pair(site, "index.md", EN_HOME, {"fi": FI_HOME, "nl": FI_HOME.replace("Etusivu", "Start")})
    stamped_pair(site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE, "nl": FI_GUIDE.replace("Opas", "Gids")})
    result = site.build()
    assert result.warnings == []
    return result


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_every_page_and_each_404_page_has_its_own_language(fixture_site):
    result = three_language_site(fixture_site)
    assert html_lang(result.html("index.html")) == "en"
    assert html_lang(result.html("guide/index.html")) == "en"
    for lang in ("fi", "nl"):
        assert html_lang(result.html(f"{lang}/index.html")) == lang
        assert html_lang(result.html(f"{lang}/guide/index.html")) == lang
        assert html_lang(result.html(f"{lang}/404.html")) == lang
    # Without the languages hook the root 404 page would be Dutch, the last language built.
    assert html_lang(result.html("404.html")) == "en"


def test_language_switcher_leads_to_the_same_page_in_each_language(fixture_site):
    result = three_language_site(fixture_site)
    links = dict((lang, href) for href, lang in
                 re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"', result.html("fi/guide/index.html")))
    assert links == {"en": "../../guide/", "fi": "./", "nl": "../../nl/guide/"}


def test_sitemap_lists_every_language_version_of_each_page(fixture_site):
    result = three_language_site(fixture_site)
    sitemap = result.html("sitemap.xml")
    entry = sitemap[sitemap.index("<loc>https://example.org/bank/guide/</loc>"):]
    entry = entry[:entry.index("</url>")]
    assert re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', entry) == [
        ("en", "https://example.org/bank/guide/"),
        ("fi", "https://example.org/bank/fi/guide/"),
        ("nl", "https://example.org/bank/nl/guide/"),
    ]


def test_each_language_gets_its_own_site_name_and_nav_labels(fixture_site):
    fixture_site.config(
        languages=("en", "fi"), nav=[{"Home": "index.md"}, {"Guide": "guide.md"}],
    )
    config = (fixture_site.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("name: Suomi\n", "name: Suomi\n      site_name: Aineistopankki\n"
                            "      nav_translations:\n        Guide: Opas\n")
    (fixture_site.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    stamped_pair(fixture_site, "index.md", EN_HOME, {"fi": FI_HOME})
    stamped_pair(fixture_site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE})
    result = fixture_site.build()
    assert result.warnings == []
    finnish = result.html("fi/index.html")
    assert "<title>Etusivu - Aineistopankki</title>" in finnish
    assert re.search(r'<a href="guide/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Opas', finnish)
    assert "<title>Home - Fixture</title>" in result.html("index.html")
