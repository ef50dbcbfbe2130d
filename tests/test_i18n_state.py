"""wblbank.i18n reads mkdocs-static-i18n's internal state: this notices if the plugin changes it."""

from __future__ import annotations

import json

from conftest import HOOKS, stamped_pair
from test_translation_checks import EN_GUIDE, EN_HOME, FI_GUIDE, FI_HOME

RECORDER = '''
import json
from wblbank.i18n import current_language, file_language, is_nested_build, site_languages

seen = []

def on_page_markdown(markdown, page, config, files):
    seen.append([current_language(config), is_nested_build(config), page.file.src_uri, file_language(page.file)])
    return markdown

def on_post_build(config):
    languages = site_languages(config)
    with open("seen.json", "w") as handle:
        json.dump({"pages": seen, "codes": languages.codes, "default": languages.default,
                   "names": languages.names}, handle)
'''


def test_language_state_during_a_build(fixture_site):
    config = fixture_site.config(languages=("en", "fi", "nl"))
    text = config.read_text(encoding="utf-8").replace(f"- {HOOKS / 'languages.py'}\n",
                                                      f"- {HOOKS / 'languages.py'}\n- recorder.py\n")
    config.write_text(text, encoding="utf-8")
    fixture_site.write("recorder.py", RECORDER)
    stamped_pair(fixture_site, "index.md", EN_HOME, {"fi": FI_HOME, "nl": FI_HOME.replace("Etusivu", "Start")})
    stamped_pair(fixture_site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE})  # no Dutch guide: a fallback page

    result = fixture_site.build(strict=False)
    assert result.warnings == [
        "translations: docs/nl/guide.md:1: missing: there is no Nederlands (nl) translation of docs/en/guide.md"
        " — copy docs/en/guide.md to docs/nl/guide.md, translate it, then run: make stamp FILE=docs/nl/guide.md"
    ]
    seen = json.loads((fixture_site.root / "seen.json").read_text())
    assert seen["codes"] == ["en", "fi", "nl"]
    assert seen["default"] == "en"
    assert seen["names"] == {"en": "English", "fi": "Suomi", "nl": "Nederlands"}
    assert sorted(seen["pages"]) == sorted([
        ["en", False, "en/guide.md", "en"],
        ["en", False, "en/index.md", "en"],
        ["fi", True, "fi/guide.md", "fi"],
        ["fi", True, "fi/index.md", "fi"],
        ["nl", True, "en/guide.md", "en"],   # the English page shown in Dutch
        ["nl", True, "nl/index.md", "nl"],
    ])
