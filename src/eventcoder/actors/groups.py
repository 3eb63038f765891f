"""Groups of actors named by one phrase ('the foreign ministers of Russia, Turkey and Iran')
and the phrases that take them up again ('the four foreign ministers', 'the presidents of
the two countries', 'they')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .candidate import PLURAL_TAGS, Candidate

# Determiners of a definite plural that can take up an earlier group: "the foreign ministers".
GROUP_DETERMINERS = frozenset({"the", "these", "those", "both", "all"})
# How far back a plural description looks for the group it repeats, in tokens (~4 sentences).
GROUP_WINDOW = 120


def groups_of(candidates: list[Candidate]) -> dict[int, list[Candidate]]:
    """Actors that share one phrase ('the ministers of Russia, Turkey and Iran'), by the
    phrase's head: the first candidate, then the further ones."""
    groups: dict[int, list[Candidate]] = {}
    for cand in candidates:
        if cand.coordinated_with is None:
            groups.setdefault(cand.head.i, []).insert(0, cand)
    for cand in candidates:
        if cand.coordinated_with is not None and cand.coordinated_with in groups:
            groups[cand.coordinated_with].append(cand)
    return {head: members for head, members in groups.items()
            if len(members) > 1 and all(m.country for m in members)}


# Anaphors that count the countries they stand for (anaphors.tsv): "the three countries".
COUNTED_ANAPHORS = frozenset({"pair", "three", "four"})
# Prepositions by which a group noun names its own members: "the two countries on the
# India-Pakistan border", "the three nations of the Chile-Peru-Bolivia pact".
MEMBER_PREPS = frozenset({"of", "on", "in", "along", "across", "at"})


def named_members(anaphors: list[Span], candidates: list[Candidate]) -> None:
    """A counted group noun whose own modifier names a group of countries stands for those
    members, not for countries named earlier: 'the three countries on the Chile-Peru-Bolivia
    border' (the writer's count may be off; the names are the text's own); and so does the
    same phrase again a little later ('The three countries signed')."""
    for span in sorted(anaphors, key=lambda s: s.start):
        head = span.root
        if span.label_ not in COUNTED_ANAPHORS or any(c.head.i == head.i and c.country
                                                      for c in candidates):
            continue
        groups = groups_of(candidates)
        members = next((groups[obj.i] for prep in head.children
                        if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPS
                        for obj in prep.children if obj.dep_ == "pobj" and obj.i in groups),
                       None) or _same_phrase_before(head, groups)
        if members is None:
            continue
        candidates[:] = [c for c in candidates if c.head.i != head.i]
        for number, member in enumerate(members):
            candidates.append(Candidate(head, span, f"group:{member.country}:None",
                                        member.name, "country", member.country, None,
                                        member.country,
                                        coordinated_with=head.i if number else None))


def _same_phrase_before(head: Token, groups: dict[int, list[Candidate]]
                        ) -> list[Candidate] | None:
    """The members of the nearest earlier group named by the same counted noun: 'the three
    countries' again."""
    number = _count_word(head)
    for earlier in sorted(groups, reverse=True):
        other = head.doc[earlier]
        if (earlier < head.i and head.i - earlier <= GROUP_WINDOW and number is not None
                and other.lemma_.lower() == head.lemma_.lower()
                and _count_word(other) == number):
            return groups[earlier]
    return None


def _count_word(head: Token) -> str | None:
    """The numeral a noun is counted by: 'three' of 'the three countries'."""
    return next((c.lower_ for c in head.children if c.dep_ == "nummod"), None)


def refer_to_groups(candidates: list[Candidate]) -> None:
    """A definite plural with no country of its own stands for every member of a group:
    'the presidents of the two countries' for each country the pair stands for, and 'the
    (four) foreign ministers' for the earlier 'foreign ministers of Russia, Turkey, Iran and
    Britain' whose head it repeats (a number it gives must be the group's size)."""
    groups = groups_of(candidates)
    for cand in list(candidates):
        if (cand.country is not None or cand.kind not in ("group", "person")
                or cand.name_tokens or cand.coordinated_with is not None
                or cand.head.tag_ not in PLURAL_TAGS or cand.head.i in groups):
            continue
        words = {c.lower_ for c in cand.head.children if c.dep_ in ("det", "predet")}
        numbers = [c for c in cand.head.children if c.dep_ == "nummod"]
        members = _members_of_phrase(cand.head, groups)
        if members is None and words & GROUP_DETERMINERS:
            members = _repeated_group(cand, groups)
        if members is None or (numbers and _number(numbers[0]) != len(members)):
            continue
        candidates.remove(cand)
        for number, member in enumerate(members):
            sector = cand.sector or member.sector
            key = (member.key if (member.kind, member.sector) == (cand.kind, sector)
                   else f"group:{member.country}:{sector}")
            candidates.append(Candidate(cand.head, cand.span, key, member.name, cand.kind,
                                        member.country, sector, member.kb_id,
                                        coordinated_with=cand.head.i if number else None))


def _members_of_phrase(head: Token, groups: dict[int, list[Candidate]]
                       ) -> list[Candidate] | None:
    """The members of a group named in a head's of-phrase: 'the presidents of [the two
    countries]'."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in groups:
                    return groups[obj.i]
    return None


def _repeated_group(cand: Candidate, groups: dict[int, list[Candidate]]
                    ) -> list[Candidate] | None:
    """The nearest earlier group whose head is the same noun: 'the foreign ministers'."""
    lemma = cand.head.lemma_.lower()
    for head in sorted(groups, reverse=True):
        if head >= cand.head.i or cand.head.i - head > GROUP_WINDOW:
            continue
        if cand.head.doc[head].lemma_.lower() == lemma:
            return groups[head]
    return None


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}


def _number(token: Token) -> int | None:
    """The number a numeral says: 'four', '4'."""
    return int(token.text) if token.text.isdigit() else NUMBER_WORDS.get(token.lower_)


def group_of(ante: Candidate, groups: dict[int, list[Candidate]]) -> list[Candidate]:
    """The group an antecedent of 'they' is, or is named in: the ministers of 'the ministers
    of Spain and Portugal' whether the nearest word is 'ministers' or 'Spain'."""
    head = ante.head.i if ante.coordinated_with is None else ante.coordinated_with
    if head in groups:
        return groups[head]
    for above in ante.head.ancestors:
        members = groups.get(above.i)
        if members is not None and ante.country in {m.country for m in members}:
            return members
    return []


# Words of heads of state or government: two of them are of two countries ("the two
# presidents"), where two ministers may serve one government.
HEAD_WORDS = frozenset({"president", "presidents", "leader", "leaders", "prime", "premier",
                        "premiers"})


def two_heads(span: Span, people: list[Candidate], earlier: list[Candidate],
              salience: dict[str, tuple[float, int]]) -> list[Candidate]:
    """'The two presidents': the nearest two people of two countries, or two of one country
    whom the text names; where it names only one such head, the other is of the most salient
    other country it names (the host of 'Grybauskaite will travel to Bosnia'), as a person of
    the same office. Empty where the phrase names no heads (two ministers may serve one
    government)."""
    if not {t.lower_ for t in span} & HEAD_WORDS or not people:
        return []
    first = people[0]
    second = next((p for p in people[1:] if p.country != first.country), None)
    if second is not None:
        return [first, second]
    if sum(_named_in_text(p) for p in people[:2]) == 2:
        return people[:2]  # "President Biden and former President Obama": both named
    others = {country: score for country, score in salience.items()
              if country != first.country}
    if not others:
        return []
    other = max(others, key=lambda c: others[c])
    name = next((c.name for c in earlier if c.country == other and c.kind == "country"), other)
    return [first, Candidate(span.root, span, f"group:{other}:{first.sector}", name,
                             "person", other, first.sector)]


def _named_in_text(person: Candidate) -> bool:
    """Whether the text itself names a person ('President Nauseda'), not only an office our
    tables fill ('the Lithuanian president')."""
    words = {t.text for t in person.span}
    return bool(person.name_tokens) and all(w in words for w in person.name_tokens)


def refer_to_sector_groups(candidates: list[Candidate]) -> None:
    """'Two Chinese companies ... the firms': a definite plural of no country of its own
    takes up the nearest earlier group of its sector that has one, before the story's
    country is given to it."""
    for cand in sorted(candidates, key=lambda c: c.head.i):
        if (cand.country is not None or cand.kind != "group" or cand.kb_id is not None
                or cand.sector is None or cand.coordinated_with is not None
                or cand.head.tag_ not in PLURAL_TAGS):
            continue
        children = list(cand.head.children)
        if (not {c.lower_ for c in children if c.dep_ == "det"} & {"the", "these", "those"}
                or any(c.dep_ in ("nummod", "amod", "compound") for c in children)):
            continue  # "the two companies", "the state firms" say more than a repetition
        ante = max((c for c in candidates if c.sector == cand.sector and c.country
                    and c.kind in ("group", "organisation") and not c.place
                    and 0 < cand.head.i - c.head.i <= GROUP_WINDOW
                    and c.head.tag_ != "PRP"), key=lambda c: c.head.i, default=None)
        if ante is not None:
            cand.country, cand.key = ante.country, ante.key
