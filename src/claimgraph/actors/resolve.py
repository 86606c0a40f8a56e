"""Mention → actor resolution, in tiers from the most to the least certain.

1. The entity ruler already tagged known names with their actor id (exact alias on file).
2. Normalised alias (case, quotes, titles, ``al-``, possessive folded): :func:`names.normalise`.
3. Inside the document: a surname, a short form or an acronym refers back to a full name
   introduced earlier ("al-Maliki" → Nouri al-Maliki; "IRGC" defined in parentheses).
4. Transliteration skeleton (Ameri/Amiri), only when it picks a single actor on file.
5. A surname that belongs to exactly one person on file.
6. Otherwise a new actor with a ``cg-`` id from its normalised name and type, so that the same
   name and type merge across documents.

States are found by name or demonym; a capital is a place unless it acts (see
:mod:`claimgraph.extract`, which applies metonymy: the capital's state's government).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claimgraph.ids import actor_id
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Actor
from claimgraph.names import (
    CORE_TITLES,
    HONORIFICS,
    TITLES,
    initials,
    normalise,
    title_prefix_length,
)

SKIP_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "LANGUAGE",
        "WORK_OF_ART",
        "PRODUCT",
        "LAW",
        "EVENT",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ORG_TYPE_WORDS = (
    (
        "armed_group",
        (
            "militia",
            "militias",
            "brigade",
            "brigades",
            "battalion",
            "battalions",
            "army",
            "forces",
            "force",
            "corps",
            "hezbollah",
            "hizbollah",
            "kataib",
            "saraya",
            "jaish",
            "mobilization",
            "guard",
            "guards",
        ),
    ),
    ("party", ("party", "movement")),
    ("coalition", ("coalition", "alliance", "bloc", "front", "framework", "faction", "fraction")),
    (
        "government",
        (
            "ministry",
            "government",
            "embassy",
            "department",
            "cabinet",
            "parliament",
            "council of ministers",
            "presidency",
        ),
    ),
)
# Words that make a would-be ORG or PERSON a non-actor (headlines, events, buildings).
_NOT_ACTOR_HEADS = frozenset({"revolution", "war", "uprising", "crescent", "empire", "day"})


@dataclass(slots=True)
class ActorMention:
    """A resolved name in the parsed document (token offsets ``start:end``)."""

    start: int
    end: int
    actor: str
    label: str
    method: str
    text: str
    role: str | None = None  # office named by a title just before the name ("Prime Minister")
    role_start: int | None = None  # token index where that title begins
    capital_of: str | None = None  # set when the mention is a capital city (metonymy candidate)
    is_place: bool = False  # a state or city named as a place, not acting


@dataclass(slots=True)
class Resolution:
    """All mentions of one document, the actors they refer to and the places it names."""

    mentions: list[ActorMention] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: list[tuple[int, int, str, str | None]] = field(
        default_factory=list
    )  # start,end,text,ISO3
    country: str | None = None  # the country the document is mostly about
    by_token: dict[int, ActorMention] = field(default_factory=dict)

    def add(self, mention: ActorMention, actor: Actor) -> None:
        self.mentions.append(mention)
        self.actors.setdefault(actor.id, actor)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention


def new_actor(name: str, actor_type: str) -> Actor:
    """An actor not on file: its id derives from the normalised name and type."""
    return Actor(id=actor_id(normalise(name), actor_type), name=name, type=actor_type)


def guess_org_type(name: str) -> str:
    words = normalise(name).split()
    for actor_type, cues in _ORG_TYPE_WORDS:
        if any(cue in words or (" " in cue and cue in " ".join(words)) for cue in cues):
            return actor_type
    return "organization"


def _org_type(doc: Any, end: int, text: str) -> str:
    """The type of a new organisation from its name, else from the noun right after it
    ("the 'Shiite Cooperation' fraction" is a coalition)."""
    guess = guess_org_type(text)
    while end < len(doc) and doc[end].text in _EDGE_PUNCT:
        end += 1
    if guess == "organization" and end < len(doc) and doc[end].pos_ == "NOUN":
        guess = guess_org_type(doc[end].lower_)
    return guess


_EDGE_PUNCT = frozenset("‘’“”'\"«»()[],.;:")


def _trim(ent: Any) -> tuple[int, int, str]:
    """The name inside an entity span: no quotes or punctuation at the edges, no possessive, and
    for people no leading title ("President Trump", "State Department spokesperson Victoria
    Nuland") or stray non-name word ("Removing al-Maliki")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if ent.label_ == "PERSON" and end - start > 1:
        start += title_prefix_length([t.lower_ for t in doc[start:end]])
        start = _after_inner_title(doc, start, end)[1]
        while (
            start < end - 1
            and doc[start].pos_ not in ("PROPN", "NOUN", "ADJ")
            and doc[start].is_title
        ):
            start += 1
    return start, end, doc[start:end].text


def _after_inner_title(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A title inside a person span after an organisation's name ("United Nations Secretary
    General Ban Ki-moon"): (start of the title, start of the name); (start, start) when none."""
    words = [t.lower_.rstrip(".") for t in doc[start:end]]
    last = max((i for i, w in enumerate(words[:-1]) if w in CORE_TITLES), default=-1)
    if last < 1 or not doc[start + last + 1].is_title:
        return start, start
    first = last
    while first > 0 and (words[first - 1] in TITLES or words[first - 1] == "-"):
        first -= 1
    if first == 0:
        return start, start
    return start + first, start + last + 1


def _org_before_title(
    doc: Any, lo: int, name_start: int, kb: KnowledgeBase, ctx: _DocumentContext, res: Resolution
) -> None:
    """The organisation before a title inside a person span ("State Department" in "State
    Department spokesperson Victoria Nuland") is a mention of its own when it is on file."""
    while lo < name_start and (doc[lo].text in _EDGE_PUNCT or doc[lo].lower_ == "the"):
        lo += 1
    title_start, found = _after_inner_title(doc, lo, name_start + 1)
    if found == lo:
        return
    text = doc[lo:title_start].text
    for aid in sorted(kb.by_alias(text)):
        actor = kb.actor(aid)
        if actor is not None and actor.type not in ("person", "state"):
            res.add(ActorMention(lo, title_start, aid, "ORG", "alias", text), actor)
            ctx.remember(text, aid, actor)
            return


def _only_title_words(doc: Any, start: int, end: int) -> bool:
    """A span made only of title words ("Supreme" cut from "Supreme Leader Ali Khamenei") is
    part of a title, not a name."""
    return all(t.lower_.rstrip(".") in TITLES or t.lower_ in TITLES for t in doc[start:end])


# Short words a headline leaves in lower case ("Nineteen Years of Tehran Militias' Rule in ...").
_HEADLINE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up vs via with".split()
)


def _headline_case(sent: Any) -> bool:
    """A sentence written in headline case: every word but small function words capitalised.

    Statistical NER leans on capitals, so in such a line a span not on file is no evidence of a
    name ("Tehran Militias' Rule"); names on file and back-references still resolve there.
    """
    words = [t for t in sent if t.is_alpha and t.lower_ not in _HEADLINE_SMALL_WORDS]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _non_latin(text: str) -> bool:
    """A name in another script ("المهندس" beside its English form) is not resolvable here."""
    return not any("a" <= ch.lower() <= "z" for ch in text)


class _DocumentContext:
    """What earlier mentions in this document established: full names, acronyms."""

    def __init__(self) -> None:
        self.full_names: list[tuple[tuple[str, ...], str]] = []  # (normalised tokens, actor id)
        self.acronyms: dict[str, str] = {}
        self.seen: Counter[str] = Counter()

    def remember(self, text: str, aid: str, actor: Actor | None) -> None:
        toks = tuple(normalise(text).split())
        if len(toks) >= 2:
            self.full_names.append((toks, aid))
            if actor is not None and actor.type != "person":
                self.acronyms.setdefault(initials(text), aid)
        self.seen[aid] += 1

    def back_reference(self, text: str, is_person: bool) -> str | None:
        """A short form of a name introduced earlier (most recent match wins)."""
        if text.isupper() and text in self.acronyms:
            return self.acronyms[text]
        toks = tuple(normalise(text).split())
        if not toks:
            return None
        for full, aid in reversed(self.full_names):
            if len(toks) < len(full) and (
                full[-len(toks) :] == toks or (not is_person and full[: len(toks)] == toks)
            ):
                return aid
        return None


def _resolve_name(
    text: str, label: str, kb: KnowledgeBase, ctx: _DocumentContext, country: str | None
) -> tuple[str | None, str]:
    """Actor id and method for a name, or (None, "") when nothing on file or in the doc fits."""
    is_person = label == "PERSON"
    candidates = kb.by_alias(text)
    if candidates:
        return _pick(candidates, kb, ctx, country, label), "alias"
    ref = ctx.back_reference(text, is_person)
    if ref:
        return ref, "backref"
    candidates = kb.by_skeleton(text)
    if candidates:
        pick = _pick(candidates, kb, ctx, country, label, unique=True)
        if pick:
            return pick, "fold"
    if is_person and len(normalise(text).split()) == 1:
        surname = normalise(text)
        hits = {
            aid
            for aid, e in kb.entries.items()
            if e.actor.type == "person"
            and any(
                normalise(n).split()[-1:] == [surname] for n in (e.actor.name, *e.actor.aliases)
            )
        }
        if len(hits) == 1:
            return hits.pop(), "surname"
    return None, ""


def _pick(
    candidates: Iterable[str],
    kb: KnowledgeBase,
    ctx: _DocumentContext,
    country: str | None,
    label: str,
    unique: bool = False,
) -> str | None:
    """Choose among actors sharing a name: already in the document, then the right type/country."""
    cands = sorted(candidates)
    if len(cands) == 1:
        return cands[0]
    want_person = label == "PERSON"

    def score(aid: str) -> tuple[int, int, int]:
        actor = kb.actor(aid)
        assert actor is not None
        return (
            ctx.seen[aid],
            int((actor.type == "person") == want_person),
            int(actor.country == country),
        )

    ranked = sorted(cands, key=score, reverse=True)
    if unique and score(ranked[0]) == score(ranked[1]):
        return None
    return ranked[0]


def _title_before(
    doc: Any, start: int, kb: KnowledgeBase, country: str | None
) -> tuple[str | None, int | None]:
    """An office named by the words just before a person's name ("Iraqi Prime Minister X"), or
    just before the rank or honorific in front of it ("Quds Force Commander General X")."""
    sent_start = doc[start].sent.start
    ends = [start]
    while ends[-1] > sent_start and doc[ends[-1] - 1].lower_.rstrip(".") in HONORIFICS:
        ends.append(ends[-1] - 1)
    for end in ends:
        for width in range(5, 0, -1):
            lo = end - width
            if lo < sent_start:
                continue
            words = doc[lo:end].text
            pos = kb.position_named(words)
            if pos:
                return pos, lo
            titled = kb.positions_titled(words)
            if titled:
                ranked = sorted(titled, key=lambda p: kb.positions[p].country != country)
                return ranked[0], lo
    return None, None


def resolve_actors(doc: Any, kb: KnowledgeBase) -> Resolution:
    """Resolve every actor-like entity of a parsed document (``doc.ents``) to an actor."""
    res = Resolution()
    ctx = _DocumentContext()
    res.country = _document_country(doc, kb)
    ents = list(doc.ents)
    for idx, ent in enumerate(ents):
        label = ent.label_
        if label in SKIP_LABELS:
            continue
        text = ent.text
        aid: str | None = ent.ent_id_ or None
        method = "kb"
        start, end = ent.start, ent.end
        if aid is not None:
            alternatives = kb.by_alias(text)
            if len(alternatives) > 1:
                aid = _pick(alternatives, kb, ctx, res.country, label)
        else:
            start, end, text = _trim(ent)
            words = normalise(text).split()
            if not words or words[-1] in _NOT_ACTOR_HEADS or _non_latin(text):
                continue
            if label in ("PERSON", "ORG") and _only_title_words(doc, start, end):
                continue
            if label == "PERSON" and start > ent.start:
                _org_before_title(doc, ent.start, start, kb, ctx, res)
        capital_of = None
        if aid is None and label in PLACE_LABELS | {"NORP"}:
            state = kb.state_of_demonym(text) if label == "NORP" else None
            capital_of = kb.state_of_capital(text) if label != "NORP" else None
            if state:
                aid, method = state, "demonym"
            elif capital_of:
                aid, method = capital_of, "capital"
            else:
                cands = kb.by_alias(text)
                if cands:
                    aid, method = _pick(cands, kb, ctx, res.country, label), "alias"
                if aid is None:
                    if label != "NORP":
                        place = kb.place(text)  # the gazetteer: "Kirkuk" is in Iraq
                        country = place.country if place else None
                        res.places.append((ent.start, ent.end, text, country))
                    continue
        if aid is None:
            aid, method = _resolve_name(text, label, kb, ctx, res.country)
        actor = kb.actor(aid) if aid else None
        if aid is None:
            if label not in ("PERSON", "ORG") or _headline_case(ent.sent):
                continue
            place = kb.place(text) if label == "ORG" or " " in text else None
            if place is not None:  # a place on file that the tagger took for a name
                res.places.append((ent.start, ent.end, text, place.country))
                continue
            actor = new_actor(text, "person" if label == "PERSON" else _org_type(doc, end, text))
            aid, method = actor.id, "new"
        elif actor is None:
            actor = res.actors.get(aid)
        if actor is None:  # a back-reference to a new actor of this document
            continue
        mention = ActorMention(
            start=start,
            end=end,
            actor=aid,
            label=label,
            method=method,
            text=doc[start:end].text,
            capital_of=capital_of,
        )
        if actor.type == "person":
            # a title inside a span on file ("U.S. President Donald Trump") counts as before it
            inner = (
                title_prefix_length([t.lower_ for t in doc[start:end]]) if end - start > 1 else 0
            )
            mention.role, mention.role_start = _title_before(
                doc, start + inner, kb, actor.country or res.country
            )
        if actor.type == "state" and label in PLACE_LABELS and _is_place_use(doc, ent):
            mention.is_place = True
        if capital_of:
            mention.is_place = True
            res.places.append((ent.start, ent.end, text, (kb.actor(capital_of) or actor).country))
        elif mention.is_place:
            res.places.append((ent.start, ent.end, text, actor.country))
        res.add(mention, actor)
        ctx.remember(text, aid, actor)
        _acronym_after(doc, ent, ents[idx + 1] if idx + 1 < len(ents) else None, aid, ctx)
    return res


def _is_place_use(doc: Any, ent: Any) -> bool:
    """A state named as where something happens ("in Iraq", "to Iraq") rather than as an actor."""
    head = ent.root
    return head.dep_ == "pobj" and head.head.lower_ in {
        "in",
        "into",
        "inside",
        "across",
        "throughout",
        "within",
    }


def _acronym_after(doc: Any, ent: Any, nxt: Any, aid: str, ctx: _DocumentContext) -> None:
    """ "Islamic Revolutionary Guard Corps (IRGC)" defines IRGC for the rest of the document."""
    i = ent.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        acr = doc[i + 1].text
        if acr.isupper() and 2 <= len(acr) <= 8:
            ctx.acronyms[acr] = aid


def _document_country(doc: Any, kb: KnowledgeBase) -> str | None:
    """The country a document is mostly about: the most named state (by name, demonym, capital)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP"):
            continue
        state = kb.state_of_demonym(ent.text) or kb.state_of_capital(ent.text)
        if state is None:
            for aid in kb.by_alias(ent.text):
                actor = kb.actor(aid)
                if actor and actor.type == "state":
                    state = aid
        actor = kb.actor(state) if state else None
        if actor and actor.country:
            counts[actor.country] += 1
    return counts.most_common(1)[0][0] if counts else None
