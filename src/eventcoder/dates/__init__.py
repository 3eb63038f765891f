"""Dates: temporal expressions found in the parse, resolved against the published date, and
the date of each event.

- `grammar`: the calendar grammar (`resolve_expression`), with `relative` (counted from
  publication or an earlier date), `business` (fiscal periods, quarters), `spelled` (years in
  words), `periods` (calendar arithmetic) and `words` (its word lists, from data/).
- `tense`: which way an expression points, from the verb it modifies.
- `finder`: the expressions of a parsed document (`find_times`).
- `attach`: the date of an event (`date_of_event`).
"""

from ..syntax import governing_verb
from .attach import date_of_event
from .finder import FoundTime, find_times
from .grammar import resolve_expression
from .periods import Resolved
from .tense import looks_ahead, tense_of

__all__ = ["FoundTime", "Resolved", "date_of_event", "find_times", "governing_verb",
           "looks_ahead", "resolve_expression", "tense_of"]
