"""The benchmark (bench/run.py): its synthetic trees, and one run of everything at a tiny size.

The numbers it measures are never judged here (the targets live in the benchmark); these
tests keep the script working and check that it measured what it says it measured.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import yaml

from conftest import HOOKS, REPO, stamped_pair
from test_exports import export_site
from wblbank.sources import content_hash, parse

_spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
bench = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

CASE = "---\ntitle: {title}\ncase: {number}\n---\n\n# {title}\n\nSee [the other case](other.md).\n"


def test_a_synthetic_tree_copies_every_language_numbers_cases_on_and_keeps_translations_stamped(fixture_site):
    nav = [{"Home": "index.md"}, {"Cases": ["cases/first.md", "cases/other.md"]}]
    fixture_site.config(languages=("en", "fi"), nav=nav)
    stamped_pair(fixture_site, "index.md", "# Home\n", {"fi": "# Etusivu\n"})
    stamped_pair(fixture_site, "cases/first.md", CASE.format(title="First", number=1),
                 {"fi": CASE.format(title="Ensimmäinen", number=1)})
    stamped_pair(fixture_site, "cases/other.md", CASE.format(title="Other", number=2),
                 {"fi": CASE.format(title="Toinen", number=2)})
    project = bench.read_project(fixture_site.root / "mkdocs.yml", None)
    assert (project.languages, project.page, project.base) == (["en", "fi"], "cases/first.md", "/bank/")

    tree = bench.synthetic_tree(project, 3, fixture_site.root.parent / "tree")

    docs = tree.docs
    assert bench.page_count(docs, tree.languages) == 18
    numbers = {}
    for lang in ("en", "fi"):
        for path in sorted((docs / lang).rglob("cases/*.md")):
            numbers.setdefault(lang, []).append(parse(path.read_text(encoding="utf-8")).meta["case"])
    assert sorted(numbers["en"]) == sorted(numbers["fi"]) == [1, 2, 3, 4, 5, 6]
    for copy in ("", "copy-2/", "copy-3/"):
        english = (docs / "en" / copy / "cases/other.md").read_text(encoding="utf-8")
        finnish = parse((docs / "fi" / copy / "cases/other.md").read_text(encoding="utf-8"))
        assert finnish.meta["source_hash"] == content_hash(english)
    config = yaml.safe_load(tree.config.read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["nav"] == nav + [
        {"Home": "copy-2/index.md"}, {"Cases": ["copy-2/cases/first.md", "copy-2/cases/other.md"]},
        {"Home": "copy-3/index.md"}, {"Cases": ["copy-3/cases/first.md", "copy-3/cases/other.md"]}]


def test_the_benchmark_runs_every_measure_at_a_tiny_size(fixture_site, tmp_path_factory, monkeypatch):
    monkeypatch.delenv("WBL_EXPORTS", raising=False)
    export_site(fixture_site)
    config_file = fixture_site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"].append(str(HOOKS / "search.py"))  # so that there is a search index to measure
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path_factory.mktemp("report")

    # As `make bench` runs it: in a process of its own (Playwright's sync API cannot start inside
    # the session's own, which the browser tests keep open).
    subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--tiny", "--config", str(config_file),
                    "--out", str(out)], check=True, cwd=REPO)

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    overhead = results["overhead"]
    assert len(overhead["with_hooks"]) == len(overhead["without_hooks"]) == 1
    assert set(overhead["profile"]["hooks_seconds"]) == {
        "translations.py", "links.py", "data_pages.py", "languages.py", "pdf.py", "search.py"}
    assert [(size["factor"], size["pages"]) for size in results["scale"]["sizes"]] == [(1, 8), (2, 16)]
    assert results["scale"]["page_ratio"] == 2 and results["scale"]["allowed_ratio"] == 2.2
    incremental = results["incremental"]
    assert incremental["page"] == "guides/start.md" and len(incremental["seconds"]) == 1
    assert len(incremental["mkdocs_rebuild_seconds"]) == 1  # the edit was built once, then shown
    whole = results["whole_build"]
    assert sorted(whole["pdf_layout_seconds"]) == ["en", "fi"]
    assert sorted(whole["pdf_files"]) == ["downloads/all-en.pdf", "downloads/guides-en.pdf",
                                          "fi/downloads/all-fi.pdf", "fi/downloads/guides-fi.pdf"]
    pages = results["pages"]
    assert [(page["url"], page["foreign_requests"], page["failed"]) for page in pages["pages"]] == [
        ("/", 0, 0), ("/guides/start/", 0, 0), ("/fi/", 0, 0), ("/fi/guides/start/", 0, 0)]
    assert all(page["requests"] >= 3 and page["bytes"] > page["gzip_bytes"] > 0 for page in pages["pages"])
    assert sorted(pages["search_index"]) == ["en", "fi"]
    assert all(sizes["pages"] == 4 and sizes["index_bytes"] > 0 for sizes in pages["search_index"].values())
    report = (out / "RESULTS.md").read_text(encoding="utf-8")
    for row in ("| Check overhead | at most +10 % |", "| Scale: 2x the pages | at most 2.2x the time |",
                "| Incremental (serve, save → page ready) | under 3 s |",
                "| Whole build from a clean tree | under 60 s on 2 cores |", "| Requests to other hosts | 0 | 0 | met |",
                "| `hooks/pdf.py` |", "| `/fi/guides/start/` |", "| fi | 4 |"):
        assert row in report, row
