"""A small static server that compresses text with gzip, as real static hosts serve a site.

An uncompressed local server understates every page in Lighthouse (HTML, CSS, JavaScript and the
search index travel several times larger), so the benchmarks serve built sites through this one.
Like Netlify-style hosts, it also sends the headers that the site's `_headers` file names.

    python scripts/compressed_server.py SITE_DIR [--port 8000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

# Types that GitHub Pages, Netlify and nginx's usual set compress; images and fonts are already.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
# The level static hosts commonly use; stated so that figures do not move with zlib's default.
GZIP_LEVEL = 6


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            weight = params.strip()
            return not (weight.startswith("q=") and weight[2:].strip("0.") == "")
    return False


@functools.lru_cache(maxsize=8)
def _headers_rules(path: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def read_headers_file(path: Path) -> dict[str, dict[str, str]]:
    """Rules of a `_headers` file: a URL path on its own line, then indented 'Name: value'."""
    try:
        return _headers_rules(path, path.stat().st_mtime_ns)
    except OSError:
        return {}


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from a directory; text types gzip-compressed when the client accepts it."""

    # Compressed bodies by (path, modification time, size): each file is compressed once, so
    # compression time stays out of the timings that Lighthouse takes.
    cache: ClassVar[dict[tuple[str, int, int], bytes]] = {}
    cache_lock: ClassVar[threading.Lock] = threading.Lock()
    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        headers = {**self.extra_headers, **self.site_headers(self.path.split("?", 1)[0])}
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def site_headers(self, url_path: str) -> dict[str, str]:
        """Headers for url_path from the site's `_headers` file, as Netlify-style hosts apply it."""
        rules = read_headers_file(Path(self.directory) / "_headers")
        found: dict[str, str] = {}
        for pattern, headers in rules.items():
            if pattern == url_path or (pattern.endswith("*") and url_path.startswith(pattern[:-1])):
                found.update(headers)
        return found

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].endswith("/") or not os.path.isfile(index):
                return super().send_head()  # the redirect to '/', or the directory listing
            path = index
        ctype = self.guess_type(path)
        if not (
            os.path.isfile(path)
            and ctype.startswith(COMPRESSED_TYPES)
            and accepts_gzip(self.headers.get("Accept-Encoding"))
        ):
            return super().send_head()
        body = self.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    @classmethod
    def compressed(cls, path: str) -> bytes:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
        with cls.cache_lock:
            if key in cls.cache:
                return cls.cache[key]
        # mtime=0: the same bytes on every run, so transfer sizes are reproducible.
        body = gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        with cls.cache_lock:
            cls.cache[key] = body
        return body


class _Body:
    """The file-like object send_head returns: copyfile() reads it, then it is closed."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.done = False

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        self.done = True
        return self.data

    def close(self) -> None:
        pass


@dataclass
class Server:
    """A site served on 127.0.0.1 until close()."""

    root: Path
    url: str
    httpd: http.server.ThreadingHTTPServer = field(repr=False)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(root: Path, port: int = 0, headers: dict[str, str] | None = None) -> Server:
    """Serve root on 127.0.0.1 (port 0: any free port) in a background thread."""
    handler = type(
        "Handler", (CompressingHandler,), {"cache": {}, "extra_headers": dict(headers or {})}
    )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(root))
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(root, f"http://127.0.0.1:{httpd.server_address[1]}/", httpd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = serve(args.site_dir, args.port)
    print(f"Serving {args.site_dir} gzip-compressed at {server.url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
