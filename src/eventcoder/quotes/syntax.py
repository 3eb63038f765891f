"""Parse helpers for quotations: the subject of a verb of speech, the words of a noun phrase,
'according to X', the clause that introduces a quotation with a colon."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..syntax import RELATIVE_PRONOUNS, SUBJECT_DEPS, phrase_indices

MAX_HOPS = 6  # xcomp/advcl/conj steps up to the verb that has the subject


def subject(verb: Token, inside: set[int]) -> Token | None:
    """The subject of a verb of speech, through relative clauses, participles, coordination;
    never one of the `inside` (quoted) tokens."""
    hops = 0
    while hops < MAX_HOPS:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.i not in inside:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return _same_paragraph(verb, child)
        fronted = _fronted_subject(verb, inside)
        if fronted is not None:
            return fronted
        if _fronted_participle(verb):
            return None  # 'Asked about it, he declined': he was asked, he did not ask
        if verb.dep_ in ("xcomp", "advcl", "conj", "relcl", "acl") and verb.head.i != verb.i:
            if verb.dep_ in ("relcl", "acl"):
                return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
            verb, hops = verb.head, hops + 1
            continue
        return None
    return None


def _fronted_participle(verb: Token) -> bool:
    """'Asked whether ..., he declined': a past participle clause before its head, with no
    subject or auxiliary of its own, is passive."""
    return (verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBD") and verb.i < verb.head.i
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark")
                        for c in verb.children))


def _fronted_subject(verb: Token, inside: set[int]) -> Token | None:
    """'Its report, published the same day, said': the parser may hang the subject on a
    participle clause before the verb."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ == "ccomp" and child.tag_ in ("VBN", "VBD") and (
                child.i not in inside):
            found = [c for c in child.children if c.dep_ in SUBJECT_DEPS and c.i < child.i
                     and c.pos_ in ("NOUN", "PROPN")]
            if found:
                return found[0]
    return None


def _same_paragraph(verb: Token, found: Token) -> Token | None:
    """A subject across a paragraph break is a misparse ('... on X.\\n\\nDer Spiegel
    reported'): the subject is the name that opens the verb's paragraph."""
    low, high = sorted((verb.i, found.i))
    doc = verb.doc
    if not any("\n" in doc[i].text for i in range(low, high)):
        return found
    start = verb.i
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    names = [t for t in doc[start:verb.i] if t.pos_ in ("PROPN", "NOUN")]
    return names[-1] if names and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PUNCT")
                                      for t in doc[start:verb.i]) else None


def phrase_text(token: Token) -> str:
    """The words of a noun phrase up to its head's modifiers (no clauses)."""
    indices = phrase_indices(token)
    start = min(indices)
    while start < token.i and "\n" in token.doc[start:token.i].text:
        start += 1  # a phrase never reaches back over a paragraph break
    return token.doc[start:max(indices) + 1].text


def according_to(tokens: list[Token]) -> Token | None:
    """The X of 'according to X' among the tokens."""
    for token in tokens:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            to = token.doc[token.i + 1]
            if to.lower_ == "to":
                objects = [o for o in to.children if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def inverted_subject(verb: Token) -> Token | None:
    """The speaker after an inverted verb that the parser took for its object."""
    return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "attr", "appos",
                                                                         "npadvmod", "nsubj")
                 and c.pos_ in ("NOUN", "PROPN")), None)


def introducing_clause(before: list[Token], quoted: set[int]) -> tuple[Token, str] | None:
    """'X was blunt:', 'X posted on Facebook:': a clause ending in a colon introduces the
    quotation after it, and its subject says it."""
    words = _before_colon(before)
    if words is None:
        return None
    for token in reversed(words):
        if token.pos_ in ("VERB", "AUX"):
            found = subject(token, quoted)
            if found is not None:
                return found, token.text
    return None


def byline(before: list[Token]) -> Token | None:
    """'Katarzyna Nowak, Gazeta Wyborcza: "..."': a paragraph that opens with a name, a comma,
    the name of a paper and a colon quotes the person named first."""
    words = _before_colon(before)
    if words is None or any("\n" in t.text for t in words):
        return None
    start = words[0].i
    if start > 0 and "\n" not in words[0].doc[start - 1].text:
        return None  # the paragraph goes on before: not a byline
    commas = [i for i, t in enumerate(words) if t.text == ","]
    if len(commas) != 1 or commas[0] == 0 or commas[0] == len(words) - 1:
        return None
    name, outlet = words[:commas[0]], words[commas[0] + 1:]
    if not all(t.text[:1].isupper() or not t.is_alpha for t in name) or not (
            outlet[0].text[:1].isupper() and outlet[-1].text[:1].isupper()) or any(
            t.pos_ in ("VERB", "AUX") for t in name + outlet):
        return None
    people = [t for t in name if t.ent_type_ == "PERSON"] or [name[-1]]
    return people[-1]


def _before_colon(before: list[Token]) -> list[Token] | None:
    """The words before a colon that ends them (opening marks dropped), else None."""
    words = [t for t in before if not t.is_space]
    while words and words[-1].text in "\"“‘'":
        words = words[:-1]
    if not words or words[-1].text != ":":
        return None
    return words[:-1] or None


def is_title(span: Span) -> bool:
    """Quoted words in title case ('All Quiet on the Western Front') name a work."""
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return len(words) >= 2 and all(t.text[0].isupper() for t in words)
