"""The benchmark: what the build, the checks, the PDFs and the pages cost on this machine.

Usage (from the repository; `make bench` runs the first line):
    .venv/bin/python bench/run.py                  # the real site; writes bench/RESULTS.md and bench/results.json
    .venv/bin/python bench/run.py --tiny --config some/mkdocs.yml --out /tmp/bench   # quick, any project

It measures, each several times, with every build in a fresh `mkdocs build` process:
- overhead: the site built with and without our hooks (same tree, same plugins), and a
  cProfile of one build that says which hook takes how long;
- scale: synthetic trees with 1x, 4x and 10x the pages in every language, made by copying
  each language's pages into copy-2/, copy-3/, … (and the nav with them);
- incremental: under `mkdocs serve`, from saving a page to the reloaded page in Chromium;
- whole build: what the README's build does (site, PDFs, offline copy) in a copy of the
  project without caches, with the PDF layout time of each language from the build's log;
- pages: bytes and requests of the home page and one content page per language in Chromium
  with a cold cache, requests to other hosts, and the search index of each language.

The targets are here and only here; the tests run this script once with --tiny to keep it
working and never judge its numbers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import yaml_load

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(REPO))

from wblbank.sources import STAMP_KEY, stamped_text  # noqa: E402  (the hooks' own stamp code)

TARGETS = {
    "overhead_percent": 10.0,  # the hooks add at most 10 % to a site build
    "scale_ratio": 11.0,  # 10x the pages in at most 11x the time
    "incremental_seconds": 3.0,  # save -> reloaded page ready under mkdocs serve
    "whole_build_seconds": 60.0,  # site + PDFs + offline copy from a clean tree, on 2 cores
    "home_page_bytes": 500 * 1000,  # the home page with everything it loads
    "foreign_requests": 0,  # requests to any other host
}
# Not part of a project (at its top level): never copied into the trees the benchmark builds.
_NOT_COPIED = {".git", ".venv", "site", ".cache", "test-artifacts", "tests", "bench", ".bench-without-hooks.yml"}
_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_SITE_ONLY = {"WBL_EXPORTS": "0"}  # builds that measure the site, not the PDFs
_CASE_NUMBER = re.compile(r"^(case:[ \t]*)(\d+)[ \t]*$", re.MULTILINE)


@dataclass
class Run:
    """One finished build (or other command): how long it took, its peak memory, what it printed."""

    seconds: float
    cpu_seconds: float  # user and system time of it and its children: steadier than wall time on a shared machine
    peak_mib: float
    output: str


# Run a command to its end; its peak resident memory is the largest of it and its children.
def run(command: list[str], *, cwd: Path, env: dict | None = None) -> Run:
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**_ENV, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}) in {cwd}:\n{output[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def mkdocs_build(config: Path, site_dir: Path, *, env: dict | None = None, strict: bool = True,
                 profile: Path | None = None) -> Run:
    command = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []), "-m", "mkdocs", "build",
               "-f", str(config), "-d", str(site_dir)]
    return run(command + (["--strict"] if strict else []), cwd=config.parent, env=env)


# A copy of the project without what is not part of it (caches, the built site, tests, git).
def copy_project(root: Path, target: Path) -> Path:
    def not_copied(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if name == "__pycache__" or (Path(folder) == root and name in _NOT_COPIED)}

    shutil.copytree(root, target, ignore=not_copied, symlinks=True)
    return target


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


# --- The project ----------------------------------------------------------------------------

@dataclass
class Project:
    """The project being measured: its config file, docs folder, languages and nav."""

    config: Path
    docs: Path
    languages: list[str]  # the default first
    nav: list | None
    page: str  # the content page measured besides the home page ('cases/invest.md')
    base: str = "/"  # the site's path on its server, from site_url ('/materialbank/'); mkdocs serve uses it

    @property
    def root(self) -> Path:
        return self.config.parent


def read_project(config: Path, page: str | None) -> Project:
    with open(config, encoding="utf-8") as handle:
        data = yaml_load(handle)
    languages: list[str] = []
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"].get("languages") or []
            languages = [entry["locale"] for entry in entries if entry.get("default")]
            languages += [entry["locale"] for entry in entries if not entry.get("default")]
    docs = config.parent / data.get("docs_dir", "docs")
    nav = data.get("nav")
    base = urlsplit(data.get("site_url") or "/").path.rstrip("/") + "/"
    return Project(config, docs, languages, nav, page or _content_page(nav, docs / languages[0]), base)


# The first page of the nav's largest folder (a case, here); of all pages if there is no nav.
def _content_page(nav, default_docs: Path) -> str:
    pages = list(_nav_pages(nav)) if nav else sorted(p.relative_to(default_docs).as_posix()
                                                     for p in default_docs.rglob("*.md"))
    folders = [page.rpartition("/")[0] for page in pages]
    largest = max(folders, key=lambda folder: (bool(folder), folders.count(folder)))
    return pages[folders.index(largest)]


def _nav_pages(nav):
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value


def page_url(page: str) -> str:
    stem = page[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def page_count(docs: Path, languages: list[str]) -> int:
    return sum(1 for lang in languages for _ in (docs / lang).rglob("*.md"))


# --- Check overhead -------------------------------------------------------------------------

def measure_overhead(project: Project, repetitions: int, work: Path) -> dict:
    without = project.root / ".bench-without-hooks.yml"
    without.write_text(f"INHERIT: {project.config.name}\nhooks: []\n", encoding="utf-8")
    runs: dict[str, list[Run]] = {"with": [], "without": []}
    try:
        site = work / "overhead-site"
        mkdocs_build(project.config, site, env=_SITE_ONLY)  # warm the file cache
        for _ in range(repetitions):
            runs["with"].append(mkdocs_build(project.config, site, env=_SITE_ONLY))
            runs["without"].append(mkdocs_build(without, site, env=_SITE_ONLY, strict=False))
    finally:
        without.unlink()
    profile = work / "build.prof"
    mkdocs_build(project.config, work / "profiled-site", env=_SITE_ONLY, profile=profile)
    wall = {name: [r.seconds for r in values] for name, values in runs.items()}
    cpu = {name: [r.cpu_seconds for r in values] for name, values in runs.items()}
    percent = 100 * (median(wall["with"]) / median(wall["without"]) - 1)
    return {"with_hooks": wall["with"], "without_hooks": wall["without"],
            "median_with_hooks": median(wall["with"]), "median_without_hooks": median(wall["without"]),
            "overhead_percent": percent, "met": percent <= TARGETS["overhead_percent"],
            "cpu_with_hooks": cpu["with"], "cpu_without_hooks": cpu["without"],
            "cpu_overhead_percent": 100 * (median(cpu["with"]) / median(cpu["without"]) - 1),
            "profile": hook_profile(profile)}


# Seconds spent in each hook module's events in one profiled build, and the whole build's.
def hook_profile(profile: Path) -> dict:
    stats = pstats.Stats(str(profile)).stats
    total = max(cumulative for (_calls, _primitive, _own, cumulative, _callers) in stats.values())
    modules: dict[str, float] = {}
    for (filename, _line, function), (_calls, _primitive, _own, cumulative, _callers) in stats.items():
        path = Path(filename)
        if path.parent.name == "hooks" and function.startswith("on_"):
            modules[path.name] = modules.get(path.name, 0.0) + cumulative
    return {"total_seconds": total, "hooks_seconds": dict(sorted(modules.items(), key=lambda item: -item[1]))}


# --- Scale ----------------------------------------------------------------------------------

# A copy of the project with `factor` times the pages: every language's pages again in copy-2/, …
def synthetic_tree(project: Project, factor: int, target: Path) -> Project:
    copy_project(project.root, target)
    docs = target / project.docs.relative_to(project.root)
    default = project.languages[0]
    originals = {lang: sorted(p for p in (docs / lang).rglob("*.md")) for lang in project.languages}
    cases = sum(1 for path in originals[default] if _CASE_NUMBER.search(_front(path.read_text(encoding="utf-8"))))
    for copy in range(2, factor + 1):
        for lang in project.languages:
            for path in originals[lang]:
                relative = path.relative_to(docs / lang)
                text = _renumber(path.read_text(encoding="utf-8"), (copy - 1) * cases)
                if lang != default and STAMP_KEY in _front(text):  # the English page may have changed
                    english = docs / default / f"copy-{copy}" / relative
                    if english.exists():
                        text = stamped_text(text, english.read_text(encoding="utf-8"))
                destination = docs / lang / f"copy-{copy}" / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_text(text, encoding="utf-8")
    config = target / project.config.name
    if project.nav is not None and factor > 1:
        nav = list(project.nav) + [entry for copy in range(2, factor + 1)
                                   for entry in _prefixed(project.nav, f"copy-{copy}/")]
        config = target / ".bench-scale.yml"
        config.write_text(yaml.safe_dump({"INHERIT": project.config.name, "nav": nav}, allow_unicode=True,
                                         sort_keys=False), encoding="utf-8")
    return Project(config, docs, project.languages, None, project.page)


def _front(text: str) -> str:
    return text.split("\n---", 1)[0] if text.startswith("---") else ""


# Case numbers must be 1..n across the site: copy k numbers its cases after copy k-1's.
def _renumber(text: str, offset: int) -> str:
    if not offset or not text.startswith("---"):
        return text
    front, rest = text.split("\n---", 1)
    front = _CASE_NUMBER.sub(lambda match: f"{match.group(1)}{int(match.group(2)) + offset}", front)
    return front + "\n---" + rest


def _prefixed(nav, prefix: str):
    result = []
    for item in nav:
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            result.append({title: _prefixed(value, prefix) if isinstance(value, list) else _prefix(value, prefix)})
        else:
            result.append(_prefix(item, prefix))
    return result


def _prefix(value, prefix: str):
    return prefix + value if isinstance(value, str) and value.endswith(".md") and "://" not in value else value


def measure_scale(project: Project, factors: list[int], repetitions: int, work: Path) -> dict:
    sizes = []
    for factor in factors:
        tree = synthetic_tree(project, factor, work / f"scale-{factor}x")
        pages = page_count(tree.docs, tree.languages)
        mkdocs_build(tree.config, work / f"scale-{factor}x-site", env=_SITE_ONLY)  # warm the file cache
        runs = [mkdocs_build(tree.config, work / f"scale-{factor}x-site", env=_SITE_ONLY) for _ in range(repetitions)]
        seconds = median([r.seconds for r in runs])
        sizes.append({"factor": factor, "pages": pages, "seconds": [r.seconds for r in runs],
                      "median_seconds": seconds, "ms_per_page": 1000 * seconds / pages,
                      "median_cpu_seconds": median([r.cpu_seconds for r in runs]),
                      "peak_mib": max(r.peak_mib for r in runs)})
        shutil.rmtree(tree.root)
    first, last = sizes[0], sizes[-1]
    page_ratio = last["pages"] / first["pages"]
    time_ratio = last["median_seconds"] / first["median_seconds"]
    allowed = TARGETS["scale_ratio"] * page_ratio / 10  # 10x pages in 11x time: 1.1 x the page ratio
    return {"sizes": sizes, "page_ratio": page_ratio, "time_ratio": time_ratio, "allowed_ratio": allowed,
            "met": time_ratio <= allowed}


# --- Incremental: mkdocs serve --------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_incremental(project: Project, repetitions: int, work: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import launch_chromium

    tree = copy_project(project.root, work / "serve")
    source = tree / project.docs.relative_to(project.root) / project.languages[0] / project.page
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", project.config.name, "-a", f"127.0.0.1:{port}"],
        cwd=tree, env={**_ENV, "WBL_EXPORTS": ""}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    ready = threading.Event()

    def read_log():
        for line in server.stdout:
            log.append(line)
            if "Serving on" in line:
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        if not ready.wait(600):
            raise RuntimeError("mkdocs serve did not start:\n" + "".join(log[-30:]))
        seconds, rebuilds = [], []
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}{project.base}{page_url(project.page)}", wait_until="load")
            for repetition in range(repetitions):
                marker = f"benchmark edit {repetition + 1} {time.time_ns()}"
                built_before = sum("Documentation built" in line for line in log)
                started = time.perf_counter()
                with open(source, "a", encoding="utf-8") as handle:
                    handle.write(f"\n\n{marker}\n")
                try:
                    page.wait_for_selector(f"text={marker}", timeout=300_000)
                except Exception as error:
                    raise RuntimeError("the edit never showed:\n" + "".join(log[-20:])) from error
                page.wait_for_load_state("load")
                seconds.append(time.perf_counter() - started)
                builds = [line for line in log if "Documentation built" in line][built_before:]
                rebuilds += [float(m.group(1)) for m in (re.search(r"built in ([\d.]+) seconds", b) for b in builds) if m]
            browser.close()
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(tree, ignore_errors=True)
    result = median(seconds)
    return {"page": project.page, "seconds": seconds, "median_seconds": result,
            "mkdocs_rebuild_seconds": rebuilds, "met": result < TARGETS["incremental_seconds"]}


# --- The whole build and its PDFs -----------------------------------------------------------

_LAYOUT = re.compile(r"exports: (\S+): (\d+) PDF\(s\), ([\d.]+) s of layout")
_ALL_PDFS = re.compile(r"exports: (\d+) PDF\(s\) in ([\d.]+) s")
_OFFLINE = re.compile(r"exports: offline copy \S+ in ([\d.]+) s")


# The README's build (mkdocs build --strict, exports on) in copies of the project without caches.
def measure_whole_build(project: Project, repetitions: int, work: Path) -> tuple[dict, Path]:
    env = {"SOURCE_DATE_EPOCH": _commit_epoch(project.root), "WBL_EXPORTS": ""}  # exports on, as in make site
    runs, logs = [], []
    site = work / "whole-site"
    for repetition in range(repetitions):
        tree = copy_project(project.root, work / f"whole-{repetition}")
        if site.exists():
            shutil.rmtree(site)
        result = mkdocs_build(tree / project.config.name, site, env=env)
        runs.append(result)
        logs.append(_export_times(result.output))
        shutil.rmtree(tree)
    seconds = median([r.seconds for r in runs])
    languages = {lang: median([entry["layout"].get(lang, 0.0) for entry in logs]) for lang in logs[0]["layout"]}
    cores = os.cpu_count() or 1
    return {"seconds": [r.seconds for r in runs], "median_seconds": seconds,
            "median_cpu_seconds": median([r.cpu_seconds for r in runs]),
            "peak_mib": max(r.peak_mib for r in runs), "cores": cores,
            "pdf_layout_seconds": languages,
            "pdf_wall_seconds": median([entry["pdfs"] for entry in logs]),
            "offline_copy_seconds": median([entry["offline"] for entry in logs]),
            "pdf_files": _pdf_sizes(site),
            "met": seconds < TARGETS["whole_build_seconds"]}, site


def _export_times(output: str) -> dict:
    layout = {m.group(1): float(m.group(3)) for m in _LAYOUT.finditer(output)}
    pdfs = _ALL_PDFS.search(output)
    offline = _OFFLINE.search(output)
    return {"layout": layout, "pdfs": float(pdfs.group(2)) if pdfs else 0.0,
            "offline": float(offline.group(1)) if offline else 0.0}


def _pdf_sizes(site: Path) -> dict:
    return {path.relative_to(site).as_posix(): path.stat().st_size for path in sorted(site.rglob("*.pdf"))}


def _commit_epoch(root: Path) -> str:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else str(int(time.time()))


# --- Pages in the browser -------------------------------------------------------------------

def measure_pages(project: Project, site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import launch_chromium, new_context, serve

    pages = []
    with serve(site) as origin, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for lang in project.languages:
            folder = "" if lang == project.languages[0] else f"{lang}/"
            for kind, path in (("home", ""), ("page", page_url(project.page))):
                context, traffic = new_context(browser, origin.rstrip("/"))  # a new context: nothing cached
                pages.append({"lang": lang, "kind": kind, "url": "/" + folder + path,
                              **_load_cold(context, traffic, origin + folder + path)})
        browser.close()
    homes = [entry for entry in pages if entry["kind"] == "home"]
    foreign = sum(entry["foreign_requests"] for entry in pages)
    return {"pages": pages, "search_index": search_index_sizes(site),
            "largest_home_bytes": max(entry["bytes"] for entry in homes),
            "foreign_requests": foreign,
            "met": max(entry["bytes"] for entry in homes) < TARGETS["home_page_bytes"] and foreign == 0}


# Open one page in a browser context of its own and add up what it loaded.
def _load_cold(context, traffic, url: str) -> dict:
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    total = compressed = 0
    for request in finished:
        response = request.response()
        body = response.body() if response is not None else b""
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        compressed += len(gzip.compress(body, 6)) + sizes["responseHeadersSize"]
    context.close()
    return {"requests": len(traffic.requests), "bytes": total, "gzip_bytes": compressed,
            "foreign_requests": len(traffic.blocked), "failed": len(traffic.failed)}


# Pagefind's files for each language: the index (meta data and index chunks), the page fragments
# it shows in results, and the language's WebAssembly stemmer.
def search_index_sizes(site: Path) -> dict:
    folder = site / "pagefind"
    entry = folder / "pagefind-entry.json"
    if not entry.exists():
        return {}
    sizes = {}
    for lang, info in json.loads(entry.read_text(encoding="utf-8"))["languages"].items():
        def size(pattern: str) -> int:
            return sum(path.stat().st_size for path in folder.glob(pattern))
        sizes[lang] = {"pages": info.get("page_count"),
                       "index_bytes": size(f"pagefind.{info['hash']}.pf_meta") + size(f"index/{lang}_*.pf_index"),
                       "fragment_bytes": size(f"fragment/{lang}_*.pf_fragment"),
                       "wasm_bytes": size(f"wasm.{info.get('wasm') or 'unknown'}.pagefind")}
    return sizes


# --- The report -----------------------------------------------------------------------------

def _mark(met: bool) -> str:
    return "met" if met else "**missed**"


def _kb(size: float) -> str:
    return f"{size / 1000:,.0f} KB"


def markdown_report(results: dict) -> str:
    machine = results["machine"]
    lines = ["# Benchmark results", "",
             f"Measured on {results['date']} at commit `{results['commit']}`, on {machine['cores']} cores "
             f"({machine['processor']}), Python {machine['python']}, {machine['system']}.", "",
             "Reproduce with `make bench` (it runs "
             f"`{results['command']}` and writes this file and `results.json`).", "",
             "| Measure | Target | Result | |", "|---|---|---|---|"]
    o, s, i, w, p = (results.get(key) for key in ("overhead", "scale", "incremental", "whole_build", "pages"))
    if o:
        lines.append(f"| Check overhead | at most +{TARGETS['overhead_percent']:.0f} % | "
                     f"{o['overhead_percent']:+.1f} % | {_mark(o['met'])} |")
    if s:
        lines.append(f"| Scale: {s['page_ratio']:.0f}x the pages | at most {s['allowed_ratio']:.1f}x the time | "
                     f"{s['time_ratio']:.2f}x | {_mark(s['met'])} |")
    if i:
        lines.append(f"| Incremental (serve, save → page ready) | under {TARGETS['incremental_seconds']:.0f} s | "
                     f"{i['median_seconds']:.1f} s | {_mark(i['met'])} |")
    if w:
        lines.append(f"| Whole build from a clean tree | under {TARGETS['whole_build_seconds']:.0f} s on 2 cores | "
                     f"{w['median_seconds']:.1f} s on {w['cores']} | {_mark(w['met'])} |")
    if p:
        lines.append(f"| Home page, all it loads | under {_kb(TARGETS['home_page_bytes'])} | "
                     f"{_kb(p['largest_home_bytes'])} (largest) | {_mark(p['largest_home_bytes'] < TARGETS['home_page_bytes'])} |")
        lines.append(f"| Requests to other hosts | 0 | {p['foreign_requests']} | {_mark(p['foreign_requests'] == 0)} |")
    if o:
        lines += ["", "## Check overhead", "",
                  f"The site (exports off) built {len(o['with_hooks'])} times with the hooks and "
                  f"{len(o['without_hooks'])} times without them, alternately, after one warm-up build each.", "",
                  "| | Median | Runs | Median CPU time | CPU time of the runs |", "|---|---:|---|---:|---|",
                  f"| With hooks | {o['median_with_hooks']:.2f} s | {', '.join(f'{v:.2f}' for v in o['with_hooks'])} | "
                  f"{median(o['cpu_with_hooks']):.2f} s | {', '.join(f'{v:.2f}' for v in o['cpu_with_hooks'])} |",
                  f"| Without hooks | {o['median_without_hooks']:.2f} s | "
                  f"{', '.join(f'{v:.2f}' for v in o['without_hooks'])} | {median(o['cpu_without_hooks']):.2f} s | "
                  f"{', '.join(f'{v:.2f}' for v in o['cpu_without_hooks'])} |", "",
                  f"Overhead: {o['overhead_percent']:+.1f} % in wall time (the target's measure), "
                  f"{o['cpu_overhead_percent']:+.1f} % in CPU time (user and system, Pagefind's included).", "",
                  f"Where the hooks' time goes, from one build under cProfile ({o['profile']['total_seconds']:.1f} s "
                  "profiled; cProfile slows Python down, so compare the shares):", "",
                  "| Hook module | Seconds in its events | Share of the build |", "|---|---:|---:|"]
        for module, seconds in o["profile"]["hooks_seconds"].items():
            lines.append(f"| `hooks/{module}` | {seconds:.2f} | {100 * seconds / o['profile']['total_seconds']:.1f} % |")
    if s:
        lines += ["", "## Scale", "",
                  "Synthetic trees: every language's pages copied into `copy-2/`, `copy-3/`, … with the nav "
                  "(case numbers continued, translations stamped again), built with exports off.", "",
                  "| Size | Pages | Median | Runs | Per page | Median CPU time | Peak memory |",
                  "|---|---:|---:|---|---:|---:|---:|"]
        for size in s["sizes"]:
            lines.append(f"| {size['factor']}x | {size['pages']} | {size['median_seconds']:.2f} s | "
                         f"{', '.join(f'{v:.2f}' for v in size['seconds'])} | {size['ms_per_page']:.1f} ms | "
                         f"{size['median_cpu_seconds']:.2f} s | {size['peak_mib']:.0f} MiB |")
    if i:
        lines += ["", "## Incremental", "",
                  f"`mkdocs serve` on a copy of the project; Chromium shows `{i['page']}`; the benchmark appends a "
                  "line to it and times until the reloaded page shows that line and has loaded.", "",
                  f"Save → page ready: {', '.join(f'{v:.2f} s' for v in i['seconds'])} (median "
                  f"{i['median_seconds']:.2f} s). MkDocs' own rebuild times: "
                  f"{', '.join(f'{v:.2f} s' for v in i['mkdocs_rebuild_seconds']) or 'not logged'}."]
    if w:
        lines += ["", "## PDFs and the whole build", "",
                  "`mkdocs build --strict` with exports on (the README's build without installing anything), in a "
                  "copy of the project without `site/` or `.cache/`: "
                  f"{', '.join(f'{v:.1f} s' for v in w['seconds'])} (median {w['median_seconds']:.1f} s; "
                  f"{w['median_cpu_seconds']:.0f} s of CPU time), peak memory {w['peak_mib']:.0f} MiB "
                  "(the largest process).", "",
                  f"All PDFs: {w['pdf_wall_seconds']:.1f} s wall. Offline copy: "
                  + (f"{w['offline_copy_seconds']:.1f} s." if w["offline_copy_seconds"] else "not configured."), "",
                  "| Language | PDF layout (CPU seconds, all its PDFs) |", "|---|---:|"]
        for lang, seconds in w["pdf_layout_seconds"].items():
            lines.append(f"| {lang} | {seconds:.1f} s |")
        lines += ["", "| PDF | Size |", "|---|---:|"]
        lines += [f"| `{path}` | {_kb(size)} |" for path, size in w["pdf_files"].items()]
    if p:
        lines += ["", "## Pages", "",
                  "Each page opened in a new Chromium context (empty cache) from a local server; bytes are what "
                  "arrived (headers and bodies, uncompressed, as a plain server sends them) and, for a server that "
                  "gzips (GitHub Pages does), the same bodies gzipped.", "",
                  "| Page | Requests | Bytes | Gzipped | Other hosts |", "|---|---:|---:|---:|---:|"]
        for entry in p["pages"]:
            lines.append(f"| `{entry['url']}` | {entry['requests']} | {_kb(entry['bytes'])} | "
                         f"{_kb(entry['gzip_bytes'])} | {entry['foreign_requests']} |")
        lines += ["", "Search index (Pagefind) per language; a search loads only the chunks it needs:", "",
                  "| Language | Pages | Index | Result fragments | Stemmer (wasm) |", "|---|---:|---:|---:|---:|"]
        for lang, sizes in p["search_index"].items():
            lines.append(f"| {lang} | {sizes['pages']} | {_kb(sizes['index_bytes'])} | "
                         f"{_kb(sizes['fragment_bytes'])} | {_kb(sizes['wasm_bytes'])} |")
    return "\n".join(lines) + "\n"


def _commit(root: Path) -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout.strip()
    return (result.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty else "")


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml", help="the project's mkdocs.yml")
    parser.add_argument("--out", type=Path, default=REPO / "bench", help="where RESULTS.md and results.json go")
    parser.add_argument("--page", help="the content page to measure besides the home page (default: from the nav)")
    parser.add_argument("--repetitions", type=int, default=3, help="runs of each measure (the overhead: 5)")
    parser.add_argument("--scales", default="1,4,10", help="page-count factors of the synthetic trees")
    parser.add_argument("--tiny", action="store_true", help="one run of each, trees of 1x and 2x: to test the script")
    parser.add_argument("--only", help="comma-separated: overhead,scale,incremental,whole,pages (default: all)")
    options = parser.parse_args(argv)
    repetitions, overhead_repetitions = (1, 1) if options.tiny else (options.repetitions, 5)
    factors = [1, 2] if options.tiny else [int(f) for f in options.scales.split(",")]
    wanted = set((options.only or "overhead,scale,incremental,whole,pages").split(","))
    project = read_project(options.config.resolve(), options.page)
    results: dict = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": _commit(project.root),
        "command": ".venv/bin/python bench/run.py" + (" " + " ".join(argv or sys.argv[1:]) if (argv or sys.argv[1:]) else ""),
        "machine": {"cores": os.cpu_count(), "processor": _processor(), "python": platform.python_version(),
                    "system": f"{platform.system()} {platform.release()}"},
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="wbl-bench-") as scratch:
        work = Path(scratch)
        steps = [("overhead", lambda: measure_overhead(project, overhead_repetitions, work)),
                 ("scale", lambda: measure_scale(project, factors, repetitions, work)),
                 ("incremental", lambda: measure_incremental(project, repetitions, work))]
        for name, step in steps:
            if name in wanted:
                print(f"bench: {name} …", flush=True)
                results[name] = step()
        if "whole" in wanted or "pages" in wanted:
            print("bench: whole build …", flush=True)
            results["whole_build"], site = measure_whole_build(project, repetitions if "whole" in wanted else 1, work)
            if "pages" in wanted:
                print("bench: pages …", flush=True)
                results["pages"] = measure_pages(project, site)
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    report = markdown_report(results)
    (options.out / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)
    return results


if __name__ == "__main__":
    main()
