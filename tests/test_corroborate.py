"""Corroboration: copy groups, same-event clusters, independent sources, contradictions.

Every fixture is built by hand from the model dataclasses and written with ``Store.write``: no
NLP, so these tests are fast. The running example is the drone attack on the residence of Iraqi
Prime Minister Mustafa al-Kadhimi on 7 November 2021, as different outlets might report it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from claimgraph.corroborate import (
    all_status,
    cluster_members,
    corroborate,
    event_status,
    list_contradictions,
    minhash,
    source_profiles,
    update_clusters,
)
from claimgraph.corroborate.dates import DATE_TOLERANCE_DAYS
from claimgraph.corroborate.profiles import loaded_terms_in
from claimgraph.errors import NotFoundError
from claimgraph.ids import claim_id, document_id
from claimgraph.model import Actor, Document, Event, Evidence, Extraction, Flag, Quantity
from claimgraph.store import Store

ACTORS = {
    a.id: a
    for a in (
        Actor("Q-kadhimi", "Mustafa al-Kadhimi", "person", "IRQ"),
        Actor("Q-iran", "Government of Iran", "government", "IRN"),
        Actor("Q-kh", "Kata'ib Hezbollah", "armed_group", "IRQ"),
        Actor("Q-aah", "Asa'ib Ahl al-Haq", "armed_group", "IRQ"),
        Actor("Q-usa", "United States", "state", "USA"),
        Actor("Q-iraq", "Government of Iraq", "government", "IRQ"),
        Actor("Q-irgc", "Islamic Revolutionary Guard Corps", "armed_group", "IRN"),
        Actor("Q-artesh", "Islamic Republic of Iran Army", "armed_group", "IRN"),
        Actor("Q-usmil", "United States Armed Forces", "armed_group", "USA"),
        Actor("Q-iraqis", "Iraqi people", "population", "IRQ"),
        Actor("cg-protesters", "Iraqi protesters", "population", "IRQ"),
    )
}
KAD, IRAN, KH, AAH, USA, IRAQ = (
    "Q-kadhimi",
    "Q-iran",
    "Q-kh",
    "Q-aah",
    "Q-usa",
    "Q-iraq",
)
IRGC, ARTESH, USMIL = "Q-irgc", "Q-artesh", "Q-usmil"
IRAQIS, PROTESTERS = "Q-iraqis", "cg-protesters"
ANCESTORS = {IRGC: (IRAN,), ARTESH: (IRAN,), USMIL: (USA,), PROTESTERS: (IRAQIS,)}
"""What the knowledge base says these actors are part of (written at ingest)."""


@dataclass
class Ev:
    """An event in the sentence it is written next to."""

    type: str = "ASSAULT"
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    date: str | None = "2021-11-07"
    date_end: str | None = None
    modality: str = "asserted"
    quantities: tuple[Quantity, ...] = ()
    flags: tuple[Flag, ...] = ()
    location: str | None = None
    country: str | None = None


@dataclass
class Article:
    publisher: str
    sentences: list[tuple[str, Ev | None]]
    header: str = ""
    published: str | None = "2021-11-07"
    extra: list[str] = field(default_factory=list)  # filler sentences without events


def build(article: Article, actors: dict[str, Actor] = ACTORS) -> Extraction:
    """An Extraction whose evidence quotes are exact slices of the document text."""
    parts: list[str] = [article.header] if article.header else []
    text = "\n\n".join(parts) + ("\n\n" if parts else "")
    spans: list[tuple[int, int, Ev | None]] = []
    for i, (sentence, ev) in enumerate([*article.sentences, *((s, None) for s in article.extra)]):
        if i:
            text += " "
        spans.append((len(text), len(text) + len(sentence), ev))
        text += sentence
    doc = Document(
        id=document_id(text), text=text, publisher=article.publisher, published=article.published
    )
    events = []
    for n, (start, end, ev) in enumerate(spans):
        if ev is None:
            continue
        evidence = Evidence(doc.id, n, start, end, text[start:end])
        events.append(
            Event(
                id=claim_id("event", doc.id, n, ev.type, ev.actors, ev.recipients),
                type=ev.type,
                evidence=evidence,
                actors=ev.actors,
                recipients=ev.recipients,
                date=ev.date,
                date_end=ev.date_end,
                modality=ev.modality,
                quantities=ev.quantities,
                flags=ev.flags,
                location=ev.location,
                country=ev.country,
            )
        )
    used = {a for e in events for a in (*e.actors, *e.recipients)}
    return Extraction(
        document=doc,
        actors={a: actors[a] for a in sorted(used)},
        events=events,
        ancestors={a: ANCESTORS[a] for a in sorted(used) if a in ANCESTORS},
    )


FILLER = [
    "The prime minister appeared on state television shortly afterwards, calling for calm.",
    "Security forces sealed off the Green Zone, the fortified district that houses government buildings and embassies.",
    "The attack came amid a standoff over the results of the October parliamentary election.",
    "Supporters of the losing parties had camped outside the zone for weeks, alleging fraud.",
    "The United Nations mission in Iraq condemned the attack and urged restraint.",
]

WIRE_A = Article(
    "Wire A",
    [
        (
            "Three explosive-laden drones struck the Baghdad residence of Iraqi Prime Minister Mustafa al-Kadhimi early on Sunday, November 7, 2021.",
            Ev(recipients=(KAD,), quantities=(Quantity(3, "drones", "Three"),)),
        ),
        (
            "Seven members of his protection detail were injured, officials said.",
            Ev(
                recipients=(KAD,),
                modality="reported",
                quantities=(Quantity(7, "injured", "Seven"),),
            ),
        ),
        (
            "Two Iraqi officials said Kata'ib Hezbollah and Asa'ib Ahl al-Haq carried out the attack.",
            Ev(actors=(KH, AAH), recipients=(KAD,), modality="reported"),
        ),
    ],
    header="BAGHDAD (Wire A)",
    extra=FILLER,
)
# The same wire story under another masthead, with its own dateline and one word changed.
SYNDICATED = Article(
    "Daily Star",
    [
        (s.replace("early on Sunday", "early Sunday"), ev) if i == 0 else (s, ev)
        for i, (s, ev) in enumerate(WIRE_A.sentences)
    ],
    header="The Daily Star — from wire reports",
    extra=FILLER,
)
GULF = Article(
    "Gulf Daily",
    [
        (
            "Tehran ordered the drone strike on al-Kadhimi's home on Sunday, 7 November, a senior source claimed.",
            Ev(actors=(IRAN,), recipients=(KAD,)),
        ),
        (
            "Two drones were used in the assault, which left six guards injured.",
            Ev(
                recipients=(KAD,),
                quantities=(Quantity(2, "drones", "Two"), Quantity(6, "injured", "six")),
            ),
        ),
    ],
)
BAGHDAD = Article(
    "Baghdad Post",
    [
        (
            "It remains unclear who launched the drones at the prime minister's residence in November 2021.",
            Ev(recipients=(KAD,), date="2021-11", modality="hedged"),
        ),
    ],
    published="2021-11-20",
)
DENIAL = Article(
    "Al-Ahd",
    [
        (
            "Kata'ib Hezbollah denied any role in the attack on the prime minister's residence on November 7.",
            Ev(actors=(KH,), recipients=(KAD,), modality="negated"),
        ),
    ],
)
REPORTS = [WIRE_A, SYNDICATED, GULF, BAGHDAD, DENIAL]


def write(store: Store, articles: Sequence[Article]) -> list[Extraction]:
    out = [build(a) for a in articles]
    for ex in out:
        assert store.write(ex)
    return out


def clusters_of(store: Store) -> dict[str, str | None]:
    return {e: s["cluster"] for e, s in all_status(store).items()}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "c.db")


# ------------------------------------------------------------------------ copies (MinHash)
def test_minhash_is_deterministic_and_estimates_jaccard() -> None:
    a = minhash.shingles(" ".join(FILLER))
    b = minhash.shingles(" ".join(FILLER[:4]))
    assert minhash.signature(a) == minhash.signature(set(a))
    est = minhash.estimate(minhash.signature(a), minhash.signature(b))
    assert abs(est - minhash.jaccard(a, b)) < 0.15


@pytest.mark.parametrize(
    ("kept", "cut", "copy"),
    [
        (1.0, False, True),  # same story, another masthead line
        (0.8, True, True),  # last fifth cut: Jaccard 0.8
        (0.8, False, True),  # last fifth rewritten: Jaccard 0.67
        (0.7, False, False),  # 30 % rewritten: Jaccard 0.54
        (0.5, False, False),
        (0.2, False, False),
    ],
)
def test_copy_threshold(store: Store, kept: float, cut: bool, copy: bool) -> None:
    """A copy keeps most of the story; a rewrite that keeps half of it is not a copy."""
    rng = random.Random(7)
    vocabulary = " ".join(FILLER).split()
    words = [rng.choice(vocabulary) for _ in range(400)]  # 400 words, no repeated passages
    n = int(len(words) * kept)
    fresh = [] if cut else [f"w{rng.randrange(10**6)}" for _ in range(len(words) - n)]
    edited = " ".join(words[:n] + fresh)
    write(
        store,
        [
            Article("One", [], header="ONE", extra=[" ".join(words)]),
            Article("Two", [], header="TWO", extra=[edited]),
        ],
    )
    corroborate(store)
    groups = {r[0] for r in store.conn.execute("SELECT copy_group FROM corr_signatures")}
    assert (len(groups) == 1) is copy
    exact = minhash.jaccard(minhash.shingles(" ".join(words)), minhash.shingles(edited))
    assert (exact >= minhash.COPY_THRESHOLD) is copy


def test_different_articles_on_one_event_are_not_copies() -> None:
    a, b = build(WIRE_A).document.text, build(GULF).document.text
    assert minhash.jaccard(minhash.shingles(a), minhash.shingles(b)) < 0.1


def test_syndicated_copy_counts_once(store: Store) -> None:
    exs = write(store, REPORTS)
    summary = corroborate(store)
    assert summary.documents_signed == 5 and summary.documents_copied == 1
    groups = dict(store.conn.execute("SELECT document, copy_group FROM corr_signatures").fetchall())
    assert groups[exs[0].document.id] == groups[exs[1].document.id]
    assert len(set(groups.values())) == 4
    st = event_status(store, exs[0].events[0].id)
    # Wire A and its copy in the Daily Star are one source; Gulf Daily and Baghdad Post two more.
    # The denial does not assert the event.
    assert st["sources"] == 3
    assert st["copy_groups"] == 3
    assert st["publishers"] == ["Baghdad Post", "Daily Star", "Gulf Daily", "Wire A"]
    assert st["corroborated"] is True


def test_same_publisher_is_one_source(store: Store) -> None:
    other = Article(
        "Gulf Daily",
        [
            (
                "A second Gulf Daily report repeats that drones hit the residence of al-Kadhimi.",
                Ev(recipients=(KAD,)),
            )
        ],
    )
    exs = write(store, [GULF, other])
    corroborate(store)
    st = event_status(store, exs[1].events[0].id)
    assert st["cluster"] == event_status(store, exs[0].events[0].id)["cluster"]
    assert (st["sources"], st["copy_groups"], st["corroborated"]) == (1, 2, False)


# --------------------------------------------------------------------------- clustering
def test_reports_in_different_words_make_one_cluster(store: Store) -> None:
    exs = write(store, [WIRE_A, GULF, BAGHDAD])
    corroborate(store)
    clusters = {event_status(store, e.id)["cluster"] for ex in exs for e in ex.events}
    assert len(clusters) == 1
    (cid,) = clusters
    members = cluster_members(store, cid)
    assert len(members) == 6
    assert {m["publisher"] for m in members} == {"Wire A", "Gulf Daily", "Baghdad Post"}
    for m in members:  # every claim keeps its evidence
        doc = store.document(m["document"])
        assert doc is not None and m["quote"] in doc.text


def test_different_events_between_the_same_actors_stay_apart(store: Store) -> None:
    def one(sentence: str, **kw: Any) -> Article:
        return Article("Wire A", [(sentence, Ev(**kw))])

    articles = [
        one(
            "Kata'ib Hezbollah attacked al-Kadhimi on 7 November.", actors=(KH,), recipients=(KAD,)
        ),
        one(
            "Kata'ib Hezbollah attacked al-Kadhimi again on 10 November.",
            actors=(KH,),
            recipients=(KAD,),
            date="2021-11-10",
        ),
        one(
            "Kata'ib Hezbollah attacked al-Kadhimi's convoy in January 2022.",
            actors=(KH,),
            recipients=(KAD,),
            date="2022-01",
        ),
        # swapped roles: the government striking back is a different event
        one(
            "Al-Kadhimi's forces raided Kata'ib Hezbollah on 7 November.",
            actors=(KAD,),
            recipients=(KH,),
        ),
        # another type: a threat is not the attack
        one(
            "Kata'ib Hezbollah threatened al-Kadhimi on 7 November.",
            type="THREATEN",
            actors=(KH,),
            recipients=(KAD,),
        ),
        # another target the same day
        one(
            "Kata'ib Hezbollah attacked a U.S. base on 7 November.", actors=(KH,), recipients=(USA,)
        ),
    ]
    exs = write(store, articles)
    corroborate(store)
    clusters = [event_status(store, ex.events[0].id)["cluster"] for ex in exs]
    assert len(set(clusters)) == len(articles)


def test_day_dates_within_tolerance_merge_and_are_reported(store: Store) -> None:
    late = Article(
        "Wire B",
        [
            (
                "Kata'ib Hezbollah attacked al-Kadhimi late on 6 November.",
                Ev(actors=(KH,), recipients=(KAD,), date="2021-11-06"),
            )
        ],
    )
    early = Article(
        "Wire C",
        [
            (
                "Kata'ib Hezbollah attacked al-Kadhimi early on 7 November.",
                Ev(actors=(KH,), recipients=(KAD,)),
            )
        ],
    )
    exs = write(store, [late, early])
    corroborate(store)
    assert DATE_TOLERANCE_DAYS >= 1
    a, b = (event_status(store, ex.events[0].id) for ex in exs)
    assert a["cluster"] == b["cluster"]
    (con,) = list_contradictions(store)
    assert con["kind"] == "date"
    assert {s["claim"] for s in con["sides"]} == {"2021-11-06", "2021-11-07"}


def test_a_date_range_is_not_the_day_it_starts_on(store: Store) -> None:
    """ "earlier this week" (1 to 7 November) against "on 7 November": no date contradiction."""
    week = Article(
        "Wire B",
        [
            (
                "Kata'ib Hezbollah attacked al-Kadhimi earlier this week.",
                Ev(actors=(KH,), recipients=(KAD,), date="2021-11-01", date_end="2021-11-07"),
            )
        ],
    )
    day = Article(
        "Wire C",
        [
            (
                "Kata'ib Hezbollah attacked al-Kadhimi on 7 November.",
                Ev(actors=(KH,), recipients=(KAD,)),
            )
        ],
    )
    exs = write(store, [week, day])
    corroborate(store)
    a, b = (event_status(store, ex.events[0].id) for ex in exs)
    assert a["cluster"] == b["cluster"]
    assert [c["kind"] for c in list_contradictions(store)] == []


def test_undated_events_need_both_sides_and_two_documents(store: Store) -> None:
    und: dict[str, Any] = {"date": None}
    exs = write(
        store,
        [
            Article(
                "One",
                [
                    (
                        "Kata'ib Hezbollah once attacked al-Kadhimi.",
                        Ev(actors=(KH,), recipients=(KAD,), **und),
                    ),
                    (
                        "Kata'ib Hezbollah attacked al-Kadhimi another time.",
                        Ev(actors=(KH,), recipients=(KAD,), **und),
                    ),
                ],
            ),
            Article(
                "Two",
                [
                    (
                        "Kata'ib Hezbollah has attacked al-Kadhimi.",
                        Ev(actors=(KH,), recipients=(KAD,), **und),
                    )
                ],
            ),
            Article("Three", [("Al-Kadhimi has been attacked.", Ev(recipients=(KAD,), **und))]),
        ],
    )
    corroborate(store)
    first, second = (event_status(store, e.id)["cluster"] for e in exs[0].events)
    other = event_status(store, exs[1].events[0].id)["cluster"]
    passive = event_status(store, exs[2].events[0].id)["cluster"]
    assert first != second  # same document: two mentions may be two attacks
    assert other in (first, second)  # another document, both sides overlap
    assert passive not in (first, second, other)  # one side only: too little to go on undated


def test_reports_without_participants_meet_at_the_same_place_on_the_same_day(
    store: Store,
) -> None:
    """ "Camp Ashraf came under rocket fire" and "an attack at Camp Ashraf killed six" on one day
    are one event; a same-day attack elsewhere, or at a state-wide place, is not."""
    at = lambda where, date="2013-02-09": Ev(date=date, location=where)  # noqa: E731
    articles = [
        Article("One", [("Camp Ashraf came under rocket fire.", at("Camp Ashraf"))]),
        Article("Two", [("An attack at Camp Ashraf killed six.", at("Camp Ashraf"))]),
        Article("Three", [("An attack at Camp Bucca killed two.", at("Camp Bucca"))]),
        Article("Four", [("An attack in Iraq killed two.", at("Iraq"))]),
        Article("Five", [("An attack in Baghdad killed three.", at("Baghdad"))]),
        Article("Six", [("Camp Ashraf was shelled later.", at("Camp Ashraf", "2013-03-09"))]),
    ]
    exs = [build(a) for a in articles]
    iraq = Actor("Q-iraq-state", "Iraq", "state", "IRQ", aliases=("Baghdad",))
    exs[3].actors[iraq.id] = iraq  # the state, as resolution stores it from its mention
    for ex in exs:
        assert store.write(ex)
    corroborate(store)
    one, two, three, four, five, six = (
        event_status(store, ex.events[0].id)["cluster"] for ex in exs
    )
    assert one == two
    assert len({one, three, four, six}) == 4
    assert four != five  # a state (or its capital as its alias) is no place to tell events apart


def test_a_short_range_meets_a_day_with_another_perpetrator(store: Store) -> None:
    """ "approved the attacks on the embassy that took place this week" and "on 31 December
    militants attacked the embassy": one event, two perpetrators."""
    week = Ev(actors=(IRAN,), recipients=(USA,), date="2019-12-30", date_end="2020-01-02")
    day = Ev(actors=(KH,), recipients=(USA,), date="2019-12-31")
    exs = write(
        store,
        [
            Article("One", [("Iran approved this week's attacks on the Americans.", week)]),
            Article("Two", [("On December 31, Kata'ib Hezbollah attacked the Americans.", day)]),
        ],
    )
    corroborate(store)
    a, b = (event_status(store, ex.events[0].id)["cluster"] for ex in exs)
    assert a == b
    assert [c["kind"] for c in list_contradictions(store)] == ["perpetrator"]


def test_an_undated_report_joins_the_one_dated_event_it_can_be(store: Store) -> None:
    """An undated document's "the United States killed al-Kadhimi's guard" joins the one dated
    report of that attack; with two dated candidates it joins neither."""
    undated = Ev(actors=(USA,), recipients=(KAD,), date=None)
    exs = write(
        store,
        [
            Article(
                "Dated",
                [
                    (
                        "The United States attacked al-Kadhimi in January 2020.",
                        Ev(actors=(USA,), recipients=(KAD,), date="2020-01"),
                    )
                ],
            ),
            Article(
                "Undated", [("The United States attacked al-Kadhimi.", undated)], published=None
            ),
        ],
    )
    corroborate(store)
    a, b = (event_status(store, ex.events[0].id)["cluster"] for ex in exs)
    assert a == b
    more = write(
        store,
        [
            Article(
                "Dated 2",
                [
                    (
                        "The United States attacked al-Kadhimi in May 2021.",
                        Ev(actors=(USA,), recipients=(KAD,), date="2021-05"),
                    )
                ],
            ),
            Article(
                "Undated 2",
                [("The United States has attacked al-Kadhimi, it says.", undated)],
                published=None,
            ),
        ],
    )
    corroborate(store)
    c = event_status(store, more[1].events[0].id)["cluster"]
    assert c not in (a, event_status(store, more[0].events[0].id)["cluster"])


def test_an_undated_report_in_a_dated_article_speaks_of_the_month_before(store: Store) -> None:
    """ "The protests have led to the resignation of the prime minister" (published 7 December)
    joins the resignation reported for 1 December, not one from the year before."""
    resign = lambda date: Ev(type="RETREAT", actors=(KAD,), date=date)  # noqa: E731
    exs = write(
        store,
        [
            Article("Gazette", [("Al-Kadhimi resigned on December 1.", resign("2019-12-01"))]),
            Article("Courier", [("Al-Kadhimi resigned in 2018.", resign("2018-06-01"))]),
            Article(
                "Wire",
                [("The protests led to al-Kadhimi's resignation.", resign(None))],
                published="2019-12-07",
            ),
            Article(
                "Other",
                [("Al-Kadhimi's resignation was long expected.", resign(None))],
                published="2020-06-07",
            ),
        ],
    )
    corroborate(store)
    gazette, courier, wire, other = (event_status(store, ex.events[0].id)["cluster"] for ex in exs)
    assert wire == gazette != courier
    assert other not in (gazette, courier)


def test_undated_statements_of_a_history_join_no_dated_event(store: Store) -> None:
    """An undated article whose dates run over decades does not say when its undated
    statements happened."""
    history = Article(
        "Encyclopedia",
        [
            ("Kata'ib Hezbollah was founded in 2003.", Ev(type="AGREE", actors=(KH,), date="2003")),
            (
                "Kata'ib Hezbollah fought the Americans until 2020.",
                Ev(type="COERCE", actors=(KH,), date="2020"),
            ),
            (
                "Kata'ib Hezbollah attacks American targets.",
                Ev(actors=(KH,), recipients=(USA,), date=None),
            ),
        ],
        published=None,
    )
    dated = Article(
        "Wire",
        [
            (
                "Kata'ib Hezbollah attacked Americans on May 3.",
                Ev(actors=(KH,), recipients=(USA,), date="2015-05-03"),
            )
        ],
    )
    exs = write(store, [dated, history])
    corroborate(store)
    assert (
        event_status(store, exs[1].events[2].id)["cluster"]
        != event_status(store, exs[0].events[0].id)["cluster"]
    )


def test_shuffled_insertion_gives_the_same_clusters(tmp_path: Path) -> None:
    results = []
    for seed in (1, 2, 3):
        order = list(REPORTS) + [BAGHDAD_DAY_OFF]
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"s{seed}.db") as s:
            write(s, order)
            corroborate(s)
            results.append(
                (
                    clusters_of(s),
                    sorted(c["id"] for c in list_contradictions(s)),
                    dict(
                        s.conn.execute(
                            "SELECT document, copy_group FROM corr_signatures"
                        ).fetchall()
                    ),
                )
            )
    assert results[0] == results[1] == results[2]
    assert all(c and c.startswith("clu-") for c in results[0][0].values())


BAGHDAD_DAY_OFF = Article(
    "Kurdistan Monitor",
    [
        (
            "Drones targeted the home of Prime Minister al-Kadhimi on Saturday, 6 November.",
            Ev(recipients=(KAD,), date="2021-11-06"),
        )
    ],
)


def test_a_later_document_joins_the_existing_cluster(store: Store) -> None:
    first = write(store, [WIRE_A, GULF])
    s1 = corroborate(store)
    before = clusters_of(store)
    (cid,) = set(before.values())
    late = write(store, [BAGHDAD, DENIAL])
    s2 = corroborate(store)
    assert s1.events_clustered == 5
    assert s2.events_clustered == 2 and s2.events_joined == 2 and s2.clusters_created == 0
    assert s2.documents_signed == 2
    after = clusters_of(store)
    assert {e: after[e] for e in before} == before  # nothing re-clustered
    assert {after[e.id] for ex in late for e in ex.events} == {cid}
    assert corroborate(store).events_clustered == 0  # nothing new: nothing to do
    assert first  # keep the written extractions referenced


# ------------------------------------------------------------------------ contradictions
def test_a_whole_and_its_part_name_the_same_side(store: Store) -> None:
    """ "The US military" and "the United States" (the knowledge base's part_of chain) meet;
    two parts of one whole (two Iranian forces) are different perpetrators."""
    und: dict[str, Any] = {"date": None}
    exs = write(
        store,
        [
            Article(
                "One",
                [
                    (
                        "The US military killed al-Kadhimi.",
                        Ev(actors=(USMIL,), recipients=(KAD,), **und),
                    )
                ],
            ),
            Article(
                "Two",
                [
                    (
                        "The United States killed al-Kadhimi.",
                        Ev(actors=(USA,), recipients=(KAD,), **und),
                    )
                ],
            ),
            Article(
                "Three",
                [
                    (
                        "Iran's Revolutionary Guards struck Baghdad.",
                        Ev(actors=(IRGC,), recipients=(IRAQ,)),
                    )
                ],
            ),
            Article("Four", [("Tehran struck Baghdad.", Ev(actors=(IRAN,), recipients=(IRAQ,)))]),
            Article(
                "Five",
                [("The Iranian army struck Baghdad.", Ev(actors=(ARTESH,), recipients=(IRAQ,)))],
            ),
        ],
    )
    corroborate(store)
    cl = [event_status(store, ex.events[0].id)["cluster"] for ex in exs]
    assert cl[0] == cl[1]  # undated, and still one event: both sides meet
    assert cl[2] == cl[3] == cl[4]  # same day, same target: one strike, perpetrators differ
    (perp,) = _by_kind(store)["perpetrator"]
    claims = {side["claim"] for side in perp["sides"]}
    assert claims == {"Islamic Revolutionary Guard Corps", "Islamic Republic of Iran Army"}
    # "Tehran" against either of its forces is no contradiction: it is the same side
    assert not any("Government of Iran" in side["claim"] for side in perp["sides"])


def test_death_tolls_of_protesters_and_of_iraqis_are_compared(store: Store) -> None:
    """Protesters killed and Iraqis killed by the same forces over the same month: one event,
    and the two tolls a contradiction."""
    month = {"date": "2019-10"}
    write(
        store,
        [
            Article(
                "CRS",
                [
                    (
                        "More than 450 Iraqis have been killed by the security forces since October.",
                        Ev(
                            actors=(IRAQ,),
                            recipients=(IRAQIS,),
                            quantities=(Quantity(450, "dead", "450 Iraqis"),),
                            **month,
                        ),
                    )
                ],
                published="2019-12-16",
            ),
            Article(
                "VOA",
                [
                    (
                        "Around 400 protesters have been reported killed by the security forces.",
                        Ev(
                            actors=(IRAQ,),
                            recipients=(PROTESTERS,),
                            modality="hedged",
                            quantities=(Quantity(400, "dead", "400 protesters"),),
                            **month,
                        ),
                    )
                ],
                published="2019-12-06",
            ),
        ],
    )
    corroborate(store)
    (toll,) = _by_kind(store)["quantity"]
    assert {side["claim"] for side in toll["sides"]} == {"450 dead", "400 dead"}


def test_an_undated_report_needs_the_same_actors_to_join_a_dated_event(store: Store) -> None:
    """An undated report may join a dated event on one matching side, but not when that side
    only matches as a part of a whole (protesters, some of the Iraqi people): a loose date and
    a loose match together are too little."""
    exs = write(
        store,
        [
            Article(
                "One",
                [("Iraqis demanded reform on 7 November.", Ev(type="REQUEST", actors=(IRAQIS,)))],
                published="2021-11-08",
            ),
            Article(
                "Two",
                [
                    (
                        "Protesters have demanded the prime minister's resignation.",
                        Ev(type="REQUEST", actors=(PROTESTERS,), recipients=(KAD,), date=None),
                    )
                ],
                published="2021-11-20",
            ),
            Article(
                "Three",
                [
                    (
                        "Iraqis have long demanded reform.",
                        Ev(type="REQUEST", actors=(IRAQIS,), date=None),
                    )
                ],
                published="2021-11-20",
            ),
        ],
    )
    corroborate(store)
    dated, part, same = (event_status(store, ex.events[0].id)["cluster"] for ex in exs)
    assert part != dated
    assert same == dated  # the same actor: joins, as before


def test_a_report_naming_no_target_meets_the_one_attack_of_that_day_and_country(
    tmp_path: Path,
) -> None:
    """ "He orchestrated the attack on December 27th" (no target, no place but the country) and
    "KH launched a rocket attack on a base near Kirkuk" that day: the one attack on file that day
    in Iraq, so one event with two perpetrators. With a second attack that day in Iraq, or none
    in the same country, it is left alone."""
    day = {"date": "2019-12-27"}
    orchestrated = Article(
        "DoD",
        [
            (
                "Soleimani orchestrated the attack on December 27th in Iraq.",
                Ev(actors=(IRGC,), country="IRQ", **day),
            )
        ],
        published="2020-01-02",
    )
    kirkuk = Article(
        "State",
        [
            (
                "On December 27, KH launched a rocket attack on a base near Kirkuk.",
                Ev(actors=(KH,), recipients=(USMIL,), location="Kirkuk", country="IRQ", **day),
            )
        ],
        published="2020-06-24",
    )
    elsewhere = Article(
        "Other",
        [
            (
                "On December 27, AAH attacked a convoy near Basra.",
                Ev(actors=(AAH,), recipients=(IRAQ,), location="Basra", country="IRQ", **day),
            )
        ],
        published="2019-12-28",
    )
    syria = replace(
        kirkuk,
        sentences=[
            (
                kirkuk.sentences[0][0],
                replace(kirkuk.sentences[0][1], location="Abu Kamal", country="SYR"),
            )
        ],
    )  # type: ignore[arg-type]

    def clusters(name: str, articles: list[Article]) -> list[str]:
        with Store(tmp_path / f"{name}.db") as st:
            exs = write(st, articles)
            corroborate(st)
            kinds = {c["kind"] for c in list_contradictions(st)}
            out = [event_status(st, ex.events[0].id)["cluster"] for ex in exs]
            return [*out, "perpetrator" in kinds]  # type: ignore[list-item]

    one, two, contradicted = clusters("one", [orchestrated, kirkuk])
    assert one == two and contradicted
    a, b, c, contradicted = clusters("two", [orchestrated, kirkuk, elsewhere])
    assert a not in (b, c) and not contradicted  # two attacks that day: which one?
    a, b, contradicted = clusters("syria", [orchestrated, syria])
    assert a != b and not contradicted


def test_a_report_dated_to_a_year_meets_the_one_attack_on_its_target_that_year(
    tmp_path: Path,
) -> None:
    """ "In 2021, Tehran launched a drone attack against Kadhimi" and "on 7 November 2021 KH
    attacked Kadhimi": the one attack on him on file that year, so one event with two
    perpetrators. With a second attack on him that year, it joins neither."""
    year = Article(
        "Opinion",
        [
            (
                "In 2021, Tehran attacked al-Kadhimi.",
                Ev(actors=(IRAN,), recipients=(KAD,), date="2021"),
            )
        ],
        published="2022-07-25",
    )
    november = Article(
        "Wire", [("KH attacked al-Kadhimi on 7 November.", Ev(actors=(KH,), recipients=(KAD,)))]
    )
    march = Article(
        "Other",
        [
            (
                "AAH attacked al-Kadhimi on 1 March.",
                Ev(actors=(AAH,), recipients=(KAD,), date="2021-03-01"),
            )
        ],
        published="2021-03-02",
    )

    def clusters(name: str, articles: list[Article]) -> tuple[list[str], bool]:
        with Store(tmp_path / f"{name}.db") as st:
            exs = write(st, articles)
            corroborate(st)
            kinds = {c["kind"] for c in list_contradictions(st)}
            return [
                event_status(st, ex.events[0].id)["cluster"] for ex in exs
            ], "perpetrator" in kinds

    (a, b), contradicted = clusters("one", [year, november])
    assert a == b and contradicted
    (a, b, c), contradicted = clusters("two", [year, november, march])
    assert a not in (b, c) and not contradicted


def test_a_plan_is_not_the_attack(store: Store) -> None:
    """A hypothetical claim (a plan, a possibility) never joins a report that it happened; two
    reports of the same plan do meet."""
    exs = write(
        store,
        [
            Article("One", [("KH attacked al-Kadhimi.", Ev(actors=(KH,), recipients=(KAD,)))]),
            Article(
                "Two",
                [
                    (
                        "KH was planning to attack al-Kadhimi.",
                        Ev(actors=(KH,), recipients=(KAD,), modality="hypothetical"),
                    )
                ],
            ),
            Article(
                "Three",
                [
                    (
                        "KH had plans to attack al-Kadhimi, officials said.",
                        Ev(actors=(KH,), recipients=(KAD,), modality="hypothetical"),
                    )
                ],
            ),
        ],
    )
    corroborate(store)
    attack, plan, plan2 = (event_status(store, ex.events[0].id)["cluster"] for ex in exs)
    assert attack != plan and plan == plan2


def _by_kind(store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for c in list_contradictions(store):
        out.setdefault(str(c["kind"]), []).append(c)
    return out


def test_conflicting_figures_and_perpetrators_with_both_quotes(store: Store) -> None:
    write(store, [WIRE_A, GULF, BAGHDAD])
    corroborate(store)
    kinds = _by_kind(store)

    quantities = {c["summary"]: c for c in kinds["quantity"]}
    assert set(quantities) == {"3 drones vs 2 drones", "7 injured vs 6 injured"} or set(
        quantities
    ) == {"2 drones vs 3 drones", "6 injured vs 7 injured"}
    injured = next(c for s, c in quantities.items() if "injured" in s)
    quotes = {e["quote"] for side in injured["sides"] for e in side["evidence"]}
    assert "Seven members of his protection detail were injured, officials said." in quotes
    assert "Two drones were used in the assault, which left six guards injured." in quotes
    pubs = {p for side in injured["sides"] for p in side["publishers"]}
    assert pubs == {"Wire A", "Gulf Daily"}

    (perp,) = kinds["perpetrator"]
    claims = {side["claim"] for side in perp["sides"]}
    assert claims == {"Government of Iran", "Asa'ib Ahl al-Haq, Kata'ib Hezbollah"}
    quotes = {e["quote"] for side in perp["sides"] for e in side["evidence"]}
    assert any(q.startswith("Tehran ordered") for q in quotes)
    assert any(q.startswith("Two Iraqi officials said") for q in quotes)
    assert perp["date"] == "2021-11-07" and perp["type"] == "ASSAULT"

    # The hedged "unclear who" report names nobody: it contradicts no one.
    hedged = next(e.id for e in build(BAGHDAD).events)
    st = event_status(store, hedged)
    assert st["modality"] == "hedged" and st["contradicted"] is False
    tehran = build(GULF).events[0].id
    assert {c["kind"] for c in event_status(store, tehran)["contradictions"]} == {"perpetrator"}


def test_assertion_against_denial(store: Store) -> None:
    write(store, [WIRE_A, DENIAL])
    corroborate(store)
    (denial,) = _by_kind(store)["denial"]
    asserted, denied = denial["sides"]
    assert denied["publishers"] == ["Al-Ahd"]
    assert denied["evidence"][0]["modality"] == "negated"
    assert asserted["publishers"] == ["Wire A"]
    assert "Kata'ib Hezbollah and Asa'ib Ahl al-Haq carried out" in asserted["evidence"][0]["quote"]
    # filtering by actor finds it; an uninvolved actor finds nothing
    assert [c["id"] for c in list_contradictions(store, KH)] == [denial["id"]]
    assert list_contradictions(store, USA) == []


def test_role_conflict_flags_become_knowledge_base_contradictions(store: Store) -> None:
    flag = Flag(
        kind="role_conflict",
        message="the text calls Haidar al-Abadi Prime Minister of Iraq on 2019-10, outside the dates on file",
        text_claim="Prime Minister of Iraq Haidar al-Abadi (2019-10)",
        kb_fact="Haidar al-Abadi was Prime Minister of Iraq 2014-09-08 to 2018-10-25",
        source="Wikidata Q2545",
    )
    article = Article(
        "Opinion Weekly",
        [
            (
                "Protesters toppled Prime Minister Haidar al-Abadi in October 2019.",
                Ev(type="PROTEST", recipients=(IRAQ,), date="2019-10", flags=(flag,)),
            )
        ],
    )
    (ex,) = write(store, [article])
    corroborate(store)
    (con,) = list_contradictions(store)
    assert con["kind"] == "knowledge_base"
    text_side, kb_side = con["sides"]
    assert text_side["events"] == [ex.events[0].id]
    assert text_side["evidence"][0]["quote"] == ex.events[0].evidence.quote
    assert kb_side["knowledge_base"] is True
    assert kb_side["claim"] == flag.kb_fact and kb_side["source"] == "Wikidata Q2545"
    assert event_status(store, ex.events[0].id)["contradicted"] is True


def test_status_api(store: Store) -> None:
    exs = write(store, REPORTS)
    everything = all_status(store)
    assert all(s["cluster"] is None for s in everything.values())  # not corroborated yet
    corroborate(store)
    everything = all_status(store)
    assert set(everything) == {e.id for ex in exs for e in ex.events}
    for eid, st in everything.items():
        assert event_status(store, eid) == st
    with pytest.raises(NotFoundError):
        event_status(store, "evt-nope")
    with pytest.raises(NotFoundError):
        cluster_members(store, "clu-nope")


# ------------------------------------------------------------------------ source profiles
def test_loaded_term_lexicon_applies_to_all_sides() -> None:
    assert loaded_terms_in("The regime's militia thugs fired on protesters.") == ["regime", "thugs"]
    assert loaded_terms_in("The Zionist entity and the Great Satan were blamed.") == [
        "zionist entity",
        "great satan",
    ]
    assert loaded_terms_in("Takfiri terrorists attacked the crusader forces.") == [
        "terrorists",
        "crusaders",
        "takfiris",
    ]
    assert loaded_terms_in("The sanctions regime was tightened.") == []
    assert loaded_terms_in("The government said three people were killed.") == []


def test_source_profiles(store: Store) -> None:
    loaded = Article(
        "Gulf Daily",
        [("The mullahs' regime sent its proxies to kill.", None)],
        extra=["Iran's militia thugs are to blame.", "Officials met on Monday."],
    )
    write(store, [*REPORTS, loaded])
    corroborate(store)
    profiles = {p["publisher"]: p for p in source_profiles(store)}
    gulf = profiles["Gulf Daily"]
    assert gulf["documents"] == 2 and gulf["claims"] == 2
    assert gulf["corroborated"] == 1.0 and gulf["contradicted"] > 0
    assert gulf["loaded_sentences"] == 2 and gulf["sentences"] == 5
    assert gulf["loaded_share"] == 0.4
    assert set(gulf["loaded_terms"]) == {"regime", "mullahs", "proxies", "thugs"}
    assert profiles["Baghdad Post"]["hedged"] == 1.0
    assert profiles["Al-Ahd"]["claims"] == 1
    for p in profiles.values():
        assert 0.0 <= p["single_source"] <= 1.0


# ------------------------------------------------------------------------------- scale
def synthetic(n_events: int, per_doc: int = 25, seed: int = 11) -> list[Extraction]:
    """Reports of ~n/3 true events between 300 actors, each reported 1-5 times with noise."""
    rng = random.Random(seed)
    pool = [Actor(f"cg-{i:05d}", f"Actor {i}", "armed_group") for i in range(300)]
    by_id = {a.id: a for a in pool}
    types = ["ASSAULT", "COERCE", "ACCUSE", "CONSULT", "PROTEST", "THREATEN"]
    reports: list[tuple[str, tuple[str, ...], tuple[str, ...], str | None]] = []
    while len(reports) < n_events:
        t = rng.choice(types)
        a, r = rng.sample(pool, 2)
        day = 737000 + rng.randrange(1500)
        for _ in range(rng.randint(1, 5)):
            d = dt.date.fromordinal(day + rng.choice((0, 0, 0, 1)))
            date = rng.choice([d.isoformat()] * 6 + [d.isoformat()[:7], None])
            actors = (a.id,) if rng.random() > 0.15 else ()
            reports.append((t, actors, (r.id,), date))
    reports = reports[:n_events]
    out = []
    for start in range(0, len(reports), per_doc):
        sentences: list[tuple[str, Ev | None]] = [
            (
                f"Report {start + i}: {t} by {','.join(a) or 'someone'} on {','.join(r)} ({d}).",
                Ev(t, a, r, d),
            )
            for i, (t, a, r, d) in enumerate(reports[start : start + per_doc])
        ]
        out.append(build(Article(f"Publisher {start % 37}", sentences), by_id))
    return out


def test_ten_thousand_events_are_all_placed(store: Store) -> None:
    """Every event of a large store is placed once (speed: bench/cluster_bench.py)."""
    for ex in synthetic(10_000):
        store.write(ex)
    update = update_clusters(store)
    assert update.events == 10_000
    assert update.new_clusters < 10_000
    assert update_clusters(store).events == 0  # nothing left over, nothing placed twice
