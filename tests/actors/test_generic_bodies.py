"""Bodies every country has ('Congress', 'parliament') belong to the story's country, not to
the one country whose own body is best known by that name."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "country"), [
    ("Colombia's minister said on Monday that the government would send the bill to Congress. "
     "Congress rejected the bill.", "COL"),
    ("President Biden urged Congress to pass the bill. Congress rejected the bill on Tuesday.",
     "USA"),
])
def test_congress_is_the_story_countrys(annotate_text, text: str, country: str) -> None:
    doc = annotate_text(text)
    congress = [a for a in doc.actors if any(m.text == "Congress" for m in a.mentions)]
    assert congress and all(a.country == country and a.sector == "LEG" for a in congress)
