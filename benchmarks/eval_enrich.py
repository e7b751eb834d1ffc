"""Accuracy of enrichment against the hand labels in tests/fixtures/enrich/labels.json.

    python -m benchmarks.eval_enrich [--no-filter] [--show] [--languages]

Prints precision/recall/F1 of entities per type (an entity is right when its
normalised name, compared case-insensitively, and its type match a label of the
same article), language accuracy, wire-source accuracy, and how often the
link-list flag fires on the 90 benchmark pages (all from mainstream sites).
``--no-filter`` runs NER on the whole body instead of the name-bearing sentences.
``--languages`` also checks the language step in every language the detector names, on
texts made of the machine's translated message catalogues (``/usr/share/locale``): the
language found from the step's sample (the title and the body's opening) and from the
whole text, against the catalogue's language.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from services.pipeline.enrich import ENTITY_TYPES, ArticleText, Enrichment
from services.pipeline.enrich.entities import EntityEnricher
from services.pipeline.enrich.keywords import KeywordEnricher
from services.pipeline.enrich.language import LanguageEnricher
from services.pipeline.enrich.linklists import LinkListEnricher
from services.pipeline.enrich.wire import WireEnricher

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BENCH = SHARED / "data" / "article-extraction-benchmark-dev"
LABELS = REPO / "tests" / "fixtures" / "enrich" / "labels.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-filter", action="store_true", help="NER over the whole body")
    parser.add_argument("--show", action="store_true", help="print misses and false hits")
    parser.add_argument("--languages", action="store_true",
                        help="language step in every detector language (message catalogues)")
    args = parser.parse_args(argv)
    truth = json.loads((BENCH / "ground-truth.json").read_text())
    labels = json.loads(LABELS.read_text())["articles"]
    ner = EntityEnricher(filter_sentences=not args.no_filter)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    lang_ok = wire_ok = 0
    for item in labels:
        key = next(k for k in truth if k.startswith(item["id"]))
        article = ArticleText(body=truth[key]["articleBody"], url=truth[key]["url"])
        out = Enrichment()
        LanguageEnricher()(article, out)
        WireEnricher()(article, out)
        lang_ok += out.language == item["language"]
        wire_ok += out.wire_source == item["wire_source"]
        if item["entities"] is None:
            continue
        ner(article, out)
        gold = {(n.casefold(), t) for t, names in item["entities"].items() for n in names}
        got = {(e.name.casefold(), e.type) for e in out.entities or []}
        for etype in ENTITY_TYPES:
            g = {x for x in gold if x[1] == etype}
            p = {x for x in got if x[1] == etype}
            counts[etype][0] += len(g & p)
            counts[etype][1] += len(p - g)
            counts[etype][2] += len(g - p)
        if args.show:
            print(f"{item['id']}  missed {sorted(gold - got)}\n{' ' * 14}extra  {sorted(got - gold)}")
    n_ent = sum(1 for i in labels if i["entities"] is not None)
    print(f"{n_ent} articles with entity labels, {len(labels)} with language and wire labels"
          f"; NER on {'the whole body' if args.no_filter else 'name-bearing sentences'}\n")
    print(f"{'type':<8}{'labels':>7}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}")
    total = [0, 0, 0]
    for etype in (*ENTITY_TYPES, "all"):
        tp, fp, fn = total if etype == "all" else counts[etype]
        if etype != "all":
            total = [a + b for a, b in zip(total, counts[etype], strict=True)]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{etype:<8}{tp + fn:>7}{tp + fp:>7}{p:>7.3f}{r:>7.3f}{f1:>7.3f}")
    print(f"\nlanguage  {lang_ok}/{len(labels)} right")
    print(f"wire      {wire_ok}/{len(labels)} right")

    flagged = 0
    for key, value in truth.items():
        page = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        article = ArticleText(body=value["articleBody"], page_text=page)
        out = Enrichment(language="en")
        KeywordEnricher()(article, out)
        LinkListEnricher()(article, out)
        flagged += bool(out.link_list_spam)
    print(f"link_list_spam on the {len(truth)} benchmark pages (mainstream sites): {flagged} flagged")
    if args.languages:
        languages()
    return 0


LOCALE = Path("/usr/share/locale")
LOCALE_DIRS = {"nb": "nb", "pt": "pt_BR", "zh": "zh_CN"}  # else the ISO 639-1 code itself
_MARKUP = re.compile(r"[%{}<>_/\\]")  # format strings and paths: not prose


def catalogue_texts(code: str, *, texts: int = 30, messages: int = 40) -> list[str]:
    """``texts`` texts of ``messages`` random translated messages (longer than 40
    characters, no format codes) from the catalogues of one language; none when the
    machine has fewer than 100 such messages."""
    found: list[str] = []
    for mo in sorted((LOCALE / LOCALE_DIRS.get(code, code) / "LC_MESSAGES").glob("*.mo")):
        try:
            with mo.open("rb") as handle:
                catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):  # not a catalogue, or not UTF-8
            continue
        found += [v.replace("\n", " ") for k, v in catalogue.items()  # v == k: not translated
                  if isinstance(v, str) and v != k and len(v) > 40 and not _MARKUP.search(v)]
    if len(found) < 100:
        return []
    rng = random.Random(code)
    return [" ".join(rng.sample(found, messages)) for _ in range(texts)]


def languages() -> None:
    from services.pipeline.enrich import models

    step = LanguageEnricher()
    print(f"\nlanguage step on message catalogues ({LOCALE}), {step.sample_chars}-character sample"
          " vs the whole text:")
    print(f"{'lang':<6}{'texts':>6}{'sample':>8}{'whole':>7}{'differ':>8}")
    totals = [0, 0, 0, 0]
    for name in models.LINGUA_LANGUAGES:
        code = models.lingua_language_code(name)
        texts = catalogue_texts(code)
        if not texts:
            print(f"{code:<6}  no catalogues on this machine")
            continue
        right_sample = right_whole = differ = 0
        for text in texts:
            out = Enrichment()
            step(ArticleText(body=text), out)
            values = models.lingua_detector().compute_language_confidence_values(text)
            whole = models.lingua_language_code(values[0].language.name) if values else None
            right_sample += out.language == code
            right_whole += whole == code
            differ += out.language != whole
        row = [len(texts), right_sample, right_whole, differ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(f"{code:<6}{row[0]:>6}{row[1]:>8}{row[2]:>7}{row[3]:>8}")
    print(f"{'all':<6}{totals[0]:>6}{totals[1]:>8}{totals[2]:>7}{totals[3]:>8}"
          "   (sample, whole: texts named as their catalogue's language)")


if __name__ == "__main__":
    raise SystemExit(main())
