"""The module decks the build writes for Present this module (issue 28): one page a module that
holds every page of the module, rendered, in <template> elements (under file:// a page cannot
read another page), with nothing that would run there."""

from __future__ import annotations

import re

import yaml

from tests.conftest import FIXTURE, Site

TEMPLATE = re.compile(r'<template data-ap-deck-page="([^"]+)">(.*?)</template>', re.S)


def modules() -> list[dict]:
    out = []
    for folder in sorted((FIXTURE / "modules").glob("[0-9]*-*")):
        data = yaml.safe_load((folder / "module.yml").read_text(encoding="utf-8"))
        out.append({"folder": folder.name, "pages": ["index", *(p[:-3] for p in data["pages"])]})
    return out


def test_every_module_has_a_deck_of_its_pages_in_order(fixture_site: Site) -> None:
    found = modules()
    assert len(found) >= 2
    for module in found:
        deck = fixture_site.root / "trainers" / module["folder"] / "present" / "index.html"
        text = deck.read_text(encoding="utf-8")
        pages = TEMPLATE.findall(text)
        assert [p for p, _ in pages] == [
            f"modules/{module['folder']}/{p}" for p in module["pages"]
        ], deck
        assert f'data-ap-deck="{module["folder"].split("-")[0]}"' in text
        for page_id, body in pages:
            assert "<h1" in body, page_id  # the page's own content, rendered
            # Nothing in a deck's copy of a page runs or carries the page's own data.
            assert "<script" not in body and 'id="ap-page"' not in body, page_id
        # The pictures of the pages are found from the deck's address.
        for src in re.findall(r'<img[^>]+src="([^"]+)"', text):
            assert (deck.parent / src).resolve().is_file(), src


def test_the_deck_is_linked_from_the_overview_for_trainers_and_from_the_materials(
    fixture_site: Site,
) -> None:
    overview = (fixture_site.root / "modules/1-basics/index.html").read_text(encoding="utf-8")
    link = re.search(
        r'<p class="ap-flag" data-ap-trainer[^>]*hidden[^>]*>(.*?)</p>', overview, re.S
    )
    assert link and 'href="../../trainers/1-basics/present/"' in link.group(1)
    assert "data-search-exclude" in link.group(0)
    materials = (fixture_site.root / "trainers/materials/index.html").read_text(encoding="utf-8")
    assert '<a href="../1-basics/present/">Present this module</a>' in materials
    assert '<a href="../2-more/present/">Present this module</a>' in materials


def test_the_deck_is_left_out_of_search(fixture_site: Site) -> None:
    index = (fixture_site.root / "search/search_index.json").read_text(encoding="utf-8")
    assert "trainers/1-basics/present/" not in index
