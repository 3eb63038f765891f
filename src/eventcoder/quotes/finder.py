"""Direct and indirect quotations of a document, each with its speaker.

Direct quotations are the text between quotation marks (marks.py). The speaker comes from the
cue around the quotation ('..., Trump said', 'said Trump', 'Trump said: ...', 'Trump fumed'),
from 'according to', from a byline ('Name, Paper: "..."'), from a clause ending in a colon,
from the clause a partial quotation stands in ('called the move "a grave mistake"'), or, for a
quotation that stands alone, from the quotation just before it. Reported speech ('X said that
...') is kept as `indirect`. Speakers resolve through speakers.py."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors import ActorAnalysis
from ..model import Quote
from ..nlp import SentenceIndex
from .lexicon import QuoteLexicon, quote_lexicon
from .marks import quoted_ranges
from .speakers import Speaker, SpeakerResolver
from .syntax import according_to, byline, introducing_clause, inverted_subject, is_title, subject

MIN_WORDS_WITHOUT_SPEAKER = 3  # shorter quoted phrases need a speaker: scare quotes otherwise
AFTER_WINDOW = 14  # tokens after a closing mark in which its verb of speech may stand


def find_quotes(doc: Doc, actors: ActorAnalysis, index: SentenceIndex,
                lexicon: QuoteLexicon | None = None) -> list[Quote]:
    """Quotations of the document, direct and reported, with their speakers; speakers are
    read in document order so that a pronoun can fall back on the one who spoke before.
    Speaking bodies the actors did not know are added to `actors.actors`."""
    lexicon = lexicon or quote_lexicon()
    spans: list[Span] = []
    for start, end in quoted_ranges(doc.text):
        inner = doc.char_span(start, end, alignment_mode="contract")
        if inner is not None and len(inner) > 0:
            spans.append(inner)
    quoted = {i for s in spans for i in range(s.start, s.end)}
    speakers = SpeakerResolver(doc, actors, quoted, index, lexicon)
    items: list[tuple[int, Span, Token | None, Token | None]] = [
        (s.start, s, None, None) for s in spans]
    items += [(speaker.i, content, speaker, verb) for speaker, content, verb in
              _reported(doc, quoted, actors, index, lexicon)]
    quotes: list[Quote] = []
    previous: tuple[Span, Speaker] | None = None
    for _, content, found, verb in sorted(items, key=lambda item: item[0]):
        if found is not None:
            cue = verb.text if verb is not None else "according to"
            quotes.append(_span_quote(index, content, "indirect", speakers.of(found, cue, verb)))
            continue
        speaker = _direct_speaker(doc, content, quoted, speakers, lexicon)
        if speaker is None and previous is not None and _continues(previous[0], content, index):
            speaker = Speaker(previous[1].ref, previous[1].text, "continued")
        words = sum(1 for t in content if not t.is_punct)
        if speaker is None and (words < MIN_WORDS_WITHOUT_SPEAKER or is_title(content)):
            continue  # a scare quote or a title, not a quotation
        if speaker is not None:
            previous = (content, speaker)
        quotes.append(_span_quote(index, content, "direct", speaker))
    return sorted(quotes, key=lambda q: (q.sentence, q.start))


def _paragraph(tokens: list[Token], keep: str) -> list[Token]:
    """The tokens on the quotation's side of a paragraph break: the last paragraph's for
    words before it (`keep` 'last'), the first's for words after it."""
    breaks = [n for n, t in enumerate(tokens) if "\n" in t.text]
    if not breaks:
        return tokens
    return tokens[breaks[-1] + 1:] if keep == "last" else tokens[:breaks[0]]


def _direct_speaker(doc: Doc, inner: Span, quoted: set[int], speakers: SpeakerResolver,
                    lexicon: QuoteLexicon) -> Speaker | None:
    """The speaker of a direct quotation from the words around it."""
    first, last = doc[inner.start].sent, doc[inner.end - 1].sent
    after = _paragraph([t for t in doc[inner.end:last.end] if t.i not in quoted], "first")
    after = after[:AFTER_WINDOW]
    if not any(t.is_alpha for t in after) and last.end < len(doc) and (
            "\n" not in doc[inner.end:last.end + 1].text):
        # '"We will win." Trump said.': the parser may end the sentence at the mark.
        following = doc[last.end].sent
        if lexicon.is_cue(following.root) and not any(
                c.dep_ == "ccomp" and c.i not in quoted for c in following.root.children) and (
                not any(t.i in quoted for t in doc[following.start:following.root.i])):
            after = [t for t in following if t.i not in quoted][:AFTER_WINDOW]
    before = _paragraph([t for t in doc[first.start:inner.start] if t.i not in quoted], "last")
    if not any(t.is_alpha for t in before) and first.start > 0 and (
            "\n" not in doc[first.start - 1:inner.start].text):
        previous = doc[first.start - 1].sent  # 'The minister said:' as a sentence of its own
        if previous[-1].text == ":" or (len(previous) > 1 and previous[-2].text == ":"):
            before = [t for t in previous if t.i not in quoted]
    # '..., Trump said.' or '..., said Trump' just after the closing mark.
    words = [t for t in after if t.is_alpha]
    for token in after:
        if lexicon.is_cue(token):
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.i in quoted for c in token.children):
                continue  # the quoted words are what the verb is about: '"X" claimed Y'
            found = subject(token, quoted)
            if found is None and words and words[0].i == token.i:
                found = inverted_subject(token)  # '"...?" asked one aid worker'
            if found is not None:
                return speakers.of(found, token.text, token)
    named = byline(before)  # 'Katarzyna Nowak, Gazeta Wyborcza: "..."'
    if named is not None:
        return speakers.of(named, "byline")
    # 'Trump said: ...' or 'Trump told reporters, ...' just before the opening mark.
    for token in reversed(before):
        if lexicon.is_cue(token):
            found = subject(token, quoted)
            if found is not None:
                return speakers.of(found, token.text, token)
    source = according_to(before + after)
    if source is not None:
        return speakers.of(source, "according to")
    introducer = introducing_clause(before, quoted)  # 'Scholz was blunt: "..."'
    if introducer is not None:
        return speakers.of(*introducer)
    return _partial_speaker(inner, quoted, speakers, lexicon)


def _partial_speaker(inner: Span, quoted: set[int], speakers: SpeakerResolver,
                     lexicon: QuoteLexicon) -> Speaker | None:
    """A partial quotation: the clause it stands in ('called the move "a grave mistake"')."""
    head = inner.root.head
    hops = 0
    while head.i in quoted or head.pos_ not in ("VERB", "AUX"):
        if head.head.i == head.i or hops > 8:
            return None
        head, hops = head.head, hops + 1
    verbs = [head, *(a for a in head.ancestors if a.pos_ in ("VERB", "AUX"))]
    verb = next((v for v in verbs if lexicon.is_cue(v) and v.i not in quoted), head)
    found = subject(verb, quoted)
    low, high = sorted((verb.i, inner.start))
    if found is None or head.i in quoted or "\n" in inner.doc[low:high].text:
        return None  # the clause of another paragraph says nothing of these words
    if inner.root.i in {t.i for t in found.subtree} or (is_title(inner) and (
            not lexicon.is_cue(verb) or inner.root.head.pos_ in ("NOUN", "PROPN"))):
        return None  # 'The film "All Quiet on the Western Front" won': a name, not words said
    return speakers.of(found, verb.text, verb)


def _span_quote(index: SentenceIndex, span: Span, kind: str, speaker: Speaker | None) -> Quote:
    while len(span) > 1 and span[-1].text in (",", ";", ":", ".", "—", "–", "-"):
        span = span[:-1]
    sentence, start, _ = index.locate(span.start, span.start + 1)
    sentence_end, _, end = index.locate(span.end - 1, span.end)
    text = re.sub(r"\s*\n\s*[\"“]?", " ", span.text)  # a quotation over paragraphs
    return Quote(sentence, text, start, end, kind, speaker.ref if speaker else None,
                 sentence_end if sentence_end != sentence else None,
                 speaker.cue if speaker else None, speaker.text if speaker else None)


def _continues(earlier: Span, later: Span, index: SentenceIndex) -> bool:
    """A quotation with no cue of its own goes on from the one just before it."""
    gap = index.sentence_of(later.start) - index.sentence_of(earlier.end - 1)
    return 0 <= gap <= 1


def _reported(doc: Doc, quoted: set[int], actors: ActorAnalysis, index: SentenceIndex,
              lexicon: QuoteLexicon) -> list[tuple[Token, Span, Token | None]]:
    """Reported speech as (speaker token, reported words, cue verb): the clause a verb of
    speech governs ('X said that ...'), and 'according to X, ...' (no verb)."""
    found: list[tuple[Token, Span, Token | None]] = []
    for verb in doc:
        if not lexicon.is_cue(verb) or verb.i in quoted:
            continue
        for clause in _reported_clauses(verb, lexicon):
            if (
                    clause.tag_ in ("VBG", "VBN") and not any(
                        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)):
                continue  # 'said one mother, sitting with her children': no reported clause
            tokens = list(clause.subtree)
            if any(t.i in quoted for t in tokens):
                continue  # a direct quotation, whole or partial, says it better
            while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
            speaker = subject(verb, quoted)
            if speaker is not None and clause.is_ancestor(speaker):
                continue  # 'Its report, published that day, said': the subject's own clause
            if len(tokens) >= 2 and speaker is not None:
                found.append((speaker, doc[tokens[0].i:tokens[-1].i + 1], verb))
    for sent in index.sents:
        tokens = list(sent)
        source = according_to(tokens)
        if source is None or any(t.i in quoted for t in tokens):
            continue
        if actors.ref(source) is None and source.ent_type_ not in ("PERSON", "ORG", "NORP"):
            continue  # 'according to figures', 'according to the plan'
        phrase = {t.i for t in source.head.head.subtree} | {source.head.head.i}
        rest = [t for t in tokens if t.i not in phrase and not t.is_punct]
        if len(rest) >= 3:
            found.append((source, doc[rest[0].i:rest[-1].i + 1], None))
    return found


def _reported_clauses(verb: Token, lexicon: QuoteLexicon) -> list[Token]:
    """The clauses a verb of speech reports: its complements, and a 'that' clause the parser
    hung on the document it was said in ('said in a statement that ...')."""
    found = [c for c in verb.children if c.dep_ == "ccomp"]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and lexicon.has("document", noun.lemma_):
                found += [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                          and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    return found
