"""Screenshots of the home page and one content page per language, on a desktop and a phone.

They are saved in test-artifacts/screenshots/ (gitignored) for a person to look at:
the tests cannot tell whether the site looks designed, only that it was shown.
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config

from browser import helpers
from conftest import REPO
from wblbank.i18n import site_languages

LANGUAGES = site_languages(load_config(str(REPO / "mkdocs.yml"))).codes


def _shown_pages(served_site, lang):
    """The home page, and a case page if there is one (else the first other page)."""
    pages = [page for page in served_site.pages if page.lang == lang]
    home = min(pages, key=lambda page: len(page.path))
    others = [page for page in pages if page is not home]
    others.sort(key=lambda page: ("/cases/" not in f"/{page.path}", page.path))
    return [home] + others[:1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_desktop_and_phone(served_site, browser, origin, lang):
    folder = helpers.artifacts_dir() / "screenshots"
    folder.mkdir(exist_ok=True)
    for name, viewport in (("desktop", helpers.DESKTOP), ("phone", helpers.PHONE)):
        context, traffic = helpers.new_context(browser, origin, viewport=viewport)
        page = context.new_page()
        for site_page in _shown_pages(served_site, lang):
            helpers.visit(page, served_site.root_url + site_page.path)
            inside_language = site_page.path.removeprefix(f"{lang}/") if lang != served_site.languages.default \
                else site_page.path
            slug = inside_language.strip("/").replace("/", "-") or "home"
            target = folder / f"{lang}-{slug}-{name}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 10_000, target
        assert helpers.traffic_problems(traffic) == []
        context.close()
