"""Meta descriptions survive the theme's unescaped `content="{{ page.meta.description }}"`
(issue 22: two module pages' descriptions were cut at their first quotation mark)."""

from __future__ import annotations

from html.parser import HTMLParser

from permanence_course import generated
from tests.conftest import ROOT


def meta_content(description: str) -> str | None:
    """The description as a browser reads it from the tag Material writes."""
    found: list[str | None] = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta":
                found.append(dict(attrs).get("content"))

    Meta().feed(f'<meta name="description" content="{description}">')
    return found[0] if found else None


def test_quotes_and_ampersands_in_a_description_reach_the_reader_whole() -> None:
    text = '"Disruption" and "breakdown" are the words used when a home ends early & at 3 < 4 years, she said.'
    assert meta_content(generated.description(text)) == text


def test_the_module_pages_that_quote_words_have_whole_descriptions() -> None:
    page = ROOT / "modules" / "4-sustaining" / "preventing-and-managing-disruption.md"
    if not page.exists():
        return
    body = page.read_text(encoding="utf-8").split("---", 2)[-1]
    content = meta_content(generated.description(body)) or ""
    assert content.count('"') % 2 == 0 and len(content) > 60
