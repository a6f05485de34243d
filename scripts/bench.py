"""`make bench`: our site against a control build, side by side, in one run.

Measures what a learner on a council laptop or a phone feels, and what an author waits for:

- page quality: Lighthouse (performance, accessibility, best practices, SEO) on the home page, a
  module overview, a quiz page and My plan, for our site and for the control (the same Markdown
  as a plain Material site, scripts/control_site.py), both served gzip-compressed on 127.0.0.1;
- weight: bytes and requests per page, our own JavaScript and CSS per page, quiz code only on
  quiz pages;
- build time: our strict build against the control's, and a generated 40-module course against
  a 4-module one (scripts/generate_course.py: linear growth);
- learner-record speed: My plan with 1,000 goals and reflections stored: render, one
  keystroke's handlers and the save it triggers, in Chromium.

Every figure is the median of several runs. Prints a table with the targets and a closing note
for each target not met (the figure and the reason), and writes bench-results/bench.json and
bench-results/bench.md.

    python scripts/bench.py [--config mkdocs.yml] [--quick] [--sections build,growth,...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.utils.yaml import yaml_load  # noqa: E402
from scripts import control_site, generate_course  # noqa: E402
from scripts.bench_records import RECORDS, measure_learner_records  # noqa: E402
from scripts.compressed_server import GZIP_LEVEL, Server, serve  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

RESULTS = ROOT / "bench-results"
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / ".bench/node_modules/.bin/lighthouse"))
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_NAMES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
SECTIONS = ("quality", "delivery", "build", "growth", "records")

# Targets, from issue 14.
MODULE_PAGE_BYTES_RATIO = 1.25
OUR_ASSETS_BUDGET = 15_000  # bytes of our own JS + CSS on one page, gzip-compressed
BUILD_RATIO = 1.3
GROWTH_MODULES = (4, 40)
GROWTH_RATIO = 11.0
RENDER_MS = 50.0
HOME_HTML_GZIP = 10_000  # the home page's HTML, gzip: the manifest is a cached file, not inlined
SECOND_VIEW_RATIO = 1.10  # bytes for a second page view (instant navigation) against the control
KEYSTROKE_MS = 16.0

OUR_ASSETS = "assets/permanence/"
VENDOR = "assets/permanence/vendor/"  # third-party code we serve (mkdocs-quiz), counted apart
QUIZ_CODE = re.compile(r"mkdocsQuiz|[\w./-]*quiz[\w.-]*\.(?:js|css)\b")
QUIZ_MARKUP = 'class="quiz"'


class BenchError(Exception):
    """Something that stops the benchmarks, with what to do about it."""


# ---------------------------------------------------------------------------------------------
# Small helpers


def median(values: Iterable[float]) -> float:
    data = [v for v in values if v is not None]
    return statistics.median(data) if data else float("nan")


def ratio(ours: float, control: float) -> float:
    return ours / control if control else float("nan")


def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


@functools.cache
def gzip_size(path: Path) -> int:
    """Bytes of path once gzip-compressed as the benchmark server compresses it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def page_url(src: str) -> str:
    """A page's directory URL from its source path (modules/1-x/quiz.md: modules/1-x/quiz/)."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def command_output(cmd: list[str]) -> str:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (result.stdout or result.stderr).strip().splitlines()
    return lines[0] if lines else ""


def machine() -> dict[str, Any]:
    """The machine the figures were taken on."""
    cpu = ""
    memory = ""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = next(
            (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if "model name" in ln), ""
        )
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError, StopIteration):
        pass
    chromium = chromium_path() or ""
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "node": command_output(["node", "--version"]),
        "chromium": command_output([chromium, "--version"]) if chromium else "",
        "lighthouse": command_output([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "",
    }


# ---------------------------------------------------------------------------------------------
# Builds


def build(config: Path, site_dir: Path, site_url: str = "", strict: bool = True) -> float:
    """Build a site with the mkdocs command, as an author would; return the seconds it took."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    # -q only when not strict: a quiet build does not count warnings, so --strict -q passes
    # a site that --strict alone refuses.
    cmd = [MKDOCS, "build", "--strict" if strict else "-q", "-f", str(config), "-d", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=config.parent)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        log = (result.stderr + result.stdout).strip()
        raise BenchError(f"the build of {config} failed{' (strict)' if strict else ''}:\n{log}")
    return seconds


def hook_times(config: Path, site_dir: Path, work: Path) -> dict[str, float]:
    """Seconds spent in each hook of our plugin and mkdocs-quiz, from one profiled build.

    The profiler slows everything alike, so the figures show where the extra time goes rather
    than how long it takes.
    """
    profile = work / "build.prof"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), MKDOCS, "build", "--strict"]
    cmd += ["-q", "-f", str(config), "-d", str(site_dir)]
    subprocess.run(cmd, capture_output=True, env=env, cwd=config.parent, check=False)
    if not profile.exists():
        return {}
    times: dict[str, float] = {}
    profiled = pstats.Stats(str(profile))
    stats = profiled.stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        owner = (
            "permanence-course"
            if "permanence_course" in filename
            else "mkdocs-quiz"
            if "mkdocs_quiz" in filename
            else ""
        )
        if owner and name.startswith("on_") and Path(filename).name == "plugin.py":
            key = f"{owner} {name}"
            times[key] = times.get(key, 0.0) + cumulative
    times = dict(sorted(times.items(), key=lambda kv: -kv[1]))
    times["whole build"] = profiled.total_tt  # type: ignore[attr-defined]
    return times


def manifest_bytes(site_dir: Path) -> int:
    """The course manifest's size: one cached script (assets/permanence/js/manifest.<hash>.js)."""
    found = list(site_dir.glob("assets/permanence/js/manifest.*.js"))
    return found[0].stat().st_size if found else 0


def site_bytes(site_dir: Path) -> int:
    return sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------
# Static weight: our own assets and quiz code, page by page


ASSET_REF = re.compile(
    r'<script[^>]*\bsrc="([^"]+)"|<link[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"'
    r'|<link[^>]*\bhref="([^"]+)"[^>]*\brel="stylesheet"'
)


def page_assets(site_dir: Path, html_file: Path) -> list[Path]:
    """The scripts and stylesheets a page loads, as files of the built site."""
    html = html_file.read_text(encoding="utf-8")
    found = []
    for match in ASSET_REF.finditer(html):
        ref = next(g for g in match.groups() if g).split("?", 1)[0].split("#", 1)[0]
        if "://" in ref or ref.startswith("data:"):
            continue
        path = (site_dir / ref.lstrip("/")) if ref.startswith("/") else html_file.parent / ref
        path = path.resolve()
        if path.is_file() and path not in found:
            found.append(path)
    return found


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")


def our_assets_by_page(site_dir: Path) -> dict[str, dict[str, int]]:
    """Per page (URL path), our own JS and CSS files and their gzip sizes (vendor code apart)."""
    site = site_dir.resolve()
    out: dict[str, dict[str, int]] = {}
    for html_file in site_pages(site):
        rel_page = html_file.parent.relative_to(site).as_posix()
        key = "" if rel_page == "." else rel_page + "/"
        assets = {}
        for path in page_assets(site, html_file):
            rel = path.relative_to(site).as_posix()
            if rel.startswith(OUR_ASSETS) and not rel.startswith(VENDOR):
                assets[rel] = gzip_size(path)
        out[key] = assets
    return out


def quiz_code_without_quiz(site_dir: Path) -> list[str]:
    """Pages that carry quiz code (scripts, styles or config) but have no quiz."""
    site = site_dir.resolve()
    found = []
    for html_file in site_pages(site):
        html = html_file.read_text(encoding="utf-8")
        if QUIZ_MARKUP in html:
            continue
        refs = " ".join(p.name for p in page_assets(site, html_file))
        if QUIZ_CODE.search(refs) or "mkdocsQuiz" in html:
            found.append(html_file.relative_to(site).as_posix())
    return found


# ---------------------------------------------------------------------------------------------
# Lighthouse


def lighthouse_flags() -> str:
    return " ".join(["--headless=new", *CHROMIUM_ARGS])


def run_lighthouse(url: str, out_json: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling: its defaults); its figures."""
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out_json}",
        f"--chrome-flags={lighthouse_flags()}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path() or ""}
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=240)
    if result.returncode != 0 or not out_json.exists():
        raise BenchError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return summarise_lighthouse(json.loads(out_json.read_text(encoding="utf-8")))


METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "Speed Index"),
)


def failing_nodes(audit: dict[str, Any], n: int = 2) -> str:
    """The first elements an audit failed on, as HTML snippets: where to look."""
    items = (audit.get("details") or {}).get("items") or []
    snippets = [
        re.sub(r"\s+", " ", item["node"]["snippet"])[:90]
        for item in items
        if isinstance(item, dict)
        and isinstance(item.get("node"), dict)
        and item["node"].get("snippet")
    ]
    return f" on {', '.join(snippets[:n])}" if snippets else ""


def summarise_lighthouse(report: dict[str, Any]) -> dict[str, Any]:
    audits = report["audits"]
    items = audits["network-requests"]["details"]["items"]
    requests = [i for i in items if not i["url"].startswith("data:")]
    origin = re.match(r"https?://[^/]+/", report.get("finalDisplayedUrl") or report["finalUrl"])
    base = origin.group(0) if origin else ""
    failing: dict[str, list[str]] = {}
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if (
                ref.get("weight", 0) > 0
                and score is not None
                and score < 1
                and cat != "performance"
            ):
                failing.setdefault(cat, []).append(
                    f"{audit['title']} ({ref['id']}{failing_nodes(audit)})"
                )
    return {
        "scores": {cat: report["categories"][cat]["score"] for cat in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "resources": {i["url"].removeprefix(base): i.get("transferSize", 0) for i in requests},
        "metrics": {label: audits[key]["numericValue"] for key, label in METRICS},
        "failing": failing,
        "warnings": report.get("runWarnings", []),
    }


def combine_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of a page's Lighthouse runs; failing audits from any run."""
    failing: dict[str, list[str]] = {}
    for r in runs:
        for cat, titles in r["failing"].items():
            for t in titles:
                if t not in failing.setdefault(cat, []):
                    failing[cat].append(t)
    resources: dict[str, float] = {}
    for url in {u for r in runs for u in r["resources"]}:
        resources[url] = median(r["resources"].get(url, 0) for r in runs)
    return {
        "scores": {cat: median(r["scores"][cat] for r in runs) for cat in CATEGORIES},
        "bytes": median(r["bytes"] for r in runs),
        "requests": median(r["requests"] for r in runs),
        "metrics": {label: median(r["metrics"][label] for r in runs) for _, label in METRICS},
        "resources": resources,
        "failing": failing,
        "runs": [{k: r[k] for k in ("scores", "bytes", "requests", "metrics")} for r in runs],
    }


@dataclass
class BenchPage:
    label: str
    path: str


def bench_pages(config: Path, site_dir: Path) -> list[BenchPage]:
    """Home, the first module overview, the first quiz page and My plan, where they exist."""
    from permanence_course.course import load_course

    with config.open(encoding="utf-8") as f:
        settings = yaml_load(f)
    course, _ = load_course(config.resolve().parent, control_site.modules_dir(settings))
    pages = [BenchPage("Home", "")]
    overview = next((p for p in course.pages if p.kind == "overview"), None)
    if overview:
        pages.append(BenchPage("Module overview", page_url(overview.src)))
    quiz = next((p for p in course.pages if p.kind == "quiz" and p.questions), None)
    if quiz:
        pages.append(BenchPage("Quiz page", page_url(quiz.src)))
    pages.append(BenchPage("My plan", "my-plan/"))
    return [p for p in pages if (site_dir / p.path / "index.html").is_file()]


# ---------------------------------------------------------------------------------------------
# The report


@dataclass
class Target:
    name: str
    figure: str
    target: str
    met: bool | None  # None: could not be measured
    reason: str = ""


@dataclass
class Report:
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def row(
        self,
        section: str,
        metric: str,
        ours: str,
        control: str = "",
        target: Target | None = None,
    ) -> None:
        if target is not None:
            self.targets.append(target)
        status = "" if target is None else {True: "met", False: "NOT MET", None: "n/a"}[target.met]
        self.rows.append((section, metric, ours, control, target.target if target else "", status))


HEADER = ("Section", "Figure", "Ours", "Control", "Target", "Status")


def table_text(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(r[i])) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    previous = ""
    for r in rows:
        cells = list(r)
        if cells[0] == previous:
            cells[0] = ""
        else:
            previous = cells[0]
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def table_markdown(rows: Sequence[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    previous = ""
    for r in rows:
        cells = [c.replace("|", "\\|") for c in r]
        if cells[0] == previous:
            cells[0] = ""
        else:
            previous = cells[0]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def closing_note(report: Report) -> str:
    lines = [
        f"- NOT MET: {t.name}: {t.figure} (target {t.target}). {t.reason}"
        for t in report.targets
        if t.met is False
    ]
    unmeasured: dict[str, list[str]] = {}  # one line for the figures that share a reason
    for t in report.targets:
        if t.met is None:
            unmeasured.setdefault(t.reason, []).append(t.name)
    lines += [f"- n/a: {', '.join(names)}: {reason}" for reason, names in unmeasured.items()]
    lines += [f"- {n}" for n in report.notes]
    if not lines:
        return "Every target met."
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The sections


def section_build(report: Report, config: Path, control: Path, work: Path, runs: int) -> None:
    ours, theirs = [], []
    for _ in range(runs):  # alternated, so a slow spell of the machine hits both alike
        ours.append(build(config, work / "timing-ours", strict=True))
        theirs.append(build(control, work / "timing-control", strict=False))
    o, c = median(ours), median(theirs)
    r = ratio(o, c)
    hooks = hook_times(config, work / "profiled-ours", work)
    report.data["build"] = {"ours_s": ours, "control_s": theirs, "ratio": r, "profile_s": hooks}
    whole = hooks.pop("whole build", 0.0)
    top = [
        f"{name} {seconds:.2f} s" for name, seconds in list(hooks.items())[:3] if seconds >= 0.01
    ]
    where = (
        f" Under a profiler ({whole:.1f} s a build) their hooks take {sum(hooks.values()):.2f} s, "
        f"most in {', '.join(top)}; the rest lies outside the hooks (loading the plugins, and "
        "MkDocs and Material processing the pages and files the plugin adds)."
        if top
        else ""
    )
    report.row(
        "Build time",
        f"Build, median of {runs}",
        f"{o:.2f} s (strict)",
        f"{c:.2f} s",
        Target(
            "build time against the control",
            f"{r:.2f}×",
            f"≤ {BUILD_RATIO}×",
            r <= BUILD_RATIO,
            f"our plugin and mkdocs-quiz add {o - c:.2f} s a build.{where}",
        ),
    )
    report.row("Build time", "Ours ÷ control", f"{r:.2f}×")


def section_growth(report: Report, config: Path, work: Path, runs: int) -> None:
    small, large = GROWTH_MODULES
    times: dict[int, list[float]] = {}
    sites: dict[int, Path] = {}
    configs = {
        n: generate_course.generate(work / f"generated-{n}", n, config) for n in GROWTH_MODULES
    }
    for _ in range(runs):
        for n in GROWTH_MODULES:
            sites[n] = work / f"generated-{n}-site"
            times.setdefault(n, []).append(build(configs[n], sites[n], strict=True))
    s, lg = median(times[small]), median(times[large])
    r = ratio(lg, s)
    manifests = {n: manifest_bytes(sites[n]) for n in GROWTH_MODULES}
    outputs = {n: site_bytes(sites[n]) for n in GROWTH_MODULES}
    report.data["growth"] = {
        "seconds": {str(n): times[n] for n in GROWTH_MODULES},
        "ratio": r,
        "manifest_bytes": {str(n): manifests[n] for n in GROWTH_MODULES},
        "site_bytes": {str(n): outputs[n] for n in GROWTH_MODULES},
    }
    report.row("Build time", f"Generated course, {small} modules", f"{s:.2f} s")
    report.row(
        "Build time",
        f"Generated course, {large} modules (10× content)",
        f"{lg:.2f} s",
        "",
        Target(
            f"build time growth from {small} to {large} modules",
            f"{r:.2f}×",
            f"≤ {GROWTH_RATIO:g}× (linear)",
            r <= GROWTH_RATIO,
            f"work per page grows with the course: the course manifest "
            f"({kb(manifests[small])} at {small} modules, {kb(manifests[large])} at {large}) and "
            f"the whole navigation in every page; the built site grows {ratio(outputs[large], outputs[small]):.1f}× "
            f"({outputs[small] / 1e6:.1f} MB to {outputs[large] / 1e6:.1f} MB).",
        ),
    )


def slower_metrics(ours: dict[str, float], control: dict[str, float]) -> str:
    worse = []
    for label, value in ours.items():
        base = control.get(label, 0)
        if value > base * 1.05 and value - base > (0.01 if label == "CLS" else 20):
            unit = "" if label == "CLS" else " ms"
            worse.append(
                f"{label} {value:.{3 if label == 'CLS' else 0}f}{unit} against {base:.{3 if label == 'CLS' else 0}f}{unit}"
            )
    return (
        ("slower than the control in " + ", ".join(worse) + ".")
        if worse
        else (
            "no metric is clearly slower: the difference is within Lighthouse's run-to-run noise."
        )
    )


def biggest_extras(ours: dict[str, float], control: dict[str, float], n: int = 4) -> str:
    extra = {url: size - control.get(url, 0) for url, size in ours.items()}
    top = sorted(((s, u) for u, s in extra.items() if s > 200), reverse=True)[:n]
    return ", ".join(f"{u or 'the page'} +{kb(s)}" for s, u in top)


def section_quality(
    report: Report,
    pages: list[BenchPage],
    ours: Server,
    control: Server,
    ours_site: Path,
    control_site_dir: Path,
    work: Path,
    runs: int,
) -> None:
    raw: dict[str, dict[str, list[dict[str, Any]]]] = {
        p.label: {"ours": [], "control": []} for p in pages
    }
    total = len(pages) * runs * 2
    done = 0
    for run in range(runs):
        for p in pages:
            for name, server in (("ours", ours), ("control", control)):
                if name == "control" and not (control_site_dir / p.path / "index.html").is_file():
                    continue
                done += 1
                print(f"  Lighthouse {done}/{total}: {name} {p.label} (run {run + 1})", flush=True)
                out = work / f"lh-{name}-{p.label.replace(' ', '-')}-{run}.json"
                raw[p.label][name].append(run_lighthouse(server.url + p.path, out))
    results = {
        label: {name: combine_runs(r) for name, r in by_site.items() if r}
        for label, by_site in raw.items()
    }
    report.data["lighthouse"] = results
    quality_rows(report, pages, results)
    weight_rows(report, pages, results)


def quality_rows(
    report: Report, pages: list[BenchPage], results: dict[str, dict[str, Any]]
) -> None:
    for p in pages:
        o = results[p.label]["ours"]
        c = results[p.label].get("control")
        section = f"Quality: {p.label}"
        for cat in CATEGORIES:
            ov = o["scores"][cat]
            cv = c["scores"][cat] if c else float("nan")
            if cat == "performance":
                target = Target(
                    f"{p.label}: Performance",
                    f"{ov:.2f} against the control's {cv:.2f}",
                    "≥ control",
                    None if c is None else ov >= cv,
                    slower_metrics(o["metrics"], c["metrics"]) if c else "no control page",
                )
            else:
                target = Target(
                    f"{p.label}: {CATEGORY_NAMES[cat]}",
                    f"{ov:.2f}",
                    "1.00",
                    ov >= 1,
                    "failing audits: " + "; ".join(o["failing"].get(cat, [])) + ".",
                )
            report.row(section, CATEGORY_NAMES[cat], f"{ov:.2f}", f"{cv:.2f}", target)


def weight_rows(report: Report, pages: list[BenchPage], results: dict[str, dict[str, Any]]) -> None:
    for p in pages:
        o = results[p.label]["ours"]
        c = results[p.label].get("control")
        section = "Weight"
        r = ratio(o["bytes"], c["bytes"]) if c else float("nan")
        target = None
        if p.path.startswith("modules/"):
            target = Target(
                f"{p.label}: bytes against the control",
                f"{r:.2f}× ({kb(o['bytes'])} against {kb(c['bytes'])})" if c else "",
                f"≤ {MODULE_PAGE_BYTES_RATIO}×",
                None if c is None else r <= MODULE_PAGE_BYTES_RATIO,
                "the most extra bytes: " + biggest_extras(o["resources"], c["resources"]) + "."
                if c
                else "no control page",
            )
        report.row(
            section,
            f"{p.label}: transferred (requests)",
            f"{kb(o['bytes'])} ({o['requests']:.0f})",
            f"{kb(c['bytes'])} ({c['requests']:.0f})" if c else "",
            target,
        )


def section_static_weight(report: Report, site_dir: Path) -> None:
    assets = our_assets_by_page(site_dir)
    sizes = {page: sum(files.values()) for page, files in assets.items()}
    top = max(sizes.values(), default=0)
    heaviest = [page or "home" for page, size in sizes.items() if size == top]
    where = heaviest[0] + (f" and {len(heaviest) - 1} more" if len(heaviest) > 1 else "")
    report.data["our_assets"] = {"by_page": assets, "heaviest": heaviest, "bytes": top}
    files = (
        ", ".join(
            f"{Path(f).name} {kb(s)}"
            for f, s in sorted(assets.get("" if heaviest[0] == "home" else heaviest[0], {}).items())
        )
        if heaviest
        else ""
    )
    report.row(
        "Weight",
        f"Our JS + CSS on the heaviest page ({where}), gzip",
        kb(top),
        "",
        Target(
            "our own JS and CSS on one page",
            f"{kb(top)} on {where}",
            f"< {kb(OUR_ASSETS_BUDGET)}",
            top < OUR_ASSETS_BUDGET,
            f"files: {files}.",
        ),
    )
    bad = quiz_code_without_quiz(site_dir)
    report.data["quiz_code_without_quiz"] = bad
    report.row(
        "Weight",
        "Pages with quiz code but no quiz",
        str(len(bad)),
        "",
        Target(
            "no page carries quiz code without a quiz",
            f"{len(bad)} pages",
            "0",
            not bad,
            "pages: " + ", ".join(bad[:8]) + ".",
        ),
    )


SECOND_VIEW = """(path) => {
  const link = [...document.querySelectorAll("a[href]")].find(
    (a) => new URL(a.href).pathname === new URL(path, location.href).pathname);
  if (!link) throw new Error("no link to " + path);
  link.click();
}"""


def second_view_bytes(browser: Any, url: str, path: str) -> float:
    """Bytes received (compressed, headers included) for a second page view: home first, then
    a click to `path`, which Material's instant navigation fetches without reloading assets."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        received: list[float] = []
        cdp.on("Network.loadingFinished", lambda e: received.append(e["encodedDataLength"]))
        page.evaluate(SECOND_VIEW, path)
        page.wait_for_url(url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        return sum(received)
    finally:
        page.context.close()


def section_delivery(
    report: Report,
    config: Path,
    ours_site: Path,
    control_site_dir: Path,
    ours_url: str,
    control_url: str,
    runs: int,
) -> None:
    """What a learner downloads: the home page's HTML, and a second page view after the first."""
    from playwright.sync_api import sync_playwright

    home, control_home = (
        gzip_size(ours_site / "index.html"),
        gzip_size(control_site_dir / "index.html"),
    )
    report.data["delivery"] = {"home_html_gzip": home, "control_home_html_gzip": control_home}
    report.row(
        "Delivery",
        "Home page HTML, gzip",
        kb(home),
        kb(control_home),
        Target(
            "home page HTML (gzip)",
            kb(home),
            f"≤ {kb(HOME_HTML_GZIP)}",
            home <= HOME_HTML_GZIP,
            "the navigation of every module and page is in each page's HTML.",
        ),
    )
    path = next(
        (p.path for p in bench_pages(config, ours_site) if p.label == "Module overview"), ""
    )
    if not path:
        return
    ours_runs: list[float] = []
    control_runs: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            for _ in range(runs):
                ours_runs.append(second_view_bytes(browser, ours_url, path))
                control_runs.append(second_view_bytes(browser, control_url, path))
        finally:
            browser.close()
    o, c = median(ours_runs), median(control_runs)
    r = ratio(o, c)
    report.data["delivery"].update(
        {"second_view": {"path": path, "ours": ours_runs, "control": control_runs}}
    )
    report.row(
        "Delivery",
        f"Second page view ({path}), bytes",
        kb(o),
        kb(c),
        Target(
            "bytes for a second page view against the control",
            f"{r:.2f}× ({kb(o)} against {kb(c)})",
            f"≤ {SECOND_VIEW_RATIO:g}×",
            r <= SECOND_VIEW_RATIO,
            "a module overview carries its outcomes with their buttons, trainer notes and its "
            "page data; the page's own scripts and styles load once it is reached.",
        ),
    )


def section_records(report: Report, site_url: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            speed = measure_learner_records(browser, site_url, runs=runs)
        finally:
            browser.close()
    report.data["records"] = speed.__dict__
    section = f"Learner records ({RECORDS:,})"
    if not speed.available:
        for name, target in (
            ("My plan render", f"< {RENDER_MS:g} ms"),
            ("Keystroke handler", f"< {KEYSTROKE_MS:g} ms"),
            ("Save after a keystroke", "measured apart"),
        ):
            report.row(
                section, name, "not available yet", "", Target(name, "", target, None, speed.reason)
            )
        return
    report.row(
        section,
        "My plan render (script)",
        f"{speed.render_ms:.1f} ms",
        "",
        Target(
            "My plan render with 1,000 records",
            f"{speed.render_ms:.1f} ms",
            f"< {RENDER_MS:g} ms",
            speed.render_ms < RENDER_MS,
            f"measured by {speed.render_source}, with {speed.seeded.get('goals')} goals and "
            f"{speed.seeded.get('reflections')} reflections stored "
            f"({kb(speed.seeded.get('bytes', 0))} in localStorage); runs: "
            + ", ".join(f"{ms:.0f}" for ms in speed.render_runs)
            + " ms.",
        ),
    )
    report.row(section, "My plan page, all scripts", f"{speed.page_script_ms:.0f} ms")
    has_keys = bool(speed.keystroke_runs)
    report.row(
        section,
        "Keystroke handlers",
        f"{speed.keystroke_ms:.2f} ms" if has_keys else "not measured",
        "",
        Target(
            "a keystroke's handlers",
            f"{speed.keystroke_ms:.2f} ms",
            f"< {KEYSTROKE_MS:g} ms",
            (speed.keystroke_ms < KEYSTROKE_MS) if has_keys else None,
            f"summed over every key and input listener on the page, median of "
            f"{len(speed.keystroke_runs)} keystrokes in My plan's first text field."
            if has_keys
            else "; ".join(speed.notes),
        ),
    )
    has_saves = bool(speed.save_runs)
    report.row(
        section,
        "Save after typing",
        f"{speed.save_ms:.2f} ms ({kb(speed.save_bytes)} written)" if has_saves else "not measured",
        "",
        None
        if has_saves
        else Target(
            "the save a keystroke triggers", "", "measured apart", None, "; ".join(speed.notes)
        ),
    )
    if has_saves:
        report.notes += [f"My plan: {n}." for n in speed.notes]
    if not speed.shows_records:
        report.notes.append(
            "My plan did not show the seeded goals: check SEED_RECORDS in scripts/bench_records.py "
            "against plan.js's record shapes before trusting the render figure."
        )


# ---------------------------------------------------------------------------------------------
# Main


def check_tools(sections: set[str]) -> None:
    if "quality" in sections and not LIGHTHOUSE.exists():
        raise BenchError(
            f"Lighthouse is not installed at {LIGHTHOUSE.relative_to(ROOT)}: `make bench` installs "
            f"it, or run: npm install --prefix .bench --no-save lighthouse@{LIGHTHOUSE_VERSION}"
        )
    if sections & {"quality", "records"} and chromium_path() is None:
        raise BenchError("no Chromium found: install Debian's chromium (make browser)")


def run(args: argparse.Namespace) -> Report:
    sections = set(args.sections)
    check_tools(sections)
    config = args.config.resolve()
    report = Report()
    report.data["machine"] = machine()
    report.data["settings"] = {
        "config": str(config.relative_to(ROOT)) if config.is_relative_to(ROOT) else str(config),
        "sections": sorted(sections),
        "runs": {
            "lighthouse": args.lighthouse_runs,
            "build": args.build_runs,
            "growth": args.growth_runs,
            "records": args.record_runs,
        },
        "lighthouse": "mobile form factor, simulated throttling (defaults); served with gzip "
        f"level {GZIP_LEVEL}",
        "chromium_flags": lighthouse_flags(),
    }
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ap-bench-") as tmp:
        work = Path(tmp)
        ours_site, control_site_dir = work / "ours-site", work / "control-site"
        ours_site.mkdir()
        control_site_dir.mkdir()
        with serve(ours_site) as ours, serve(control_site_dir) as control:
            print(
                f"Building {config.relative_to(ROOT) if config.is_relative_to(ROOT) else config} "
                "(strict) and its control…",
                flush=True,
            )
            try:
                build(config, ours_site, ours.url, strict=True)
            except BenchError as exc:
                raise BenchError(
                    f"{exc}\n\nThe site does not build, so it cannot be measured. While module "
                    "content is being written, measure the fixture course instead:\n"
                    "  make bench BENCH_ARGS='--config tests/fixtures/course/mkdocs.yml'"
                ) from exc
            control_config = control_site.assemble(work / "control", config)
            build(control_config, control_site_dir, control.url, strict=False)
            if "quality" in sections:
                pages = bench_pages(config, ours_site)
                print(
                    f"Lighthouse: {', '.join(p.label for p in pages)} × {args.lighthouse_runs} "
                    "runs, ours and control…",
                    flush=True,
                )
                section_quality(
                    report,
                    pages,
                    ours,
                    control,
                    ours_site,
                    control_site_dir,
                    work,
                    args.lighthouse_runs,
                )
            section_static_weight(report, ours_site)
            if "delivery" in sections:
                print(
                    "Delivery: the home page and a second page view, ours and control…", flush=True
                )
                section_delivery(
                    report,
                    config,
                    ours_site,
                    control_site_dir,
                    ours.url,
                    control.url,
                    args.record_runs,
                )
            if "build" in sections:
                print("Build time, ours and control…", flush=True)
                section_build(report, config, control_config, work, args.build_runs)
            if "growth" in sections:
                print(
                    f"Build time, generated courses of {GROWTH_MODULES[0]} and "
                    f"{GROWTH_MODULES[1]} modules…",
                    flush=True,
                )
                section_growth(report, config, work, args.growth_runs)
            if "records" in sections:
                print("Learner records in Chromium…", flush=True)
                section_records(report, ours.url, args.record_runs)
    report.data["seconds"] = round(time.perf_counter() - started, 1)
    busy_note(report, load_before, os.getloadavg()[0], os.cpu_count() or 1)
    return report


def busy_note(report: Report, before: float, after: float, cores: int) -> None:
    """Say so when other work shared the machine: Lighthouse's simulated throttling scales the
    CPU time it observes, so a busy machine lowers performance scores and lengthens builds."""
    report.data["load_average"] = {"start": before, "end": after, "cores": cores}
    if max(before, after) > 0.75 * cores:
        report.notes.append(
            f"The machine was busy while measuring (1-minute load average {before:.1f} at the "
            f"start and {after:.1f} at the end, on {cores} cores): timings and Lighthouse "
            "performance are less reliable than on an idle machine."
        )


def write_results(report: Report, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "taken": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **report.data,
        "table": [dict(zip(HEADER, r, strict=True)) for r in report.rows],
        "targets": [t.__dict__ for t in report.targets],
        "closing_note": closing_note(report),
    }
    (out_dir / "bench.json").write_text(json.dumps(data, indent=2, default=str) + "\n")
    m = report.data["machine"]
    (out_dir / "bench.md").write_text(
        f"{table_markdown(report.rows)}\n\n{closing_note(report)}\n\n"
        f"Taken {data['taken']} on {m['cores']} cores ({m['cpu']}), {m['memory']} memory, "
        f"{m['chromium']}, Lighthouse {m['lighthouse']}, Node {m['node']}, "
        f"Python {m['python']}; config {report.data['settings']['config']}; load average "
        f"{report.data['load_average']['start']:.1f} at the start.\n"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "mkdocs.yml",
        help="the site to measure (default: the real site, mkdocs.yml)",
    )
    parser.add_argument(
        "--sections",
        type=lambda s: s.split(","),
        default=list(SECTIONS),
        help=f"comma-separated subset of {','.join(SECTIONS)}",
    )
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--build-runs", type=int, default=5)
    parser.add_argument("--growth-runs", type=int, default=3)
    parser.add_argument("--record-runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run of everything (a smoke test)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if args.quick:
        args.lighthouse_runs = args.build_runs = args.growth_runs = args.record_runs = 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        report = run(args)
    except BenchError as exc:
        print(f"\nmake bench: ERROR: {exc}", file=sys.stderr)
        return 2
    write_results(report, args.out)
    print()
    print(table_text(report.rows))
    print()
    print(closing_note(report))
    print(
        f"\nTook {report.data['seconds']:.0f} s. Written to "
        f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}/bench.json "
        "and bench.md."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
