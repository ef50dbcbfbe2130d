"""Data pages: the glossary and the case cards render from data, and bad data fails the build."""

from __future__ import annotations

import re

from conftest import stamped_pair

from wblbank.cases import Case, related_cases
from wblbank.glossary import collation_key

DATA = {"wbl": {"data": {"strings": "data/strings.yml", "glossary": "data/glossary.yml"}}}

STRINGS = """
case_number:
  en: "Case {number}"
  fi: "Tapa {number}"
case_lead:
  en: Who leads
  fi: Vetovastuu
case_when:
  en: When
  fi: Ajoitus
actor_employer:
  en: Employer
  fi: Työnantaja
actor_student:
  en: Student
  fi: Opiskelija
phase_before:
  en: Before the WBL period
  fi: Ennen työpaikkajaksoa
phase_during:
  en: During the WBL period
  fi: Työpaikkajakson aikana
tag_planning:
  en: Planning
  fi: Suunnittelu
tag_career:
  en: Career
  fi: Ura
glossary_also:
  en: Also
  fi: Myös
collation:
  en: abcdefghijklmnopqrstuvwxyz
  fi: abcdefghijklmnopqrsštuvwxyzžåäö
"""

GLOSSARY = """
terms:
  - id: workplace-instructor
    en:
      term: Workplace instructor
      definition: The person at work who guides the student.
    fi:
      term: Työpaikkaohjaaja
      definition: Työpaikan edustaja, joka ohjaa opiskelijaa.
  - id: assessment
    en:
      term: Assessment
      definition: Judging what the student can do.
      also: [evaluation]
    fi:
      term: Arviointi
      definition: Sen toteaminen, mitä opiskelija osaa.
  - id: oppisopimus
    en:
      term: Apprenticeship
      definition: Learning mostly at work, under an employment contract.
    fi:
      term: Oppisopimus
      definition: Työsopimukseen perustuva koulutus.
"""


def glossary_site(site, glossary=GLOSSARY, strings=STRINGS):
    site.write("data/strings.yml", strings)
    site.write("data/glossary.yml", glossary)
    site.config(extra=DATA)
    stamped_pair(site, "index.md", "# Glossary\n\nTerms we use.\n\n<!-- wbl:glossary -->\n",
                 {"fi": "# Sanasto\n\nKäyttämämme termit.\n\n<!-- wbl:glossary -->\n"})


def case_page(number, title, *, lead="employer", phase="[before]", tags="[planning]", extra=""):
    return f"""
---
title: {title}
description: Summary of {title}.
case: {number}
lead: {lead}
actors: [employer, student]
phase: {phase}
tags: {tags}
{extra}---

# {title}

## Related cases {{#related}}

<!-- wbl:related-cases -->
"""


def fi_case(title, extra=""):
    return f"""
---
title: {title}
description: Tiivistelmä tapauksesta {title}.
{extra}---

# {title}

## Liittyvät tavat {{#related}}

<!-- wbl:related-cases -->
"""


def cases_site(site, en_cases=None, fi_cases=None):
    site.write("data/strings.yml", STRINGS)
    site.config(extra={"wbl": {"data": {"strings": "data/strings.yml"}}})
    en_cases = en_cases or {
        "cases/first.md": case_page(1, "First", tags="[planning, career]"),
        "cases/second.md": case_page(2, "Second", phase="[during]", tags="[career]"),
        "cases/third.md": case_page(3, "Third", tags="[planning, career]"),
    }
    fi_cases = fi_cases or {
        "cases/first.md": fi_case("Ensimmäinen"),
        "cases/second.md": fi_case("Toinen"),
        "cases/third.md": fi_case("Kolmas"),
    }
    for page, text in en_cases.items():
        stamped_pair(site, page, text, {"fi": fi_cases[page]} if page in fi_cases else {})
    stamped_pair(site, "index.md", "# Ways\n\n<!-- wbl:case-cards -->\n", {"fi": "# Tavat\n\n<!-- wbl:case-cards -->\n"})


def test_glossary_renders_in_each_language_in_its_alphabetical_order(fixture_site):
    glossary_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    english = result.html("index.html")
    assert re.findall(r'<dt id="([\w-]+)">', english) == ["oppisopimus", "assessment", "workplace-instructor"]
    assert "Also: evaluation" in english
    finnish = result.html("fi/index.html")
    assert re.findall(r"<dt id=\"[\w-]+\">([^<]+)</dt>", finnish) == ["Arviointi", "Oppisopimus", "Työpaikkaohjaaja"]
    assert "Työpaikan edustaja, joka ohjaa opiskelijaa." in finnish


def test_a_term_without_one_language_fails_the_strict_build_with_file_and_line(fixture_site):
    glossary = GLOSSARY.replace("""    fi:
      term: Arviointi
      definition: Sen toteaminen, mitä opiskelija osaa.
""", "")
    glossary_site(fixture_site, glossary=glossary)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[0] == (
        "data_pages: data/glossary.yml:9: terms → item 2 (assessment) has no 'fi' — add 'fi' "
        "(id: and one entry per language in mkdocs.yml: en, fi)")


def test_an_empty_definition_and_a_duplicate_id_are_reported_at_their_lines(fixture_site):
    glossary = GLOSSARY.replace("Judging what the student can do.", '""').replace("id: oppisopimus", "id: assessment")
    glossary_site(fixture_site, glossary=glossary)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "data_pages: data/glossary.yml:9: the id 'assessment' is used by 2 terms — give each term its own id; "
        "links to #id on the glossary page use it",
        "data_pages: data/glossary.yml:12: terms → item 2 (assessment) → en → definition is empty — write the text",
        "data_pages: data/glossary.yml:17: the id 'assessment' is used by 2 terms — give each term its own id; "
        "links to #id on the glossary page use it",
    ]


def test_a_string_without_one_language_fails_with_file_and_line(fixture_site):
    glossary_site(fixture_site, strings=STRINGS.replace("  fi: Myös\n", ""))
    result = fixture_site.build()
    assert result.aborted
    assert "data_pages: data/strings.yml:28: glossary_also has no 'fi' — add 'fi' (one entry per language in mkdocs.yml: en, fi)" \
        in result.warnings


def test_case_cards_and_related_cases_come_from_the_english_front_matter(fixture_site):
    cases_site(fixture_site)
    result = fixture_site.build()
    assert result.warnings == []
    cards = result.html("fi/index.html")
    assert cards.count('class="grid cards wbl-cases"') == 1
    assert re.findall(r'Tapa (\d) · <strong><a href="cases/(\w+)/">(\w+)</a>', cards) == [
        ("1", "first", "Ensimmäinen"), ("2", "second", "Toinen"), ("3", "third", "Kolmas")]
    assert "<strong>Vetovastuu:</strong> Työnantaja · <strong>Ajoitus:</strong> Työpaikkajakson aikana" in cards
    related = result.html("cases/first/index.html")
    assert re.findall(r'<a href="\.\./(\w+)/">Case (\d): (\w+)</a>', related) == [
        ("third", "3", "Third"), ("second", "2", "Second")]
    assert re.findall(r'<a href="\.\./(\w+)/">Tapa \d: (\w+)</a>', result.html("fi/cases/first/index.html")) == [
        ("third", "Kolmas"), ("second", "Toinen")]


def test_a_translation_that_contradicts_the_english_facts_is_reported(fixture_site):
    fi_cases = {"cases/first.md": fi_case("Ensimmäinen", extra="case: 7\n"),
                "cases/second.md": fi_case("Toinen"), "cases/third.md": fi_case("Kolmas")}
    cases_site(fixture_site, fi_cases=fi_cases)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "data_pages: docs/fi/cases/first.md:4: 'case: 7' differs from the English page, which says '1' — delete the 'case' "
        "line: the facts of a case are written once, in docs/en/cases/first.md"]


def test_a_case_with_an_unknown_tag_or_a_gap_in_its_numbers_is_reported(fixture_site):
    en_cases = {"cases/first.md": case_page(1, "First", tags="[planing]"),
                "cases/third.md": case_page(3, "Third")}
    cases_site(fixture_site, en_cases=en_cases)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings[:2] == [
        "data_pages: docs/en/cases/first.md:8: case front matter: tags → item 1 is 'planing', which is not one of the allowed "
        "values — use one of: planning, career",
        "data_pages: docs/en/cases/third.md:1: the cases are numbered up to 3, but no case has number 2 — number the cases "
        "1, 2, 3 … without gaps",
    ]


def test_an_unknown_marker_is_reported_at_its_line(fixture_site):
    fixture_site.write("data/strings.yml", STRINGS)
    fixture_site.config(extra=DATA)
    stamped_pair(fixture_site, "index.md", "---\ntitle: Home\n---\n\n# Home\n\n<!-- wbl:glosary -->\n",
                 {"fi": "---\ntitle: Koti\n---\n\n# Koti\n\n<!-- wbl:glosary -->\n"})
    fixture_site.write("data/glossary.yml", GLOSSARY)
    result = fixture_site.build()
    assert result.aborted
    assert result.warnings == [
        "data_pages: docs/en/index.md:7: the marker 'wbl:glosary' means nothing on this page — use one of: glossary, "
        "case-cards, translation-status, related-cases (on a page with case: in its English front matter), instrument <id>, badge <id>; or delete the line",
        "data_pages: docs/fi/index.md:8: the marker 'wbl:glosary' means nothing on this page — use one of: glossary, "
        "case-cards, translation-status, related-cases (on a page with case: in its English front matter), instrument <id>, badge <id>; or delete the line",
    ]


def test_related_cases_prefer_shared_tags_then_a_shared_phase_then_the_nearest_number():
    def case(number, phases, tags):
        return Case(f"c{number}.md", number, "employer", ("employer",), tuple(phases), tuple(tags))

    one = case(1, ["before"], ["planning", "career"])
    others = [case(2, ["during"], ["career"]), case(3, ["before"], ["career"]), case(4, ["after"], ["career", "planning"]),
              case(5, ["before"], ["guidance"]), case(6, ["after"], ["guidance"])]
    assert [c.number for c in related_cases(one, [one, *others])] == [4, 3, 2]
    assert [c.number for c in related_cases(one, [one, *others], count=5)] == [4, 3, 2, 5, 6]


def test_collation_follows_each_alphabet():
    estonian = "abcdefghijklmnopqrsšzžtuvwõäöüxy"
    assert sorted(["õpe", "tööandja", "zoo", "ülevaade", "wifi"], key=lambda w: collation_key(w, estonian)) == [
        "zoo", "tööandja", "wifi", "õpe", "ülevaade"]
    latvian = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"
    assert sorted(["ābele", "ceļš", "apņemšanās", "čaula"], key=lambda w: collation_key(w, latvian)) == [
        "apņemšanās", "ābele", "ceļš", "čaula"]
