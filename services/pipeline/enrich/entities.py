"""Named entities: people, organisations, places and nationalities/groups.

spaCy's small English model with only its ``ner`` component (it carries its own
tok2vec in that model; tagger, parser and lemmatizer are not loaded). To spend the
model's time where names are, only sentences that can hold a name are passed to it:
those with a capitalised word after their first word, or whose first word is
capitalised and not a stop word ("Iran said ..." is kept, "The talks ended." is
not). ``benchmarks/eval_enrich.py --no-filter`` measures what that costs in recall.

Labels map to four types: PERSON; ORG; PLACE (GPE, LOC); NORP (nationalities,
religious and political groups). Names are normalised (see ``normalise``): a
leading "the" and a possessive "'s" are dropped, SHOUTED names are title-cased,
common abbreviations are expanded (``ALIASES``), a lone surname joins the full name
mentioned elsewhere in the article ("Kirby" -> "John Kirby"), and seats of
government that stand for an institution (the White House, the Kremlin) are ORG
whatever the model says (``INSTITUTIONS``). A name's type is the one most of its
mentions got. Non-English articles get no entities (``None``): the model is English.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enrichment, Entity, EntityType
from services.pipeline.enrich.paragraphs import ParagraphEnricher
from services.pipeline.enrich.sentiment import sentences

LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "NORP": "NORP",
}

# Abbreviations and variant spellings -> (canonical name, type).
ALIASES: dict[str, tuple[str, EntityType]] = {
    "u.s.": ("United States", "PLACE"),
    "us": ("United States", "PLACE"),
    "u.s.a.": ("United States", "PLACE"),
    "usa": ("United States", "PLACE"),
    "united states of america": ("United States", "PLACE"),
    "u.k.": ("United Kingdom", "PLACE"),
    "uk": ("United Kingdom", "PLACE"),
    "britain": ("United Kingdom", "PLACE"),
    "great britain": ("United Kingdom", "PLACE"),
    "u.n.": ("United Nations", "ORG"),
    "un": ("United Nations", "ORG"),
    "e.u.": ("European Union", "ORG"),
    "eu": ("European Union", "ORG"),
    "uae": ("United Arab Emirates", "PLACE"),
    "u.a.e.": ("United Arab Emirates", "PLACE"),
    "ap": ("Associated Press", "ORG"),
    "the associated press": ("Associated Press", "ORG"),
    "nyc": ("New York City", "PLACE"),
}

# Buildings and places that news names in place of the institution seated there
# (metonymy): they are organisations whatever the model says.
INSTITUTIONS = frozenset(
    [
        "white", "house", "kremlin", "pentagon", "congress", "senate", "house", "of", "representatives", "parliament",
        "state", "department", "downing", "street", "elysee", "élysée", "bundestag", "duma", "knesset", "vatican",
        "supreme", "court", "capitol", "hill", "whitehall"
    ]
) | frozenset({
    "white house", "state department", "downing street", "house of representatives",
    "supreme court", "capitol hill", "national security council", "justice department",
    "european commission", "federal reserve",
})

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SPACE = re.compile(r"\s+")
_NUMBER_CHARS = frozenset("0123456789.,:-")


def _without_trailing_numbers(name: str) -> str:
    """``name`` less its trailing blank-separated numbers ("Aden O'Hara 2 3" -> "Aden
    O'Hara"), as ``re.sub(r"(?:\\s+[\\d.,:-]+)+$", "", name)`` without the rescans: one
    pass from the end."""
    end = len(name)
    while True:
        start = end
        while start > 0 and name[start - 1] in _NUMBER_CHARS:
            start -= 1
        blank = start
        while blank > 0 and name[blank - 1].isspace():
            blank -= 1
        if start == end or blank == start:
            return name[:end]
        end = blank


_EDGE_PUNCT = " \t\n.,;:!?\"'\u2018\u2019\u201c\u201d()[]-\u2013\u2014"


def normalise(text: str) -> str:
    name = _SPACE.sub(" ", text.replace("\u2019", "'")).strip(_EDGE_PUNCT.replace(".", ""))
    name = _POSSESSIVE.sub("", name)
    name = _LEADING.sub("", name).strip(_EDGE_PUNCT.replace(".", ""))
    name = _without_trailing_numbers(name)  # "Aden O'Hara 2" in a sports roundup
    last = name.split()[-1] if name else ""
    if last.endswith(".") and last.count(".") == 1 and len(last) > 4:
        name = name[:-1]  # a sentence's full stop; "U.S.", "Jr." and "Ill." keep theirs
    if name.isupper() and len(name.replace(".", "")) > 4:
        name = " ".join(w.capitalize() for w in name.split())
    return name


def candidate_text(body: str) -> str:
    """The sentences with a capitalised word after the first, one per paragraph.

    A sentence whose only capital is its first word seldom names anyone the article
    does not name elsewhere; leaving those out saves about a third of the NER time
    (`python -m benchmarks.bench_enrich`) and raised precision on the hand labels
    at a recall cost of 0.003 (`python -m benchmarks.eval_enrich`).
    """
    kept = []
    for sentence in sentences(body):
        if any(w[:1].isupper() for w in sentence.split()[1:]):
            kept.append(sentence)
    return "\n\n".join(kept)


def collect(mentions: Iterable[tuple[str, str]]) -> list[Entity]:
    """(surface text, spaCy label) pairs -> entities with normalised names and counts."""
    votes: dict[str, Counter[EntityType]] = defaultdict(Counter)
    display: dict[str, str] = {}
    for text, label in mentions:
        etype = LABELS.get(label)
        if etype is None:
            continue
        name = normalise(text)
        if len(name) < 2 or not any(ch.isalpha() for ch in name) or name[0] in "@#":
            continue
        alias = ALIASES.get(name.casefold())
        if alias is not None:
            name, etype = alias
        elif name.casefold() in INSTITUTIONS:
            etype = "ORG"
        key = name.casefold()
        votes[key][etype] += 1
        display.setdefault(key, name)
    # A lone surname (or given name) of a person named in full elsewhere joins that name.
    people = [k for k, v in votes.items() if v.most_common(1)[0][0] == "PERSON" and " " in k]
    for key in list(votes):
        if " " in key or key not in votes:
            continue
        owners = [p for p in people if key in p.replace(".", "").split()]
        if owners and votes[key].most_common(1)[0][0] == "PERSON":
            # Several full forms ("Patrick Carlineo Jr.", "Pat Carlineo"): the most mentioned.
            owners.sort(key=lambda p: (-sum(votes[p].values()), -len(p)))
            votes[owners[0]].update({"PERSON": sum(votes.pop(key).values())})
    entities = []
    for key, counter in votes.items():
        etype = counter.most_common(1)[0][0]
        entities.append(Entity(name=display[key], type=etype, mentions=sum(counter.values())))
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities


class EntityEnricher(ParagraphEnricher):
    """NER paragraph by paragraph: a paragraph's mentions depend on its text alone, so
    a paragraph seen before (``ParagraphMemo``) is not run through the model again; the
    new ones of an article (or of several, ``run_many``) go through ``nlp.pipe`` together."""

    name = "entities"
    requires = (models.spacy_ner,)
    revision = 1

    def __init__(self, *, filter_sentences: bool = True, batch_size: int = 64) -> None:
        self.filter_sentences = filter_sentences
        self.batch_size = batch_size
        self._memo_key: str | None = None

    def memo_key(self) -> str:
        if self._memo_key is None:
            meta = models.spacy_ner().meta
            which = "names" if self.filter_sentences else "all"
            self._memo_key = (f"entities/{self.revision}/{which}/{meta.get('lang')}_{meta.get('name')}"
                              f"={meta.get('version')}/spacy={models.spacy_version()}")
        return self._memo_key

    def applies(self, article: ArticleText, out: Enrichment) -> bool:
        return out.language in (None, "en")

    def per_paragraph(self, texts: Sequence[str]) -> list[Any]:
        """[[surface text, spaCy label], ...] per paragraph."""
        inputs = [candidate_text(t) if self.filter_sentences else t for t in texts]
        values: list[Any] = [[] for _ in texts]
        todo = [i for i, text in enumerate(inputs) if text]
        nlp: Any = models.spacy_ner()
        docs = nlp.pipe([inputs[i] for i in todo], batch_size=self.batch_size)
        for i, doc in zip(todo, docs, strict=True):
            values[i] = [[ent.text, ent.label_] for ent in doc.ents if ent.label_ in LABELS]
        return values

    def combine(self, article: ArticleText, out: Enrichment, values: Sequence[Any]) -> None:
        out.entities = collect((text, label) for mentions in values for text, label in mentions)
