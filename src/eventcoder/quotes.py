"""Direct and indirect quotations, with the actor who said them.

Direct quotations are the text between quotation marks, paired across sentences and across
paragraphs that reopen a quotation. The speaker comes from the verb of speech around the
quotation ('..., Trump said', 'said Trump', 'Trump said: ...'), from 'according to', from the
clause a partial quotation stands in ('called the move "a grave mistake"'), or, for a quotation
that stands alone, from the quotation just before it. Pronoun speakers resolve through the
actors. Reported speech ('X said that ...') is kept as `indirect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import ActorAnalysis
from .coding.lexicon import speech_verbs
from .model import ActorRef, Quote
from .nlp import SentenceIndex

QUOTE_VERBS = speech_verbs() | frozenset({
    "warn", "explain", "continue", "reply", "respond", "answer", "ask", "tweet", "post", "vow",
    "stress", "emphasise", "emphasize", "acknowledge", "admit", "deny", "complain", "urge",
    "recall", "predict", "suggest", "conclude", "remark", "observe", "assert", "maintain",
    "reiterate", "concede", "counter", "retort", "caution", "quip", "joke", "lament", "boast",
    "charge", "call", "describe", "testify", "pledge", "promise", "plead", "shout", "chant",
    "yell", "scream", "whisper", "mutter", "quote", "cite", "tell", "insist", "proclaim",
    "exclaim", "agree", "thunder", "fume", "hit", "blast", "slam", "brand", "dub", "term",
    "label", "accuse", "signal", "indicate", "hint", "announce", "add", "write", "put", "say"})
PERSONAL = frozenset({"he", "she", "him", "her"})
COLLECTIVE = frozenset({"it", "they", "we"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "flat", "nummod", "case"})
MIN_WORDS_WITHOUT_SPEAKER = 3  # shorter quoted phrases need a speaker: scare quotes otherwise
AFTER_WINDOW = 14  # tokens after a closing mark in which its verb of speech may stand


# --- quotation marks ---------------------------------------------------------------------------

def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks left out). A paragraph that ends
    inside a quotation continues it when the next paragraph opens with a mark."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None  # where the open double quotation began
    single: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if start is not None and char == "\n":
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and text[j] in "\"“" and "\n" in text[i:j + 1]:
                ranges.append((start, i))  # the quotation goes on in the next paragraph
                start, i = j + 1, j + 1
                continue
            ranges.append((start, i))
            start = None
        elif char == "“" or (char == '"' and start is None and _is_open(text, i)):
            start, single = i + 1, None
        elif char == "”" or (char == '"' and start is not None):
            if start is not None and i > start:
                ranges.append((start, i))
            start = None
        elif start is None and (char == "‘" or (char == "'" and _is_open(text, i))) and (
                i + 1 < len(text) and text[i + 1].isalpha()):
            single = i + 1
        elif start is None and single is not None and char in "’'" and _is_close(text, i) and (
                i + 1 >= len(text) or not text[i + 1].isalpha()) and (
                text[i - 1] in ".,!?" or " " in text[single:i] or (
                    i - single >= 3 and text[single:i].isalpha())):
            ranges.append((single, i))
            single = None
        i += 1
    if start is not None and len(text) > start:
        ranges.append((start, len(text)))
    return _join_continued(text, ranges)


def _join_continued(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of one quotation split at paragraph breaks become one range again."""
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and re.fullmatch(r"\s*\n\s*[\"“]", text[joined[-1][1]:start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return [(s, e) for s, e in joined if text[s:e].strip()]


# --- speakers ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Speaker:
    """Who said a quotation, as found in the parse."""

    ref: ActorRef | None
    text: str | None
    cue: str


def _subject(verb: Token, inside: set[int]) -> Token | None:
    """The subject of a verb of speech, through relative clauses, participles, coordination."""
    hops = 0
    while hops < 6:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in inside:
                if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ in ("xcomp", "advcl", "conj", "relcl", "acl") and verb.head.i != verb.i:
            if verb.dep_ in ("relcl", "acl"):
                return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
            verb, hops = verb.head, hops + 1
            continue
        return None
    return None


def _phrase_text(token: Token) -> str:
    """The words of a noun phrase up to its head's modifiers (no clauses)."""
    indices = {token.i}
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in PHRASE_DEPS:
                indices.add(child.i)
                stack.append(child)
    return token.doc[min(indices):max(indices) + 1].text


def _according_to(tokens: list[Token]) -> Token | None:
    for token in tokens:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            if to.lower_ == "to":
                objects = [o for o in to.children if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _is_quote_verb(token: Token) -> bool:
    return token.lemma_.lower() in QUOTE_VERBS and token.pos_ in ("VERB", "AUX")


class _Speakers:
    """Finds speakers and resolves them through the actors, remembering who spoke last."""

    def __init__(self, actors: ActorAnalysis, quoted: set[int]) -> None:
        self.actors = actors
        self.quoted = quoted
        self.last_person: Speaker | None = None
        self.last_group: Speaker | None = None

    def of(self, subject: Token, cue: str) -> Speaker:
        """The speaker named by a subject token. A pronoun the actors do not resolve (or
        resolve to someone named inside a quotation) is the last speaker of its kind."""
        ref = self.actors.ref(subject)
        lower = subject.lower_
        text = _phrase_text(subject)
        if lower in PERSONAL and (ref is None or self._named_in_quote(subject, ref)):
            # '"Putin will not succeed," he added': he is the speaker, not the man quoted.
            last = self.last_person
            ref, text = (last.ref, last.text or text) if last else (None, text)
        elif lower in COLLECTIVE and ref is None and self.last_group is not None:
            ref, text = self.last_group.ref, self.last_group.text or text
        speaker = Speaker(ref, text, cue)
        if lower not in PERSONAL | COLLECTIVE:
            if ref is not None and self._kind(ref) != "person":
                self.last_group = speaker
            else:
                self.last_person = speaker
        elif ref is not None:
            if self._kind(ref) == "person":
                self.last_person = speaker
            else:
                self.last_group = speaker
        return speaker

    def _named_in_quote(self, pronoun: Token, ref: ActorRef) -> bool:
        """Whether the nearest earlier name of the pronoun's actor stands inside a quotation."""
        for i in range(pronoun.i - 1, -1, -1):
            other = self.actors.by_token.get(i)
            if other is not None and other.actor == ref.actor and (
                    pronoun.doc[i].lower_ not in PERSONAL):
                return i in self.quoted
        return False

    def _kind(self, ref: ActorRef) -> str:
        return next((a.kind for a in self.actors.actors if a.id == ref.actor), "person")


def _direct_speaker(doc: Doc, inner: Span, quoted: set[int], speakers: _Speakers
                    ) -> Speaker | None:
    """The speaker of a direct quotation from the words around it."""
    first, last = doc[inner.start].sent, doc[inner.end - 1].sent
    after = [t for t in doc[inner.end:last.end] if t.i not in quoted][:AFTER_WINDOW]
    if not any(t.is_alpha for t in after) and last.end < len(doc):
        # '"We will win." Trump said.': the parser may end the sentence at the mark.
        following = doc[last.end].sent
        if _is_quote_verb(following.root) and not any(
                c.dep_ == "ccomp" and c.i not in quoted for c in following.root.children):
            after = [t for t in following if t.i not in quoted][:AFTER_WINDOW]
    before = [t for t in doc[first.start:inner.start] if t.i not in quoted]
    if not any(t.is_alpha for t in before) and first.start > 0:
        previous = doc[first.start - 1].sent  # 'The minister said:' as a sentence of its own
        if previous[-1].text == ":" or (len(previous) > 1 and previous[-2].text == ":"):
            before = [t for t in previous if t.i not in quoted]
    # '..., Trump said.' or '..., said Trump' just after the closing mark.
    words = [t for t in after if t.is_alpha]
    for token in after:
        if _is_quote_verb(token):
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.i in quoted for c in token.children):
                continue  # the quoted words are what the verb is about: '"X" claimed Y'
            subject = _subject(token, quoted)
            if subject is None and words and words[0].i == token.i:
                subject = _inverted_subject(token)  # '"...?" asked one aid worker'
            if subject is not None:
                return speakers.of(subject, token.text)
    # 'Trump said: ...' or 'Trump told reporters, ...' just before the opening mark.
    for token in reversed(before):
        if _is_quote_verb(token):
            subject = _subject(token, quoted)
            if subject is not None:
                return speakers.of(subject, token.text)
    source = _according_to(before + after)
    if source is not None:
        return speakers.of(source, "according to")
    introducer = _introducing_clause(before, quoted)  # 'Scholz was blunt: "..."'
    if introducer is not None:
        return speakers.of(*introducer)
    # A partial quotation: the clause it stands in ('called the move "a grave mistake"').
    head = inner.root.head
    hops = 0
    while head.i in quoted or head.pos_ not in ("VERB", "AUX"):
        if head.head.i == head.i or hops > 8:
            return None
        head, hops = head.head, hops + 1
    verbs = [head, *(a for a in head.ancestors if a.pos_ in ("VERB", "AUX"))]
    verb = next((v for v in verbs if _is_quote_verb(v) and v.i not in quoted), head)
    subject = _subject(verb, quoted)
    if subject is None or head.i in quoted:
        return None
    if inner.root.i in {t.i for t in subject.subtree} or (_is_title(inner) and (
            not _is_quote_verb(verb) or inner.root.head.pos_ in ("NOUN", "PROPN"))):
        return None  # 'The film "All Quiet on the Western Front" won': a name, not words said
    return speakers.of(subject, verb.text)


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after an inverted verb that the parser took for its object."""
    return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "appos",
                                                                         "npadvmod", "nsubj")
                 and c.pos_ in ("NOUN", "PROPN")), None)


def _introducing_clause(before: list[Token], quoted: set[int]) -> tuple[Token, str] | None:
    """'X was blunt:', 'X posted on Facebook:': a clause ending in a colon introduces the
    quotation after it, and its subject says it."""
    words = [t for t in before if not t.is_space]
    while words and words[-1].text in "\"“‘'":
        words = words[:-1]
    if not words or words[-1].text != ":":
        return None
    for token in reversed(words[:-1]):
        if token.pos_ in ("VERB", "AUX"):
            subject = _subject(token, quoted)
            if subject is not None:
                return subject, token.text
    return None


def _is_title(span: Span) -> bool:
    """Quoted words in title case ('All Quiet on the Western Front') name a work."""
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return len(words) >= 2 and all(t.text[0].isupper() for t in words)


def _span_quote(index: SentenceIndex, span: Span, kind: str, speaker: Speaker | None) -> Quote:
    while len(span) > 1 and span[-1].text in (",", ";", ":", ".", "—", "–", "-"):
        span = span[:-1]
    sentence, start, _ = index.locate(span.start, span.start + 1)
    sentence_end, _, end = index.locate(span.end - 1, span.end)
    text = re.sub(r"\s*\n\s*[\"“]?", " ", span.text)  # a quotation over paragraphs
    return Quote(sentence, text, start, end, kind, speaker.ref if speaker else None,
                 sentence_end if sentence_end != sentence else None,
                 speaker.cue if speaker else None, speaker.text if speaker else None)


def find_quotes(doc: Doc, actors: ActorAnalysis, index: SentenceIndex) -> list[Quote]:
    """Quotations of the document, direct and reported, with their speakers; speakers are
    read in document order so that a pronoun can fall back on the one who spoke before."""
    spans: list[Span] = []
    for start, end in quoted_ranges(doc.text):
        inner = doc.char_span(start, end, alignment_mode="contract")
        if inner is not None and len(inner) > 0:
            spans.append(inner)
    quoted = {i for s in spans for i in range(s.start, s.end)}
    speakers = _Speakers(actors, quoted)
    items: list[tuple[int, Span, Token | None, str]] = [(s.start, s, None, "") for s in spans]
    items += [(speaker.i, content, speaker, cue) for speaker, content, cue in
              _reported(doc, quoted, actors, index)]
    quotes: list[Quote] = []
    previous: tuple[Span, Speaker] | None = None
    for _, content, subject, cue in sorted(items, key=lambda item: item[0]):
        if subject is not None:
            quotes.append(_span_quote(index, content, "indirect", speakers.of(subject, cue)))
            continue
        speaker = _direct_speaker(doc, content, quoted, speakers)
        if speaker is None and previous is not None and _continues(previous[0], content, index):
            speaker = Speaker(previous[1].ref, previous[1].text, "continued")
        words = sum(1 for t in content if not t.is_punct)
        if speaker is None and (words < MIN_WORDS_WITHOUT_SPEAKER or _is_title(content)):
            continue  # a scare quote or a title, not a quotation
        if speaker is not None:
            previous = (content, speaker)
        quotes.append(_span_quote(index, content, "direct", speaker))
    return sorted(quotes, key=lambda q: (q.sentence, q.start))


def _continues(earlier: Span, later: Span, index: SentenceIndex) -> bool:
    """A quotation with no cue of its own goes on from the one just before it."""
    gap = index.sentence_of(later.start) - index.sentence_of(earlier.end - 1)
    return 0 <= gap <= 1


def _reported(doc: Doc, quoted: set[int], actors: ActorAnalysis, index: SentenceIndex
              ) -> list[tuple[Token, Span, str]]:
    """Reported speech as (speaker token, reported words, cue): the clause a verb of speech
    governs ('X said that ...'), and 'according to X, ...'."""
    found: list[tuple[Token, Span, str]] = []
    for verb in doc:
        if not _is_quote_verb(verb) or verb.i in quoted:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            tokens = list(clause.subtree)
            if any(t.i in quoted for t in tokens):
                continue  # a direct quotation, whole or partial, says it better
            while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            subject = _subject(verb, quoted)
            if len(tokens) >= 2 and subject is not None:
                found.append((subject, doc[tokens[0].i:tokens[-1].i + 1], verb.text))
    for sent in index.sents:
        tokens = list(sent)
        source = _according_to(tokens)
        if source is None or any(t.i in quoted for t in tokens):
            continue
        if actors.ref(source) is None and source.ent_type_ not in ("PERSON", "ORG", "NORP"):
            continue  # 'according to figures', 'according to the plan'
        phrase = {t.i for t in source.head.head.subtree} | {source.head.head.i}
        rest = [t for t in tokens if t.i not in phrase and not t.is_punct]
        if len(rest) >= 3:
            found.append((source, doc[rest[0].i:rest[-1].i + 1], "according to"))
    return found
