"""Assemble the benchmarks' control: the same Markdown as a plain Material for MkDocs site.

The control is what the course would be without our work: the pages of docs/ and of every module
folder copied into one docs folder (modules/ sits outside docs/, which only our plugin bridges),
built with the same theme settings and Markdown extensions, with our plugin and mkdocs-quiz off.
Quiz blocks stay as text; pages that only our plugin generates (outcome map, key points,
glossary, references) are left out of the navigation. Page URLs are the same as ours, so each
page can be compared with its twin.

    python scripts/control_site.py OUT_DIR [--config mkdocs.yml]
    mkdocs build -f OUT_DIR/mkdocs.yml
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from permanence_course.markdown_ext import ADMONITION_TYPES, DETAILS_TYPES

ROOT = Path(__file__).resolve().parent.parent
OUR_PLUGINS = ("permanence-course", "mkdocs_quiz", "mkdocs-quiz")
NAV_PLACEHOLDER = "@modules"
COURSE_DATA = (".yml", ".yaml")  # module metadata, glossary and references: our plugin's input


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def modules_dir(config: dict[str, Any]) -> str:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and plugin_name(entry) == "permanence-course":
            return str((entry["permanence-course"] or {}).get("modules_dir", "modules"))
    return "modules"


def module_nav(modules_root: Path) -> list[dict[str, Any]]:
    """The modules' navigation as our plugin builds it: 'Module N · Title', overview first."""
    sections = []
    for meta_file in sorted(modules_root.glob("*/module.yml")):
        meta = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
        folder = meta_file.parent
        entries: list[Any] = []
        if (folder / "index.md").is_file():
            entries.append({"Overview": f"modules/{folder.name}/index.md"})
        for name in meta.get("pages") or []:
            if (folder / name).is_file():
                entries.append(f"modules/{folder.name}/{name}")
        sections.append(
            (meta.get("number", 0), {f"Module {meta.get('number')} · {meta.get('title')}": entries})
        )
    return [section for _, section in sorted(sections, key=lambda s: s[0])]


def prune_nav(nav: Any, docs: Path, modules: list[dict[str, Any]]) -> Any:
    """Replace the modules placeholder; drop entries for pages the control does not have."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if (docs / item).is_file():
                out.append(item)
            continue
        title, value = next(iter(item.items()))
        if value == NAV_PLACEHOLDER:
            out.append({title: modules})
        elif isinstance(value, list):
            children = prune_nav(value, docs, modules)
            if children:
                out.append({title: children})
        elif isinstance(value, str) and ("://" in value or (docs / value).is_file()):
            out.append(item)
    return out


def with_block_types(extensions: list[Any]) -> list[Any]:
    """Our plugin renders the course's block types (trainer, stage, ...); the control renders
    them as pymdownx's plain typed blocks, as a site without our work would."""
    types = {
        "pymdownx.blocks.admonition": ADMONITION_TYPES,
        "pymdownx.blocks.details": DETAILS_TYPES,
    }
    out: list[Any] = []
    for entry in extensions:
        name = plugin_name(entry)
        if name in types:
            options = dict((entry[name] or {}) if isinstance(entry, dict) else {})
            options["types"] = [*options.get("types", []), *types[name]]
            entry = {name: options}
        out.append(entry)
    return out


def assemble(out: Path, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """Write the control site for config_file into out; return the control's mkdocs.yml."""
    with config_file.open(encoding="utf-8") as f:
        config: dict[str, Any] = yaml_load(f)  # resolves INHERIT and !ENV like mkdocs does
    root = config_file.resolve().parent
    docs = out / "docs"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    modules_root = root / modules_dir(config)
    for meta_file in sorted(modules_root.glob("*/module.yml")):
        shutil.copytree(
            meta_file.parent,
            docs / "modules" / meta_file.parent.name,
            ignore=lambda _dir, names: [n for n in names if n.endswith(COURSE_DATA)],
        )

    control = {k: v for k, v in config.items() if k not in ("INHERIT", "site_url")}
    control["docs_dir"] = "docs"
    theme = dict(control.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
        control["theme"] = theme
    control["plugins"] = [
        entry for entry in config.get("plugins") or [] if plugin_name(entry) not in OUR_PLUGINS
    ]
    if config.get("nav"):
        control["nav"] = prune_nav(config["nav"], docs, module_nav(modules_root))
    control["markdown_extensions"] = with_block_types(control.get("markdown_extensions") or [])
    # Links to the pages only our plugin writes (glossary, outcome map) have no target here.
    control["validation"] = {
        "nav": {"omitted_files": "info", "not_found": "info", "absolute_links": "info"},
        "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"},
    }
    text = yaml.safe_dump(control, sort_keys=False, allow_unicode=True)
    # Instant navigation engages only at site_url's origin, so the control takes SITE_URL too.
    site_url = config.get("site_url") or "http://127.0.0.1:8000/"
    config_out = out / "mkdocs.yml"
    config_out.write_text(
        f"# The benchmarks' control, assembled by scripts/control_site.py from {config_file}\n"
        f"site_url: !ENV [SITE_URL, {site_url!r}]\n{text}",
        encoding="utf-8",
    )
    return config_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the control site into")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args()
    config = assemble(args.out, args.config)
    print(f"Wrote the control site: build it with mkdocs build -f {config}")


if __name__ == "__main__":
    main()
