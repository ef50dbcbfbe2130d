"""Tools: self-assessment instruments and Open Badges render from data, and bad data fails the build."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import REPO, stamped_pair
from openbadges_schemas import OB2_BADGE_CLASS, OB2_PROFILE, OB3_ACHIEVEMENT
from wblbank.i18n import site_languages
from wblbank.instruments import Area, Band, band_coverage_problems, band_for, band_table, score_range

# --- Scoring: the single source of the page's bands --------------------------------------

AREA = Area("a", {"en": "A"}, tuple({"en": f"s{n}"} for n in range(8)),
            (Band(8, 17, {}, ()), Band(18, 25, {}, ()), Band(26, 32, {}, ())))


def test_scores_range_from_all_lowest_to_all_highest_answers():
    assert score_range(8, 4) == (8, 32)
    assert score_range(10, 4) == (10, 40)


@pytest.mark.parametrize("score, band", [(8, 0), (17, 0), (18, 1), (25, 1), (26, 2), (32, 2)])
def test_band_edges_lowest_highest_and_each_boundary(score, band):
    assert band_for(AREA, 4, score) is AREA.bands[band]


def test_the_band_table_has_one_entry_per_possible_score():
    assert band_table(AREA, 4) == [0] * 10 + [1] * 8 + [2] * 7


def test_gaps_and_overlaps_are_found():
    found = band_coverage_problems([(8, 16), (18, 26), (26, 32)], 8, 32, where="areas → item 1 (a)",
                                   statements=8, scale_size=4)
    assert [what for _, what, _ in found] == [
        "areas → item 1 (a): no band covers the score 17",
        "areas → item 1 (a): the score 26 is in more than one band",
    ]


def test_every_area_of_every_real_instrument_has_a_band_for_every_score():
    for path in sorted((REPO / "data/instruments").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        size = len(data["scale"])
        for area in data["areas"]:
            parsed = Area(area["id"], area["title"], tuple(area["statements"]),
                          tuple(Band(b["from"], b["to"], b["feedback"], tuple(b["read"])) for b in area["bands"]))
            low, high = score_range(len(parsed.statements), size)
            assert len(band_table(parsed, size)) == high - low + 1, (path.name, area["id"])
            assert 8 <= len(area["statements"]) <= 10, (path.name, area["id"])


# --- Fixture sites ------------------------------------------------------------------------

SETTINGS = {"wbl": {"data": {"strings": "data/strings.yml", "instruments": "data/instruments",
                             "badges": "data/badges", "issuer": "data/issuer.yml"},
                    "openbadges": "openbadges"}}


def fixture_strings() -> str:
    """The instrument_ and badge_ strings of the real strings file, in English and Finnish."""
    real = yaml.safe_load((REPO / "data/strings.yml").read_text(encoding="utf-8"))
    wanted = {key: {"en": value["en"], "fi": value["fi"]} for key, value in real.items()
              if key.startswith(("instrument_", "badge_"))}
    return yaml.safe_dump(wanted, allow_unicode=True, sort_keys=False)


INSTRUMENT = """
title:
  en: Check
  fi: Tarkistus
scale:
  - en: Not yet
    fi: Ei vielä
  - en: Sometimes
    fi: Joskus
  - en: Often
    fi: Usein
  - en: Always
    fi: Aina
areas:
  - id: planning
    title:
      en: Planning
      fi: Suunnittelu
    statements:
      - en: I plan the first two weeks with the instructor.
        fi: Suunnittelen kaksi ensimmäistä viikkoa ohjaajan kanssa.
      - en: I write the plan down.
        fi: Kirjaan suunnitelman.
    bands:
      - from: 2
        to: 4
        feedback:
          en: Start planning.
          fi: Aloita suunnittelu.
        read: [plan.md]
      - from: 5
        to: 8
        feedback:
          en: Keep planning.
          fi: Jatka suunnittelua.
        read: [plan.md]
"""

BADGE = """
name:
  en: Planner
  fi: Suunnittelija
description:
  en: Plans learning at work.
  fi: Suunnittelee työpaikalla oppimista.
achievement_type: Badge
alignment:
  - name: Vocational education teachers
    url: http://data.europa.eu/esco/isco/C2320
    framework: ESCO (ISCO-08)
    code: "2320"
objectives:
  - id: planning
    title:
      en: Plans learning
      fi: Suunnittelee oppimista
    criteria:
      - en: Writes a plan.
        fi: Laatii suunnitelman.
    demonstrate:
      en: Show a plan.
      fi: Näytä suunnitelma.
"""

ISSUER = """
name: Fixture partners
url: https://example.org/
description:
  en: The partners.
  fi: Kumppanit.
"""


def tools_site(site, *, instrument=INSTRUMENT, badge=BADGE, images=True, en_marker="<!-- wbl:instrument check -->"):
    site.write("data/strings.yml", fixture_strings())
    site.write("data/instruments/check.yml", instrument)
    site.write("data/badges/planner.yml", badge)
    if images:
        site.write("data/badges/planner.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n')
        site.write("data/badges/planner.png", (REPO / "data/badges/learning-ambassador.png").read_bytes())
    site.write("data/issuer.yml", ISSUER)
    site.config(extra=SETTINGS)
    stamped_pair(site, "index.md", "# Home\n\nTools.\n", {"fi": "# Koti\n\nTyökalut.\n"})
    stamped_pair(site, "plan.md", "# Plan\n\nPlan the work.\n", {"fi": "# Suunnitelma\n\nSuunnittele työ.\n"})
    stamped_pair(site, "check.md", f"# Check\n\nAnswer honestly.\n\n{en_marker}\n",
                 {"fi": "# Tarkistus\n\nVastaa rehellisesti.\n\n<!-- wbl:instrument check -->\n"})
    stamped_pair(site, "planner.md", "# Planner\n\nThe criteria.\n\n<!-- wbl:badge planner -->\n",
                 {"fi": "# Suunnittelija\n\nKriteerit.\n\n<!-- wbl:badge planner -->\n"})


def test_an_instrument_renders_as_an_accessible_form_with_the_band_table(fixture_site):
    tools_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    page = result.html("fi/check/index.html")
    assert 'data-min="2" data-max="8" data-bands="0 0 0 1 1 1 1"' in page
    assert page.count('<fieldset class="wbl-statement">') == 2
    assert page.count('<label><input type="radio" name="check-planning-1"') == 4
    assert "<legend><span class=\"wbl-number\">1.</span> Suunnittelen kaksi ensimmäistä viikkoa ohjaajan kanssa.</legend>" \
        in page
    assert '<a href="../plan/">Suunnitelma</a>' in page  # the fixture page's first heading: it has no title:
    assert "action=" not in page.split('<form class="wbl-instrument"')[1].split(">")[0]


def test_a_badge_page_links_its_definitions_which_the_build_writes(fixture_site):
    tools_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    page = result.html("fi/planner/index.html")
    assert '<a href="../../openbadges/planner.fi.achievement.json" type="application/ld+json">' in page
    assert '<img src="../../openbadges/planner.svg"' in page
    achievement = json.loads(result.html("openbadges/planner.fi.achievement.json"))
    assert achievement["id"] == "https://example.org/bank/openbadges/planner.fi.achievement.json"
    assert achievement["criteria"]["id"] == "https://example.org/bank/fi/planner/"
    assert achievement["related"] == [{"id": "https://example.org/bank/openbadges/planner.en.achievement.json",
                                       "type": ["Related"], "inLanguage": "en"}]
    assert not list(Draft202012Validator(OB3_ACHIEVEMENT).iter_errors(achievement))
    assert (result.site / "openbadges/planner.png").stat().st_size > 1000


def test_a_statement_without_one_language_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("        fi: Kirjaan suunnitelman.\n", ""))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:21: areas → item 1 (planning) → statements → item 2 has no 'fi' — "
        "add 'fi' (one entry per language in mkdocs.yml: en, fi)")


def test_a_gap_between_bands_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("from: 5", "from: 6"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:23: areas → item 1 (planning): no band covers the score 5 — "
        "2 statements on a 1–4 scale give scores 2–8; set from: and to: so that every score from 2 to 8 is in "
        "exactly one band")


def test_overlapping_bands_fail_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("to: 4", "to: 5"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:30: areas → item 1 (planning): the score 5 is in more than one band — "
        "2 statements on a 1–4 scale give scores 2–8; set from: and to: so that every score from 2 to 8 is in "
        "exactly one band")


def test_a_band_beyond_the_highest_score_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("to: 8", "to: 9"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:30: areas → item 1 (planning) → bands → item 2 covers 5–9, outside "
        "the possible scores 2–8 — 2 statements on a 1–4 scale give scores 2–8; set from: and to: so that every "
        "score from 2 to 8 is in exactly one band")


def test_a_linked_page_that_does_not_exist_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("read: [plan.md]\n      - from: 5", "read: [plna.md]\n      - from: 5"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:29: areas → item 1 (planning) → bands → item 1 → read → item 1: the "
        "page 'plna.md' does not exist in docs/en/ — write the path of an existing page, relative to a language "
        "folder (e.g. cases/plan-to-learn.md); did you mean 'plan.md'?")


def test_broken_yaml_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, instrument=INSTRUMENT.replace("  en: Check", "  en: Check: now"))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/instruments/check.yml:2: not valid YAML: mapping values are not allowed here — check the "
        "indentation and put values that contain ':' or '#' in quotes")


def test_an_unknown_instrument_in_a_marker_fails_at_its_line(fixture_site):
    tools_site(fixture_site, en_marker="<!-- wbl:instrument chek -->")
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: docs/en/check.md:5: cannot render 'wbl:instrument chek': there is no instrument 'chek' — use "
        "one of: check (the files of the instruments' data folder, named under extra.wbl.data.instruments in "
        "mkdocs.yml; a file with problems is left out until they are fixed)")


def test_a_badge_criterion_without_one_language_fails_with_file_and_line(fixture_site):
    tools_site(fixture_site, badge=BADGE.replace("        fi: Laatii suunnitelman.\n", ""))
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/badges/planner.yml:19: objectives → item 1 (planning) → criteria → item 1 has no 'fi' — "
        "add 'fi' (one entry per language in mkdocs.yml: en, fi)")


def test_a_badge_without_its_images_fails(fixture_site):
    tools_site(fixture_site, images=False)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/badges/planner.yml:1: the badge has no image data/badges/planner.png — add the badge "
        "image as planner.png next to planner.yml (an SVG, and a PNG of at least 256×256 pixels made from it)")


# --- The real site ------------------------------------------------------------------------

def _badge_ids() -> list[str]:
    return sorted(path.stem for path in (REPO / "data/badges").glob("*.yml"))


def test_the_tools_data_and_pages_build_without_a_warning(real_site):
    _config, _site, warnings = real_site
    ours = [w for w in warnings if re.search(r"data/|docs/\w+/(tools|badges)/|openbadges|links: ", w)]
    assert ours == []


def test_every_tool_page_renders_in_every_language(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    pages = sorted(p.relative_to(REPO / "docs/en") for p in (REPO / "docs/en").glob("tools/*.md"))
    assert len(pages) >= 3
    for lang in languages.codes:
        prefix = "" if lang == languages.default else f"{lang}/"
        for page in pages:
            html = (site_dir / f"{prefix}{page.with_suffix('')}/index.html").read_text(encoding="utf-8")
            assert html.count('<form class="wbl-instrument"') == 1, (lang, page)
            assert f'<html lang="{lang}"' in html
        for badge in _badge_ids():
            html = (site_dir / f"{prefix}badges/{badge}/index.html").read_text(encoding="utf-8")
            assert f"openbadges/{badge}.{lang}.achievement.json" in html


def test_all_badge_files_validate_against_the_open_badges_schemas(real_site):
    config, site_dir, _ = real_site
    languages = site_languages(config)
    folder = site_dir / config.extra["wbl"]["openbadges"]
    count = 0
    for badge in _badge_ids():
        for lang in languages.codes:
            for name, schema in ((f"{badge}.{lang}.achievement.json", OB3_ACHIEVEMENT),
                                 (f"{badge}.{lang}.badgeclass.json", OB2_BADGE_CLASS)):
                document = json.loads((folder / name).read_text(encoding="utf-8"))
                errors = [error.message for error in Draft202012Validator(schema).iter_errors(document)]
                assert errors == [], name
                assert document["id"] == config.site_url + f"openbadges/{name}"
                count += 1
    assert count == 2 * 2 * 5
    profile = json.loads((folder / "issuer.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(OB2_PROFILE).iter_errors(profile)) == []


@pytest.mark.parametrize("kind, language_key", [("achievement", "inLanguage"), ("badgeclass", "@language")])
def test_related_definitions_form_a_complete_set_across_the_languages(real_site, kind, language_key):
    config, site_dir, _ = real_site
    codes = set(site_languages(config).codes)
    folder = site_dir / config.extra["wbl"]["openbadges"]
    for badge in _badge_ids():
        ids = {}
        documents = {}
        for lang in codes:
            documents[lang] = json.loads((folder / f"{badge}.{lang}.{kind}.json").read_text(encoding="utf-8"))
            ids[lang] = documents[lang]["id"]
        for lang, document in documents.items():
            own = document.get("inLanguage") or document.get("@language")
            assert own == lang
            related = {entry[language_key]: entry["id"] for entry in document["related"]}
            assert set(related) == codes - {lang}
            assert all(related[other] == ids[other] for other in related)


def test_the_badge_criteria_page_is_what_the_definitions_point_to(real_site):
    config, site_dir, _ = real_site
    folder = site_dir / config.extra["wbl"]["openbadges"]
    document = json.loads((folder / "learning-ambassador.lv.badgeclass.json").read_text(encoding="utf-8"))
    assert document["criteria"]["id"] == config.site_url + "lv/badges/learning-ambassador/"
    assert (site_dir / "lv/badges/learning-ambassador/index.html").exists()
    assert document["issuer"] == config.site_url + "openbadges/issuer.json"
    assert document["alignment"][0]["targetUrl"] == "http://data.europa.eu/esco/isco/C2320"
