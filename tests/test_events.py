"""Event coding on hand-written sentences: triggers, participants, modality and dates."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import coded as _coded
from conftest import described, make_document, names

from claimgraph.pipeline import Analyzer

Coded = tuple[str, list[str], list[str]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb that needs an actor as its object: a statement is not released like a prisoner
        ("Kata'ib Hezbollah released a statement on Monday.", []),
        (
            "The Badr Organization struck a deal with the Iraqi government.",
            [("AGREE", ["Badr Organization"], ["Government of Iraq"])],
        ),
        # designation is a sanction only when it names a sanctions category
        (
            "The United States designated Kata'ib Hezbollah as a terrorist organization.",
            [("SANCTION", ["United States"], ["Kata'ib Hezbollah"])],
        ),
        ("Nouri al-Maliki designated Hadi al-Amiri as his deputy.", []),
        # what is deterred did not happen
        (
            "The United States bombed the Kata'ib Hezbollah headquarters, aiming to deter future"
            " Iranian attacks.",
            [("ASSAULT", ["United States"], ["Kata'ib Hezbollah"])],
        ),
        # "on Monday" is a time, not the particle of "call on"
        ("Hadi al-Amiri called Nouri al-Maliki on Monday.", []),
    ],
)
def test_triggers(analyze_small: Any, text: str, expected: list[Coded]) -> None:
    assert _coded(analyze_small(text, published="2022-07-25")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the target of a preposition on the object
        (
            "The United States struck a heavy blow against Kata'ib Hezbollah.",
            ("ASSAULT", ["United States"], ["Kata'ib Hezbollah"]),
        ),
        # an object stands for its owner
        (
            "Iran supported the efforts of the Iraqi government.",
            ("SUPPORT", ["Iran"], ["Government of Iraq"]),
        ),
        (
            "The Badr Organization agreed to run jointly with Kata'ib Hezbollah's list.",
            ("AGREE", ["Badr Organization"], ["Kata'ib Hezbollah"]),
        ),
        # a possessive bound by its clause's subject
        ("Iran and Iraq continued their partnership.", ("COOPERATE", ["Iran", "Iraq"], [])),
        (
            "The Badr Organization announced its withdrawal from the Iraqi government.",
            ("RETREAT", ["Badr Organization"], ["Government of Iraq"]),
        ),
        # the "of" of an intransitive event noun is its actor
        (
            "Iraq welcomed the resignation of Haidar al-Abadi.",
            ("SUPPORT", ["Iraq"], ["Haider al-Abadi"]),
        ),
        # the victims of an attack named in its clause
        (
            "Kata'ib Hezbollah conducted attacks that resulted in the deaths of Iraqi soldiers.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["Iraq"]),
        ),
        # "X was reported killed by Y"
        (
            "Hadi al-Amiri was reported killed by Kata'ib Hezbollah.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["Hadi al-Amiri"]),
        ),
        # an event noun with no one named, stated by a verb of suffering
        (
            "Mustafa al-Kadhimi survived an assassination attempt.",
            ("ASSAULT", [], ["Mustafa al-Kadhimi"]),
        ),
        # or by the casualties it caused
        ("A rocket attack that killed six people shook Baghdad.", ("ASSAULT", [], [])),
        # naming an act a crime accuses those who did it
        (
            "Hadi al-Amiri called the U.S. strike an act of terrorism.",
            ("ACCUSE", ["Hadi al-Amiri"], ["United States"]),
        ),
        # a pronoun object is not its own clause's subject
        ("Nouri al-Maliki called it a crime.", ("ACCUSE", ["Nouri al-Maliki"], [])),
        # who an attack is attributed to carried it out (as the attributor says)
        (
            "Rocket attacks attributed by U.S. officials to Iranian proxies threaten the embassy.",
            ("ACCUSE", ["United States"], ["Iranian proxies"]),
        ),
    ],
)
def test_participants(analyze_small: Any, text: str, expected: Coded) -> None:
    assert expected in _coded(analyze_small(text, published="2022-07-25"))


def test_resignation_of_is_its_actor(analyze_small: Any) -> None:
    ex = analyze_small("The resignation of Haidar al-Abadi was announced.")
    assert ("RETREAT", ["Haider al-Abadi"], []) in _coded(ex)


def test_supported_by_participle(analyze_small: Any) -> None:
    ex = analyze_small("Supported by Iran, Kata'ib Hezbollah attacked the U.S. embassy.")
    assert ("SUPPORT", ["Iran"], ["Kata'ib Hezbollah"]) in _coded(ex)


def test_first_person_is_the_publisher(small_analyzer: Analyzer) -> None:
    """ "We" in a statement a government issues is that government (and its state), and the
    publisher's own condemnation is asserted, not reported."""
    text = "We condemn the attack by Kata'ib Hezbollah."
    ex = small_analyzer.analyze(make_document(text, "2022-07-25", publisher="Government of Iraq"))
    expected = ("ACCUSE", ["Government of Iraq", "Iraq"], ["Kata'ib Hezbollah"], "asserted", None)
    assert expected in described(ex)


def test_first_person_in_a_quotation_is_not_the_publisher(small_analyzer: Analyzer) -> None:
    text = "Hadi al-Amiri said: \u201cWe condemn the attack by Kata'ib Hezbollah.\u201d"
    ex = small_analyzer.analyze(make_document(text, "2022-07-25", publisher="Government of Iraq"))
    assert all("Government of Iraq" not in actors for _t, actors, _r in _coded(ex))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a declared future action is a commitment or a threat, made now
        (
            "The United States will provide aid to Iraq.",
            ("AGREE", ["United States"], ["Iraq"], "asserted", None),
        ),
        (
            "Iran will attack the United States if the sanctions continue.",
            ("THREATEN", ["Iran"], ["United States"], "asserted", None),
        ),
        (
            "The United States will consider imposing sanctions on Iran if the attacks continue.",
            ("THREATEN", ["United States"], ["Iran"], "asserted", None),
        ),
        (
            "Nouri al-Maliki said Iraq would not meet Iran.",
            ("REJECT", ["Iraq"], ["Iran"], "reported", "Nouri al-Maliki"),
        ),
        # an obligation in someone's speech is their request
        (
            "Nouri al-Maliki said that Iran must withdraw from Iraq.",
            ("REQUEST", ["Nouri al-Maliki"], ["Iran"], "reported", "Nouri al-Maliki"),
        ),
        # a plan stays a plan
        (
            "Iran plans to attack the United States.",
            ("ASSAULT", ["Iran"], ["United States"], "hypothetical", None),
        ),
        # the speaker after the claim
        (
            "Kata'ib Hezbollah attacked the U.S. embassy, Nouri al-Maliki said.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], "reported", "Nouri al-Maliki"),
        ),
        # a quotation that began in an earlier sentence
        (
            "Nouri al-Maliki said: \u201cWe are ready. Kata'ib Hezbollah attacked the U.S."
            " embassy.\u201d",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], "reported", "Nouri al-Maliki"),
        ),
        # a statement's content is its issuer's speech
        (
            "Nouri al-Maliki's office released a statement that Kata'ib Hezbollah attacked the"
            " U.S. embassy.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"], "reported", "Nouri al-Maliki"),
        ),
        # an adverbial clause is not speech, even under "maintained"
        (
            "Supported by Iran, Kata'ib Hezbollah maintained control of the town.",
            ("SUPPORT", ["Iran"], ["Kata'ib Hezbollah"], "asserted", None),
        ),
        # what happened while trying is not itself tried
        (
            "Kata'ib Hezbollah tried to storm the embassy, throwing stones at Iraqi soldiers.",
            ("ASSAULT", ["Kata'ib Hezbollah"], ["Iraq"], "asserted", None),
        ),
    ],
)
def test_modality_and_coding(analyze_small: Any, text: str, expected: tuple[Any, ...]) -> None:
    assert expected in described(analyze_small(text, published="2022-07-25"))


def test_an_attack_that_killed_people_stands_on_its_own(analyze_small: Any) -> None:
    """ "the attack that took place at X killing 6 people": an event though no one is named,
    wherever the parse hangs "killing" inside the relative clause."""
    ex = analyze_small(
        "Hadi al-Amiri condemns the attack that took place this morning at Camp Ashraf killing"
        " 6 people and injuring dozens more."
    )
    assault = [e for e in ex.events if e.type == "ASSAULT"]
    assert len(assault) == 1 and not assault[0].actors and not assault[0].recipients
    assert assault[0].location == "Camp Ashraf"


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. embassy could be attacked.",  # a possible attack by no one
        "Hadi al-Amiri was accused of corruption.",  # an accusation by no one
    ],
)
def test_claims_without_an_actor_are_dropped(analyze_small: Any, text: str) -> None:
    assert analyze_small(text).events == []


def test_a_definite_event_noun_refers_back(analyze_small: Any) -> None:
    text = (
        "The United States imposed sanctions on Kata'ib Hezbollah on Friday. "
        "The sanctions target Hadi al-Amiri."
    )
    ex = analyze_small(text, published="2022-07-25")
    assert ("SANCTION", ["United States"], ["Hadi al-Amiri"]) in _coded(ex)


def test_an_office_described_by_its_organisation(analyze: Any) -> None:
    """ "the head of the Quds Force": the one person the document titles so, else whoever held the
    organisation's one top office on the date (on a handover day the outgoing holder, unless the
    text says "new"); organisations with two top offices are left alone."""

    def recipients(text: str, published: str | None = None) -> set[str]:
        ex = analyze(text, published)
        return {
            ex.actors[a].name
            for e in ex.events
            if e.type in ("SANCTION", "ASSAULT")
            for a in e.recipients
        }

    sanction = "The United States sanctioned the head of the Quds Force."
    assert recipients(sanction, "2015-06-01") == {"Qassem Soleimani"}
    assert "Qassem Soleimani" not in recipients(sanction)  # no date, no title: unknown
    # the strike that killed him was also the day his successor was named
    killed = "The United States killed the leader of the nation's elite Quds Force in Iraq."
    assert recipients(killed, "2020-01-03") == {"Qassem Soleimani"}
    new = "The United States sanctioned the new leader of the Quds Force."
    assert recipients(new, "2020-01-03") == {"Esmail Qaani"}
    # the document's own title for a person it names (a rank between title and name)
    titled = "Quds Force Commander General Karim Testani visited Baghdad. " + sanction
    assert recipients(titled) == {"Karim Testani"}
    # the PMF has a chairman and a chief of staff on file: "its head" is not decided
    pmf = "The United States sanctioned the head of the Popular Mobilization Forces."
    assert not {"Falih al-Fayyadh", "Abu Fadak al-Mohammedawi"} & recipients(pmf, "2019-12-06")


@pytest.mark.parametrize(
    "text, mode, recipients",
    [
        (
            "Kata'ib Hezbollah launched three drones at the U.S. embassy.",
            "drone",
            ["United States"],
        ),
        ("Kata'ib Hezbollah fired rockets at a base near Kirkuk.", "artillery", []),
    ],
)
def test_an_attack_named_by_its_weapon(
    analyze: Any, text: str, mode: str, recipients: list[str]
) -> None:
    """A weapon fired or launched at a target is an attack, also when the target is a place."""
    ex = analyze(text)
    (event,) = [e for e in ex.events if e.type == "ASSAULT"]
    assert event.mode == mode and names(ex, event.recipients) == recipients


@pytest.mark.parametrize(
    "text",
    [
        "The ministry launched a website.",
        "The company fired its manager.",
        "Iran launched a satellite.",
    ],
)
def test_launching_or_firing_something_else_is_no_attack(analyze: Any, text: str) -> None:
    assert [e.type for e in analyze(text).events] == []


def test_a_hostile_act_is_not_done_to_the_actors_own(analyze_small: Any) -> None:
    """ "The US struck its bases": the bases of the group named before, not of the US."""
    ex = analyze_small(
        "Kata'ib Hezbollah is a militia. The United States struck its bases on Sunday."
    )
    assert ("ASSAULT", ["United States"], ["Kata'ib Hezbollah"]) in _coded(ex)


def test_the_owner_of_a_named_place_attacked_is_the_target(analyze: Any) -> None:
    ex = analyze(
        "Nouri al-Maliki orchestrated several deadly attacks against the MEK's home Ashraf in "
        "the Diyala governorate."
    )
    (attack,) = [e for e in ex.events if e.type == "ASSAULT"]
    assert names(ex, attack.recipients) == ["People's Mojahedin Organization of Iran"]


def test_a_weapon_launched_by_someone_is_their_attack(analyze: Any) -> None:
    ex = analyze("Three drones were launched at the U.S. embassy by Kata'ib Hezbollah.")
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"]) in _coded(ex)
    assert analyze("Three drones were launched at the compound.").events == []


def test_against_what_they_perceive_as_x_is_against_x(analyze: Any) -> None:
    ex = analyze(
        "Iraqi protesters rallied in Baghdad on Friday. The protesters are demonstrating "
        "against what they perceive as increasing Iranian influence in Iraqi affairs.",
        "2019-12-06",
    )
    assert ("PROTEST", ["Iraqi protesters"], ["Iran"]) in _coded(ex)


def test_cooperation_against_someone_is_not_with_them(analyze: Any) -> None:
    ex = analyze("The United States and Iraq cooperated against the Islamic State in 2017.")
    assert [names(ex, e.recipients) for e in ex.events if e.type == "COOPERATE"] == [[]]
    ex = analyze("Kata'ib Hezbollah attacked the United States in 2019.")
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"]) in _coded(ex)


def test_an_organisation_named_before_its_kind_is_that_organisation(analyze: Any) -> None:
    """ "the APEC forum", "the Badr organisation": the name, not nobody."""
    ex = analyze("The Badr organisation has agreed to join the government in 2018.")
    assert ("AGREE", ["Badr Organization"], []) in _coded(ex)


@pytest.mark.parametrize(
    "text",
    [
        "Iran provided military assistance to Kata'ib Hezbollah in 2019.",
        "Iran gave Kata'ib Hezbollah millions of dollars of aid in 2019.",
        "Iran sent aid to Kata'ib Hezbollah in 2019.",
    ],
)
def test_aid_given_provided_or_sent(analyze: Any, text: str) -> None:
    assert ("AID", ["Iran"], ["Kata'ib Hezbollah"]) in _coded(analyze(text))


def test_thousands_of_x_are_x(analyze: Any) -> None:
    ex = analyze("Thousands of Iraqis demonstrated in Baghdad on Sunday against Iranian influence.")
    assert ("PROTEST", ["Iraqi people"], ["Iran"]) in _coded(ex)
    ex = analyze("A group of Kata'ib Hezbollah fighters attacked the U.S. embassy in 2019.")
    assert ("ASSAULT", ["Kata'ib Hezbollah"], ["United States"]) in _coded(ex)
