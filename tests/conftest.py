"""Shared test fixtures: strict builds, a local static server and headless Chromium.

Builds set SITE_URL to the test server's own origin, because Material's instant navigation only
engages at site_url's origin: a test on another port would silently get full page loads.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "course"
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def build(
    config_file: Path, site_dir: Path, site_url: str = "", extra_env: dict | None = None
) -> str:
    """Build strictly with the real mkdocs command; return its log. Fails the test on error."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config_file.parent,
    )
    if result.returncode != 0:
        pytest.fail(f"build of {config_file} failed:\n{result.stdout}\n{result.stderr}")
    return result.stderr


def read_headers_file(site_dir: Path) -> dict[str, dict[str, str]]:
    """Parse the `_headers` file the build writes (path lines, then indented 'Name: value')."""
    rules: dict[str, dict[str, str]] = {}
    path = site_dir / "_headers"
    if not path.exists():
        return rules
    current: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif line.strip():
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host would, with the headers from its `_headers` file."""

    headers_extra: ClassVar[dict[str, str]] = {}
    path_headers: ClassVar[dict[str, dict[str, str]]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for k, v in self.headers_extra.items():
            self.send_header(k, v)
        for k, v in self.path_headers.get(self.path.split("?")[0].split("#")[0], {}).items():
            self.send_header(k, v)
        super().end_headers()


@dataclass
class Site:
    """A built site served on 127.0.0.1."""

    root: Path
    url: str
    server: http.server.ThreadingHTTPServer = field(repr=False)

    def page_url(self, path: str = "") -> str:
        return self.url + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(site_dir: Path, sock: socket.socket, headers: dict[str, str] | None = None) -> Site:
    handler = type(
        "Handler",
        (QuietHandler,),
        {"headers_extra": headers or {}, "path_headers": read_headers_file(site_dir)},
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", sock.getsockname()[1]),
        functools.partial(handler, directory=str(site_dir)),
        bind_and_activate=False,
    )
    server.socket.close()
    server.socket = sock
    sock.listen(64)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Site(site_dir, f"http://127.0.0.1:{sock.getsockname()[1]}/", server)


def built_and_served(
    config_file: Path, site_dir: Path, headers: dict[str, str] | None = None
) -> Site:
    sock = free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    try:
        build(config_file, site_dir, url)
    except BaseException:
        sock.close()
        raise
    return serve(site_dir, sock, headers)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = built_and_served(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("fixture-site"))
    yield site
    site.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = built_and_served(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real-site"))
    yield site
    site.close()


# -- browser -----------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own browser, where it was installed


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did that a person would not see: requests, console errors, page errors."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        allowed = ("http://127.0.0.1", "data:", "blob:", "about:", "file://")
        return [u for u in self.requests if not u.startswith(allowed)]


def watch_page(page) -> Watch:
    watch = Watch()
    page.on("request", lambda r: watch.requests.append(r.url))
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    return watch


# Every page a test opens records Content-Security-Policy violations: the site is served with
# its policy as a header, so each browser test also proves its feature works under the policy.
RECORD_CSP_VIOLATIONS = """
window.__apCspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__apCspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
});
"""


def new_context(browser, **kwargs):
    ctx = browser.new_context(
        **{"viewport": {"width": 1280, "height": 900}, "locale": "en-GB", **kwargs}
    )
    ctx.add_init_script(RECORD_CSP_VIOLATIONS)
    return ctx


def csp_violations(page) -> list[str]:
    try:
        return page.evaluate("window.__apCspViolations || []")
    except Exception:  # the page was closed or is navigating: nothing more to read
        return []


def context_violations(ctx) -> dict[str, list[str]]:
    """Content-Security-Policy violations in every page still open in ctx (popups included)."""
    found = {p.url: csp_violations(p) for p in ctx.pages}
    return {url: v for url, v in found.items() if v}


@pytest.fixture
def context(browser):
    ctx = new_context(browser)
    yield ctx
    violations = context_violations(ctx)
    ctx.close()
    assert violations == {}, "Content-Security-Policy violations"


@pytest.fixture
def page(context):
    p = context.new_page()
    p.set_default_timeout(10_000)
    p.watch = watch_page(p)
    yield p
    refused = [e for e in p.watch.errors if "Content Security Policy" in e]
    assert csp_violations(p) == [] and refused == [], "Content-Security-Policy violations"
