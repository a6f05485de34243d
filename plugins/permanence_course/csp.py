"""The Content-Security-Policy the built site satisfies, page by page.

Material's inline scripts differ by page depth, so each page gets its own script hashes. The
policy goes into every page as a <meta> tag (GitHub Pages sets no headers) and into `_headers`
for hosts that read one (there `frame-ancestors`, which a <meta> policy cannot carry, is added).
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
HANDLER_ATTR = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)

BASE_POLICY = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def _run_inline(html: str) -> list[re.Match[str]]:
    """Inline <script> elements the browser would run (JSON data and src= scripts are not)."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs:
            continue
        kind = re.search(r'type="([^"]+)"', attrs)
        if kind and kind.group(1) not in ("text/javascript", "module", "application/javascript"):
            continue
        found.append(match)
    return found


def inline_scripts(html: str) -> list[str]:
    """Inline scripts in a page's content, shortened for a message. Only the theme's own may be
    hashed into the policy: one in the content would be allowed by its hash without review."""
    return [m.group(0)[:80] for m in _run_inline(html)]


def inline_script_hashes(html: str) -> list[str]:
    """sha256 sources for every inline script the browser would run (JSON data is not run)."""
    hashes = []
    for match in _run_inline(html):
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str, *, header: bool = False) -> str:
    script_src = " ".join(["script-src 'self'", *inline_script_hashes(html)])
    parts = [BASE_POLICY[0], script_src, *BASE_POLICY[1:]]
    if header:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def add_meta(html: str) -> tuple[str, str]:
    """Insert the page's policy as the first thing in <head>; return the page and its header policy."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", f"<head>\n{meta}", 1), policy(html, header=True)


def handler_attributes(html: str) -> list[str]:
    """Inline event-handler attributes left in a page (a strict policy blocks them)."""
    return [m.group(0)[:80] for m in HANDLER_ATTR.finditer(html)]


def headers_file(policies: dict[str, str]) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages and others): one block per page path."""
    blocks = []
    for path, value in sorted(policies.items()):
        blocks.append(
            f"{path}\n  Content-Security-Policy: {value}\n  X-Content-Type-Options: nosniff\n"
            "  Referrer-Policy: no-referrer\n"
        )
    return "\n".join(blocks)
