"""Events and relations from hand-written sentences (small test knowledge base)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import coded, described, names

from claimgraph.model import Extraction


def _relations(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(ex.actors[r.subject].name, r.type, ex.actors[r.object].name) for r in ex.relations}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kata'ib Hezbollah attacked the U.S. embassy in Baghdad on January 3, 2020.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], "2020-01-03", "asserted", None),
        ),
        (  # passive voice: the recipient is the subject
            "The U.S. embassy was attacked by Kata'ib Hezbollah.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], None, "asserted", None),
        ),
        (  # nominal event with a light verb; a capital acting is its government
            "Tehran launched a drone attack against Prime Minister Mustafa al-Kadhimi in 2021.",
            ("ASSAULT", ["Government of Iran"], ["Mustafa al-Kadhimi"], "2021", "asserted", None),
        ),
        (
            "Hadi al-Amiri said that Kata'ib Hezbollah did not attack the U.S. embassy.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], None, "negated", "Hadi al-Amiri"),
        ),
        (
            "Nouri al-Maliki said that Kata'ib Hezbollah attacked the U.S. embassy.",
            (
                "ASSAULT",
                ["Kata'ib Hezbollah"],
                ["United States"],
                None,
                "reported",
                "Nouri al-Maliki",
            ),
        ),
        (
            "Kata'ib Hezbollah allegedly attacked the U.S. embassy.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], None, "hedged", None),
        ),
        (
            "Unconfirmed reports have stated that Kata'ib Hezbollah attacked the U.S. embassy.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], None, "hedged", None),
        ),
        (
            "Iran plans to attack the United States.",
            ("ASSAULT", ["Iran"], ["United States"], None, "hypothetical", None),
        ),
        (  # one THREATEN event, not also an ASSAULT
            "Kata'ib Hezbollah threatened to attack the U.S. embassy.",
            ("THREATEN", ["Kata'ib Hezbollah"], ["United States"], None, "asserted", None),
        ),
        (
            "The United States sanctioned Hadi al-Amiri.",
            ("SANCTION", ["United States"], ["Hadi al-Amiri"], None, "asserted", None),
        ),
        (  # an accusation is the accuser's speech
            "Nouri al-Maliki accused Iran of meddling.",
            ("ACCUSE", ["Nouri al-Maliki"], ["Iran"], None, "reported", "Nouri al-Maliki"),
        ),
        (  # members of X stand for X
            "The Iraqi government arrested three members of Kata'ib Hezbollah.",
            ("COERCE", ["Government of Iraq"], ["Kata'ib Hezbollah"], None, "asserted", None),
        ),
        (  # a date without a year is the latest such date before publication
            "Hadi al-Ameri met Nouri al-Maliki on July 19.",
            ("CONSULT", ["Hadi al-Amiri"], ["Nouri al-Maliki"], "2022-07-19", "asserted", None),
        ),
    ],
)
def test_single_event(analyze_small: Any, text: str, expected: tuple[Any, ...]) -> None:
    ex = analyze_small(text, published="2022-07-25")
    assert described(ex, with_date=True) == [expected]


def test_no_event_in_a_description(analyze_small: Any) -> None:
    ex = analyze_small("Iran-backed militias are active in the province.")
    assert ex.events == []


def test_role_conflict_flag(analyze_small: Any) -> None:
    text = "The Iraqi people toppled Tehran-backed Prime Minister Haidar al-Abadi in October 2019."
    ex = analyze_small(text)
    (event,) = ex.events
    assert event.type == "COERCE"
    (flag,) = event.flags
    assert flag.kind == "role_conflict"
    assert "Prime Minister of Iraq" in flag.text_claim  # type: ignore[operator]
    assert "2014-09-08" in flag.kb_fact and "2018-10-25" in flag.kb_fact  # type: ignore[operator]
    assert flag.source == "wikidata:P39"


def test_role_in_office_is_not_flagged(analyze_small: Any) -> None:
    ex = analyze_small(
        "Kata'ib Hezbollah attacked Prime Minister Mustafa al-Kadhimi in November 2021."
    )
    (event,) = ex.events
    assert event.flags == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Hadi al-Ameri, the Badr Organization chief, met Nouri al-Maliki.",
            ("Hadi al-Amiri", "leads", "Badr Organization"),
        ),
        (
            "Al-Maliki is the head of the Badr Organization.",
            ("Nouri al-Maliki", "leads", "Badr Organization"),
        ),
        (
            "Hadi al-Amiri, who leads the Badr Organization, condemned the United States.",
            ("Hadi al-Amiri", "leads", "Badr Organization"),
        ),
        (
            "IRGC Brig. Hadi al-Amiri spoke.",
            ("Hadi al-Amiri", "member_of", "Islamic Revolutionary Guard Corps"),
        ),
        ("Prime Minister Mustafa al-Kadhimi spoke.", ("Mustafa al-Kadhimi", "holds_role", "Iraq")),
        (
            "The Iraqi people toppled Tehran-backed Prime Minister Haidar al-Abadi.",
            ("Haider al-Abadi", "backed_by", "Government of Iran"),
        ),
        (
            "Hadi al-Amiri founded the Badr Organization.",
            ("Hadi al-Amiri", "founded", "Badr Organization"),
        ),
        (
            "Hadi al-Amiri joined Kata'ib Hezbollah.",
            ("Hadi al-Amiri", "member_of", "Kata'ib Hezbollah"),
        ),
    ],
)
def test_relation(analyze_small: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _relations(analyze_small(text))


def test_generic_group_and_its_backer(analyze_small: Any) -> None:
    ex = analyze_small("Tehran-backed militias attacked the U.S. embassy.")
    (event,) = ex.events
    (actor,) = event.actors
    assert ex.actors[actor].name == "Tehran-backed militias"
    assert ex.actors[actor].type == "armed_group"
    assert ("Tehran-backed militias", "backed_by", "Government of Iran") in _relations(ex)


def test_quantities(analyze_small: Any) -> None:
    ex = analyze_small(
        "Kata'ib Hezbollah fighters killed 12 protesters and wounded 30 people in Baghdad."
    )
    units = {(q.value, q.unit) for e in ex.events for q in e.quantities}
    assert (12.0, "dead") in units and (30.0, "injured") in units


def test_the_speakers_are_not_counted(analyze_small: Any) -> None:
    """ "Two officials said" counts who tells; the drones they tell of are counted."""
    ex = analyze_small("Two officials said Kata'ib Hezbollah launched three drones at the embassy.")
    units = {(q.value, q.unit) for e in ex.events for q in e.quantities}
    assert units == {(3.0, "drones")}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Protests have shaken Iraq, with more than 450 Iraqis killed by security forces.", 450.0),
        ("Around 400 protesters have been reported killed by security forces in Iraq.", 400.0),
    ],
)
def test_counted_dead_in_other_words(analyze_small: Any, text: str, value: float) -> None:
    """A participle on the counted noun, a complement of its verb, a nationality as the noun:
    all count the dead, so two reports' tolls can be compared."""
    units = {(q.value, q.unit) for e in analyze_small(text).events for q in e.quantities}
    assert (value, "dead") in units


def test_a_counted_group_is_named_without_its_number(analyze_small: Any) -> None:
    ex = analyze_small("Around 400 Iraqi protesters were killed by Iraqi security forces.")
    names = {ex.actors[a].name for e in ex.events for a in e.recipients}
    assert names == {"Iraqi protesters"}


def test_evidence_is_the_sentence(analyze_small: Any) -> None:
    text = "Officials met on Monday.\n\nThe United States sanctioned Hadi al-Amiri. Nothing else happened."
    ex = analyze_small(text)
    (event,) = ex.events
    ev = event.evidence
    assert ev.quote == "The United States sanctioned Hadi al-Amiri."
    assert text[ev.start : ev.end] == ev.quote
    assert ev.sentence == 1


@pytest.mark.parametrize(
    "dateline",
    ["BAGHDAD, Nov. 7, 2021 - ", "WASHINGTON (Reuters) — ", "KIRKUK, Iraq, Dec. 28 -- "],
)
def test_a_dateline_is_not_part_of_the_first_sentence(analyze_small: Any, dateline: str) -> None:
    story = "The United States sanctioned Hadi al-Amiri on Sunday, officials said."
    ex = analyze_small("Sanctions on militia leaders\n\n" + dateline + story)
    assert [e.evidence.quote for e in ex.events] == [story]


def test_a_capitalised_sentence_with_a_dash_is_not_a_dateline(analyze_small: Any) -> None:
    text = (
        "US sanctions - the latest round - hit Hadi al-Amiri.\n\nThe United States sanctioned him."
    )
    ex = analyze_small(text)
    assert ex.events[0].evidence.quote.startswith("US sanctions - the latest round")


def test_reference_marks_are_not_part_of_names(analyze_small: Any) -> None:
    """Text copied from a wiki keeps its reference marks: "al-Amiri[41]" is still al-Amiri, and
    the mark after a full stop does not start the next sentence."""
    ex = analyze_small(
        "Kata'ib Hezbollah is an armed group. It was commanded by Hadi al-Amiri[41] until 2019."
        "[42] The group attacked the U.S. embassy."
    )
    assert ("Hadi al-Amiri", "leads", "Kata'ib Hezbollah") in _relations(ex)
    assert all("[" not in a.name for a in ex.actors.values())
    assert [e.type for e in ex.events] == ["ASSAULT"]
    quote = ex.events[0].evidence.quote
    assert quote.startswith("The group")


def test_named_group_before_a_generic_noun(analyze_small: Any) -> None:
    """ "the Kata'ib Hezbollah Iran-backed militia" is Kata'ib Hezbollah, backed by Iran."""
    ex = analyze_small("Hadi al-Amiri, from the Kata'ib Hezbollah Iran-backed militia, spoke.")
    rels = _relations(ex)
    assert ("Kata'ib Hezbollah", "backed_by", "Government of Iran") in rels
    assert not any(a.name.endswith("militia") for a in ex.actors.values())


def test_group_noun_with_a_generic_compound(analyze_small: Any) -> None:
    """ "Iranian-backed Iraqi militia leaders" are the Iran-backed militias, not Iraq."""
    ex = analyze_small(
        "The United States imposed sanctions on three Iranian-backed Iraqi militia leaders."
    )
    (event,) = ex.events
    (recipient,) = event.recipients
    assert ex.actors[recipient].type == "armed_group"
    assert (ex.actors[recipient].name, "backed_by", "Government of Iran") in _relations(ex)
    assert not any(ex.actors[r.subject].name == "Iraq" for r in ex.relations)


def test_organisation_and_title_inside_a_name(analyze_small: Any) -> None:
    ex = analyze_small("Badr Organization spokesman Hadi al-Amiri said the group would fight.")
    assert ("Hadi al-Amiri", "holds_role", "Badr Organization") in _relations(ex)


def test_pronoun_does_not_refer_to_a_modifier(analyze_small: Any) -> None:
    """ "a US drone attack": the United States is a modifier there, not what "It" refers to."""
    ex = analyze_small(
        "Kata'ib Hezbollah is an armed group. Hadi al-Amiri died in a US drone attack in 2020. "
        "It was founded by Iran."
    )
    rels = _relations(ex)
    assert ("Iran", "founded", "United States") not in rels


def test_members_of_a_plural_group_noun(analyze_small: Any) -> None:
    """ "by the governments of Iran and the United States": each of them designates."""
    ex = analyze_small(
        "Kata'ib Hezbollah is designated a terrorist organization by the governments of Iraq "
        "and the United States."
    )
    assert ("SANCTION", ["Iraq", "United States"], ["Kata'ib Hezbollah"]) in coded(ex)


def test_receiving_from_a_giver(analyze_small: Any) -> None:
    """ "received funding and training from X": X gives (AID), the subject receives."""
    ex = analyze_small(
        "Kata'ib Hezbollah is a militia. It has received funding and training from the "
        "Islamic Revolutionary Guard Corps."
    )
    assert ("AID", ["Islamic Revolutionary Guard Corps"], ["Kata'ib Hezbollah"]) in coded(ex)


def test_undated_report_takes_the_year_of_its_title(analyze_small: Any) -> None:
    ex = analyze_small(
        "Annual Report on Iraq 2019\n\nOn December 27, Kata'ib Hezbollah attacked the U.S. embassy."
    )
    assert [e.date for e in ex.events] == ["2019-12-27"]


def test_a_date_that_modifies_a_noun_does_not_date_the_event(analyze_small: Any) -> None:
    ex = analyze_small(
        "Kata'ib Hezbollah attacked the embassy to protest the January 5, 2019 agreement.",
    )
    assert all(e.date is None for e in ex.events if e.type == "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        # the date of an infinitive on another noun dates that clause
        "The United States attacked the militia to stop its efforts to implement the "
        "December 25, 2011 agreement.",
        # cut off mid-word, as scraped text often is: the parser loses the noun
        "The United States attacked the militia to stop its efforts to implement the "
        "December 25, 2011 agreeme",
        # a relative clause about a name
        "Kata'ib Hezbollah, which was designated in 2009, attacked the U.S. embassy.",
    ],
)
def test_a_date_in_a_clause_about_another_noun_does_not_date_the_event(
    analyze_small: Any, text: str
) -> None:
    ex = analyze_small(text)
    assert [e.date for e in ex.events if e.type == "ASSAULT"] == [None]


def test_a_date_in_a_clause_on_the_event_noun_dates_it(analyze_small: Any) -> None:
    ex = analyze_small(
        "The United States condemns the attack that took place on December 27, 2019 at the "
        "base, killing an American contractor.",
        "2019-12-28",
    )
    assert "2019-12-27" in {e.date for e in ex.events if e.type == "ASSAULT"}


def test_a_statement_in_the_present_is_dated_by_publication(analyze_small: Any) -> None:
    ex = analyze_small("The United States condemns the attack by Kata'ib Hezbollah.", "2020-01-05")
    dates = {e.type: e.date for e in ex.events}
    # the condemnation is made as the text is written; the attack it names happened before
    assert dates == {"ACCUSE": "2020-01-05", "ASSAULT": None}
    past = analyze_small("Kata'ib Hezbollah had attacked the U.S. embassy.", "2020-01-05")
    assert [e.date for e in past.events] == [None]


def test_a_headline_phrase_is_not_a_new_actor(analyze_small: Any) -> None:
    """In a headline-case line every word is capitalised, so NER's guesses there are no evidence
    of a name; names on file still resolve."""
    ex = analyze_small(
        "Ten Years of Basra Smugglers’ Reign in Umm Qasr\n\n"
        "Hadi al-Amiri met smugglers in Umm Qasr on Monday."
    )
    assert not any("Reign" in a.name or "Smugglers" in a.name for a in ex.actors.values())
    assert "Hadi al-Amiri" in {a.name for a in ex.actors.values()}


def test_a_title_word_alone_is_not_an_actor(resolve_small: Any) -> None:
    """ "Supreme" split off "Supreme Leader" by NER is part of a title, not an organisation."""
    from claimgraph.actors.resolve import _headline_case, _only_title_words

    doc, _ = resolve_small("The Supreme Leader Farid Hamadani spoke. Deputy Chief Of Staff Rises.")
    sup = next(t for t in doc if t.text == "Supreme")
    assert _only_title_words(doc, sup.i, sup.i + 1)
    assert not _only_title_words(doc, sup.i, sup.i + 3)
    first, second = list(doc.sents)
    assert not _headline_case(first) and _headline_case(second)


def test_a_national_group_of_people_is_part_of_that_people(analyze: Any) -> None:
    """ "Iraqi protesters" are some of the Iraqi people (so that a report of Iraqis killed and
    one of protesters killed can meet); the security forces are part of the state, not of it."""
    ex = analyze("Iraqi security forces killed dozens of Iraqi protesters.")
    by_name = {a.name: a.id for a in ex.actors.values()}
    people = next(iter(analyze("Iraqis protested.").actors))
    assert ex.ancestors[by_name["Iraqi protesters"]] == (people,)
    assert people not in ex.ancestors[by_name["Iraqi Security Forces"]]


def test_it_refers_to_the_event_told_before(analyze_small: Any) -> None:
    """ "It was perpetrated by X": the attack of the sentence before, with X as its (hedged)
    perpetrator; the undated retelling in the next sentence takes the first one's date; "no one
    has claimed" counts nothing."""
    ex = analyze_small(
        "On 7 November 2021, Prime Minister Mustafa al-Kadhimi survived an assassination attempt. "
        "A drone attacked his residence in Baghdad. No one has claimed responsibility, although "
        "it was generally believed that it was perpetrated by Kata'ib Hezbollah."
    )
    told = described(ex, with_date=True)
    assert ("ASSAULT", [], ["Mustafa al-Kadhimi"], "2021-11-07") in [t[:4] for t in told]
    (blamed,) = [e for e in ex.events if e.actors]
    assert [ex.actors[a].name for a in blamed.actors] == ["Kata'ib Hezbollah"]
    assert [ex.actors[a].name for a in blamed.recipients] == ["Mustafa al-Kadhimi"]
    assert blamed.modality == "hedged" and blamed.date == "2021-11-07"
    assert not [q for e in ex.events for q in e.quantities if q.value == 1]


def test_a_place_on_file_gives_the_event_its_country(analyze: Any) -> None:
    ex = analyze(
        "Kata'ib Hezbollah launched a rocket attack on a base near Kirkuk on December 27, 2019."
    )
    (event,) = ex.events
    assert (event.location, event.country) == ("Kirkuk", "IRQ")


def test_each_event_takes_the_date_attached_to_it(analyze_small: Any) -> None:
    """Two dates in one sentence: each event takes the one its clause governs."""
    ex = analyze_small(
        "Kata'ib Hezbollah attacked the U.S. embassy on December 31, 2019, after the United "
        "States bombed Kata'ib Hezbollah on December 29, 2019."
    )
    dates = {(names(ex, e.actors)[0], e.date) for e in ex.events if e.type == "ASSAULT"}
    assert dates == {("Kata'ib Hezbollah", "2019-12-31"), ("United States", "2019-12-29")}


def test_a_date_before_the_event_noun_dates_it(analyze_small: Any) -> None:
    ex = analyze_small(
        "Kata'ib Hezbollah carried out the December 27, 2019 rocket attack on the K-1 base."
    )
    assert [e.date for e in ex.events if e.type == "ASSAULT"] == ["2019-12-27"]


def test_an_event_takes_the_place_in_its_own_clause(analyze: Any) -> None:
    ex = analyze(
        "After a meeting in Tehran on Monday, Kata'ib Hezbollah attacked a U.S. base near Kirkuk.",
        "2020-01-08",
    )
    assert [e.location for e in ex.events if e.type == "ASSAULT"] == ["Kirkuk"]


@pytest.mark.parametrize(
    "text, place",
    [
        # a capital that acts is the actor, not the place
        ("In 2021, Tehran launched a drone attack against Mustafa al-Kadhimi.", None),
        # a capital that describes the actor is not where the event was
        ("Protesters in Baghdad attacked the Iranian consulate in Karbala.", "Karbala"),
        # a capital describing the target
        ("Kata'ib Hezbollah attacked the Tehran-backed Badr Organization.", None),
        # a capital naming a thing is a place
        ("Kata'ib Hezbollah attacked the Turkish ambassador's Baghdad residence.", "Baghdad"),
        # a capital in a prepositional phrase is a place, also in a subject event noun
        ("Kata'ib Hezbollah's attack in Baghdad on Monday killed two U.S. soldiers.", "Baghdad"),
    ],
)
def test_a_capital_in_the_subject_is_not_the_place(
    analyze: Any, text: str, place: str | None
) -> None:
    assert [e.location for e in analyze(text).events if e.type == "ASSAULT"] == [place]


def test_a_clause_that_bounds_the_event_does_not_date_it(analyze_small: Any) -> None:
    """ "After X on D, Y": X is dated D (here a range of two days); Y only follows it."""
    ex = analyze_small(
        "After Kata'ib Hezbollah attacked the U.S. embassy on November 27 and 28, 2019, the "
        "United States sanctioned Kata'ib Hezbollah."
    )
    dates = {e.type: (e.date, e.date_end) for e in ex.events}
    assert dates == {"ASSAULT": ("2019-11-27", "2019-11-28"), "SANCTION": (None, None)}


def test_an_object_it_after_an_event_noun_is_the_event(analyze_small: Any) -> None:
    """ "The US condemned the attack. Iran also condemned it": Iran condemned the attack, not
    the United States; an "it" with no event noun between still finds its actor."""
    ex = analyze_small(
        "The United States condemned the attack on Sunday. Hadi al-Amiri also condemned it."
    )
    assert ("ACCUSE", ["Hadi al-Amiri"], []) in coded(ex)
    ex = analyze_small("Kata'ib Hezbollah is a militia. The United States sanctioned it in 2009.")
    assert ("SANCTION", ["United States"], ["Kata'ib Hezbollah"]) in coded(ex)


def test_a_platform_is_not_a_new_person(analyze: Any) -> None:
    ex = analyze('"We will not be intimidated," Mustafa al-Kadhimi wrote on Twitter.')
    kinds = {a.name: (a.type, a.id) for a in ex.actors.values()}
    assert kinds.get("Twitter") == ("organization", "Q918")


def test_the_attack_carried_out_by_x_is_the_attack_told_before(analyze_small: Any) -> None:
    ex = analyze_small(
        "On Sunday, drones struck the residence of Hadi al-Amiri in Baghdad.\n\n"
        "Two officials said Kata'ib Hezbollah carried out the attack.",
        "2021-11-08",
    )
    claim = next(e for e in ex.events if e.actors)
    assert names(ex, claim.actors) == ["Kata'ib Hezbollah"]
    assert names(ex, claim.recipients) == ["Hadi al-Amiri"]
    assert claim.date == "2021-11-07" and claim.modality == "hedged"


def test_an_attack_on_someone_else_is_not_the_attack_told_before(analyze_small: Any) -> None:
    ex = analyze_small(
        "On Sunday, drones struck the residence of Hadi al-Amiri in Baghdad. "
        "Kata'ib Hezbollah carried out an attack on a base in Kirkuk on Monday.",
        "2021-11-09",
    )
    claim = next(e for e in ex.events if e.actors)
    assert claim.recipients == () and claim.date == "2021-11-08"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said Kata'ib Hezbollah and Asa'ib Ahl al-Haq attacked the U.S. embassy, a "
        "claim that both groups denied.",
        "Officials said Kata'ib Hezbollah and Asa'ib Ahl al-Haq attacked the U.S. embassy. "
        "Both groups denied the claim.",
    ],
)
def test_a_claim_denied_by_its_actors_gets_their_denial(analyze_small: Any, text: str) -> None:
    ex = analyze_small(text)
    claims = {e.modality: e for e in ex.events if e.type == "ASSAULT"}
    assert set(claims) == {"hedged", "negated"}, [e.modality for e in ex.events]
    denial = claims["negated"]
    assert sorted(names(ex, denial.actors)) == ["Asa'ib Ahl al-Haq", "Kata'ib Hezbollah"]
    assert denial.recipients == claims["hedged"].recipients
    assert "denied" in denial.evidence.quote


def test_a_denial_by_someone_else_denies_nothing_of_theirs(analyze_small: Any) -> None:
    ex = analyze_small(
        "Officials said Kata'ib Hezbollah attacked the U.S. embassy. The United States denied "
        "the report."
    )
    assert [e.modality for e in ex.events if e.type == "ASSAULT"] == ["hedged"]


def test_these_militias_are_the_militias_told_before(analyze_small: Any) -> None:
    """ "formed Shiite militias ... these militias": the unnamed militias, not the last armed
    group named; "X is a militia ... the militia" is still X."""
    ex = analyze_small(
        "Kata'ib Hezbollah formed Shiite militias from its captives. "
        "Iran later exploited these militias for terror attempts against Hadi al-Amiri."
    )
    assert not any("Kata'ib Hezbollah" in names(ex, e.recipients) for e in ex.events)
    ex = analyze_small(
        "Kata'ib Hezbollah is a militia in Iraq. The militia attacked the U.S. embassy in 2019."
    )
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"]) in coded(ex)


def test_it_is_led_by_x_is_no_event_told_again(analyze_small: Any) -> None:
    ex = analyze_small(
        "Kata'ib Hezbollah attacked the U.S. embassy in 2019. It is led by Hadi al-Amiri."
    )
    assert [names(ex, e.actors) for e in ex.events if e.type == "ASSAULT"] == [
        ["Kata'ib Hezbollah"]
    ]


def test_its_in_the_subject_carries_the_topic_on(analyze_small: Any) -> None:
    """ "X is a group opposed to Iran's regime. Its members ...": X's members, not Iran's."""
    ex = analyze_small(
        "Kata'ib Hezbollah is a militia opposed to the United States. Its fighters attacked "
        "Hadi al-Amiri in 2019."
    )
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["Hadi al-Amiri"]) in coded(ex)


def test_a_government_acts_not_against_its_own_state(analyze: Any) -> None:
    ex = analyze(
        "The United States sanctioned Hadi al-Amiri. The sanctions allow the U.S. government to "
        "freeze any assets the men might have in the United States and bar Americans from "
        "doing business with them."
    )
    assert [names(ex, e.recipients) for e in ex.events if e.type == "SANCTION"] == [
        ["Hadi al-Amiri"],
        [],
    ]


def test_called_it_after_an_event_noun_is_the_event(analyze: Any) -> None:
    ex = analyze(
        "The United Nations condemned the attack on the embassy. Kata'ib Hezbollah called it "
        "a despicable act of violence."
    )
    assert [names(ex, e.recipients) for e in ex.events if e.type == "ACCUSE"] == [[], []]


def test_a_named_event_attached_to_the_trigger_dates_it(analyze: Any) -> None:
    """ "During the Iraq War, X attacked ..." is dated by the war on file, whatever other date
    the sentence gives for something else."""
    ex = analyze(
        "During the Iraq War, Kata'ib Hezbollah attacked U.S. forces, and it has been active in "
        "the Syrian civil war since 2011."
    )
    dates = [(e.date, e.date_end) for e in ex.events if e.type == "ASSAULT"]
    assert dates == [("2003-03-20", "2011-12-18")]


def test_several_reference_marks_end_their_sentence(analyze_small: Any) -> None:
    text = (
        "Kata'ib Hezbollah attacked the U.S. embassy in 2019.[35][38] It is active in Syria. "
        "Hadi al-Amiri condemned the United States in 2020."
    )
    ex = analyze_small(text)
    assert [e.evidence.quote for e in ex.events][0] == (
        "Kata'ib Hezbollah attacked the U.S. embassy in 2019."
    )
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"]) in coded(ex)


def test_from_a_group_after_a_list_is_said_of_every_name(analyze: Any) -> None:
    ex = analyze(
        "The sanctions target two brothers, Qais al-Khazali and Laith al-Khazali, from the "
        "Asaib Ahl al-Haq militia. Hadi al-Amiri, from the Badr Organization, and Nouri "
        "al-Maliki met on Monday.",
        "2019-12-06",
    )
    members = {(s, o) for s, t, o in _relations(ex) if t == "member_of"}
    assert ("Qais al-Khazali", "Asa'ib Ahl al-Haq") in members
    assert ("Laith al-Khazali", "Asa'ib Ahl al-Haq") in members
    assert ("Nouri al-Maliki", "Badr Organization") not in members


def test_a_relative_clause_on_a_predicate_noun_is_about_the_subject(analyze: Any) -> None:
    """ "X is a paramilitary group which is part of Y": X is part of Y."""
    ex = analyze(
        "Kata'ib Hezbollah is a radical Iraqi paramilitary group which is part of the Popular "
        "Mobilization Forces."
    )
    assert ("Kata'ib Hezbollah", "part_of", "Popular Mobilization Forces") in _relations(ex)
