"""The site builds the same with ProperDocs, the maintained drop-in fork of MkDocs 1.x.

MkDocs 1.x is unmaintained; ProperDocs runs MkDocs plugins through their entry points and
redirects `mkdocs` imports to itself. Each engine builds in its own process (the redirect is
process-wide), and the two sites must match byte for byte but for the generator tag.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT

BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with(engine: str, config: Path, out: Path) -> None:
    result = subprocess.run(
        [str(BIN / engine), "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/ap/"},
        cwd=config.parent,
    )
    assert result.returncode == 0, f"{engine} failed:\n{result.stdout}\n{result.stderr}"


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.endswith(".gz")
    }


@pytest.mark.parametrize(
    "config", [FIXTURE / "mkdocs.yml", ROOT / "mkdocs.yml"], ids=["fixture", "course"]
)
def test_mkdocs_and_properdocs_build_the_same_site(tmp_path: Path, config: Path) -> None:
    build_with("mkdocs", config, tmp_path / "mkdocs")
    build_with("properdocs", config, tmp_path / "properdocs")
    ours, theirs = files_of(tmp_path / "mkdocs"), files_of(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []
    # The generator tag is the only difference, and each engine names itself.
    index = (tmp_path / "properdocs" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs [\d.]+', index), index[:2000]
