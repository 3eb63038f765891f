"""Who said a quotation: the subject of its cue resolved to an actor. Pronouns go to the
nearest earlier person of their gender (or to no one); 'the commission', 'the company' go
back to the body named earlier; 'the report' to the body that wrote it; a paper or body the
actors did not know becomes an actor with its sector."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..actors import ActorAnalysis
from ..actors.traits import DiscourseLexicon, discourse_lexicon
from ..model import Actor, ActorRef, Mention
from ..nlp import SentenceIndex
from .lexicon import QuoteLexicon
from .syntax import phrase_text

PERSONAL = frozenset({"he", "she", "him", "her"})
COLLECTIVE = frozenset({"it", "they", "we"})
PRONOUNS = PERSONAL | COLLECTIVE | {"i", "you", "his", "its", "their", "our", "my", "who"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SENTENCES_BACK = 8  # how far back a pronoun looks for its person, in sentences
MEDIA = "MED"


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation, as found in the parse."""

    ref: ActorRef | None
    text: str | None
    cue: str


def _plain(word: str) -> str:
    """A word without accents or a final full stop ('Élisabeth' -> 'Elisabeth')."""
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c)).rstrip(".")


class SpeakerResolver:
    """Resolves the subjects of cues to actors, in document order, remembering who spoke.

    Bodies the actors did not know are added to `actors.actors` (and re-typed there when a
    name the actors took for a person reports like a paper); the token lookup the coder reads
    (`actors.by_token`) is left as it was."""

    def __init__(self, doc: Doc, actors: ActorAnalysis, quoted: set[int], index: SentenceIndex,
                 lexicon: QuoteLexicon, discourse: DiscourseLexicon | None = None) -> None:
        self.doc = doc
        self.actors = actors
        self.quoted = quoted
        self.index = index
        self.lexicon = lexicon
        self.discourse = discourse or discourse_lexicon()
        self.spoken: dict[int, Speaker] = {}  # subject token -> speaker, for nouns
        self.added: dict[int, ActorRef] = {}  # tokens of actors this stage added
        self.last_group: Speaker | None = None
        self.last_author: Speaker | None = None
        self._genders: dict[str, str | None] = {}
        self._added_ids: set[str] = set()

    # --- the entry point ---------------------------------------------------------------------

    def of(self, subject: Token, cue: str, verb: Token | None = None) -> Speaker:
        """The speaker named by the subject of a cue ('said', 'according to')."""
        lower = subject.lower_
        text = phrase_text(subject)
        if lower in PERSONAL:
            return self._pronoun(subject, cue)
        if lower in COLLECTIVE:
            ref = self.ref(subject)
            if ref is None and self.last_group is not None:
                return Speaker(self.last_group.ref, self.last_group.text or text, cue)
            return Speaker(ref, text, cue)
        if subject.pos_ == "NOUN" and self.lexicon.has("document", subject.lemma_):
            speaker = self._document(subject, text, cue)
        else:
            ref = self.ref(subject)
            if subject.pos_ == "PROPN" or (ref is None and self._name_like(subject)):
                ref = self._named(subject, ref, verb)
            elif subject.pos_ == "NOUN":
                ref = self._described(subject, ref)
            speaker = Speaker(ref, text, cue)
        if speaker.ref is not None and self._kind(speaker.ref.actor) != "person":
            self.last_group = speaker
        if subject.tag_ not in PLURAL_TAGS or self._name_like(subject):
            self.spoken[subject.i] = speaker
        return speaker

    def _name_like(self, token: Token) -> bool:
        """'Mendes said': a capitalised word the parser took for a plural noun."""
        return token.text[:1].isupper() and token.lemma_ != token.lower_ and (
            token.pos_ == "NOUN" and token.i not in self.quoted)

    def ref(self, token: Token) -> ActorRef | None:
        """The actor of a token, with what this stage learnt about it (a paper's sector)."""
        if token.i in self.added:
            return self.added[token.i]
        ref = self.actors.ref(token)
        if ref is None:
            return None
        actor = self._actor(ref.actor)
        if actor is not None and actor.sector == MEDIA and ref.sector != MEDIA:
            return replace(ref, sector=MEDIA)
        return ref

    # --- pronouns ----------------------------------------------------------------------------

    def _pronoun(self, pronoun: Token, cue: str) -> Speaker:
        """He or she: the nearest earlier person of that gender outside quotations, looking at
        subjects first in each sentence; none when no person fits."""
        gender = PRONOUN_GENDER[pronoun.lower_]
        sentence = self.index.sentence_of(pronoun.i)
        for number in range(sentence, max(-1, sentence - SENTENCES_BACK), -1):
            sent = self.index.sents[number]
            tokens = [t for t in sent if t.i < pronoun.i and t.i not in self.quoted]
            found = [c for c in (self._person_at(t, gender) for t in tokens) if c is not None]
            if found:
                ranked = [(self._rank(token, speaker, order), speaker)
                          for order, (token, speaker) in enumerate(found)]
                chosen = max(ranked, key=lambda pair: pair[0])[1]
                if chosen.ref is not None and self._kind(chosen.ref.actor) == "person":
                    self._genders[chosen.ref.actor] = gender  # 'he' makes a man of Kenji
                return Speaker(chosen.ref, chosen.text, cue)
        return Speaker(None, pronoun.text, cue)

    def _rank(self, token: Token, speaker: Speaker, order: int) -> tuple[bool, bool, int]:
        """Which of a sentence's people a pronoun most likely is: a subject (or one joined to
        it), then one whose gender is known, then the nearest."""
        head = token
        while head.dep_ in ("conj", "appos", "compound", "flat") and head.head.i != head.i:
            head = head.head
        known = (speaker.ref is not None and self._actor_gender(speaker.ref.actor) is not None
                 ) or self._phrase_gender(token) is not None
        return head.dep_ in ("nsubj", "nsubjpass"), known, order

    def _person_at(self, token: Token, gender: str) -> tuple[Token, Speaker] | None:
        """The person a token names, if it can be the one a pronoun of a gender stands for."""
        if token.lower_ in PRONOUNS or not token.is_alpha or (
                token.tag_ in PLURAL_TAGS and token.i not in self.spoken):
            return None
        if token.i in self.spoken:  # 'said one mother': someone who spoke, named or not
            speaker = self.spoken[token.i]
            person = speaker.ref is not None and self._kind(speaker.ref.actor) == "person"
            found = self._actor_gender(speaker.ref.actor) if (
                person and speaker.ref is not None) else self._phrase_gender(token)
            if person or found is not None or speaker.ref is None:
                return (token, speaker) if found in (None, gender) else None
        ref = self.ref(token)
        if ref is not None and self._kind(ref.actor) == "person":
            found = self._actor_gender(ref.actor)
            return (token, Speaker(ref, ref.text, "")) if found in (None, gender) else None
        if (token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "appos")) or (
                token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat")):
            found = self._phrase_gender(token)  # 'a government spokesman', 'Mr Adeyemi'
            if found == gender:
                if ref is None and token.pos_ == "PROPN":
                    ref = self._add(self._name_span(token), "person", None)
                return token, Speaker(ref, phrase_text(token), "")
        return None

    def _phrase_gender(self, token: Token) -> str | None:
        """The gender the words of a phrase tell ('Ms Kamau', 'one mother')."""
        said = {g for g in (self._word_gender(t) for t in token.subtree
                            if t.i <= token.i and "\n" not in t.text) if g}
        return said.pop() if len(said) == 1 else None

    def _actor_gender(self, actor_id: str) -> str | None:
        """A person's gender from the story's words for them (a title, a first name before a
        surname, a noun such as 'spokeswoman'), else from 'his'/'her' in their own clauses,
        else from the first name of their knowledge-base name; None when unknown or mixed."""
        if actor_id not in self._genders:
            self._genders[actor_id] = self._find_gender(actor_id)
        return self._genders[actor_id]

    def _find_gender(self, actor_id: str) -> str | None:
        tokens = [t for t in self.doc if t.i not in self.quoted and t.lower_ not in PRONOUNS
                  and (ref := self.actors.by_token.get(t.i)) is not None
                  and ref.actor == actor_id]
        said = {g for g in (self._word_gender(t) for t in tokens) if g}
        if len(said) == 1:
            return said.pop()
        if said:
            return None
        owned = {g for g in (self._possessive_gender(t) for t in tokens) if g}
        if len(owned) == 1:
            return owned.pop()
        actor = self._actor(actor_id)
        names = actor.name.split() if actor is not None else []
        if len(names) >= 2 and any(t.text == names[0] for t in tokens):
            # the knowledge base's first name, when the story uses it ('Gul Bibi' is no Benjamin)
            return self.discourse.first_names.get(_plain(names[0]))
        return None

    def _word_gender(self, token: Token) -> str | None:
        """What one word of a person's phrase says of their gender."""
        word = _plain(token.text)
        if word.lower() in self.discourse.titles:
            return self.discourse.titles[word.lower()]
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if (word in self.discourse.first_names and following is not None
                and following.pos_ == "PROPN" and following.text[:1].isupper()):
            return self.discourse.first_names[word]  # 'Sophie Laurent': not 'Laurent'
        return self.discourse.nouns.get(word.lower())

    def _possessive_gender(self, token: Token) -> str | None:
        """'Kallas said her government...': his or her in a clause the person is subject of,
        outside the person's own phrase ('Her colleague X' is someone else's colleague)."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = token.head
        own = {t.i for t in token.subtree} - {t.i for c in token.children if c.dep_ == "relcl"
                                              for t in c.subtree}  # 'who fled her village'
        for other in verb.subtree:
            if (other.dep_ == "poss" and other.lower_ in ("his", "her")
                    and other.i not in own and other.i not in self.quoted):
                return PRONOUN_GENDER[other.lower_]
        return None

    # --- descriptions, documents, names -----------------------------------------------------

    def _described(self, noun: Token, ref: ActorRef | None) -> ActorRef | None:
        """'The commission added', 'the company said': a definite description goes back to
        the nearest earlier body whose name it fits, keeping the sector it tells."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return ref
        named = self._actor(ref.actor) if ref is not None else None
        if named is not None and any(w[:1].isupper() for w in named.name.split()):
            return ref  # the actors already found a named body
        lemma = noun.lemma_.lower()
        for i in range(noun.i - 1, -1, -1):
            other = self.ref(self.doc[i]) if i not in self.quoted else None
            actor = self._actor(other.actor) if other is not None else None
            if actor is None or actor.kind == "person" or (ref and actor.id == ref.actor):
                continue
            last = actor.name.split()[-1].lower().rstrip(".")
            if last == lemma or (self.lexicon.has("business", lemma)
                                 and self.lexicon.has("ending", last)):
                sector = actor.sector or (ref.sector if ref is not None else None)
                return ActorRef(actor.id, actor.country, sector, phrase_text(noun))
        return ref

    def _document(self, noun: Token, text: str, cue: str) -> Speaker:
        """'A report by the WMO said', 'its report said', 'the report said': the body that
        wrote it speaks."""
        author: ActorRef | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                author = self.ref(child) or (
                    self.last_group.ref if self.last_group else self._nearest_body(noun))
            elif child.dep_ == "prep" and child.lower_ == "by":
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    author = self.ref(objects[0]) or self._named(objects[0], None, None)
        if author is None and self.last_author is not None:
            author = self.last_author.ref
        speaker = Speaker(author, text, cue)
        if author is not None:
            self.last_author = speaker
            self.last_group = speaker
        return speaker

    def _nearest_body(self, token: Token) -> ActorRef | None:
        """The nearest organisation named before a token, outside quotations ('its report')."""
        for i in range(token.i - 1, -1, -1):
            ref = self.ref(self.doc[i]) if i not in self.quoted else None
            if ref is not None and self._kind(ref.actor) == "organisation":
                return ref
        return None

    def _named(self, name: Token, ref: ActorRef | None, verb: Token | None) -> ActorRef | None:
        """A name as speaker: a surname of a person named earlier, a paper that reports, or
        a body the actors did not know, added as an actor."""
        reports = verb is not None and verb.lemma_.lower() in self.lexicon.media_verbs
        actor = self._actor(ref.actor) if ref is not None else None
        if actor is not None and actor.kb_id is None and (
                actor.kind == "organisation" or not self._shares_words(actor, name)):
            # 'Ibarra said' taken for a body, 'Pedro Costa' merged into 'Ana Silva'
            person = self._earlier_person(name, self._name_span(name).text)
            if person is not None:
                return person
            if actor.kind == "person" and name.ent_type_ == "PERSON":
                return self._add(self._name_span(name), "person", None)
        if ref is not None:
            if actor is not None and actor.sector is None and (
                    self._outlet_name(actor.name) or (reports and self._unknown_name(actor))):
                self._retype(actor, "organisation", MEDIA)
                return replace(ref, sector=MEDIA)
            return ref
        words = self._name_span(name)
        surname = self._earlier_person(name, words.text)
        if surname is not None:
            return surname
        if name.ent_type_ == "PERSON" and not reports and not self._outlet_name(words.text):
            kind, sector = "person", None
        elif reports or self._outlet_name(words.text):
            kind, sector = "organisation", MEDIA
        else:
            kind, sector = "organisation", self.discourse.organisation_sector(words.text)
        return self._add(words, kind, sector)

    def _name_span(self, name: Token) -> Span:
        """The words of a name that ends in a token ('Le Monde', 'An-Nahar')."""
        start = name.i
        while start > 0 and (self.doc[start - 1].pos_ == "PROPN"
                             or self.doc[start - 1].text == "-") and (
                "\n" not in self.doc[start - 1].text):
            start -= 1
        return self.doc[start:name.i + 1]

    def _earlier_person(self, name: Token, text: str) -> ActorRef | None:
        """'Watanabe said' after 'Kenji Watanabe': the person named before whose name ends in
        the words."""
        wanted = _plain(text).lower().replace("-", " ").split()
        sentence = self.index.sentence_of(name.i)
        for actor in self.actors.actors:
            names = _plain(actor.name).lower().replace("-", " ").split()
            if actor.kind == "person" and len(names) > len(wanted) and (
                    names[-len(wanted):] == wanted) and any(
                    m.sentence <= sentence for m in actor.mentions):
                return ActorRef(actor.id, actor.country, actor.sector, text)
        return None

    def _shares_words(self, actor: Actor, name: Token) -> bool:
        """Whether a name has a word of the actor's name."""
        words = {_plain(w).lower() for w in actor.name.split()}
        return any(_plain(t.text).lower() in words for t in self._name_span(name))

    def _outlet_name(self, name: str) -> bool:
        words = name.split()
        return len(words) > 1 and any(self.lexicon.has("outlet", w) for w in words)

    def _unknown_name(self, actor: Actor) -> bool:
        """A name that the story gives no sign of being a person's: no title, no known first
        name, no sector."""
        if actor.kind != "person":
            return True
        if actor.kb_id is not None or actor.sector is not None:
            return False
        words = [_plain(w) for m in actor.mentions for w in m.text.split()]
        return not any(w.lower() in self.discourse.titles or w in self.discourse.first_names
                       for w in words)

    def _retype(self, actor: Actor, kind: str, sector: str) -> None:
        """The actor as the kind and sector its speech shows; a name the actors ran over a
        paragraph break ('X.\n\nDie Zeit') keeps its last paragraph's words."""
        name = actor.name.split("\n")[-1].strip() or actor.name
        self.actors.actors[:] = [replace(a, name=name, kind=kind, sector=sector)
                                 if a.id == actor.id else a for a in self.actors.actors]

    def _add(self, span: Span, kind: str, sector: str | None) -> ActorRef:
        """A new actor for a speaker the actors did not know; the same words name the same
        actor again."""
        text = span.text
        mention = Mention(*self.index.locate(span[0].i, span[-1].i + 1), text)
        known = next((a for a in self.actors.actors if a.id in self._added_ids
                      and a.name == text and a.kind == kind), None)
        if known is not None:
            actor = replace(known, mentions=(*known.mentions, mention))
            self.actors.actors[:] = [actor if a.id == known.id else a for a in self.actors.actors]
        else:
            number = 1 + max((int(a.id[1:]) for a in self.actors.actors if a.id[1:].isdigit()),
                             default=0)
            actor = Actor(f"a{number}", text, kind, None, sector, (mention,))
            self.actors.actors.append(actor)
            self._added_ids.add(actor.id)
        ref = ActorRef(actor.id, None, sector, text)
        for token in span:
            self.added[token.i] = ref
        return ref

    def _actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors.actors if a.id == actor_id), None)

    def _kind(self, actor_id: str) -> str:
        actor = self._actor(actor_id)
        return actor.kind if actor is not None else "person"
