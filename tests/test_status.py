"""Translation status, the new-page command and the CI workflow, on real fixture projects."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import yaml
from conftest import REPO, stamped_pair
from test_data_pages import STRINGS

from wblbank.__main__ import main
from wblbank.status import SectionChange, changed_sections

LANGS = ("en", "fi", "nl", "et", "lv")
EN_GUIDE = """
---
title: Guide
---

# Guide

Intro line.

## Roles {#roles}

The instructor guides the student.

## Tools {#tools}

A checklist.
"""
TRANSLATIONS = {
    "fi": "---\ntitle: Opas\n---\n\n# Opas\n\nJohdanto.\n\n## Roolit {#roles}\n\nOhjaaja ohjaa.\n\n## Välineet {#tools}\n\nLista.\n",
    "nl": "---\ntitle: Gids\n---\n\n# Gids\n\nInleiding.\n\n## Rollen {#roles}\n\nDe opleider begeleidt.\n\n## Middelen {#tools}\n\nLijst.\n",
    "et": "---\ntitle: Juhend\n---\n\n# Juhend\n\nSissejuhatus.\n\n## Rollid {#roles}\n\nJuhendaja juhendab.\n\n## Vahendid {#tools}\n\nNimekiri.\n",
    "lv": "---\ntitle: Ceļvedis\n---\n\n# Ceļvedis\n\nIevads.\n\n## Lomas {#roles}\n\nVadītājs vada.\n\n## Rīki {#tools}\n\nSaraksts.\n",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=root,
                   check=True, capture_output=True)


def committed_site(site) -> Path:
    """Five languages, every translation stamped and committed."""
    site.config(languages=LANGS)
    stamped_pair(site, "guide.md", EN_GUIDE, TRANSLATIONS)
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-qm", "start")
    return site.root / "mkdocs.yml"


def change_roles(site) -> None:
    english = site.root / "docs/en/guide.md"
    english.write_text(english.read_text().replace("The instructor guides the student.",
                                                   "The workplace instructor guides the student every day."))


def status(config: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["status", "--config", str(config), *args])
    return code, capsys.readouterr().out


def test_a_changed_paragraph_makes_four_translations_out_of_date_with_that_section(fixture_site, capsys):
    config = committed_site(fixture_site)
    change_roles(fixture_site)
    warnings = [w for w in fixture_site.build().warnings if "homepage" not in w]  # the fixture has no home page
    assert [w.split(": out of date")[0] for w in warnings] == [
        f"translations: docs/{lang}/guide.md:3" for lang in ("et", "fi", "lv", "nl")]
    code, out = status(config, capsys)
    assert code == 1
    section = ("               § Roles\n"
               "                  \n"
               "                 -The instructor guides the student.\n"
               "                 +The workplace instructor guides the student every day.\n")
    for lang, name in (("fi", "Suomi"), ("nl", "Nederlands"), ("et", "Eesti"), ("lv", "Latviešu")):
        assert (f"{name} ({lang}): 0 of 1 pages up to date (0 %), 1 out of date\n"
                f"  OUT OF DATE  docs/{lang}/guide.md\n"
                f"               what changed in docs/en/guide.md since it was stamped:\n" + section) in out


def test_stamping_one_translation_makes_it_up_to_date(fixture_site, capsys):
    config = committed_site(fixture_site)
    change_roles(fixture_site)
    fixture_site.stamp("fi/guide.md")
    assert status(config, capsys, "--lang", "fi") == (0, "Suomi (fi): 1 of 1 pages up to date (100 %)\n")
    code, out = status(config, capsys, "--lang", "et")
    assert code == 1 and out.startswith("Eesti (et): 0 of 1 pages up to date (0 %), 1 out of date\n")


def test_status_of_a_complete_and_an_incomplete_project(fixture_site, capsys):
    config = committed_site(fixture_site)
    assert status(config, capsys) == (0, "\n\n".join(
        f"{name} ({lang}): 1 of 1 pages up to date (100 %)"
        for lang, name in (("fi", "Suomi"), ("nl", "Nederlands"), ("et", "Eesti"), ("lv", "Latviešu"))) + "\n")
    fixture_site.write("docs/en/new.md", "# New\n\nText.\n")
    code, out = status(config, capsys, "--lang", "lv")
    assert code == 1
    assert out == ("Latviešu (lv): 1 of 2 pages up to date (50 %), 1 missing\n"
                   "  MISSING      docs/lv/new.md\n"
                   "               write it from docs/en/new.md, then run: make stamp FILE=docs/lv/new.md\n")
    assert status(config, capsys, "--lang", "sv") == (2, "")


def test_without_git_history_the_report_says_so(fixture_site, capsys):
    fixture_site.config(languages=("en", "fi"))
    stamped_pair(fixture_site, "guide.md", EN_GUIDE, {"fi": TRANSLATIONS["fi"]})
    change_roles(fixture_site)
    code, out = status(fixture_site.root / "mkdocs.yml", capsys)
    assert code == 1
    assert "docs/en/guide.md changed; the version it was stamped from is not in the git history" in out


def test_the_status_page_agrees_with_the_terminal_report(fixture_site, capsys):
    fixture_site.write("data/strings.yml", STRINGS + """
status_language: {en: Language, fi: Kieli}
status_up_to_date: {en: Up to date, fi: Ajan tasalla}
status_out_of_date: {en: Out of date, fi: Vanhentunut}
status_not_stamped: {en: Not stamped, fi: Leimaamatta}
status_untranslated: {en: Untranslated, fi: Kääntämättä}
status_missing: {en: Missing, fi: Puuttuu}
status_summary: {en: "{done} of {total} up to date ({percent} %).", fi: "{done}/{total} ajan tasalla ({percent} %)."}
status_page: {en: Page, fi: Sivu}
status_file: {en: File, fi: Tiedosto}
status_state: {en: State, fi: Tila}
status_changed: {en: "What changed: {page}", fi: "Mikä muuttui: {page}"}
status_history_unknown: {en: Not in git., fi: Ei gitissä.}
""")
    fixture_site.config(languages=("en", "fi"), extra={"wbl": {"data": {"strings": "data/strings.yml"}}},
                        markdown_extensions=["attr_list", "md_in_html", {"toc": {"permalink": True}}, "tables",
                                             "admonition", "pymdownx.details", "pymdownx.superfences"])
    stamped_pair(fixture_site, "guide.md", EN_GUIDE, {"fi": TRANSLATIONS["fi"]})
    stamped_pair(fixture_site, "status.md", "# Status\n\n<!-- wbl:translation-status -->\n",
                 {"fi": "# Tilanne\n\n<!-- wbl:translation-status -->\n"})
    git(fixture_site.root, "init", "-q")
    git(fixture_site.root, "add", "-A")
    git(fixture_site.root, "commit", "-qm", "start")
    change_roles(fixture_site)
    result = fixture_site.build(strict=False)
    page = result.html("fi/status/index.html")
    assert "<p>1/2 ajan tasalla (50 %).</p>" in page
    assert '<td><a href="../guide/">Opas</a></td>\n<td><code>docs/fi/guide.md</code></td>\n<td>Vanhentunut</td>' in page
    assert "Mikä muuttui: Opas" in page
    assert "-The instructor guides the student." in page and "+The workplace instructor guides" in page
    english = result.html("status/index.html")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", english)
    assert cells == ["Suomi (fi)", "1", "1", "0", "50"]
    code, out = status(fixture_site.root / "mkdocs.yml", capsys)
    assert code == 1 and out.startswith("Suomi (fi): 1 of 2 pages up to date (50 %), 1 out of date\n")


def test_changed_sections_lists_only_what_changed():
    old = "# T\n\nIntro.\n\n## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    new = "# T\n\nIntro.\n\n## A {#a}\n\nOne.\n\n## B, renamed {#b}\n\nTwo and more.\n\n## C {#c}\n\nNew.\n"
    assert changed_sections(old, new) == [
        SectionChange("B, renamed", "b", ("-## B {#b}", "+## B, renamed {#b}", " ", "-Two.", "+Two and more.", " ")),
        SectionChange("C", "c", ("+## C {#c}", "+", "+New.", "+")),
    ]


def test_the_new_page_command_writes_a_page_that_builds_and_lists_its_translations(fixture_site, capsys):
    config = fixture_site.config(languages=("en", "fi"), nav=["index.md", "guide/first-steps.md"])
    stamped_pair(fixture_site, "index.md", "# Home\n", {"fi": "# Koti\n"})
    assert main(["new-page", "guide/first-steps.md", "--title", "First steps: a start",
                 "--description", 'Where to begin, "today".', "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Add it to the nav in" in out and "       - guide/first-steps.md\n" in out
    assert out.rstrip().endswith("docs/fi/guide/first-steps.md")
    result = fixture_site.build()
    assert result.warnings == [
        "translations: docs/fi/guide/first-steps.md:1: missing: there is no Suomi (fi) translation of "
        "docs/en/guide/first-steps.md — copy docs/en/guide/first-steps.md to docs/fi/guide/first-steps.md, "
        "translate it, then run: make stamp FILE=docs/fi/guide/first-steps.md"]
    assert "<h1 id=\"first-steps-a-start\">First steps: a start" in result.html("guide/first-steps/index.html")
    assert main(["new-page", "guide/first-steps.md", "--title", "Again", "--description", "x",
                 "--config", str(config)]) == 1


def test_the_workflow_runs_the_same_test_command_as_ci():
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())
    test_steps = [step["run"] for step in workflow["jobs"]["test"]["steps"] if "run" in step]
    ci_commands = [line for line in (REPO / ".ci/run").read_text().splitlines()
                   if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert test_steps == ci_commands == ["make test"]
    publish = [step.get("run") for step in workflow["jobs"]["publish"]["steps"]]
    readme = (REPO / "README.md").read_text()
    assert "make site" in publish and "make site" in readme
    assert shlex.split(ci_commands[0]) == ["make", "test"]
