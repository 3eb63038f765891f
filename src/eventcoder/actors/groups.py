"""Groups of actors named by one phrase ('the foreign ministers of Russia, Turkey and Iran')
and the phrases that take them up again ('the four foreign ministers', 'the presidents of
the two countries', 'they')."""

from __future__ import annotations

from spacy.tokens import Token

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
