"""Event coding: predicates from the parse, the pattern lexicon, code assignment, and the
countries the context gives the actors the text leaves unsaid."""

from .coder import Consideration, Draft, code_document
from .context import story_country, with_place_context, with_story_context
from .lexicon import Lexicon, load_lexicon, read_lexicon

__all__ = ["Consideration", "Draft", "Lexicon", "code_document", "load_lexicon",
           "read_lexicon", "story_country", "with_place_context", "with_story_context"]
