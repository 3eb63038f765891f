"""Group anaphors stand for as many earlier actors as they say: 'the three countries', 'the
two presidents'."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "expected"), [
    ("Panama, Guatemala and Venezuela met in Caracas. The three countries signed the accord.",
     {(a, b) for a in ("PAN", "GTM", "VEN") for b in ("PAN", "GTM", "VEN") if a != b}),
    ("Lithuanian President Dalia Grybauskaite met Bosnian President Zeljko Komsic in Sarajevo. "
     "The two presidents praised Serbia.", {("LTU", "SRB"), ("BIH", "SRB")}),
])
def test_a_group_anaphor_is_each_of_its_members(annotate_text, text: str, expected: set) -> None:
    doc = annotate_text(text)
    last = max(e.sentence for e in doc.events)
    dyads = {(e.source.country if e.source else None, e.target.country if e.target else None)
             for e in doc.events if e.sentence == last}
    assert dyads == expected
