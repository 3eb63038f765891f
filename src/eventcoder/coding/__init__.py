"""Event coding: predicates from the parse, the pattern lexicon, and code assignment."""

from .coder import Consideration, Draft, code_document
from .drafts import GUESSED_TARGET
from .lexicon import Lexicon, load_lexicon, read_lexicon

__all__ = ["GUESSED_TARGET", "Consideration", "Draft", "Lexicon", "code_document",
           "load_lexicon", "read_lexicon"]
