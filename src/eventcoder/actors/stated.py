"""What the text itself says of an actor: the place an apposition gives a person, and the group
a partitive ('some of the groups') takes a part of."""

from __future__ import annotations

from spacy.tokens import Token

from .candidate import PLURAL_TAGS, Candidate
from .words import DocWords

# Nouns of an apposition that place a person where they belong ("X, a leading figure in the
# Virgin Islands"); offices such as "ambassador in Kenya" place a person where they serve.
BELONGING_NOUNS = frozenset({"figure", "personality", "politician", "native", "resident",
                             "citizen", "lawmaker", "legislator", "member", "activist"})
BELONGING_PREPS = frozenset({"in", "from", "of"})
# Quantifiers that take a part of a group: "some of the groups", "two of the rebels".
PARTITIVES = frozenset({"some", "many", "most", "several", "few", "all", "none", "each",
                        "one", "two", "three", "four", "five", "half", "both"})
PARTITIVE_DETERMINERS = frozenset({"the", "these", "those"})
# How far back a partitive looks for the group it divides, in tokens (~4 sentences).
PARTITIVE_WINDOW = 120


def stated_places(candidates: list[Candidate]) -> None:
    """'Senator Clinton -- one of the leading figures in the U.S. Virgin Islands --': the place
    an apposition gives a person beats the country the knowledge base knows them by."""
    countries = {c.head.i: c.country for c in candidates
                 if c.kind == "country" and c.country is not None}
    for cand in candidates:
        if cand.kind != "person" or not cand.name_tokens:
            continue
        for appos in (t for t in cand.head.children if t.dep_ == "appos"):
            country = _belonging(appos, countries)
            if country is not None:
                cand.country = country


def _belonging(appos: Token, countries: dict[int, str]) -> str | None:
    noun = appos
    if appos.lower_ == "one":  # "one of the most prominent figures in ..."
        noun = next((p for prep in appos.children if prep.dep_ == "prep"
                     and prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"),
                    appos)
    if noun.lemma_.lower() not in BELONGING_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in BELONGING_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.i in countries:
                    return countries[pobj.i]
    return None


def parts_and_authors(read: DocWords, candidates: list[Candidate]) -> None:
    """Partitives of earlier groups, then the authors of letters that say 'we'."""
    partitives(read, candidates)
    document_authors(read, candidates)


def partitives(read: DocWords, candidates: list[Candidate]) -> None:
    """'Some of the groups agreed': a part of a group named earlier ('a group of rebel
    groups') is an actor of that group's country and sector."""
    heads = {c.head.i for c in candidates}
    if not candidates:
        return
    doc = read.doc
    found: list[Candidate] = []
    for token in read.tokens(PARTITIVES):
        if token.pos_ not in ("PRON", "NUM", "DET"):
            continue
        whole = next((p for prep in token.children if prep.dep_ == "prep"
                      and prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"), None)
        if (whole is None or whole.i in heads or whole.tag_ not in PLURAL_TAGS
                or not any(c.dep_ == "det" and c.lower_ in PARTITIVE_DETERMINERS
                           for c in whole.children)):
            continue
        ante = max((c for c in candidates if c.country and c.kind in ("group", "organisation")
                    and c.head.lemma_.lower() == whole.lemma_.lower() and not c.place
                    and 0 < token.i - c.head.i <= PARTITIVE_WINDOW),
                   key=lambda c: c.head.i, default=None)
        if ante is not None:
            found.append(ante.again(doc[token.i:whole.i + 1]))
    candidates.extend(found)


# Written words that speak for their author: "'We are disturbed,' the letter said".
DOCUMENT_NOUNS = frozenset({"letter", "statement", "message", "communique", "declaration",
                            "note"})
AUTHOR_PRONOUNS = frozenset({"we", "us"})


def document_authors(read: DocWords, candidates: list[Candidate]) -> None:
    """'In a letter to Malawi, the government of Uganda said ... "We are disturbed," the letter
    said': we (us) in the words of a letter or statement named before is its author."""
    by_head = {c.head.i: c for c in candidates}
    for token in (read.tokens(AUTHOR_PRONOUNS) if candidates else ()):
        root = token.sent.root
        speaker = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (speaker is None or speaker.lemma_.lower() not in DOCUMENT_NOUNS
                or speaker.i in by_head or token.head.i == root.i):
            continue
        author = next((_author(t, by_head) for t in reversed(token.doc[:token.sent.start])
                       if t.lemma_.lower() == speaker.lemma_.lower()
                       and token.i - t.i <= PARTITIVE_WINDOW and _author(t, by_head)), None)
        if author is not None:
            candidates[:] = [c for c in candidates if c.head.i != token.i]
            candidates.append(author.again(token.doc[token.i:token.i + 1]))


def _author(noun: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """Who wrote the letter: 'Uganda's letter', 'a letter from Uganda', or the subject of the
    clause that mentions it ('in a letter, the government of Uganda said')."""
    if noun.i in by_head and by_head[noun.i].country:  # "Ghana's letter" stands for Ghana
        return by_head[noun.i]
    for child in noun.children:
        if child.dep_ == "poss" and child.i in by_head:
            return by_head[child.i]
        if child.dep_ == "prep" and child.lower_ == "from":
            found = next((by_head[p.i] for p in child.children if p.i in by_head), None)
            if found is not None:
                return found
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("pobj", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    found = by_head.get(subject.i) if subject is not None else None
    return found if found is not None and found.country else None
