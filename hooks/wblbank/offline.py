"""The offline copy: the whole site, every language, as one zip that works from disk (file://).

Pages opened from disk need links to files (``about.html``, not ``about/``) and a
search index that loads without a server. Material's offline plugin does both
(and MkDocs and the i18n plugin cooperate with it), so the copy is a second build
of the same sources with that plugin switched on. It runs as a separate process:
the hooks keep per-build state, and a build inside a build would mix the two.
The copy reuses the PDFs the online build has just written instead of making
them again.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

# mkdocs.yml switches Material's offline plugin on with this variable: enabled: !ENV [WBL_OFFLINE_COPY, false]
PLUGIN_SWITCH = "WBL_OFFLINE_COPY"
# The copy build takes the PDFs from the online site in this folder.
SOURCE = "WBL_OFFLINE_SOURCE"
_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# Is Material's offline plugin configured (enabled or not)?
def has_offline_plugin(config) -> bool:
    from material.plugins.offline.plugin import OfflinePlugin

    return any(isinstance(plugin, OfflinePlugin) for plugin in config.plugins.values())


# Is this build the offline copy? Then it has switched the offline plugin on.
def is_copy_build() -> bool:
    return bool(os.environ.get(SOURCE))


# A key for everything the copy shows: the online site just built (every file, exports included)
# and this module. A changed page, stylesheet or PDF changes the key.
def site_key(site_dir: str, *, skip: set[str]) -> str:
    digest = hashlib.sha256(_CODE_VERSION.encode())
    for path in sorted(Path(site_dir).rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative not in skip:
            digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# Build the copy of the site into a new folder; returns the folder and what went wrong, if anything.
def build_copy(config_file: str, online_site_dir: str, work_dir: str, date: datetime) -> tuple[str, list[str]]:
    target = tempfile.mkdtemp(prefix="offline-", dir=work_dir)
    env = {**os.environ, PLUGIN_SWITCH: "true", SOURCE: os.path.abspath(online_site_dir),
           "SOURCE_DATE_EPOCH": str(int(date.timestamp())), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", config_file,
         "--site-dir", target],
        cwd=os.path.dirname(os.path.abspath(config_file)), env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        lines = [line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        return target, lines or [f"mkdocs build exited with {result.returncode}"]
    return target, []


# The site folder as a zip with one top folder, entries sorted and dated by the content:
# the same site gives the same bytes.
def zip_folder(site_dir: str, top: str, date: datetime) -> bytes:
    stamp = max(date, datetime(1980, 1, 1, tzinfo=date.tzinfo)).timetuple()[:6]  # zip dates start in 1980
    with tempfile.SpooledTemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(Path(site_dir).rglob("*")):
                if not path.is_file():
                    continue
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, whatever machine builds it
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        buffer.seek(0)
        return buffer.read()
