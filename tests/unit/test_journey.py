"""The learner's journey written at build time (plugins/permanence_course/journey.py)."""

from __future__ import annotations

from types import SimpleNamespace

from permanence_course import journey


def course(*hours: float) -> SimpleNamespace:
    modules = [SimpleNamespace(number=i + 1, hours=h) for i, h in enumerate(hours)]
    return SimpleNamespace(modules=modules)


def test_course_length_comes_from_the_module_data() -> None:
    assert journey.course_length(course(6, 6, 6, 6)) == "4 modules · about 6 hours each"  # type: ignore[arg-type]
    assert journey.course_length(course(1.5, 1)) == "2 modules · about 2.5 hours in all"  # type: ignore[arg-type]
    assert journey.course_length(course(1)) == "1 module · about 1 hour each"  # type: ignore[arg-type]


def test_minutes_read_as_a_person_says_them() -> None:
    assert journey.minutes_text(45) == "about 45 minutes"
    assert journey.minutes_text(60) == "about 1 hour"
    assert journey.minutes_text(90) == "about 1 hour 30 minutes"
    assert journey.minutes_text(1) == "about 1 minute"


NOTE = '<div class="admonition unconfirmed">\n<p class="admonition-title">Awaiting confirmation</p>\n<p>{}</p>\n</div>'


def test_owner_process_notes_become_trainer_only_and_learner_caveats_stay() -> None:
    owner = NOTE.format("The six hours and the minutes shown on each page are proposals.")
    caveat = NOTE.format("Section 1 comes into force on a day set by regulations.")
    out = journey.mark_owner_notes(f"<p>Before</p>{owner}<p>Between</p>{caveat}")
    marked, kept = out.split("<p>Between</p>")
    assert "data-ap-owner-note data-ap-trainer hidden data-search-exclude" in marked
    assert "For trainers: awaiting the course owner" in marked
    assert kept == caveat  # unchanged, in view
    # Marked once only.
    assert journey.mark_owner_notes(out) == out
