"""Fixture sites: small real MkDocs projects built with the real hooks."""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / "hooks"
HOOK_FILES = ("translations.py", "links.py", "data_pages.py", "languages.py")  # the order of mkdocs.yml
LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "nl": "Nederlands", "et": "Eesti", "lv": "Latviešu", "sv": "Svenska"}


@dataclass
class BuildResult:
    """What a fixture build printed and wrote."""

    root: Path
    warnings: list[str] = field(default_factory=list)
    aborted: bool = False

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class FixtureSite:
    """A throw-away project folder: mkdocs.yml, docs/ and the real hooks."""

    def __init__(self, root: Path, caplog):
        self.root = root
        self.caplog = caplog

    def write(self, path: str, text: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def config(self, languages=("en", "fi"), nav=None, exports=None, **extra) -> Path:
        config = {
            "site_name": "Fixture",
            "site_url": "https://example.org/bank/",
            "theme": {"name": "material", "font": False},
            "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": True}}],
            "validation": {
                "nav": {"not_found": "info", "absolute_links": "info"},
                "links": {"not_found": "info", "anchors": "info", "absolute_links": "info",
                          "unrecognized_links": "info"},
            },
            "plugins": [
                "search",
                {"i18n": {
                    "docs_structure": "folder",
                    "languages": [
                        {"locale": code, "name": LANGUAGE_NAMES[code], "default": index == 0, "build": True}
                        for index, code in enumerate(languages)
                    ],
                }},
            ],
            "hooks": [str(HOOKS / name) for name in HOOK_FILES],
        }
        if nav is not None:
            config["nav"] = nav
        if exports is not None:  # the PDFs: the site's own fonts and stylesheet, and hooks/pdf.py
            config["hooks"].append(str(HOOKS / "pdf.py"))
            config["theme"]["custom_dir"] = str(REPO / "overrides")
            config["extra_css"] = ["assets/stylesheets/wbl.css"]
            config["extra"] = {"exports": exports}
        config.update(extra)
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def stamp(self, translation: str) -> None:
        """Stamp docs/<lang>/<page> from its English original with the real stamp code."""
        from wblbank.sources import stamped_text

        target = self.root / "docs" / translation
        english = self.root / "docs" / "en" / translation.partition("/")[2]
        target.write_text(stamped_text(target.read_text(encoding="utf-8"), english.read_text(encoding="utf-8")),
                          encoding="utf-8")

    def build(self, strict: bool = True) -> BuildResult:
        if not (self.root / "mkdocs.yml").exists():
            self.config()
        self.caplog.clear()
        result = BuildResult(self.root)
        with self.caplog.at_level(logging.INFO, logger="mkdocs"):
            try:
                build(load_config(str(self.root / "mkdocs.yml"), strict=strict))
            except Abort:
                result.aborted = True
        result.warnings = [r.getMessage() for r in self.caplog.records if r.levelno >= logging.WARNING]
        return result


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real material bank, built once per test session: (config, site folder, warnings)."""
    site_dir = tmp_path_factory.mktemp("site")
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
        build(config)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return config, site_dir, [record.getMessage() for record in records]


@pytest.fixture
def fixture_site(tmp_path, caplog, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return FixtureSite(tmp_path, caplog)


def stamped_pair(site: FixtureSite, page: str, english: str, translations: dict[str, str]) -> None:
    """Write an English page and its translations, each stamped."""
    site.write(f"docs/en/{page}", english)
    for lang, text in translations.items():
        site.write(f"docs/{lang}/{page}", text)
        site.stamp(f"{lang}/{page}")
