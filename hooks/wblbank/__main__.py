"""Command line for contributors: `python -m wblbank stamp docs/fi/page.md`.

The Makefile wraps it as `make stamp FILE=docs/fi/page.md`.
"""

from __future__ import annotations

import argparse
import os
import sys

from mkdocs.config import load_config

from .i18n import site_languages
from .sources import SourceError, StampRefused, content_hash, decode, stamped_text


# Stamp each translation with the hash of its English source; returns the exit code.
def stamp(paths: list[str], config_file: str) -> int:
    config = load_config(config_file)
    languages = site_languages(config)
    docs_dir = os.path.abspath(config.docs_dir)
    failures = 0
    for path in paths:
        relative = os.path.relpath(os.path.abspath(path), docs_dir).replace(os.sep, "/")
        lang, _, page = relative.partition("/")
        english = os.path.join(docs_dir, languages.default, page)
        problem = None
        if relative.startswith("../") or lang not in languages.codes or not page:
            problem = f"it is not in a language folder under {config.docs_dir}"
        elif lang == languages.default:
            problem = "it is an English original; stamp its translations instead"
        elif not os.path.isfile(path):
            problem = "the file does not exist"
        elif not os.path.isfile(english):
            problem = f"it has no English original {os.path.relpath(english)}"
        if problem is None:
            try:
                with open(path, "rb") as handle:
                    translation = decode(handle.read())
                with open(english, "rb") as handle:
                    original = decode(handle.read())
                new_text = stamped_text(translation, original)
            except (StampRefused, SourceError) as error:
                problem = str(error)
        if problem:
            print(f"{path}: not stamped: {problem}", file=sys.stderr)
            failures += 1
            continue
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(new_text)
        print(f"{path}: stamped as the translation of {os.path.relpath(english)} "
              f"(source_hash {content_hash(original)})")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wblbank", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    stamp_parser = commands.add_parser("stamp", help="record which English version a translation follows")
    stamp_parser.add_argument("files", nargs="+", help="translated pages, e.g. docs/fi/index.md")
    stamp_parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    return stamp(args.files, args.config)


if __name__ == "__main__":
    sys.exit(main())
