"""One contract between the build and the browser code (plugins/permanence_course/contract.json):
the class and attribute names the build writes are declared once, the scripts take the slide
classes from the manifest the build publishes, and a rename on either side fails here (renaming
`ap-summary` in generated.py would silently drop every module summary from the slides)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from permanence_course import contract
from tests.conftest import ROOT, Site

ASSETS = ROOT / "plugins/permanence_course/assets"
PLUGIN = ROOT / "plugins/permanence_course"
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
DATA_AP = re.compile(r"\s(data-ap-[a-z-]+)[\s=>]")


def pages(site: Site, under: str = "") -> list[Path]:
    return sorted((site.root / under).rglob("index.html"))


def ap_classes(files: list[Path]) -> set[str]:
    found: set[str] = set()
    for file in files:
        for value in CLASS_ATTR.findall(file.read_text(encoding="utf-8")):
            found |= {c for c in value.split() if c.startswith("ap-")}
    return found


def ap_attributes(files: list[Path]) -> set[str]:
    found: set[str] = set()
    for file in files:
        found |= set(DATA_AP.findall(file.read_text(encoding="utf-8")))
    return found


def asset_text() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(ASSETS.rglob("*"))
        if p.suffix in (".js", ".css")
    )


def test_every_class_the_build_writes_on_module_pages_is_declared(fixture_site: Site) -> None:
    written = ap_classes(pages(fixture_site, "modules"))
    declared = set(contract.names("slide_classes")) | set(contract.names("page_classes"))
    assert written - declared == set(), "written by the build but not in contract.json"


def test_every_declared_class_is_still_written_by_the_build(fixture_site: Site) -> None:
    written = ap_classes(pages(fixture_site))
    for part in ("slide_classes", "page_classes"):
        missing = set(contract.names(part)) - written
        assert missing == set(), f"{part} in contract.json that the build no longer writes"


def test_every_attribute_the_build_writes_is_declared_and_read(fixture_site: Site) -> None:
    written = ap_attributes(pages(fixture_site))
    read = set(contract.names("attributes"))
    markers = set(contract.names("marker_attributes"))
    assert written - read - markers == set(), "written by the build but not in contract.json"
    assert read - written == set(), "in contract.json but no longer written by the build"
    assets = asset_text()
    assert [a for a in sorted(read) if not re.search(rf"{a}(?![\w-])", assets)] == []
    # A marker no script reads is still written by the plugin's code.
    code = "\n".join(p.read_text("utf-8") for p in PLUGIN.glob("*.py"))
    for name in markers:
        assert name in code or name.removeprefix("data-").replace("-", "_") in code, name


def test_the_scripts_take_the_slide_classes_from_the_published_manifest(
    fixture_site: Site,
) -> None:
    script = next((fixture_site.root / "assets/permanence/js").glob("manifest.*.js"))
    text = script.read_text(encoding="utf-8")
    data = json.loads(text[text.index('"data":') + 7 : text.rindex("}")])
    assert data["contract"]["slide_classes"] == contract.names("slide_classes")
    present = (ASSETS / "js/pages/present.js").read_text(encoding="utf-8")
    assert "contract" in present and "slide_classes" in present
    # The list is not written again in the browser code (it was a regular expression there).
    for path in sorted((ASSETS / "js").rglob("*.js")):
        code = path.read_text(encoding="utf-8")
        assert "module-meta" not in code and "outcome-text" not in code, path.name
