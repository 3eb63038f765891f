"""Knowledge-base names and sector words found in a parse, and the resulting actor lookup."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Actor, ActorRef
from .kb import KnowledgeBase, Term

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


class ActorMatcher:
    """Knowledge-base names and sector words compiled into spaCy phrase matchers."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.terms: dict[str, Term] = {}
        for index, term in enumerate(kb.terms):
            key = f"t{index}"
            self.terms[key] = term
            self.names.add(key, [nlp.make_doc(term.text)])
        self.anaphors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, kind in kb.anaphors.items():
            self.anaphors.add(kind, [nlp.make_doc(phrase)])
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in kb.sector_words:
            # The title-cased form too: the tokenizer keeps "Gen." whole but splits "gen.".
            forms = {phrase, phrase.title()}
            self.sectors.add(phrase, [nlp.make_doc(form) for form in forms])

    def kb_matches(self, doc: Doc) -> list[KbMatch]:
        """Non-overlapping knowledge-base names in the document, longest first."""
        spans = [Span(doc, start, end, label=key) for key, start, end in self.names(doc)]
        return [KbMatch(span, self.terms[span.label_]) for span in filter_spans(spans)]

    def anaphor_spans(self, doc: Doc) -> list[Span]:
        """Noun phrases that refer back ('the country', 'both sides'), labelled by kind."""
        return filter_spans(self.anaphors(doc, as_spans=True))

    def sector_spans(self, doc: Doc) -> list[Span]:
        """Non-overlapping sector words and titles in the document."""
        return filter_spans(self.sectors(doc, as_spans=True))
