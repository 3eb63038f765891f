"""The pattern lexicon on news phrasing: a verb's sense with its object or preposition, event
nouns read by their modifiers, and objects that make a verb no event at all. Each row states
the whole set of events its sentence gives (see test_grammar for the row format)."""

from __future__ import annotations

import pytest

from tests.coding.test_grammar import assert_whole_set

A = "asserted"
I = "intended"  # noqa: E741 - short column names keep the table readable

NEWS = [
    # A border closed on a neighbour reduces relations; a crossing closed restricts movement.
    ("Pakistan closed its border with Afghanistan.", {("PAK", "160", "AFG", A, False)}),
    ("Israel closed the Gaza crossings on Sunday.", {("ISR", "191", "PSE", A, False)}),
    # Property smashed in a protest is a riot; tear gas in reply is repression.
    ("Protesters smashed shop windows in central Paris.", {("FRA", "145", "FRA", A, False)}),
    ("Kenyan police responded with tear gas and water cannon.",
     {("KEN", "175", None, A, False)}),
    # Ordering an offensive is the attack.
    ("The Ethiopian government ordered an offensive against the Tigrayan rebels.",
     {("ETH", "190", "ETH", A, False)}),
    ("Norway led the talks between Colombia and the FARC rebels.",
     {("NOR", "046", "COL", A, False)}),
    # "take part in" / "participate in": the event is the noun's.
    ("Ghanaian soldiers took part in a military exercise in Nigeria.",
     {("GHA", "062", "NGA", A, False)}),
    ("Hundreds of Serbian farmers participated in the protest against the government.",
     {("SRB", "141", "SRB", A, False)}),
    ("Taliban fighters took over the capital Kabul.", {("AFG", "192", "AFG", A, False)}),
    # Light verbs with a request, a protest, a commitment.
    ("Nepal sent a formal request to India for help.", {("NPL", "020", "IND", A, False)}),
    ("Mexico sent a protest note to the United States.", {("MEX", "114", "USA", A, False)}),
    ("Iraq made a request to Turkey for more water.", {("IRQ", "020", "TUR", A, False)}),
    ("The Greek government made a commitment to Turkey to reduce its forces on the islands.",
     {("GRC", "030", "TUR", A, False)}),
    # A cyber attack is no armed attack; joint drills are military cooperation.
    ("Hackers launched a cyber attack on Estonian government websites.",
     {(None, "176", "EST", A, False)}),
    ("Russia and China held joint naval drills in the East China Sea.",
     {("RUS", "062", "CHN", A, False), ("CHN", "062", "RUS", A, False)}),
    # Agreeing on a deal is the agreement itself (057); an understanding is only agreement (030).
    ("Iran and Oman reached an understanding on shipping.",
     {("IRN", "030", "OMN", A, False), ("OMN", "030", "IRN", A, False)}),
    ("The European Union agreed on a deal with Turkey.", {(None, "057", "TUR", A, False)}),
    # Easing and suspending restrictions.
    ("A Kenyan court suspended the ban on opposition rallies.", {("KEN", "081", None, A, False)}),
    ("Thai authorities eased the curfew in Bangkok.", {("THA", "0813", "THA", A, False)}),
    ("Afghan rebels blew up a bridge near Kandahar.", {("AFG", "1712", "AFG", A, False)}),
    ("Italian prosecutors put the former minister under investigation.",
     {("ITA", "090", "ITA", A, False)}),
    ("Pakistan returned the captured Indian pilot to India.", {("PAK", "0841", "IND", A, False)}),
    ("China will work with Pakistan on the new port.", {("CHN", "030", "PAK", I, False)}),
    ("Japan will join the talks with North Korea.", {("JPN", "036", "PRK", I, False)}),
    # Hostile acts named by a verb and its object.
    ("Armenian and Azerbaijani forces exchanged fire along the border.",
     {("ARM", "193", None, A, False), ("AZE", "193", None, A, False)}),
    ("Gunmen stormed a hotel in Mogadishu.", {(None, "180", "SOM", A, False)}),
    ("Israel ordered air strikes on Hamas positions in Gaza.", {("ISR", "195", "PSE", A, False)}),
    ("The ICC issued an arrest warrant for Putin.", {(None, "173", "RUS", A, False)}),
    ("Haiti has been targeted by the United States for human rights violations.",
     {("USA", "112", "HTI", A, False)}),
    ("Hungary blocked the EU aid package for Ukraine.", {("HUN", "120", "UKR", A, False)}),
    ("China voiced strong dissatisfaction with the Japanese decision.",
     {("CHN", "111", "JPN", A, False)}),
    ("Greece returned the migrants to Turkey.", {("GRC", "174", "TUR", A, False)}),
    ("Police forcibly removed protesters from the square in Tbilisi.",
     {("GEO", "175", "GEO", A, False)}),
    ("The United States imposed a no-fly zone on Libya.", {("USA", "191", "LBY", A, False)}),
    ("Nigerian unions called a two-day work stoppage.", {("NGA", "143", None, A, False)}),
    # Cooperation: an appeal issued, a tour, an extradition to a state, bodies handed back.
    ("The UN issued an appeal for aid to Sudan.", {(None, "020", "SDN", A, False)}),
    ("The Chinese foreign minister began a tour of African countries.",
     {("CHN", "042", None, A, False)}),
    ("Colombia extradited the drug lord to the United States.",
     {("COL", "063", "USA", A, False)}),
    ("Russia handed over the bodies of Ukrainian soldiers.", {("RUS", "0842", "UKR", A, False)}),
    ("Russia and Ukraine agreed to a prisoner swap.",
     {("RUS", "0353", "UKR", A, False), ("UKR", "0353", "RUS", A, False)}),
    # Objects that make the verb no event: fighting an ill, showing a quality, recognizing
    # a fact, receiving a message.
    ("The army fought corruption in its own ranks.", set()),
    ("Nigeria demonstrated its commitment to democracy.", set()),
    ("The minister recognized the importance of cooperation with China.", set()),
    ("Egypt received assurances from Israel about the border.", set()),
    ("Hong Kong had always accepted the right of its citizens to protest.", set()),
    # What an 'of' phrase measures is read in its sense: joint exercises are cooperation.
    ("Turkey and Russia held five days of joint exercises.",
     {("TUR", "062", "RUS", A, False), ("RUS", "062", "TUR", A, False)}),
    # Coming to an agreement is reaching it; giving up ground is a retreat, agreed to an
    # intent; putting pressure on is a demand; an arraignment is a legal charge.
    ("Tokelau came to an agreement with Japan on debt.", {("TKL", "057", "JPN", A, False)}),
    ("Syrian rebels agreed to give up control of the town.", {("SYR", "0356", None, I, False)}),
    ("Moscow put pressure on Ukraine.", {("RUS", "100", "UKR", A, False)}),
    ("The Kenyan opposition leader was arraigned on Monday.", {(None, "173", "KEN", A, False)}),
    # Forced out of a place: whom is forced out is the target, not the place.
    ("Jakarta forced the Australian aid agency out of the country.",
     {("IDN", "166", "AUS", A, False)}),
    # Armed with stones is a description of protesters, not military aid; arming rebels is.
    ("Armed with crowbars and rocks, Latvian protesters rallied outside the parliament.",
     {("LVA", "141", "LVA", A, False)}),
    ("The United States armed the Syrian rebels with anti-tank missiles.",
     {("USA", "072", "SYR", A, False)}),
    # 'Recommend that' asks; 'suggests that' reports (a hedge), so the deed is still coded.
    ("The IMF recommended that Ghana cut spending.", {(None, "020", "GHA", A, False)}),
    ("Evidence suggests that Russian forces shelled the Ukrainian town.",
     {("RUS", "194", "UKR", "reported", False)}),
    # Sanctions made tougher or newly set up are sanctions (163); breaking a ban defies it.
    ("The Security Council moved to strengthen penalties on North Korea.",
     {(None, "163", "PRK", A, False)}),
    ("The Arab League voted to establish a boycott of Israeli goods.",
     {(None, "163", "ISR", A, False)}),
    ("The European Union toughened penalties against Belarus.", {(None, "163", "BLR", A, False)}),
    ("The United States applied sanctions to Iran.", {("USA", "163", "IRN", A, False)}),
    ("Russia violated the arms embargo on Libya.", {("RUS", "128", "LBY", A, False)}),
    # Applying for membership asks the body to admit you; deciding to apply is an intent.
    ("Georgia applied for European Union membership.", {("GEO", "020", None, A, False)}),
    ("Ukraine decided to apply for NATO membership.", {("UKR", "030", None, I, False)}),
    # Asylum claimed is asylum asked for (0233); a request granted is a concession (080).
    ("The Syrian man made an asylum claim in Germany.", {("SYR", "0233", "DEU", A, False)}),
    ("The Russian journalist claimed asylum in France.", {("RUS", "0233", "FRA", A, False)}),
    ("The Indian government granted the request of the Nepali government.",
     {("IND", "080", "NPL", A, False)}),
    ("Greece approved a request from Albania to reopen the border crossing.",
     {("GRC", "080", "ALB", A, False)}),
    # Talks put off reduce relations (16x), not a meeting; broadcasts suspended restrict
    # the press (1721).
    ("Serbia postponed the talks with Kosovo.", {("SRB", "160", "XKX", A, False)}),
    ("Mali suspended the broadcasts of French television.", {("MLI", "1721", "FRA", A, False)}),
    # Denying a request turns it down (120); 'deny' alone is denying a charge (016).
    ("Egypt denied a request from Hamas to open the Rafah crossing.",
     {("EGY", "120", "PSE", A, False)}),
    # Hurt or killed in a bombing with nobody named: the bombing (183), its author unknown;
    # an explosion may be an accident, so only a wound or a death makes it an attack.
    ("Four Somali policemen were injured in a bomb blast.", {(None, "183", "SOM", A, False)}),
    ("Workers were injured in an explosion at the chemical plant.", set()),
    ("Three Iraqi policemen were wounded in a bombing.", {(None, "183", "IRQ", A, False)}),
    ("Six Malian soldiers were killed in a roadside bombing.", {(None, "183", "MLI", A, False)}),
    # Accepting or granting a request yields to it (080); denying it turns it down (120).
    ("Kenya accepted the request from Somalia.", {("KEN", "080", "SOM", A, False)}),
    # Penalties eased are sanctions eased (085).
    ("The United States eased penalties on Venezuela.", {("USA", "085", "VEN", A, False)}),
    # A court ruling against a party; two sides settling on a way out of their dispute.
    ("The Kenyan High Court ruled against the government.", {("KEN", "116", "KEN", A, False)}),
    ("Armenia and Azerbaijan decided on a peaceful settlement of the dispute.",
     {("ARM", "037", "AZE", A, False), ("AZE", "037", "ARM", A, False)}),
    # A violation is of a ceasefire (196) only when a ceasefire is what it is of.
    ("Armenia's violation of the truce angered Azerbaijan.", {("ARM", "196", None, A, False)}),
    ("Armenia's violation of the customs code angered Azerbaijan.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), NEWS, ids=[n[0][:40] for n in NEWS])
def test_news_phrasing(annotate_text, sentence: str, expected: set) -> None:
    """Each row states the whole set: a missing event and an extra event both fail."""
    assert_whole_set(annotate_text(sentence).events, expected)
