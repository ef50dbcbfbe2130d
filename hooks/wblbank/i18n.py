"""The one place that reads mkdocs-static-i18n's settings and build state.

The plugin keeps its state in attributes that are not a public API
(``current_language``, ``building``, ``File.locale``). Every other module asks
this one, so a change in the plugin is mended here, and tests/test_i18n_state.py
notices it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs_static_i18n.config import RE_LOCALE


@dataclass(frozen=True)
class Languages:
    """The site's languages, in the order mkdocs.yml lists them."""

    codes: tuple[str, ...]
    default: str
    names: dict[str, str]
    fallback_to_default: bool = True

    @property
    def translations(self) -> tuple[str, ...]:
        """Every language but the default (English) one."""
        return tuple(code for code in self.codes if code != self.default)

    def label(self, code: str) -> str:
        """How messages name a language: 'Suomi (fi)'."""
        return f"{self.names.get(code, code)} ({code})"


# The i18n plugin of a loaded config, or a build-stopping error that says how to set it up.
def _plugin(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None or plugin.config.docs_structure != "folder":
        raise PluginError(
            "mkdocs.yml: the build checks need the i18n plugin with 'docs_structure: folder' — "
            "add it under plugins: (see README.md, 'Languages')"
        )
    return plugin


# The languages configured under plugins.i18n.languages (those that are built).
def site_languages(config: MkDocsConfig) -> Languages:
    plugin = _plugin(config)
    built = [lang for lang in plugin.config.languages if lang.build]
    return Languages(
        codes=tuple(lang.locale for lang in built),
        default=plugin.default_language,
        names={lang.locale: lang.name for lang in built},
        fallback_to_default=plugin.config.fallback_to_default,
    )


# The language whose pages are being built now (one MkDocs build runs per language).
def current_language(config: MkDocsConfig) -> str:
    return _plugin(config).current_language


# True inside the per-language builds that i18n starts from the first build's on_post_build.
def is_nested_build(config: MkDocsConfig) -> bool:
    return bool(_plugin(config).building)


# The language of the folder a file comes from (differs from the current one for a fallback page).
def file_language(file: File) -> str | None:
    return getattr(file, "locale", None)


# Does a folder name look like a language code (the same test the i18n plugin uses)?
def looks_like_language(name: str) -> bool:
    return bool(RE_LOCALE.match(name))


# The site URL of docs/<lang>/<path> as the i18n plugin lays out the folder structure.
def built_url(lang: str, path: str, languages: Languages, *, use_directory_urls: bool) -> str:
    url = File(path, "", "", use_directory_urls).url
    url = "" if url == "./" else url  # MkDocs' URL for the home page
    if lang == languages.default:
        return url
    return f"{lang}/{url}"


# A link from one built page to another site URL, as the browser needs it.
def relative_url(target_url: str, from_page_url: str) -> str:
    return get_relative_url(target_url, from_page_url or ".")


# The site folder of a language's pages, relative to the site root: '' for the default, 'fi/'.
def language_root(lang: str, languages: Languages) -> str:
    return "" if lang == languages.default else f"{lang}/"
