"""Accuracy of enrichment against the hand labels in tests/fixtures/enrich/labels.json.

    python -m benchmarks.eval_enrich [--no-filter] [--show]

Prints precision/recall/F1 of entities per type (an entity is right when its
normalised name, compared case-insensitively, and its type match a label of the
same article), language accuracy, wire-source accuracy, and how often the
link-list flag fires on the 90 benchmark pages (all from mainstream sites).
``--no-filter`` runs NER on the whole body instead of the name-bearing sentences.
"""

from __future__ import annotations

import argparse
import gzip
import json
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
