"""The quotation lexicon: verbs that introduce a quotation and words that tell what kind of
body speaks (quotes/data/cue_verbs.tsv, speaker_words.tsv)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ..coding.lexicon import speech_verbs
from ..resources import data_error, package_file, read_tsv

ROLES = frozenset({"document", "outlet", "business", "ending"})


@dataclass(frozen=True)
class QuoteLexicon:
    """Cue verbs and speaker words, loaded and validated."""

    verbs: frozenset[str]  # lemmas that introduce a quotation on their own
    particle_verbs: Mapping[str, frozenset[str]]  # "chime" -> {"in"}
    media_verbs: frozenset[str]  # "report": an unknown name that does this is an outlet
    words: Mapping[str, frozenset[str]]  # role -> words

    def is_cue(self, token: Token) -> bool:
        """Whether a token is a verb that introduces a quotation ('said', 'chimed in')."""
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.verbs:
            return True
        particles = self.particle_verbs.get(lemma)
        return particles is not None and any(
            c.dep_ in ("prt", "advmod", "prep") and c.lower_ in particles for c in token.children)

    def has(self, role: str, word: str) -> bool:
        """Whether a word (any case, final full stop ignored) has a role."""
        return word.lower().rstrip(".") in self.words.get(role, frozenset())


def read_quote_lexicon(folder: Path | None = None, speech: frozenset[str] = frozenset()
                       ) -> QuoteLexicon:
    """Read and validate the quotation data files (default: the packaged ones); `speech` adds
    the coding lexicon's verbs of speech."""

    def path(name: str) -> Path:
        return folder / name if folder else package_file("quotes", name)

    verbs, media = set(speech), set()
    particles: dict[str, set[str]] = {}
    verb_path = path("cue_verbs.tsv")
    for line, row in read_tsv(verb_path, ("lemma", "particle", "media")):
        lemma = row["lemma"].lower()
        if not lemma.isalpha():
            raise data_error(verb_path, line, f"not a lemma: {row['lemma']!r}")
        if row["media"] not in ("", "yes"):
            raise data_error(verb_path, line, f"media must be empty or yes, not {row['media']!r}")
        if row["particle"]:
            particles.setdefault(lemma, set()).add(row["particle"].lower())
        else:
            verbs.add(lemma)
        if row["media"]:
            media.add(lemma)
    words: dict[str, set[str]] = {}
    word_path = path("speaker_words.tsv")
    for line, row in read_tsv(word_path, ("word", "role")):
        if row["role"] not in ROLES:
            raise data_error(word_path, line, f"role must be one of {sorted(ROLES)}, "
                                              f"not {row['role']!r}")
        words.setdefault(row["role"], set()).add(row["word"].lower())
    return QuoteLexicon(frozenset(verbs), {k: frozenset(v) for k, v in particles.items()},
                        frozenset(media), {k: frozenset(v) for k, v in words.items()})


@lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    """The packaged quotation lexicon with the coding lexicon's verbs of speech, read once."""
    return read_quote_lexicon(speech=speech_verbs())
