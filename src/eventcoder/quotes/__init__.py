"""Direct and indirect quotations, with the actor who said them: quotation marks (marks),
the cue verbs and speaker words (lexicon), the parse around a quotation (syntax), speakers
resolved to actors (speakers), and the quotations of a document (finder)."""

from .finder import find_quotes
from .lexicon import QuoteLexicon, quote_lexicon, read_quote_lexicon
from .marks import quoted_ranges
from .speakers import Speaker, SpeakerResolver

__all__ = [
    "QuoteLexicon",
    "Speaker",
    "SpeakerResolver",
    "find_quotes",
    "quote_lexicon",
    "quoted_ranges",
    "read_quote_lexicon",
]
