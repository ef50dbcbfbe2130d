"""Command line for contributors.

    python -m wblbank stamp docs/fi/page.md          record which English version a translation follows
    python -m wblbank status [--lang fi]             what is missing or out of date, per language
    python -m wblbank new-page guide/x.md --title T  start a new English page from the template

The Makefile wraps them as `make stamp FILE=…`, `make status [LANG=fi]` and `make page FILE=… TITLE=…`.
"""

from __future__ import annotations

import argparse
import os
import sys

from mkdocs.config import load_config

from .i18n import site_languages
from mkdocs.structure.files import get_files

from .sources import SourceError, StampRefused, content_hash, decode, stamped_text
from .status import History, format_report, language_status
from .tree import docs_files, project_root, scan


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


# Print the translation status of one language or all; exit code 1 when any page needs work.
def status(lang: str | None, config_file: str) -> int:
    config = load_config(config_file)
    languages = site_languages(config)
    if lang is not None and lang not in languages.translations:
        print(f"'{lang}' is not a translation language of this site; choose one of: "
              + ", ".join(languages.translations), file=sys.stderr)
        return 2
    root = project_root(config)
    tree = scan(os.path.abspath(config.docs_dir), docs_files(get_files(config), config), languages, root)
    history = History(root)
    reports = [language_status(tree, code, history) for code in ([lang] if lang else languages.translations)]
    print("\n\n".join(format_report(report, languages.label(report.lang)) for report in reports))
    return 0 if all(report.complete for report in reports) else 1


# Write a new English page from the template and say what to do next.
def new_page(page: str, title: str, description: str, config_file: str) -> int:
    config = load_config(config_file)
    languages = site_languages(config)
    page = page.replace(os.sep, "/").strip("/")
    if not page.endswith(".md") or page.startswith(".") or "/../" in f"/{page}":
        print(f"'{page}' is not a page path inside the language folder; write it like roadmap/new-step.md",
              file=sys.stderr)
        return 2
    target = os.path.join(config.docs_dir, languages.default, page)
    if os.path.exists(target):
        print(f"{os.path.relpath(target)} already exists; choose another name", file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(target), exist_ok=True)
    quoted = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"---\ntitle: {quoted(title)}\ndescription: {quoted(description)}\n---\n\n# {title}\n")
    print(f"Created {os.path.relpath(target)}. Next:")
    print(f"  1. Write the page. Give every ## heading an id: ## Getting started {{#getting-started}}")
    print(f"  2. Add it to the nav in {os.path.relpath(config.config_file_path)}, in the section it belongs to:")
    print(f"       - {page}")
    print("  3. Build (make site): it lists the translations still to write:")
    for code in languages.translations:
        print(f"       {os.path.relpath(os.path.join(config.docs_dir, code, page))}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wblbank", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    stamp_parser = commands.add_parser("stamp", help="record which English version a translation follows")
    stamp_parser.add_argument("files", nargs="+", help="translated pages, e.g. docs/fi/index.md")
    status_parser = commands.add_parser("status", help="what is missing or out of date in each language")
    status_parser.add_argument("--lang", help="one language code, e.g. fi (default: every translation)")
    page_parser = commands.add_parser("new-page", help="start a new English page from the template")
    page_parser.add_argument("page", help="its path in the language folder, e.g. roadmap/new-step.md")
    page_parser.add_argument("--title", required=True, help="the page title")
    page_parser.add_argument("--description", required=True, help="one sentence: what the page is for")
    for sub in (stamp_parser, status_parser, page_parser):
        sub.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    if args.command == "status":
        return status(args.lang, args.config)
    if args.command == "new-page":
        return new_page(args.page, args.title, args.description, args.config)
    return stamp(args.files, args.config)


if __name__ == "__main__":
    sys.exit(main())
