"""Options of the permanence-course plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PermanenceCourseConfig(Config):
    """Options for `permanence-course` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the control build for benchmarks does)."""

    modules_dir = c.Type(str, default="modules")
    """Folder of the course, relative to mkdocs.yml: course data and one folder a module."""

    glossary_terms = c.Type(bool, default=True)
    """Explain glossary terms where they first appear on each page."""

    content_security_policy = c.Type(bool, default=True)
    """Write each page's Content-Security-Policy as a <meta> tag and into `_headers`."""
