"""Years and decades written in words or cut short: "nineteen ninety-six", "two thousand and
eight", "twenty twenty-five", "the nineteen-nineties", "'98". A short year or decade without its
century takes the latest century in which it began by publication."""

from __future__ import annotations

import re
from datetime import date

from .periods import Context, Resolved, year
from .words import WORDS

ONES = {w: n for w, n in WORDS.numbers.items() if 1 <= n <= 9 and w.isalpha() and len(w) > 2}
SMALL = {w: n for w, n in WORDS.numbers.items() if n <= 19 and w.isalpha() and len(w) > 2}
TENS = {w: n for w, n in WORDS.numbers.items() if n >= 20}
CENTURIES = {w: n for w, n in SMALL.items() if 10 <= n <= 19} | {"twenty": 20}


def number_in_words(text: str) -> int | None:
    """1-99 written in words ("ninety six", "thirty", "eleven"), or None."""
    words = text.split()
    if len(words) == 1:
        return SMALL.get(words[0]) or TENS.get(words[0])
    if len(words) == 2 and words[0] in TENS and words[1] in ONES:
        return TENS[words[0]] + ONES[words[1]]
    return None


def year_in_words(text: str) -> int | None:
    """A year in words: century and rest, 'nineteen hundred', 'two thousand and eight'."""
    text = re.sub(r"^year ", "", text)
    thousand = re.fullmatch(r"two thousand(?: (?:and )?(?P<rest>.+))?", text)
    if thousand is not None:
        units = number_in_words(thousand["rest"]) if thousand["rest"] else 0
        return None if units is None else 2000 + units
    first, _, rest = text.partition(" ")
    if first not in CENTURIES or not rest:
        return None
    if rest == "hundred":
        return CENTURIES[first] * 100
    oh = re.fullmatch(r"(?:oh|o) (\w+)", rest)
    tail = ONES.get(oh[1]) if oh is not None else number_in_words(rest)
    return None if tail is None else CENTURIES[first] * 100 + tail


def _latest_century(short: int, published: date) -> int:
    century = published.year // 100 * 100
    return century + short if century + short <= published.year else century - 100 + short


def resolve_spelled(text: str, ctx: Context) -> Resolved | None:
    """A year or decade in words, or a year cut short ("'98"); None when it is not one."""
    short = re.fullmatch(r"'(\d\d)", text)
    if short is not None:
        return year(_latest_century(int(short[1]), ctx.published))
    decade = re.fullmatch(r"(?P<century>\w+) (?P<decade>\w+)", text)
    if decade is not None and decade["century"] in CENTURIES and (
            decade["decade"] in WORDS.decades):
        start = CENTURIES[decade["century"]] * 100 + WORDS.decades[decade["decade"]]
        return date(start, 1, 1), date(start + 9, 12, 31), "decade"
    found = year_in_words(text)
    return year(found) if found is not None else None
