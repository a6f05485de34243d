"""What site search can find: nothing that a learner should meet only in its turn."""

from __future__ import annotations

import json

from tests.conftest import Site


def test_search_never_gives_a_scenario_away(fixture_site: Site) -> None:
    index = json.loads((fixture_site.root / "search/search_index.json").read_text())
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert "I want to stay with my nan." in text  # the first stage is searchable
    # Later stages and the facilitator commentary appear only once revealed on the page.
    assert "secret-stage-two" not in text
    assert "secret-commentary" not in text
    assert "Stage 3: much later" not in text
