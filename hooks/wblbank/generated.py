"""Files that hooks write into the site after MkDocs has written its own (the PDFs, the zip).

The link check knows the built site from MkDocs' file list; files added later are
registered here, so links to them are checked like any other. The hook that writes
them starts a new list at the start of each build.
"""

from __future__ import annotations

_files: set[str] = set()  # relative to site/, with forward slashes


def start_build() -> None:
    _files.clear()


def add(site_path: str) -> None:
    _files.add(site_path)


def site_files() -> frozenset[str]:
    return frozenset(_files)
