"""Each browser check can fail: fixture sites with the faults it exists to catch.

An image without alt text fails axe, a page that loads a font from another
host fails the traffic check, and a language menu that leads every page to the
other language's home page fails the language-menu check. The same pages
without the fault pass, so the checks point at the fault, not at the theme.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from browser import helpers
from conftest import REPO

# The fixture sites wear the real site's theme overrides, stylesheet and script.
OUR_THEME = {
    "theme": {"name": "material", "font": False, "custom_dir": str(REPO / "overrides")},
    "extra_css": ["assets/stylesheets/wbl.css"],
    "extra_javascript": ["assets/javascripts/search.js"],
}

PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>'
REMOTE_FONT = """\
<style>@font-face { font-family: "Remote"; src: url("https://fonts.gstatic.com/s/remote/v1/remote.woff2"); }</style>
<p style="font-family: Remote">Text in a font from another host.</p>
"""


def _write_pages(site, languages=("en", "fi")):
    for lang in languages:
        site.write(f"docs/{lang}/index.md", f"# Home {lang}\n\nThe home page in {lang}.\n")
        site.write(f"docs/{lang}/about.md", f"# About {lang}\n\nA page with a [link](index.md) to the home page.\n")
        site.write(f"docs/{lang}/pixel.svg", PIXEL)
        site.write(f"docs/{lang}/no-alt.md", f"# Picture {lang}\n\n<img src=\"../pixel.svg\">\n")
        site.write(f"docs/{lang}/remote-font.md", f"# Font {lang}\n\n{REMOTE_FONT}")


def _build_and_check(fixture_site, browser, check):
    """Build the fixture site (not strict: its translations are not stamped), serve it, check every page."""
    result = fixture_site.build(strict=False)
    assert not result.aborted, result.warnings
    config = yaml.safe_load((fixture_site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = helpers.site_pages(result.site, config["site_url"])
    found = {}
    with helpers.serve(result.site, urlsplit(config["site_url"]).path) as root_url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(root_url))
        context, traffic = helpers.new_context(browser, origin)
        page = context.new_page()
        for site_page in pages:
            traffic.clear()
            helpers.visit(page, root_url + site_page.path)
            found[site_page.path] = check(page, traffic, site_page, root_url)
        context.close()
    return found


def test_an_image_without_alt_text_fails_axe(fixture_site, browser):
    _write_pages(fixture_site)
    fixture_site.config(**OUR_THEME)
    found = _build_and_check(fixture_site, browser, lambda page, *_: helpers.axe_problems(page))
    for lang_folder in ("", "fi/"):
        assert any("axe image-alt" in problem for problem in found[f"{lang_folder}no-alt/"]), found
        assert found[f"{lang_folder}about/"] == []


def test_a_font_from_another_host_fails_the_traffic_check(fixture_site, browser):
    _write_pages(fixture_site)
    fixture_site.config(**OUR_THEME)
    found = _build_and_check(fixture_site, browser, lambda page, traffic, *_: (
        page.wait_for_function("document.fonts.status === 'loaded'"), helpers.traffic_problems(traffic))[1])
    for lang_folder in ("", "fi/"):
        problems = found[f"{lang_folder}remote-font/"]
        assert "asked another host for https://fonts.gstatic.com/s/remote/v1/remote.woff2" in problems, found
        assert found[f"{lang_folder}about/"] == []


def test_a_language_menu_that_leads_home_fails_the_language_check(fixture_site, browser):
    _write_pages(fixture_site)
    path = fixture_site.config(**OUR_THEME)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The classic mistake: Material's static language menu, each entry the language's home page.
    config["plugins"][1]["i18n"]["reconfigure_material"] = False
    config["extra"] = {"alternate": [{"name": "English", "link": "/bank/", "lang": "en"},
                                     {"name": "Suomi", "link": "/bank/fi/", "lang": "fi"}]}
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = _build_and_check(fixture_site, browser, lambda page, traffic, site_page, root_url: (
        helpers.switcher_problems(page, site_page, root_url, ("en", "fi"))))
    wrong = re.compile(r"^the language menu's 'fi' link leads to \S+/bank/fi/, not to \S+/bank/fi/about/$")
    assert any(wrong.match(problem) for problem in found["about/"]), found
    assert found["fi/about/"] and found["fi/no-alt/"]
    assert found[""] == [] and found["fi/"] == []  # the home pages' menu is right


def test_the_same_fixture_with_the_i18n_menu_passes_the_language_check(fixture_site, browser):
    _write_pages(fixture_site)
    fixture_site.config(**OUR_THEME)
    found = _build_and_check(fixture_site, browser, lambda page, traffic, site_page, root_url: (
        helpers.switcher_problems(page, site_page, root_url, ("en", "fi"))))
    assert found and all(problems == [] for problems in found.values()), found


def test_stock_material_fails_axe_where_our_theme_passes(fixture_site, browser):
    _write_pages(fixture_site)
    fixture_site.config()  # Material as it comes, without our overrides
    found = _build_and_check(fixture_site, browser, lambda page, *_: helpers.axe_problems(page))
    rules = {problem.split()[1] for problem in found["about/"]}
    assert {"color-contrast", "link-in-text-block"} <= rules, found["about/"]


def test_a_missing_chromium_fails_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(helpers, "CHROMIUM", "/nonexistent/chromium")
    try:
        helpers.launch_chromium(playwright=None)
    except RuntimeError as missing:
        assert "apt-get install chromium" in str(missing)
    else:
        raise AssertionError("launch_chromium did not fail without Chromium")
