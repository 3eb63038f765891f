"""How a place name stands in its clause: after a preposition of place, as what a movement or
attack reaches, as part of another place. Read both when finding places (a name used as a
place is no actor) and when locating an event."""

from __future__ import annotations

from spacy.tokens import Token

# Prepositions whose object is a place whatever else it may be ("clashes in Tripoli").
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                         "around", "within", "along", "off", "beyond", "north", "south", "east",
                         "west"})
# Prepositions whose object is a place after a word of movement or attack ("a visit to Kyiv",
# "strikes on Gaza"), and an actor otherwise ("a letter to Tehran").
MOTION_PREPS = frozenset({"to", "into", "toward", "towards", "from", "on", "onto", "through",
                          "over", "across"})
MOTION_WORDS = frozenset({
    "visit", "travel", "tour", "trip", "journey", "go", "come", "fly", "arrive", "return", "head",
    "move", "march", "deploy", "send", "dispatch", "withdraw", "retreat", "flee", "evacuate",
    "enter", "leave", "cross", "invade", "advance", "push", "reach", "land", "sail", "drive",
    "attack", "strike", "hit", "shell", "bomb", "bombard", "raid", "storm", "shoot", "fire",
    "target", "capture", "seize", "occupy", "besiege", "surround", "liberate", "recapture",
    "assault", "offensive", "incursion", "airstrike", "rocket", "missile", "operation",
    "deployment", "mission", "flight", "pilgrimage", "voyage", "escape", "relocate", "transfer",
    "smuggle", "infiltrate", "penetrate", "pound", "rock", "blast", "overrun", "encircle",
    "reinforce", "patrol", "drone", "trek", "expedition", "delegation", "stop", "stopover",
    "spread", "extend", "paralyse", "paralyze", "flood", "shake", "engulf", "sweep", "grip",
    "devastate", "ravage", "destroy", "damage", "batter", "lash", "blockade", "evacuation",
    "launch"})
# Nouns of which a place is part: "the capital of Congo", "the north of Lebanon".
GEO_NOUNS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "centre", "center", "heart", "outskirts", "outskirt", "suburb", "part", "region", "area",
    "city", "town", "village", "capital", "province", "district", "state", "coast", "border",
    "interior", "countryside", "port", "island", "mainland", "territory", "governorate",
    "oblast", "county", "municipality", "neighbourhood", "neighborhood", "street", "rest",
    "sector", "quarter", "enclave", "zone"})


def place_role(root: Token) -> str | None:
    """How a name stands as a place in its clause: after a preposition of place ('prep'), as
    what a movement or attack reaches ('object'), as part of a place ('the capital of Congo',
    'Tripoli, Lebanon': 'part'); None where it is not read as a place."""
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Isfahan and Tabriz"
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "dative", "agent"):
        if head.lower_ in PLACE_PREPS:
            return "prep"
        if head.lower_ in MOTION_PREPS and head.head.lemma_.lower() in MOTION_WORDS:
            return "prep"
        if head.lower_ == "of" and head.head.lemma_.lower() in GEO_NOUNS:
            return "part"
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in MOTION_WORDS:
        return "object"
    if root.dep_ == "compound" and head.lemma_.lower() in MOTION_WORDS:
        return "noun"
    if root.dep_ == "poss" and head.lemma_.lower() in GEO_NOUNS:
        return "part"  # "Haiti's capital", "Libya's eastern city of Derna"
    if root.dep_ == "appos" and (head.pos_ == "PROPN" or head.lemma_.lower() in GEO_NOUNS) and (
            root.left_edge.i > 0 and root.doc[root.left_edge.i - 1].text == ","):
        return "part"  # "Hyderabad, Pakistan", "in Zamfara state, northwest Nigeria"
    return None
