"""Countries from an event's context: targets where the text names none, the country of
unnamed local groups and of unclaimed attacks, a government's own people, and what stays
without one."""

from __future__ import annotations


def _dyads(doc) -> set[tuple[str | None, str, str | None, str]]:
    return {(e.source.code if e.source else None, e.code.cameo,
             e.target.code if e.target else None, e.rule) for e in doc.events}


def test_protesters_belong_to_the_country_they_protest_in(annotate_text) -> None:
    [(source, code, target, rule)] = _dyads(annotate_text(
        "Protesters blocked roads in Algiers on Sunday."))
    assert (source, code[:2], target) == ("DZAOPP", "14", "DZA")
    # the protesters' country comes from the story (actors/story.py) or the place
    assert rule.endswith("+place")


def test_an_unclaimed_bombing_is_coded_to_the_country_it_happens_in(annotate_text) -> None:
    doc = annotate_text("A roadside bomb killed two soldiers near Samarra on Sunday.")
    [event] = doc.events
    assert event.source is not None and event.source.country == "IRQ"
    assert "+place-source" in event.rule and event.confidence < 0.7
    # the country joins the document's actors, with the place name as its mention
    assert any(a.country == "IRQ" and a.id == event.source.actor for a in doc.actors)


def test_foreign_aid_workers_keep_no_country_but_aim_at_the_place(annotate_text) -> None:
    [(source, code, target, _)] = _dyads(annotate_text(
        "Red Cross officials suspended aid deliveries in Baghdad."))
    assert (source, code[:2], target) == ("NGO", "16", "IRQ")


def test_a_threat_of_attacks_in_a_country_targets_it(annotate_text) -> None:
    [(source, code, target, _)] = _dyads(annotate_text(
        "Hamas threatened to resume attacks in Israel."))
    assert (source, code, target) == ("PSEREB", "138", "ISR")


def test_talks_at_home_are_not_aimed_at_the_host(annotate_text) -> None:
    [(source, code, target, _)] = _dyads(annotate_text("Japan agreed to hold talks in Tokyo."))
    assert (source, code[:2], target) == ("JPN", "03", None)


def test_a_government_acts_on_its_own_people_when_no_place_is_said(annotate_text) -> None:
    dyads = _dyads(annotate_text("Egyptian police arrested dozens of demonstrators."))
    assert {(s, c[:2], t) for s, c, t, _ in dyads} == {("EGYCOP", "17", "EGYOPP")}
    # an army often fights abroad: its enemies get no country from it
    dyads = _dyads(annotate_text("American troops killed dozens of rebels."))
    assert {(s, c[:2], t) for s, c, t, _ in dyads} == {("USAMIL", "19", "REB")}


def test_an_unnamed_judge_or_party_is_of_the_country_it_acts_on(annotate_text) -> None:
    [(source, code, target, _)] = _dyads(annotate_text(
        "A judge opened fraud investigations against 28 Chilean government officials."))
    assert (source, code[:2], target) == ("CHLJUD", "09", "CHLGOV")


def test_an_ethnic_group_is_of_the_country_where_it_acts(annotate_text) -> None:
    [(source, code, target, _)] = _dyads(annotate_text(
        "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia."))
    assert (source, code[:2], target) == ("SRB", "14", "SRB")
    # without a place the group keeps the country its name gives
    [(source, _, _, _)] = _dyads(annotate_text("Ethnic Albanians demonstrated on Tuesday."))
    assert source == "ALB"


def test_soldiers_attacked_somewhere_are_of_that_country(annotate_text) -> None:
    dyads = _dyads(annotate_text("Rebels ambushed soldiers near Gao in Mali."))
    assert {(c[:2], t) for _, c, t, _ in dyads} == {("19", "MLIMIL")}


STORY = ("Kenya's parliament debated the budget on Monday. Kenya's finance minister defended "
         "it. Nairobi said the plan was fair. Teachers launched a general strike on Tuesday. "
         "Lawmakers urged the union to return to work.")


def test_unnamed_national_groups_take_the_story_country(annotate_text) -> None:
    dyads = {(s, c[:2], t, r) for s, c, t, r in _dyads(annotate_text(STORY))}
    # The strike: teachers of the story's country, aimed at its government (implicit).
    assert any(s == "KENEDU" and c == "14" and t == "KENGOV" and "+implicit-target" in r
               for s, c, t, r in dyads), dyads
    # The appeal: lawmakers take the story's country.
    assert any(s == "KENLEG" and c == "02" for s, c, t, r in dyads), dyads


def test_a_story_about_several_countries_lends_none(annotate_text) -> None:
    doc = annotate_text("Kenya and Uganda held talks. France and Germany met. "
                        "Protesters marched on Tuesday.")
    assert all("+story-" not in e.rule for e in doc.events), [e.rule for e in doc.events]


def test_a_government_investigation_with_no_one_named_is_at_home(annotate_text) -> None:
    [(source, code, target, rule)] = _dyads(annotate_text(
        "Taiwan's president said corruption was rife in Taiwan. The government launched a "
        "probe in November over corruption."))
    assert (source, code[:2], target) == ("TWNGOV", "09", "TWN")
    assert rule.endswith("+home-target")
