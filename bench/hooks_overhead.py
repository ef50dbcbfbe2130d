"""How much the build checks cost: the real site built with and without hooks/.

Usage: .venv/bin/python bench/hooks_overhead.py [repetitions]   (default 5)

Both variants build the same tree with the same plugins, alternately, into a
temporary folder, each in a fresh `mkdocs build` process; the report gives the
median wall time of each and their ratio. Targets belong here, never in a test.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--quiet"]


def timed_build(config: Path, site_dir: str) -> float:
    start = time.perf_counter()
    subprocess.run([*MKDOCS, "-f", str(config), "-d", site_dir], cwd=REPO, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def main(repetitions: int = 5) -> None:
    with_hooks = REPO / "mkdocs.yml"
    without_hooks = REPO / ".bench-without-hooks.yml"
    without_hooks.write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    times: dict[str, list[float]] = {"with hooks": [], "without hooks": []}
    try:
        with tempfile.TemporaryDirectory() as site_dir:
            timed_build(with_hooks, site_dir)  # warm the file cache
            for _ in range(repetitions):
                times["with hooks"].append(timed_build(with_hooks, site_dir))
                times["without hooks"].append(timed_build(without_hooks, site_dir))
    finally:
        without_hooks.unlink()
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:14} median {medians[name]:.2f} s  ({', '.join(f'{v:.2f}' for v in values)})")
    ratio = medians["with hooks"] / medians["without hooks"]
    print(f"overhead       {100 * (ratio - 1):+.1f} % (target: at most +10 %)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
