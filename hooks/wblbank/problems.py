"""What a check found, in the one format every build message uses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from logging import Logger
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must fix: where it is, what is wrong, how to fix it."""

    path: str  # relative to the folder that holds mkdocs.yml, with forward slashes
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} — {self.fix}"


# Show a path relative to the project folder, the way contributors see it in their editor.
def display_path(path: str, root: str) -> str:
    relative = os.path.relpath(path, root)
    return relative.replace(os.sep, "/")


# Log each problem once, in file and line order; under --strict every one fails the build.
def log_problems(log: Logger, problems: Iterable[Problem]) -> int:
    unique = sorted(set(problems))
    for problem in unique:
        log.warning(str(problem))
    return len(unique)
