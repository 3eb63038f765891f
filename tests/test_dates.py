"""Temporal expressions resolved against the published date (Friday 15 March 2024), and the
date each event gets from its own clause. Sentences here are our own wording, not the
benchmark's."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder import Pipeline
from eventcoder.dates import date_of_event, find_times, resolve_expression
from eventcoder.dates.tense import tense_words
from eventcoder.dates.words import calendar_words
from eventcoder.errors import DataFileError
from eventcoder.nlp import SentenceIndex

PUBLISHED = date(2024, 3, 15)  # a Friday


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("yesterday", False, ("2024-03-14", "2024-03-14", "day")),
    ("today", False, ("2024-03-15", "2024-03-15", "day")),
    ("last night", False, ("2024-03-14", "2024-03-14", "day")),
    ("overnight", False, ("2024-03-14", "2024-03-15", "day")),
    ("Sunday", False, ("2024-03-10", "2024-03-10", "day")),
    ("Sunday", True, ("2024-03-17", "2024-03-17", "day")),
    ("on Friday", False, ("2024-03-15", "2024-03-15", "day")),
    ("Friday", True, ("2024-03-15", "2024-03-15", "day")),
    ("last Friday", False, ("2024-03-08", "2024-03-08", "day")),
    ("next Monday", False, ("2024-03-18", "2024-03-18", "day")),
    ("Monday night", False, ("2024-03-11", "2024-03-11", "day")),
    ("late on Tuesday", False, ("2024-03-12", "2024-03-12", "day")),
    ("Tuesday's", False, ("2024-03-12", "2024-03-12", "day")),
    ("Thursday and Friday", False, ("2024-03-14", "2024-03-15", "day")),
    ("the weekend", False, ("2024-03-09", "2024-03-10", "day")),
    ("this weekend", True, ("2024-03-16", "2024-03-17", "day")),
    ("two days ago", False, ("2024-03-13", "2024-03-13", "day")),
    ("almost a year ago", False, ("2023-01-01", "2023-12-31", "year")),
    ("a week ago", False, ("2024-03-04", "2024-03-10", "week")),
    ("six months ago", False, ("2023-09-01", "2023-09-30", "month")),
    ("the past three days", False, ("2024-03-12", "2024-03-15", "day")),
    ("last week", False, ("2024-03-04", "2024-03-10", "week")),
    ("this week", False, ("2024-03-11", "2024-03-17", "week")),
    ("next week", True, ("2024-03-18", "2024-03-24", "week")),
    ("early next week", True, ("2024-03-18", "2024-03-19", "week")),
    ("next month", True, ("2024-04-01", "2024-04-30", "month")),
    ("last year", False, ("2023-01-01", "2023-12-31", "year")),
    ("late last year", False, ("2023-09-01", "2023-12-31", "year")),
    ("earlier this year", False, ("2024-01-01", "2024-03-15", "year")),
    ("later this month", True, ("2024-03-15", "2024-03-31", "month")),
    ("June 12 to 14", True, ("2024-06-12", "2024-06-14", "day")),
    ("12-14 June", True, ("2024-06-12", "2024-06-14", "day")),
    ("between June 30 and July 2", False, ("2023-06-30", "2023-07-02", "day")),
    ("December 30 to January 3", True, ("2024-12-30", "2025-01-03", "day")),
    ("November 3", False, ("2023-11-03", "2023-11-03", "day")),
    ("March 20", False, ("2024-03-20", "2024-03-20", "day")),
    ("March 3, 2019", False, ("2019-03-03", "2019-03-03", "day")),
    ("Friday, March 8", False, ("2024-03-08", "2024-03-08", "day")),
    ("the 23rd of February", False, ("2024-02-23", "2024-02-23", "day")),
    ("Sept. 11, 2001", False, ("2001-09-11", "2001-09-11", "day")),
    ("in 2015", False, ("2015-01-01", "2015-12-31", "year")),
    ("between 2014 and 2016", False, ("2014-01-01", "2016-12-31", "year")),
    ("2015-16", False, ("2015-01-01", "2016-12-31", "year")),
    ("mid-2020", False, ("2020-05-01", "2020-08-31", "year")),
    ("the first quarter of 2023", False, ("2023-01-01", "2023-03-31", "year")),
    ("the third quarter", False, ("2023-07-01", "2023-09-30", "year")),
    ("the second half of last year", False, ("2023-07-01", "2023-12-31", "year")),
    ("the end of the year", True, ("2024-12-01", "2024-12-31", "year")),
    ("the end of October", True, ("2024-10-21", "2024-10-31", "month")),
    ("May 2021", False, ("2021-05-01", "2021-05-31", "month")),
    ("November", False, ("2023-11-01", "2023-11-30", "month")),
    ("November", True, ("2024-11-01", "2024-11-30", "month")),
    ("last March", False, ("2023-03-01", "2023-03-31", "month")),
    ("early March", False, ("2024-03-01", "2024-03-10", "month")),
    ("mid-May", False, ("2023-05-11", "2023-05-20", "month")),
    ("late June", True, ("2024-06-21", "2024-06-30", "month")),
    ("the 1990s", False, ("1990-01-01", "1999-12-31", "decade")),
    ("the '90s", False, ("1990-01-01", "1999-12-31", "decade")),
    ("the late 1980s", False, ("1987-01-01", "1989-12-31", "decade")),
    ("last spring", False, ("2023-03-01", "2023-05-31", "month")),
    ("the summer of 2019", False, ("2019-06-01", "2019-08-31", "month")),
    ("this winter", False, ("2023-12-01", "2024-02-29", "month")),
    ("the autumn", True, ("2024-09-01", "2024-11-30", "month")),
    ("Christmas Day", False, ("2023-12-25", "2023-12-25", "day")),
])
def test_resolve_expression(text: str, future: bool, expected: tuple[str, str, str]) -> None:
    value, value_end, precision = resolve_expression(text, PUBLISHED, future=future) or (
        None, None, None)
    assert (str(value), str(value_end), precision) == expected


@pytest.mark.parametrize("text", [
    "the holy month of Ramadan", "February 30", "recent weeks", "the coming days", "years",
    "two days later", "the past few days", "several weeks", "2016 to 2014",
    "the following week", "the day after", "weeks later", "nineteen", "two thousand people",
    "the year to date",
])
def test_vague_or_unknown_expressions_resolve_to_nothing(text: str) -> None:
    assert resolve_expression(text, PUBLISHED) is None


@pytest.mark.parametrize("text", [
    "", "the", "last", "early", "the end of", "between and", "12-", "-2015", "Q5 2020",
    "the 3000s", "June 31 to July 40", "next spring of 2019", "99 days ago", "the past 0 days",
    "February 29", "the first quarter of the 1990s", "late early March", "the 45th of May",
    "2019 to 2019", "March of last year", "mid-the year", "this past", "0 weeks ago",
])
def test_odd_expressions_never_raise(text: str) -> None:
    found = resolve_expression(text, PUBLISHED)
    assert found is None or found[0] <= found[1]


@pytest.mark.parametrize(("sentence", "expression", "expected"), [
    # The tense of the verb decides which Sunday.
    ("The foreign minister said Sunday that talks would resume.", "Sunday", "2024-03-10"),
    ("The two leaders will meet on Sunday in Geneva.", "Sunday", "2024-03-17"),
    ("Voters go to the polls on Sunday.", "Sunday", "2024-03-17"),
    ("The leaders are due to meet on Sunday.", "Sunday", "2024-03-17"),
    ("The vote, scheduled for Tuesday, was postponed.", "Tuesday", "2024-03-19"),
    ("The opposition called a general strike for Monday.", "Monday", "2024-03-18"),
    ("Russian troops shelled Kharkiv on Tuesday.", "Tuesday", "2024-03-12"),
    ("The ceasefire was agreed in September.", "September", "2023-09-01"),
    ("The ceasefire will take effect in September.", "September", "2024-09-01"),
    # Expressions the recogniser does not tag.
    ("The militia attacked the base last night.", "last night", "2024-03-14"),
    ("Peace talks will resume in the autumn.", "autumn", "2024-09-01"),
    ("The ceasefire will take effect on New Year's Day.", "New Year's Day", "2025-01-01"),
    ("The crisis deepened in 2018 and 2019.", "2018 and 2019", "2018-01-01"),
])
def test_find_times_reads_tense_from_the_parse(pipeline: Pipeline, sentence: str,
                                               expression: str, expected: str) -> None:
    doc = pipeline.nlp(sentence)
    found = find_times(doc, PUBLISHED, SentenceIndex(doc))
    [time] = [t for t in found if expression in t.value.text or t.value.text in expression]
    assert str(time.value.value) == expected


def test_times_keep_their_offsets_and_unresolved_dates(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Fighting broke out during Ramadan. It ended last week.")
    index = SentenceIndex(doc)
    found = [t.value for t in find_times(doc, PUBLISHED, index)]
    sentences = [s.text for s in doc.sents]
    for time in found:
        assert sentences[time.sentence][time.start:time.end] == time.text
    assert [(t.value is None, t.precision) for t in found] == [(True, "none"), (False, "week")]
    assert all(t.value.value is None for t in find_times(doc, None, index))


def test_dates_stated_whole_need_no_publication_date(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Turkey attacked Syria on June 12, 2019. Talks of the 1990s failed. "
                       "Russia met Iran on Monday.")
    found = {(t.value.text, t.value.value, t.value.value_end)
             for t in find_times(doc, None, SentenceIndex(doc))}
    assert found == {("June 12, 2019", date(2019, 6, 12), date(2019, 6, 12)),
                     ("1990s", date(1990, 1, 1), date(1999, 12, 31)), ("Monday", None, None)}


@pytest.mark.parametrize(("sentence", "anchor", "expected"), [
    # The time of the event's own clause.
    ("Russian troops shelled Kharkiv on Tuesday, officials said.", "shelled", "2024-03-12"),
    ("Iran said on Monday that Israel had attacked its embassy on Saturday.", "attacked",
     "2024-03-09"),
    # For reported speech the time of speaking dates the speech, not the reported event.
    ("Iran said on Monday that Israel had attacked its embassy.", "said", "2024-03-11"),
    ("Iran said on Monday that Israel had attacked its embassy.", "attacked", None),
    ("He will travel to Brasilia next week to meet Lula, his office said on Monday.", "meet",
     "2024-03-18"),
    ("The two sides held talks on Wednesday in Doha.", "held", "2024-03-13"),
    ("Israel and Hamas held talks in Doha.", "held", None),
])
def test_date_of_event(pipeline: Pipeline, sentence: str, anchor: str,
                       expected: str | None) -> None:
    doc = pipeline.nlp(sentence)
    times = find_times(doc, PUBLISHED, SentenceIndex(doc))
    verb = next(t for t in doc if t.text == anchor)
    found = date_of_event(verb, times)
    assert (str(found.value) if found else None) == expected


def test_noun_events_take_the_time_on_their_noun(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Iran condemned Monday's attack on its embassy.")
    times = find_times(doc, PUBLISHED, SentenceIndex(doc))
    condemned = next(t for t in doc if t.text == "condemned")
    attack = next(t for t in doc if t.text == "attack")
    assert date_of_event(condemned, times) is None  # a modifier of the object is not its date
    found = date_of_event(condemned, times, attack)
    assert found is not None and str(found.value) == "2024-03-11"


@pytest.mark.parametrize(("text", "date_", "precision", "source"), [
    ("Russian troops shelled Kharkiv on Tuesday, officials said.", "2024-03-12", "day", "text"),
    ("Iran condemned the attack.", "2024-03-15", "none", "published"),
])
def test_events_carry_date_and_its_source(annotate_text, text: str, date_: str,
                                          precision: str, source: str) -> None:
    event = annotate_text(text).events[0]
    assert (str(event.date), event.date_precision, event.date_source) == (
        date_, precision, source)


def _range(found: tuple | None) -> tuple[str, str, str] | None:
    return None if found is None else (str(found[0]), str(found[1]), found[2])


@pytest.mark.parametrize(("text", "future", "expected"), [
    # Counts of units from publication, at the unit the text names.
    ("three weeks ago", False, ("2024-02-19", "2024-02-25", "week")),
    ("four months ago", False, ("2023-11-01", "2023-11-30", "month")),
    ("a year earlier", False, ("2023-01-01", "2023-12-31", "year")),
    ("two months before", False, ("2024-01-01", "2024-01-31", "month")),
    ("last quarter", False, ("2023-10-01", "2023-12-31", "year")),
    ("this quarter", False, ("2024-01-01", "2024-03-31", "year")),
    ("next quarter", True, ("2024-04-01", "2024-06-30", "year")),
    ("the quarter before last", False, ("2023-07-01", "2023-09-30", "year")),
    ("the month after next", True, ("2024-05-01", "2024-05-31", "month")),
    ("a month from now", True, ("2024-04-01", "2024-04-30", "month")),
    ("in three weeks", True, ("2024-04-01", "2024-04-07", "week")),
    ("in three weeks", False, None),  # in a past clause, a duration
    ("the past month", False, ("2024-02-15", "2024-03-15", "month")),
    ("the previous year", False, ("2023-01-01", "2023-12-31", "year")),
    # Fiscal and business periods.
    ("fiscal 2019", False, ("2019-01-01", "2019-12-31", "year")),
    ("fiscal year 2025", True, ("2025-01-01", "2025-12-31", "year")),
    ("FY2021", False, ("2021-01-01", "2021-12-31", "year")),
    ("the 2020 financial year", False, ("2020-01-01", "2020-12-31", "year")),
    ("the current fiscal year", True, ("2024-01-01", "2024-12-31", "year")),
    ("last fiscal year", False, ("2023-01-01", "2023-12-31", "year")),
    ("the fourth quarter", False, ("2023-10-01", "2023-12-31", "year")),
    ("the fourth quarter", True, ("2024-10-01", "2024-12-31", "year")),
    ("fourth-quarter", False, ("2023-10-01", "2023-12-31", "year")),
    ("Q2", False, ("2023-04-01", "2023-06-30", "year")),
    ("Q3 2022", False, ("2022-07-01", "2022-09-30", "year")),
    ("the September quarter", False, ("2023-07-01", "2023-09-30", "year")),
    ("the October-December quarter", False, ("2023-10-01", "2023-12-31", "year")),
    ("the quarter ended Dec. 31", False, ("2023-10-01", "2023-12-31", "year")),
    ("the year to January", False, ("2023-02-01", "2024-01-31", "year")),
    ("the nine months to Sept. 30", False, ("2023-01-01", "2023-09-30", "month")),
    ("the fiscal year beginning July 1", True, ("2024-07-01", "2025-06-30", "year")),
    ("year-end", False, ("2023-12-01", "2023-12-31", "year")),
    ("year-end", True, ("2024-12-01", "2024-12-31", "year")),
    ("the first half", False, ("2023-01-01", "2023-06-30", "year")),
    ("the second half", True, ("2024-07-01", "2024-12-31", "year")),
    ("the first six months of the year", False, ("2023-01-01", "2023-06-30", "month")),
    ("the 2019-20 season", False, ("2019-01-01", "2020-12-31", "year")),
    # Years and decades in words or cut short.
    ("nineteen eighty-four", False, ("1984-01-01", "1984-12-31", "year")),
    ("two thousand and twelve", False, ("2012-01-01", "2012-12-31", "year")),
    ("twenty nineteen", False, ("2019-01-01", "2019-12-31", "year")),
    ("nineteen oh five", False, ("1905-01-01", "1905-12-31", "year")),
    ("the eighteen-nineties", False, ("1890-01-01", "1899-12-31", "decade")),
    ("the late nineteen-seventies", False, ("1977-01-01", "1979-12-31", "decade")),
    ("the mid-seventies", False, ("1974-01-01", "1976-12-31", "decade")),
    ("'05", False, ("2005-01-01", "2005-12-31", "year")),
    ("'75", False, ("1975-01-01", "1975-12-31", "year")),
    # Coordinated and ranged dates keep both ends.
    ("Nov. 3 and Dec. 1", False, ("2023-11-03", "2023-12-01", "day")),
    ("from Jan. 8 to Feb. 2", False, ("2024-01-08", "2024-02-02", "day")),
    ("the 3rd and 4th of March", False, ("2024-03-03", "2024-03-04", "day")),
    ("from early May to late July", True, ("2024-05-01", "2024-07-31", "month")),
    # A day of the month alone, by tense.
    ("the 4th", False, ("2024-03-04", "2024-03-04", "day")),
    ("the 20th", True, ("2024-03-20", "2024-03-20", "day")),
    ("the 20th", False, ("2024-02-20", "2024-02-20", "day")),
])
def test_resolve_issue_13_forms(text: str, future: bool,
                                expected: tuple[str, str, str] | None) -> None:
    assert _range(resolve_expression(text, PUBLISHED, future=future)) == expected


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("two weeks later", ("2023-06-01", "2023-06-01", "day"), ("2023-06-12", "2023-06-18", "week")),
    ("a year earlier", ("2010-01-01", "2010-12-31", "year"), ("2009-01-01", "2009-12-31", "year")),
    ("the following month", ("2020-01-01", "2020-01-31", "month"),
     ("2020-02-01", "2020-02-29", "month")),
    ("the next day", ("2022-02-28", "2022-02-28", "day"), ("2022-03-01", "2022-03-01", "day")),
    ("the previous quarter", ("2021-01-01", "2021-03-31", "year"),
     ("2020-10-01", "2020-12-31", "year")),
    ("three days earlier", ("2024-01-02", "2024-01-02", "day"),
     ("2023-12-30", "2023-12-30", "day")),
    ("six months later", ("2019-09-01", "2019-09-30", "month"),
     ("2020-03-01", "2020-03-31", "month")),
    # Counts from publication ignore the sentence's date.
    ("two years ago", ("2010-01-01", "2010-12-31", "year"), ("2022-01-01", "2022-12-31", "year")),
])
def test_counts_from_the_sentence_date(text: str, anchor: tuple[str, str, str],
                                       expected: tuple[str, str, str]) -> None:
    resolved = (date.fromisoformat(anchor[0]), date.fromisoformat(anchor[1]), anchor[2])
    assert _range(resolve_expression(text, PUBLISHED, anchor=resolved)) == expected


def _times(pipeline: Pipeline, sentence: str) -> set[tuple[str, str | None, str | None]]:
    doc = pipeline.nlp(sentence)
    return {(t.value.text, str(t.value.value) if t.value.value else None,
             str(t.value.value_end) if t.value.value_end else None)
            for t in find_times(doc, PUBLISHED, SentenceIndex(doc))}


@pytest.mark.parametrize(("sentence", "expected"), [
    # The tense of the verb each expression modifies, not of the sentence's first verb.
    ("The envoy, who arrived in Cairo on Wednesday, will leave on Saturday.",
     {("Wednesday", "2024-03-13", "2024-03-13"), ("Saturday", "2024-03-16", "2024-03-16")}),
    ("The mayor, who will resign in June, took office in May.",
     {("June", "2024-06-01", "2024-06-30"), ("May", "2023-05-01", "2023-05-31")}),
    # Forward words in a past sentence: a payable date, a deferral, a modal.
    ("The board declared a dividend payable June 3.", {("June 3", "2024-06-03", "2024-06-03")}),
    ("The hearing was adjourned until May.", {("May", "2024-05-01", "2024-05-31")}),
    ("Negotiators warned the truce might collapse in August.",
     {("August", "2024-08-01", "2024-08-31")}),
    # Counts from the date the sentence named first.
    ("Talks broke down on Feb. 2 and resumed two weeks later.",
     {("Feb. 2", "2024-02-02", "2024-02-02"), ("two weeks later", "2024-02-12", "2024-02-18")}),
    ("Exports rose in January from the previous month.",
     {("January", "2024-01-01", "2024-01-31"), ("previous month", "2023-12-01", "2023-12-31")}),
    # Coordinated dates keep both ends; the date inside a longer phrase has its own value.
    ("Strikes closed the port on Nov. 3 and Dec. 1.",
     {("Nov. 3 and Dec. 1", "2023-11-03", "2023-12-01")}),
    ("Profit fell in the quarter ended Dec. 31, the bank said.",
     {("quarter ended Dec. 31", "2023-10-01", "2023-12-31"),
      ("Dec. 31", "2023-12-31", "2023-12-31")}),
    ("The minister quit on the 4th.", {("4th", "2024-03-04", "2024-03-04")}),
    ("Unrest peaked in the 1960s and 1970s.", {("1960s and 1970s", "1960-01-01", "1979-12-31")}),
    # A possessive date modifies the noun that ends the range, and is no end itself.
    ("Prices were stable in the eighties until last year's slump.",
     {("eighties", "1980-01-01", "1989-12-31"), ("last year", "2023-01-01", "2023-12-31")}),
])
def test_find_times_values(pipeline: Pipeline, sentence: str, expected: set) -> None:
    assert _times(pipeline, sentence) == expected


@pytest.mark.parametrize(("loader", "text", "reason"), [
    (calendar_words, "set\tword\tvalue\nnumber\tdozen\t12x\n", "line 2: number value"),
    (calendar_words, "set\tword\tvalue\nholiday\teid\t13-01\n", "line 2: holiday date"),
    (calendar_words, "set\tword\tvalue\nplanet\tmars\t4\n", "line 2: unknown set"),
    (tense_words, "set\tword\nfuture_modal\tcan\n", "line 2: unknown set"),
])
def test_word_files_are_validated(tmp_path, loader, text: str, reason: str) -> None:
    path = tmp_path / "words.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=reason):
        loader(path)
