"""Printable materials and the offline copy's configuration, without a browser.

The materials' reworking of a page (what a handout leaves out, what a trainer pack shows), the
local procedures file (each mistake names the file and the field) and the configuration the
offline copy is built with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from scripts import offline

from permanence_course.course import CourseError, load_course
from permanence_course.materials import (
    estimate_pages,
    for_paper,
    hours_minutes,
    load_procedures,
    page_material,
    pages,
    parse,
    rebase,
    stage_cards,
)
from tests.conftest import FIXTURE, ROOT

PAGE = """<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1>
<p class="ap-facilitation" data-ap-timing data-ap-trainer hidden>Trainer view · Planned time.
<button data-ap-present>Present this page</button></p>
<p>Intro with <span class="ap-term"><button data-ap-term aria-controls="ap-def-1">kinship care</button><span class="ap-term__definition" id="ap-def-1" hidden>Definition.</span></span> &amp; more.</p>
<h2 id="stage-1">Stage 1: the start</h2>
<p>Opening text.</p>
<p class="ap-facilitation" data-ap-trainer hidden>Facilitation: pause.</p>
<p class="ap-stage-invite" data-ap-stage-invite>Before you open the next stage...</p>
<details class="stage" data-ap-stage="2"><summary>Stage 2: later</summary><p>Stage two text.</p></details>
<div class="admonition reflection" id="m1-r-x" data-ap-reflection="m1-r-x"><p class="admonition-title">Reflection</p><p>Think.</p></div>
<p><a href="../quiz/">The quiz</a> and <a href="#stage-1">the start</a> and <img alt="A" src="img/a.svg"></p>
<details class="commentary" data-ap-commentary><summary>Commentary</summary><p>Commentary text.</p></details>
<div class="admonition trainer" data-ap-trainer hidden data-search-exclude><p>Trainer note.</p></div>
<div class="ap-trainer-tools" data-ap-trainer-tools hidden><button>Trainer view</button></div>
<div id="ap-page" hidden data-json="{}"></div><script src="x.js" defer></script>"""

FROM = "modules/1-x/scenario/"
TO = "trainers/1-x/handout/"


def material(kind: str) -> str:
    return page_material(PAGE, kind, prefix="p-scenario", from_url=FROM, to_url=TO)


def test_the_handout_leaves_out_everything_for_trainers_and_every_feature() -> None:
    out = material("handout")
    for gone in (
        "Trainer note.",
        "Facilitation: pause.",
        "Commentary text.",
        "Stage two text.",  # later stages come as cards
        "Present this page",
        "Trainer view",
        "Definition.",
        "<script",
        'id="ap-page"',
        "data-ap-",
        "headerlink",
        "<h1",
    ):
        assert gone not in out, gone
    for kept in ("Opening text.", "kinship care", "&amp; more", "Stage 2: later", "Think."):
        assert kept in out, kept
    assert out.count('class="ap-notes"') == 3  # after the invite, in the reflection, at the end


def test_the_pack_shows_trainer_notes_prompts_and_every_stage_open() -> None:
    root = parse(material("pack"))
    text = "".join(n.text() for n in root.children)
    for kept in ("Trainer note.", "Facilitation: pause.", "Commentary text.", "Stage two text."):
        assert kept in text, kept
    assert all("open" in d.attrs for d in root.walk() if d.tag == "details")
    assert not [n for n in root.walk() if "hidden" in n.attrs]
    assert "Present this page" not in text


def test_ids_links_and_headings_are_rewritten_for_the_combined_page() -> None:
    root = parse(material("handout"))
    ids = [str(n.attrs["id"]) for n in root.walk() if n.attrs.get("id")]
    assert ids and all(i.startswith("p-scenario-") for i in ids)
    hrefs = [n.attrs["href"] for n in root.walk() if n.tag == "a"]
    assert hrefs == ["../../../modules/1-x/quiz/", "#p-scenario-stage-1"]
    assert next(n for n in root.walk() if n.tag == "img").attrs["src"] == (
        "../../../modules/1-x/scenario/img/a.svg"
    )
    assert [n.tag for n in root.walk() if n.tag[:1] == "h" and n.tag[1:].isdigit()] == ["h3"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("mailto:x@example.org", "mailto:x@example.org"),
        ("#top", "#p-top"),
        ("quiz.html#q1", "../../modules/1-x/quiz.html#q1"),
    ],
)
def test_links_to_other_places_are_kept_working(url: str, expected: str) -> None:
    assert rebase(url, "modules/1-x/section.html", "trainers/1-x/handout.html", "p") == expected


def test_stage_cards_are_the_opening_then_each_stage_without_trainer_material() -> None:
    out = stage_cards(
        PAGE, scenario="Scenario: X", module=1, prefix="p-s", from_url=FROM, to_url=TO
    )
    root = parse(out)
    cards = [n for n in root.children if n.is_("section", "ap-card")]
    assert [c.find("h3").text() for c in cards] == ["Stage 1: the start", "Stage 2: later"]  # type: ignore[union-attr]
    assert "card 2 of 2" in cards[1].text()
    assert "Opening text." in cards[0].text() and "Stage two text." in cards[1].text()
    for gone in ("Trainer note.", "Facilitation", "Commentary text.", "Think."):
        assert gone not in out, gone


def test_stage_card_one_leaves_out_the_skip_link_and_notes_for_the_course_owner() -> None:
    page = (
        '<div class="admonition content-note"><p class="admonition-title">Content note</p>'
        '<p>It mentions loss. You can <a href="../next/">skip this scenario</a> and come back '
        "later. If it stirs feelings, talk to someone.</p></div>"
        '<div class="admonition unconfirmed"><p>Awaiting confirmation: owner-note.</p></div>' + PAGE
    )
    out = stage_cards(page, scenario="S", module=1, prefix="p-s", from_url=FROM, to_url=TO)
    assert "It mentions loss. If it stirs feelings, talk to someone." in out
    assert "skip" not in out.lower() and "owner-note" not in out


def test_on_paper_terms_are_plain_words_and_links_elsewhere_print_their_address() -> None:
    out = for_paper(
        '<p class="ap-print-kicker">Achieving <span class="ap-term"><button data-ap-term>'
        'Permanence</button><span class="ap-term__definition" hidden>Def.</span></span></p>'
        '<p><a href="https://example.org/a">A report</a> and '
        '<a href="https://example.org/b/">https://example.org/b</a> and <a href="../x/">x</a></p>'
    )
    assert "Achieving Permanence</p>" in out and "Def." not in out and "button" not in out
    root = parse(out)
    marked = [a.attrs["href"] for a in root.walk() if "ap-link-address" in a.classes()]
    assert marked == ["https://example.org/a"]  # a bare address is not printed twice


@pytest.mark.parametrize(
    ("minutes", "written"), [(435, "7 h 15 min"), (45, "45 min"), (120, "2 h"), (0, "0 min")]
)
def test_lengths_of_time_are_written_with_units(minutes: int, written: str) -> None:
    assert hours_minutes(minutes) == written


def test_a_page_count_estimate_grows_with_the_content_and_each_card_is_a_sheet() -> None:
    short = estimate_pages("<p>One line.</p>")
    long = estimate_pages("<p>" + "word " * 20000 + "</p>")
    assert short.low == 1 and short.high <= 2
    assert long.low > 10 and long.high > long.low
    cards = estimate_pages('<section class="ap-card"><p>a</p></section>' * 3)
    assert cards.low <= 3 <= cards.high


def write_procedures(tmp_path: Path, text: str) -> Path:
    (tmp_path / "modules").mkdir(exist_ok=True)
    (tmp_path / "modules" / "local-procedures.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sections: not a list\n", "modules/local-procedures.yml: field 'sections'"),
        ("sections:\n  - text: no title\n", "field 'sections[1].title'"),
        ("sections:\n  - {title: T, items: [1, 2]}\n", "field 'sections[1].items'"),
        ("sections:\n  - {title: T, text: [a]}\n", "field 'sections[1].text'"),
        ("organisation: [a, b]\n", "field 'organisation'"),
        ("- a list\n", "modules/local-procedures.yml: file: expected a YAML mapping"),
    ],
)
def test_each_mistake_in_local_procedures_names_the_file_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(CourseError) as caught:
        load_procedures(write_procedures(tmp_path, text), "modules")
    assert message in str(caught.value)


def test_a_bad_local_procedures_file_stops_the_build_with_its_message(tmp_path: Path) -> None:
    course, _ = load_course(FIXTURE, "modules")
    write_procedures(tmp_path, "sections: 3\n")
    course.root = tmp_path
    with pytest.raises(PluginError, match=r"local-procedures\.yml: field 'sections'"):
        pages(course, "modules")


def test_without_a_local_procedures_file_the_page_says_how_to_add_one(tmp_path: Path) -> None:
    course, _ = load_course(FIXTURE, "modules")
    course.root = tmp_path
    assert load_procedures(tmp_path, "modules") is None
    assert (
        "has not added its local procedures yet"
        in pages(course, "modules")["trainers/local-procedures.md"]
    )


def test_the_real_local_procedures_file_is_valid_and_all_placeholders() -> None:
    data = load_procedures(ROOT, "modules")
    assert data is not None and data["sections"]
    assert str(data["organisation"]).startswith("[")


def test_the_offline_configuration_changes_only_what_file_urls_need() -> None:
    config = offline.offline_config(ROOT / "mkdocs.yml")
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["site_url"] == "" and config["use_directory_urls"] is False
    assert config["extra"]["polyfills"] == [offline.SHIM_DEST]
    assert "iframe-worker" in offline.SHIM_DEST  # so Material's offline plugin adds no other
    names = [offline.plugin_name(p) for p in config["plugins"]]
    assert names[-1] == "offline" and "search" in names and "mkdocs_quiz" in names
    ours = next(p for p in config["plugins"] if offline.plugin_name(p) == "permanence-course")
    assert ours["permanence-course"]["content_security_policy"] is False
    assert ours["permanence-course"]["modules_dir"] == "modules"
    assert "navigation.instant" not in config["theme"]["features"]
    assert "search.highlight" in config["theme"]["features"]


def test_the_offline_copy_is_named_from_the_course_file() -> None:
    course = offline.course_data(ROOT / "mkdocs.yml")
    assert offline.slug(course["title"]) == "achieving-permanence"
    assert course["version"]


def test_no_completion_certificate_is_issued_and_the_decision_is_flagged_for_the_owner() -> None:
    course, _ = load_course(ROOT, "modules")
    materials = pages(course, "modules")
    assert not [path for path in materials if "certific" in path]
    assert not [path for path, text in materials.items() if "certific" in text.lower()]
    # The owner review page lists it among the decisions waiting for the course owner.
    assert [item for _, _, item in course.owner_items if "certif" in item.lower()]
    trainers = (ROOT / "docs" / "trainers" / "index.md").read_text(encoding="utf-8")
    flag = trainers.split("/// unconfirmed", 1)[1].split("///", 1)[0]
    assert "the course owner's decision" in flag
    assert "does not issue completion certificates" in flag


def test_the_readme_and_the_privacy_page_explain_the_offline_copy() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "make offline # writes dist/achieving-permanence-<version>-offline.zip" in readme
    assert "open `index.html` in the folder" in readme
    privacy = " ".join((ROOT / "docs" / "privacy.md").read_text(encoding="utf-8").split())
    assert "every local page opened in that browser shares one storage area" in privacy
