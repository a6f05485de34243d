"""`make offline`: the course as a folder that works opened from a disk or USB stick (file://).

For training rooms with no usable network and locked-down PCs. The copy is an ordinary strict
build of the site with these differences, set in a configuration generated beside mkdocs.yml
(it INHERITs everything else and is deleted afterwards):

- Material's `offline` plugin: page links end in `.html` (no directory URLs) and the search
  index is inlined as a script, because browsers refuse fetch() under file://;
- no instant navigation, which cannot work under file:// and there stops Material's document$
  from ever announcing the page (see offline_config);
- the iframe-worker shim that lets search run its worker under file:// is served from the copy
  itself. Material's offline plugin would load it from another host, unless a polyfill whose
  address names "iframe-worker" is already configured, so we configure ours;
- no Content-Security-Policy <meta> tag: the shim writes an inline script into a hidden frame,
  and a frame inherits its page's policy, which only allows inline scripts by hash. That
  script names the worker's file:// address, which depends on where the copy is unpacked, so
  no hash can be known in advance. The copy loses a second line of defence only: it loads
  nothing from any host, the hosted build of the same pages refuses inline event handlers, and
  our code writes no inline script and puts learners' text on pages only as text.

The result is packed as dist/<course>-<version>-offline.zip with one folder inside.

    python scripts/offline.py [--config mkdocs.yml] [--out dist] [--shim PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
# Installed by `make offline` from the npm registry, never globally (see the Makefile).
SHIM_PACKAGE = ROOT / ".offline" / "node_modules" / "iframe-worker"
# Material's offline plugin leaves the polyfills alone when one of them names "iframe-worker".
SHIM_DEST = "assets/vendor/iframe-worker/shim.js"
COURSE_PLUGIN = "permanence-course"

README = """{title}, version {version}: offline copy
{underline}

Open index.html in this folder with Chrome, Edge or Firefox (double-click it, or drag it into
the browser). Everything works without a network: the modules, search, quizzes, presenting with
a presenter window, and notes.

Keep the folder together: the pages need the files beside them.

Notes, reflections and plans are kept by the browser on this computer only, and every page
opened from a folder in that browser shares one storage area: on a shared computer, delete your
notes at the end (About > Privacy), or download a backup first.
"""


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def offline_plugins(plugins: Any) -> list[Any]:
    """The site's plugins plus Material's `offline`, with our policy <meta> tag turned off.

    A child configuration replaces the inherited plugin list whole, so the list is repeated."""
    if isinstance(plugins, dict):
        entries: list[Any] = [{name: options} for name, options in plugins.items()]
    else:
        entries = list(plugins or [])
    out: list[Any] = []
    for entry in entries:
        name = plugin_name(entry)
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == COURSE_PLUGIN:
            options["content_security_policy"] = False
        if name not in ("offline", "material/offline"):
            out.append({name: options} if options else name)
    if not any(plugin_name(e) == COURSE_PLUGIN for e in out):
        raise SystemExit(f"offline: the site's plugins do not include {COURSE_PLUGIN}")
    return [*out, "offline"]


def offline_config(config_file: Path) -> dict[str, Any]:
    """The generated configuration: INHERIT the site's, change only what the offline copy needs."""
    with config_file.open("rb") as fd:
        site = yaml_load(fd)
    extra = dict(site.get("extra") or {})
    polyfills = [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p)]
    config: dict[str, Any] = {
        "INHERIT": config_file.name,
        # No site address: canonical links stay off.
        "site_url": "",
        "use_directory_urls": False,
        "plugins": offline_plugins(site.get("plugins")),
        "extra": {"polyfills": [*polyfills, SHIM_DEST]},
    }
    theme = site.get("theme")
    if isinstance(theme, dict) and theme.get("features"):
        # Under file:// Material skips instant navigation and, when the feature is on, completes
        # document$ before the page has loaded: it never emits, so nothing that waits for it
        # (our features, the quizzes) would ever start. Without the feature it emits as usual.
        # (The inherited theme settings are merged with these; only the list is replaced.)
        features = [f for f in theme["features"] if not str(f).startswith("navigation.instant")]
        config["theme"] = {"features": features}
    return config


def course_data(config_file: Path) -> dict[str, Any]:
    """The course's title and version from <modules_dir>/course.yml."""
    with config_file.open("rb") as fd:
        site = yaml_load(fd)
    modules_dir = "modules"
    for entry in site.get("plugins") or []:
        if isinstance(entry, dict) and plugin_name(entry) == COURSE_PLUGIN:
            modules_dir = str((entry[COURSE_PLUGIN] or {}).get("modules_dir", modules_dir))
    path = config_file.parent / modules_dir / "course.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not data.get("version"):
        raise SystemExit(f"offline: {path}: field 'version': expected the course version")
    title = str(data.get("short_title") or data.get("title") or "course")
    return {"title": title, "version": str(data["version"])}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")


def build(config_file: Path, site_dir: Path, shim: Path) -> None:
    """Build the offline site strictly into site_dir and add the shim to it."""
    if not shim.is_file():
        raise SystemExit(
            f"offline: the iframe-worker shim is missing at {shim}; run `make offline`, which "
            "installs it from the npm registry into .offline/"
        )
    fd, name = tempfile.mkstemp(prefix=".offline-", suffix=".yml", dir=config_file.parent)
    generated = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("# Generated by scripts/offline.py for the offline copy; safe to delete.\n")
            yaml.safe_dump(offline_config(config_file), out, sort_keys=False)
        env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
        env["NO_MKDOCS_2_WARNING"] = "1"
        result = subprocess.run(
            [MKDOCS, "build", "--strict", "-f", str(generated), "-d", str(site_dir)],
            capture_output=True,
            text=True,
            env=env,
            cwd=config_file.parent,
        )
    finally:
        generated.unlink(missing_ok=True)
    if result.returncode != 0:
        raise SystemExit(f"offline: the build failed:\n{result.stdout}{result.stderr}")
    dest = site_dir / SHIM_DEST
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shim, dest)
    licence = shim.parent.parent / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, dest.parent / "LICENSE")
    # Nothing here is served by a host: the files only a host uses would only puzzle a reader
    # (the 404 page links the site's root, which under file:// is the disk's).
    for name in ("_headers", "sitemap.xml", "sitemap.xml.gz", "404.html"):
        (site_dir / name).unlink(missing_ok=True)
    # Source maps are for developers' tools: a third of the copy's size.
    for path in site_dir.rglob("*.map"):
        path.unlink()


def pack(site_dir: Path, zip_path: Path, folder: str, readme: str) -> None:
    """Zip the site under one folder, in a stable order, with a short README.txt."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/README.txt", readme)
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
    tmp.replace(zip_path)


def make_offline_copy(config_file: Path, out_dir: Path, shim: Path) -> Path:
    """Build and pack the offline copy; return the zip's path."""
    course = course_data(config_file)
    folder = f"{slug(course['title'])}-{course['version']}"
    zip_path = out_dir / f"{folder}-offline.zip"
    title = course["title"]
    readme = README.format(
        title=title,
        version=course["version"],
        underline="=" * len(f"{title}, version {course['version']}: offline copy"),
    )
    with tempfile.TemporaryDirectory(prefix="offline-site-") as tmp:
        site_dir = Path(tmp) / "site"
        build(config_file, site_dir, shim)
        pack(site_dir, zip_path, folder, readme)
    return zip_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="site config")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zip")
    parser.add_argument(
        "--shim",
        type=Path,
        default=SHIM_PACKAGE / "shim" / "index.js",
        help="the iframe-worker shim (from the npm package iframe-worker)",
    )
    args = parser.parse_args(argv)
    zip_path = make_offline_copy(args.config.resolve(), args.out.resolve(), args.shim.resolve())
    print(f"Offline copy: {zip_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
