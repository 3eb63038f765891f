"""Knowledge-base names and sector words found in a parse, and the resulting actor lookup."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from itertools import zip_longest

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Actor, ActorRef
from .kb import KnowledgeBase, Term, cached
from .words import DocWords

# "Thousands of protesters", "a group of rebels": the actor is the group counted.
QUANTITY_NOUNS = frozenset({
    "thousand", "hundred", "dozen", "million", "score", "group", "number", "handful", "some",
    "many", "most", "several", "crowd", "patch", "batch", "contingent", "deployment", "wave",
    "team", "unit", "part", "third", "half", "majority", "bulk", "rest", "all", "both", "each",
    "one", "two", "three", "tens", "hundreds", "thousands", "dozens", "scores", "millions"})
# "Leaders of the opposition coalition": the actor is the body they belong to, when known.
MEMBER_NOUNS = frozenset({"leader", "member", "official", "supporter", "spokesman",
                          "spokeswoman", "spokesperson", "representative", "delegation",
                          "activist", "head", "chief"})

# Words that make a demonym after them a region's: "Central American", "East Asian".
REGION_WORDS = frozenset({"Central", "Latin", "North", "South", "East", "West", "Southeast",
                          "Northeast", "Southwest", "Northwest", "Pan", "Sub-Saharan"})


@dataclass(frozen=True)
class KbMatch:
    """A knowledge-base name found in the text."""

    span: Span
    term: Term


@dataclass
class ActorAnalysis:
    """The actors of one document, and which tokens refer to which actor."""

    actors: list[Actor]
    by_token: dict[int, ActorRef]
    kb_matches: list[KbMatch]
    also: dict[int, list[ActorRef]] = field(default_factory=dict)  # further actors of a head

    def ref(self, token: Token) -> ActorRef | None:
        """The actor a token belongs to; an apposition names it better ('its ally the US'),
        but not a name ('Pakistan, a key U.S. ally')."""
        return self.by_token.get(self._referent(token).i)

    def refs(self, token: Token) -> list[ActorRef]:
        """Every actor a token stands for: 'Hungarian and Romanian officials' are two, and
        so are 'scores of Sierra Leonean and Liberian refugees'."""
        referent = self._referent(token)
        first = self.by_token.get(referent.i)
        if first is None:
            return []
        found = [first, *self.also.get(referent.i, [])]
        if referent.i != token.i:  # "scores of [Sierra Leonean] and [Liberian refugees]"
            for other in referent.conjuncts:
                ref = self.by_token.get(self._referent(other).i)
                if ref is not None and ref not in found:
                    found.append(ref)
        return found

    def _referent(self, token: Token) -> Token:
        """The token whose actor a token stands for: itself, its apposition, or what it
        counts or is part of ('thousands of Kurds', 'members of Hamas')."""
        found = self.by_token.get(token.i)
        if found is None or token.pos_ != "PROPN":
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.by_token:
                    return child
        lemma = token.lemma_.lower()
        if (found is None and lemma in QUANTITY_NOUNS) or (
                lemma in MEMBER_NOUNS and (found is None or not found.country)):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objects = [o for o in prep.children if o.dep_ == "pobj"]
                    inner = self._referent(objects[0]) if objects else None
                    if inner is not None and inner.i in self.by_token:
                        return inner
        return token


def unaccented(word: str) -> str:
    """A word without its accents, so that 'Condé' in a text finds 'Conde' in a table and
    'José' in a dictionary finds 'Jose' in a text."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class PhraseIndex:
    """Token sequences by their first two tokens: a phrase matcher that builds in milliseconds
    from cached tokens (spaCy's PhraseMatcher needs a Doc per phrase, seconds for 100,000)."""

    def __init__(self, lower: bool) -> None:
        self.lower = lower
        self.single: dict[str, str] = {}
        self.longer: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}

    def add(self, key: str, tokens: tuple[str, ...]) -> None:
        """Add a phrase; the first key given a token sequence keeps it."""
        tokens = tuple(unaccented(t) for t in tokens)
        if self.lower:
            tokens = tuple(t.lower() for t in tokens)
        if len(tokens) == 1:
            self.single.setdefault(tokens[0], key)
        elif tokens:
            bucket = self.longer.setdefault((tokens[0], tokens[1]), [])
            if all(known != tokens for known, _ in bucket):
                bucket.append((tokens, key))

    def __call__(self, doc: Doc, read: DocWords | None = None) -> list[Span]:
        """Every phrase found, possibly overlapping, as spans labelled by key (`read`: the
        document's words, where the caller has them already)."""
        read = read or DocWords.of(doc)
        # Calling unaccented for every word costs more than the ASCII test most words pass.
        words = [w if w.isascii() else unaccented(w)
                 for w in (read.lower if self.lower else read.text)]
        found = []
        for start, pair in enumerate(zip_longest(words, words[1:])):
            key = self.single.get(pair[0])
            if key is not None:
                found.append(Span(doc, start, start + 1, label=key))
            for tokens, key in self.longer.get(pair, ()):  # (last word, None) starts none
                end = start + len(tokens)
                if end <= len(words) and tuple(words[start:end]) == tokens:
                    found.append(Span(doc, start, end, label=key))
        return found


class ActorMatcher:
    """Knowledge-base names and sector words compiled into phrase indexes."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        texts = [t.text for t in kb.terms]
        phrases = [form for p in kb.sector_words for form in (p, p.title())]
        tokens = tokenized(nlp, [*texts, *phrases])
        plain = common_words(nlp)
        self.names = PhraseIndex(lower=False)
        self.terms: dict[str, Term] = {}
        for index, term in enumerate(kb.terms):
            key = f"t{index}"
            self.terms[key] = term
            self.names.add(key, tokens[term.text])
        for index, term in enumerate(kb.terms):  # capitals after every normal form
            if _capitals_allowed(term, tokens[term.text], plain):
                self.names.add(f"t{index}", tuple(t.upper() for t in tokens[term.text]))
        self.anaphors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, kind in kb.anaphors.items():
            self.anaphors.add(kind, [nlp.make_doc(phrase)])
        self.sectors = PhraseIndex(lower=True)
        for phrase in kb.sector_words:
            # The title-cased form too: the tokenizer keeps "Gen." whole but splits "gen.".
            for form in (phrase, phrase.title()):
                self.sectors.add(phrase, tokens[form])

    def kb_matches(self, doc: Doc, words: DocWords | None = None) -> list[KbMatch]:
        """Non-overlapping knowledge-base names in the document, longest first."""
        return [KbMatch(span, self.terms[span.label_])
                for span in filter_spans(self.names(doc, words))
                if not _in_region_name(span, self.terms[span.label_])]

    def anaphor_spans(self, doc: Doc) -> list[Span]:
        """Noun phrases that refer back ('the country', 'both sides'), labelled by kind."""
        return filter_spans(self.anaphors(doc, as_spans=True))

    def sector_spans(self, doc: Doc, words: DocWords | None = None) -> list[Span]:
        """Non-overlapping sector words and titles in the document."""
        return filter_spans(self.sectors(doc, words))


def _in_region_name(span: Span, term: Term) -> bool:
    """'American' in 'the Central American nation', 'Latin American leaders': a demonym that
    a compass or region word before it makes a region's ('South African', a country's own, is
    a longer name and found first)."""
    return (term.kind == "demonym" and span.start > 0
            and span.doc[span.start - 1].text in REGION_WORDS)


def _capitals_allowed(term: Term, tokens: tuple[str, ...], plain: frozenset[str]) -> bool:
    """Whether a name also matches in capitals ('TEHRAN', 'SECURITY COUNCIL'): not when it is
    capitals already, nor a one-word name of a person or organisation that is also an
    ordinary word ('MAY', 'GREEN', 'APPLE' in a headline)."""
    if not any(c.islower() for c in term.text):
        return False
    if len(tokens) > 1 or term.kind in ("country", "demonym", "seat"):
        return True
    return term.kind == "organisation" and tokens[0].lower() not in plain


def common_words(nlp: Language) -> frozenset[str]:
    """Ordinary English words: the lemmatizer's word index and the stop words."""
    words: set[str] = set(nlp.Defaults.stop_words)
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore
    except (KeyError, ValueError, AttributeError):
        return frozenset(words)
    for pos in index:
        words.update(index[pos])
    return frozenset(words)


def tokenized(nlp: Language, texts: list[str]) -> dict[str, tuple[str, ...]]:
    """The tokens of each text, read from a cache file when the same texts were tokenized
    before by the same tokenizer (the cache is skipped where it cannot be written)."""
    unique = sorted(set(texts))
    digest = hashlib.sha1("\n".join([
        spacy.__version__, nlp.meta.get("name", ""), nlp.meta.get("version", ""), *unique,
    ]).encode("utf-8")).hexdigest()[:20]

    def build() -> dict[str, tuple[str, ...]]:
        docs = nlp.tokenizer.pipe(unique)  # type: ignore[union-attr]
        return {text: tuple(t.text for t in doc) for text, doc in zip(unique, docs, strict=True)}

    return cached(f"tokens-{digest}", dict, build)
