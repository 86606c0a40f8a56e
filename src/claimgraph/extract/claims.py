"""Turn one parsed, resolved document into claims: events and relations with evidence."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from claimgraph.actors import Resolution
from claimgraph.extract.coding import recode
from claimgraph.extract.dates import DateValue, parse_date_text, parse_time_text
from claimgraph.extract.events import (
    Trigger,
    mode_of,
    participants_of_noun,
    participants_of_verb,
    standalone,
    triggers_in,
)
from claimgraph.extract.lexicon import Lexicon, default_lexicon
from claimgraph.extract.modality import assess, modality_of
from claimgraph.extract.participants import Participant, ParticipantFinder
from claimgraph.extract.quantities import quantities_in
from claimgraph.extract.relations import relations_in
from claimgraph.extract.rolecheck import role_conflicts
from claimgraph.extract.triggers import noun_code, weapon_of
from claimgraph.extract.wordlists import PROPERTY_NOUNS
from claimgraph.ids import claim_id
from claimgraph.kb import KnowledgeBase
from claimgraph.model import Document, Event, Evidence, Extraction, Mention, Relation


def sentence_bounds(sent: Any) -> tuple[int, int]:
    """Character offsets of a sentence without leading/trailing white space."""
    toks = [t for t in sent if not t.is_space]
    if not toks:
        return sent.start_char, sent.start_char
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _dates_in(
    sent: Any, published: str | None, year_hint: int | None, kb: KnowledgeBase
) -> tuple[list[tuple[Any, DateValue]], list[tuple[Any, DateValue]]]:
    """The dates a sentence gives, and the named events on file it mentions ("the Iraq War")
    with their dates. A named event dates the whole sentence only when it gives no date of its
    own (then the first list is the second); else only an event attached to it (``_date_for``).
    One pass over the sentence's entities (``Span.ents`` walks the document's)."""
    out: list[tuple[Any, DateValue]] = []
    named: list[tuple[Any, DateValue]] = []
    for ent in sent.ents:
        if ent.label_ == "EVENT" and ent.ent_id_.startswith("event:"):
            event = kb.named_event(ent.ent_id_)
            if event is not None:
                named.append((ent, DateValue(event.start, event.end)))
        elif ent.label_ == "DATE":
            value = parse_date_text(ent.text, published, year_hint)
            if value is not None:
                out.append((ent, value))
        elif ent.label_ == "TIME":
            value = parse_time_text(ent.text, published)
            if value is not None:
                out.append((ent, value))
    return out or named, named


_TITLE_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def _title_year(document: Document, doc: Any) -> int | None:
    """The year a document without a publication date gives in its title or first line
    ("Country Report on Terrorism 2019"): the year its undated "December 27" falls in."""
    if document.published:
        return int(document.published[:4])
    first = next(iter(doc.sents), None)
    for text in (document.title or "", first.text if first is not None else ""):
        years = _TITLE_YEAR.findall(text)
        if len(set(years)) == 1:
            return int(years[0])
    return None


def _at_time_of_writing(trigger: Any) -> bool:
    """A verb in the present ("the United States condemns", "we are consulting", "the sanctions
    target"), the present perfect ("has begun") or a declared future ("will consider"): what it
    states happens when the text is written. (An event noun under such a verb, "condemns the
    attack", happened before: it is not dated so.)"""
    if trigger.pos_ not in ("VERB", "AUX") or trigger.tag_ == "VBD":
        return False
    aux = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" for a in aux):  # "had attacked", "was consulting"
        return False
    if trigger.tag_ in ("VBZ", "VBP"):
        return True
    return any(a.tag_ in ("VBZ", "VBP", "MD") and a.lower_ != "would" for a in aux)


def _date_for(
    trigger: Any,
    dates: list[tuple[Any, DateValue]],
    event_words: frozenset[int] = frozenset(),
    named: list[tuple[Any, DateValue]] | None = None,
) -> DateValue | None:
    """The date attached closest to the trigger in the parse, else the sentence's only date.
    A date that modifies a noun ("the December 25, 2011 agreement") dates that noun only.
    A named event on file counts as a date when it is attached to the trigger ("During the Iraq
    War, the group fought ...", whatever other dates the sentence gives)."""
    dates = [
        (ent, value)
        for ent, value in dates
        if not _dates_a_thing(ent, trigger) and not _in_other_clause(ent, trigger, event_words)
    ]
    extra = [(e, v) for e, v in named or () if all(e.start != d.start for d, _v in dates)]
    if not dates and not extra:
        return None
    best: tuple[int, DateValue] | None = None
    for ent, value in [*dates, *extra]:
        tok, hops = ent.root, 0
        while tok.i != trigger.i and tok.head.i != tok.i and hops < 6:
            tok, hops = tok.head, hops + 1
        if tok.i == trigger.i and (best is None or hops < best[0]):
            best = (hops, value)
    if best is not None:
        return best[1]
    return dates[0][1] if len(dates) == 1 else None


def _in_other_clause(ent: Any, trigger: Any, event_words: frozenset[int]) -> bool:
    """A date inside an infinitive that describes another noun ("their efforts to implement the
    December 25, 2011 agreement") or inside a relative clause about someone or something that is
    not an event ("KH, which was designated in 2009, attacked"; "its ambassadors, who had been
    generals since 2003") dates that clause, not the event. Participles ("the territory retaken
    in 2019", often attached there by the parser alone) and clauses on an event word of the
    sentence (``event_words``: "the attack that took place this morning") still count. So does
    a date in a clause that only bounds the event ("after gunmen killed 45 protestors on
    November 27 and 28, the prime minister stated his intent to resign")."""
    # every token of the date that hangs outside it (a broken parse may give several)
    return any(
        _under_other_clause(t, trigger, event_words)
        for t in ent
        if not ent.start <= t.head.i < ent.end
    )


_BOUNDING = frozenset({"after", "before", "once"})  # "since October" is where a span starts


def _under_other_clause(tok: Any, trigger: Any, event_words: frozenset[int]) -> bool:
    for _ in range(12):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "advcl" and any(
            # "after" opening the clause: a mark, or (misparsed) a preposition before the verb
            c.dep_ in ("mark", "prep") and c.i < tok.i and c.lower_ in _BOUNDING
            for c in tok.children
        ):
            return True
        if tok.dep_ in ("acl", "relcl") and tok.head.i != trigger.i:
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return True
            if tok.dep_ == "relcl" and tok.head.i not in event_words:
                return True
        tok = tok.head
    return False


def _dates_a_thing(ent: Any, trigger: Any) -> bool:
    heads = {t.head.i for t in ent if not ent.start <= t.head.i < ent.end}
    if len(heads) != 1:
        return False
    head = ent.doc[heads.pop()]
    # before its noun ("the December 25, 2011 agreement"), unlike "the war (1980-1988)"
    return (
        head.i >= ent.end
        and head.pos_ in ("NOUN", "PROPN")
        and head.i != trigger.i
        and head.ent_type_ != "DATE"
    )


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _location(
    trigger: Any, sent: Any, res: Resolution, event_words: frozenset[int] = frozenset()
) -> tuple[str | None, str | None]:
    """Where the event took place: the place nearest the trigger in the parse ("attacked a base
    near Kirkuk"), else the sentence's first place ("Camp X came under a rocket attack").
    A capital or state counts only as a place ("in Baghdad", "his Baghdad residence") outside
    the subject: otherwise it names or describes an actor ("Tehran launched", "Tehran-backed
    militias", "protesters in Baghdad attacked the consulate in Karbala"; a subject that is an
    event word, "the attack in Baghdad killed two", is no actor). (Other places count
    wherever they are: the parser often hangs "at Camp X killing six" as the subject of
    "killing".)"""
    actors_too = {m.start for m in res.mentions if sent.start <= m.start < sent.end}
    best: tuple[int, str, str | None] | None = None
    fallback: tuple[str, str | None] | None = None
    for start, end, text, country in res.places:
        if not sent.start <= start < sent.end:
            continue
        root = sent.doc[start:end].root
        hops, via_subject = _climb(root, trigger, event_words)
        if start in actors_too and (via_subject or not _place_use(root)):
            continue
        if hops is not None:
            if best is None or hops < best[0]:
                best = (hops, text, country)
        elif fallback is None:
            fallback = (text, country)
    if best is not None:
        return best[1], best[2]
    return fallback if fallback is not None else (None, None)


def _place_use(tok: Any) -> bool:
    """A capital or state used as a place: after a preposition ("in Baghdad") or naming a thing
    ("his Baghdad residence"), not a backer ("Tehran-backed") or an actor."""
    if tok.dep_ == "pobj":
        return True
    return tok.dep_ in ("compound", "nmod") and tok.head.pos_ == "NOUN"


def _climb(
    tok: Any, trigger: Any, event_words: frozenset[int], limit: int = 6
) -> tuple[int | None, bool]:
    """Steps from ``tok`` up to the trigger (None when the trigger is not above it within
    ``limit``), and whether the way passes through a subject below the trigger that is not an
    event word."""
    via_subject = False
    for hops in range(limit + 1):
        if tok.i == trigger.i:
            return hops, via_subject
        if tok.dep_ in _SUBJECTS and tok.i not in event_words:
            via_subject = True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None, via_subject


def publisher_actors(publisher: str | None, kb: KnowledgeBase) -> tuple[str, ...]:
    """The actors a publisher is, when the knowledge base knows it: a ministry's statement speaks
    for the ministry and for its state ("we" in a State Department statement)."""
    hits = kb.by_alias(publisher) if publisher else set()
    if len(hits) != 1:
        return ()
    aid = next(iter(hits))
    actor = kb.actor(aid)
    if actor is None:
        return ()
    state = kb.state_by_country(actor.country) if actor.type == "government" else None
    return (aid, state) if state and state != aid else (aid,)


def extract_claims(
    doc: Any, document: Document, res: Resolution, kb: KnowledgeBase, lex: Lexicon | None = None
) -> Extraction:
    """Events, relations and mentions of one document, each with its evidence sentence."""
    lex = lex or default_lexicon()
    out = Extraction(document=document)
    finder = ParticipantFinder(doc, res, kb, lex.compound_relations)
    finder.first_person = publisher_actors(document.publisher, kb)
    for aid in finder.first_person:
        finder._ensure(aid)
    finder.personal_nouns = frozenset(lex.role_nouns) | lex.cue("kin_nouns")
    finder.head_nouns = frozenset(n for n, rel in lex.role_nouns.items() if rel == "leads")
    finder.event_object_verbs = lex.cue("event_object_verbs")
    heads = set(lex.nouns) | {head for _mod, head in lex.noun_phrases}
    finder.event_nouns = frozenset(
        t.i
        for t in doc
        if t.pos_ == "NOUN" and t.lemma_.lower() in heads and noun_code(t, lex) is not None
    )
    publisher = frozenset(finder.first_person)
    sent_index: dict[int, tuple[int, int, int]] = {}
    # the year the document last named, for "December 27"; at first the year of its title
    year_hint: int | None = _title_year(document, doc)
    for i, sent in enumerate(doc.sents):
        start, end = sentence_bounds(sent)
        sent_index[sent.start] = (i, start, end)
        if start == end:
            continue
        evidence = Evidence(document.id, i, start, end, document.text[start:end])
        dates, named = _dates_in(sent, document.published, year_hint, kb)
        for _ent, value in dates:
            if value.end is None:  # a single date, not a range, sets the context year
                year_hint = int(value.value[:4])
        speaker = lambda t: (finder.find(t) or [Participant("")])[0].actor or None  # noqa: E731
        found: list[tuple[Event, bool]] = []
        earlier = _earlier_actors(out.events, i)
        triggers = list(triggers_in(sent, lex))
        # the trigger words, and every event noun ("the attack in Baghdad killed two")
        event_words = frozenset(t.token.i for t in triggers) | frozenset(
            i for i in finder.event_nouns if sent.start <= i < sent.end
        )
        for trig in triggers:
            date = _date_for(trig.token, dates, event_words, named)
            if date is None and document.published and _at_time_of_writing(trig.token):
                date = DateValue(document.published)
            finder.date = date.value if date else document.published
            event = _event(
                trig,
                lex,
                finder,
                evidence,
                date,
                speaker,
                sent,
                res,
                earlier,
                publisher,
                event_words,
            )
            if event is not None:
                ante = _retold(trig, event, out.events)
                if ante is not None:
                    event = _as_retold(event, ante)
                found.append((event, trig.nominal and not standalone(trig.token, lex)))
        for verb, ante in _event_pronouns(sent, lex, out.events, i):
            trig = Trigger(verb, (ante.type, ante.mode), False)
            finder.date = ante.date or document.published
            event = _event(
                trig, lex, finder, evidence, None, speaker, sent, res, earlier, publisher
            )
            if event is not None and event.actors and not set(event.actors) & set(ante.actors):
                # "it was perpetrated by X": the earlier event, with another perpetrator
                found.append((_as_retold(event, ante), False))
        out.events.extend(_continued(e, out.events, document.text) for e in _merge_repeats(found))
        out.events.extend(_denials(sent, lex, finder, out.events, evidence, i))
        finder.date = dates[0][1].value if dates else document.published
        rel_seen: set[tuple[str, str, str]] = set()
        for rel in relations_in(sent, res, kb, lex, finder):
            key3 = (rel.type, rel.subject, rel.object)
            if key3 in rel_seen:
                continue
            rel_seen.add(key3)
            modality, speaker_id = modality_of(rel.anchor, lex, speaker)
            flags: list[Any] = []
            if rel.type == "holds_role" and dates:
                # "Prime Minister X" in a sentence dated outside X's term on file
                titled = [
                    Participant(m.actor, m)
                    for m in res.mentions
                    if m.actor == rel.subject and m.role and sent.start <= m.start < sent.end
                ]
                flags = role_conflicts(titled, dates[0][1].value, kb, res)
            out.relations.append(
                Relation(
                    id=claim_id("relation", document.id, i, *key3),
                    type=rel.type,
                    subject=rel.subject,
                    object=rel.object,
                    evidence=evidence,
                    start=dates[0][1].value if rel.type == "holds_role" and dates else None,
                    modality=modality,
                    attributed_to=speaker_id,
                    flags=tuple(flags),
                )
            )
        # generic groups found by the participant finder relate to their backers
        for aid, actor in finder.generic.items():
            res.actors[aid] = actor
    _generic_relations(out, finder, res)
    for m in res.mentions:
        i, _s, _e = sent_index.get(doc[m.start].sent.start, (0, 0, 0))
        first, last = doc[m.start], doc[m.end - 1]
        out.mentions.append(
            Mention(document.id, i, first.idx, last.idx + len(last.text), m.text, m.actor, m.method)
        )
    used = {a for e in out.events for a in (*e.actors, *e.recipients, e.attributed_to) if a}
    used |= {a for r in out.relations for a in (r.subject, r.object)}
    used |= {m.actor for m in out.mentions}
    out.actors = {aid: res.actors[aid] for aid in sorted(used) if aid in res.actors}
    out.ancestors = {aid: up for aid in out.actors if (up := kb.ancestors(aid))}
    for aid, (kind, backer) in finder.generic_kind.items():
        people = kb.population_of(backer) if kind == "national" else None
        group = out.actors.get(aid)
        if people and group is not None and group.type == "population":
            out.ancestors[aid] = (people,)  # "Iraqi protesters" are some of the Iraqi people
    return out


def _event(
    trig: Trigger,
    lex: Lexicon,
    finder: ParticipantFinder,
    evidence: Evidence,
    date: DateValue | None,
    speaker: Any,
    sent: Any,
    res: Resolution,
    earlier: Callable[[str], tuple[str, ...]],
    publisher: frozenset[str],
    event_words: frozenset[int] = frozenset(),
) -> Event | None:
    etype = trig.code[0]
    if trig.nominal:
        actors, recipients = participants_of_noun(trig.token, lex, finder)
    else:
        actors, recipients = participants_of_verb(trig.token, etype, finder, lex)
        if (
            not recipients
            and trig.token.lemma_.lower() in lex.cue("needs_recipient")
            and not _strikes_a_place(trig.token, lex)
        ):
            return None  # "released a statement", "struck a deal"
    if etype in _HOSTILE_TYPES and actors and recipients:
        # a government does not attack, sanction or threaten its own state: "the sanctions allow
        # the U.S. government to ... in the United States" is no act against the United States.
        # (A militia that the KB puts inside a state's forces may well attack them.)
        own = {
            up
            for p in actors
            if (actor := finder.kb.actor(p.actor)) is not None and actor.type == "government"
            for up in finder.kb.ancestors(p.actor)
        }
        recipients = [p for p in recipients if p.actor not in own]
    if not actors and _definite_anchor(trig, lex):
        # "the sanctions target X", "X died in the strike": the event named before
        seen = {p.actor for p in recipients}
        actors = [Participant(a, None, "anaphor") for a in earlier(etype) if a not in seen]
    if not actors and not recipients and not (trig.nominal and standalone(trig.token, lex)):
        return None
    judged = assess(trig.token, lex, speaker)
    everyone = [*actors, *recipients]
    location, country = _location(trig.token, sent, res, event_words)
    event = Event(
        id=claim_id("event", evidence.document, evidence.sentence, trig.token.i, etype),
        type=etype,
        evidence=evidence,
        mode=mode_of(trig, lex),
        actors=tuple(p.actor for p in actors),
        recipients=tuple(p.actor for p in recipients),
        date=date.value if date else None,
        date_end=date.end if date else None,
        location=location,
        country=country,
        modality=judged.modality,
        attributed_to=judged.speaker,
        trigger=trig.token.text,
        quantities=tuple(quantities_in(sent)),
    )
    coded = recode(event, judged, publisher)
    if coded is None:
        return None
    flags = role_conflicts(everyone, coded.date, finder.kb, res)
    return replace(coded, flags=tuple(flags)) if flags else coded


_DEFINITE = frozenset({"the", "this", "these", "those", "that"})


def _continued(event: Event, events: list[Event], text: str) -> Event:
    """An undated event that goes on telling the dated event of the sentence before, in the same
    paragraph ("On 7 November, X survived an assassination attempt. A drone attacked his
    residence."): same type and recipients, no other actor. It takes that event's date."""
    if event.date is not None or not event.recipients:
        return event
    sentence = event.evidence.sentence
    for prior in reversed(events):
        if prior.evidence.sentence < sentence - 1:
            break
        if prior.evidence.sentence != sentence - 1 or prior.date is None:
            continue
        if "\n\n" in text[prior.evidence.end : event.evidence.start]:
            break
        same = prior.type == event.type and set(prior.recipients) == set(event.recipients)
        if same and (not event.actors or not prior.actors or set(event.actors) & set(prior.actors)):
            return replace(event, date=prior.date, date_end=prior.date_end)
    return event


EVENT_PRONOUNS = frozenset({"it", "this"})


def _event_pronouns(
    sent: Any, lex: Lexicon, events: list[Event], sentence: int
) -> Iterator[tuple[Any, Event]]:
    """ "It was perpetrated by pro-Iran militias", "X carried it out": a light verb whose patient
    is "it" or "this", with the latest event of the sentence before (an attack, not a plan or a
    denial) as what the pronoun refers to."""
    ante = next(
        (
            e
            for e in reversed(events)
            if sentence - 2 <= e.evidence.sentence < sentence
            and e.modality not in ("hypothetical", "negated")
        ),
        None,
    )
    if ante is None:
        return
    not_events = lex.cue("organisation_light_verbs")
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in lex.light_verbs or lemma in not_events:
            continue
        if any(
            c.dep_ in ("nsubjpass", "dobj") and c.lower_ in EVENT_PRONOUNS for c in tok.children
        ):
            yield tok, ante


def _as_retold(event: Event, ante: Event) -> Event:
    """A pronoun-referenced event takes what it refers to from its antecedent: the recipients,
    the date, the place and the mode; the perpetrators and modality are its own."""
    return replace(
        event,
        mode=ante.mode,
        recipients=ante.recipients,
        date=ante.date,
        date_end=ante.date_end,
        location=event.location or ante.location,
        country=event.country or ante.country,
    )


_CLAIMED = ("asserted", "hedged", "reported")
_HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN"})
_DENIER_NOUNS = frozenset(
    {"group", "militia", "faction", "organization", "organisation", "party", "side", "movement"}
)


def _denials(
    sent: Any,
    lex: Lexicon,
    finder: ParticipantFinder,
    events: list[Event],
    evidence: Evidence,
    i: int,
) -> list[Event]:
    """Denials of a claim told as a claim: "X and Y carried out the attack, a claim that both
    groups denied" (this sentence's claims), "Both groups denied the report" (the claims of the
    sentence before). Each denied claim gets a negated copy here, with the deniers among its
    actors as actors and as its source, so that corroboration sets the denial against it."""
    out: list[Event] = []
    nouns, negating = lex.cue("speech_nouns"), lex.negating_verbs
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in negating:
            continue
        if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in nouns:
            told = i  # "..., a claim that both groups denied"
        elif any(
            c.dep_ == "dobj"
            and c.lemma_.lower() in nouns
            and any(d.lower_ in _DEFINITE for d in c.children)
            for c in verb.children
        ):
            told = max((e.evidence.sentence for e in events if e.evidence.sentence < i), default=-1)
            if told < i - 2:
                continue  # "denied the claim" with no claim told just before
        else:
            continue
        claims = [
            e for e in events if e.evidence.sentence == told and e.actors and e.modality in _CLAIMED
        ]
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ in ("acl", "relcl"):
            continue
        deniers = {p.actor for p in finder.find(subject)} if subject is not None else set()
        if not deniers and subject is not None and _denier_group(subject):
            deniers = {a for e in claims for a in e.actors}  # "both groups", "the militias"
        for e in claims:
            denied = tuple(a for a in e.actors if a in deniers)
            if not denied:
                continue
            out.append(
                replace(
                    e,
                    id=claim_id("event", evidence.document, i, verb.i, e.type, *denied),
                    evidence=evidence,
                    actors=denied,
                    modality="negated",
                    attributed_to=denied[0] if len(denied) == 1 else None,
                    flags=(),
                )
            )
    return out


def _denier_group(tok: Any) -> bool:
    """ "both groups", "the two militias", "the groups": the actors of the claim denied."""
    if tok.lemma_.lower() == "both" or tok.lower_ in ("they", "both"):
        return True
    return tok.lemma_.lower() in _DENIER_NOUNS and any(
        c.lower_ in ("both", "the", "these", "those", "two") for c in tok.children
    )


def _strikes_a_place(verb: Any, lex: Lexicon) -> bool:
    """An attack whose target is a place, not an actor: "fired rockets at a base near Kirkuk",
    "struck a military compound" (a weapon as object, or a base, camp, embassy … hit)."""
    if weapon_of(verb, lex) is not None:
        return True
    for child in verb.children:
        objects = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in ("at", "on", "against", "into"):
            objects = [o for o in child.children if o.dep_ == "pobj"]
        if any(o.lemma_.lower() in PROPERTY_NOUNS or o.lower_ in PROPERTY_NOUNS for o in objects):
            return True
    return False


def _retold(trig: Trigger, event: Event, events: list[Event]) -> Event | None:
    """The earlier event that a definite event noun with a perpetrator but no target or date
    refers to ("Two officials said X carried out the attack"): the latest dated event of its
    type with a target in the sentences before (else the latest undated one), unless that one
    was only possible or denied. A dated one first: the attack a story is about has a date, a
    passing mention (or a misparse) often not."""
    if not (trig.nominal and event.actors) or event.recipients or event.date:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trig.token.children):
        return None
    sentence = event.evidence.sentence
    near = [
        e
        for e in events
        if e.evidence.sentence >= sentence - _ANAPHOR_WINDOW
        and e.type == event.type
        and e.recipients
    ]
    ante = next((e for e in reversed(near) if e.date), None) or (near[-1] if near else None)
    if ante is None or ante.modality in ("hypothetical", "negated"):
        return None
    return None if set(ante.recipients) & set(event.actors) else ante


def _definite_anchor(trig: Trigger, lex: Lexicon) -> bool:
    """An event named by a definite noun that refers back: "the sanctions target X" (the
    sanctions imposed before), "X died in the strike"; a bare mention ("the attack on X") is
    not a claim of its own and refers to nothing here."""
    tok = trig.token
    if not trig.nominal:
        tok = next(
            (c for c in tok.children if c.dep_ == "nsubj" and noun_code(c, lex) is not None),
            None,
        )
    elif not standalone(tok, lex):
        return False
    return tok is not None and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def _earlier_actors(events: list[Event], sentence: int) -> Callable[[str], tuple[str, ...]]:
    """The actors of the latest event of a type in the few sentences before ``sentence``."""

    def actors_of(etype: str) -> tuple[str, ...]:
        for e in reversed(events):
            if e.evidence.sentence < sentence - _ANAPHOR_WINDOW:
                break
            if e.type == etype and e.actors and e.modality not in ("hypothetical", "negated"):
                return e.actors
        return ()

    return actors_of


_ANAPHOR_WINDOW = 10


def _compatible(a: Event, b: Event) -> bool:
    """Two codings of one event in one sentence: same type, and each side either agrees or is
    missing in one of them ("he was killed in a US drone attack": killed → recipient,
    attack → actor)."""

    def fits(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
        return not x or not y or bool(set(x) & set(y))

    return (
        a.type == b.type
        and fits(a.actors, b.actors)
        and fits(a.recipients, b.recipients)
        and (a.date is None or b.date is None or a.date == b.date)
        and a.modality == b.modality
    )


def _union(a: Event, b: Event) -> Event:
    def join(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*x, *y)))

    return replace(
        a,
        mode=a.mode or b.mode,
        actors=join(a.actors, b.actors),
        recipients=tuple(
            r for r in join(a.recipients, b.recipients) if r not in a.actors + b.actors
        ),
        date=a.date or b.date,
        date_end=a.date_end or b.date_end,
        location=a.location or b.location,
        country=a.country or b.country,
        attributed_to=a.attributed_to or b.attributed_to,
        flags=tuple(dict.fromkeys((*a.flags, *b.flags))),
    )


def _merge_repeats(found: list[tuple[Event, bool]]) -> list[Event]:
    """One sentence naming the same event twice gives one event with what both say. A nominal
    event ("the attack on X") with no actor of its own is kept only when merged with a coding that
    has one: on its own it is too often a mention, not a claim."""
    kept: list[tuple[Event, bool]] = []
    for event, nominal in found:
        for k, (other, other_nominal) in enumerate(kept):
            if _compatible(other, event):
                kept[k] = (_union(other, event), other_nominal and nominal)
                break
        else:
            kept.append((event, nominal))
    return [e for e, nominal in kept if e.actors or not nominal]


def _generic_relations(out: Extraction, finder: ParticipantFinder, res: Resolution) -> None:
    """A generic group ("Tehran-backed militias") relates to its backer wherever it is an actor."""
    seen = {(r.type, r.subject, r.object) for r in out.relations}
    for event in list(out.events):
        for aid in (*event.actors, *event.recipients):
            actor = finder.generic.get(aid)
            if actor is None:
                continue
            kind, backer = _generic_key(aid, finder)
            if kind in ("backed_by", "allied_with") and backer and (kind, aid, backer) not in seen:
                seen.add((kind, aid, backer))
                out.relations.append(
                    Relation(
                        id=claim_id(
                            "relation",
                            event.evidence.document,
                            event.evidence.sentence,
                            kind,
                            aid,
                            backer,
                        ),
                        type=kind,
                        subject=aid,
                        object=backer,
                        evidence=event.evidence,
                        modality=event.modality,
                        attributed_to=event.attributed_to,
                    )
                )


def _generic_key(aid: str, finder: ParticipantFinder) -> tuple[str | None, str | None]:
    return finder.generic_kind.get(aid, (None, None))
