"""The stamp command a translator runs: make stamp FILE=docs/fi/page.md."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from test_translation_checks import EN_GUIDE, FI_GUIDE, clean_site
from wblbank.__main__ import main


def test_stamping_an_updated_translation_makes_the_build_clean(fixture_site, capsys):
    clean_site(fixture_site)
    english = fixture_site.root / "docs/en/guide.md"
    english.write_text(EN_GUIDE + "\nOne more line.\n", encoding="utf-8")
    assert fixture_site.build().aborted

    assert main(["stamp", "docs/fi/guide.md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("docs/fi/guide.md: stamped as the translation of docs/en/guide.md (source_hash ")
    assert fixture_site.build().warnings == []


def test_stamp_refuses_a_file_that_is_still_english(fixture_site, capsys):
    clean_site(fixture_site)
    copy = fixture_site.write("docs/fi/guide.md", EN_GUIDE)
    assert main(["stamp", "docs/fi/guide.md"]) == 1
    assert capsys.readouterr().err == (
        "docs/fi/guide.md: not stamped: it is still the English text — translate it first, then stamp it\n"
    )
    assert copy.read_text(encoding="utf-8") == EN_GUIDE.lstrip("\n")


def test_stamp_refuses_english_originals_and_missing_files(fixture_site, capsys):
    clean_site(fixture_site)
    assert main(["stamp", "docs/en/guide.md", "docs/fi/nothing.md", "docs/fi/guide.md"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "docs/en/guide.md: not stamped: it is an English original; stamp its translations instead",
        "docs/fi/nothing.md: not stamped: the file does not exist",
    ]
    assert captured.out.startswith("docs/fi/guide.md: stamped")


def test_make_stamp_runs_the_same_command(fixture_site):
    clean_site(fixture_site)
    fixture_site.write("docs/fi/guide.md", FI_GUIDE)
    completed = subprocess.run(
        [sys.executable, "-m", "wblbank", "stamp", "docs/fi/guide.md"],
        cwd=fixture_site.root, env={"PYTHONPATH": str(REPO / "hooks")}, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stderr
    assert "source_hash: " in (fixture_site.root / "docs/fi/guide.md").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "PYTHONPATH=hooks $(BIN)/python -m wblbank stamp $(FILE)" in makefile
