"""Re-train the text-dump body scorer (``services/pipeline/formats/textdump_model.json``).

Training data: the development pages of the Article Extraction Benchmark in
``shared/data``, each rendered to text by every tool in ``benchmarks.renders`` (lynx,
w3m, html2text, inscriptis, BeautifulSoup, and other options of the same tools: lynx
without its link list, w3m at 120 columns, html2text unwrapped, ``get_text()`` with no
separator and stripped). A unit of a render is labelled article text
when most of its word 4-grams (for units under four words: its whole word sequence)
occur in the page's ground-truth ``articleBody``. Nothing else is trained on: the text-
dump fixtures in ``tests/fixtures/textdump`` stay an unseen check.

The model is an L2-regularised logistic regression fitted by Newton's method (IRLS) in
numpy, so training needs no library beyond what copydesk already imports and gives the
same weights on every run. Units are weighted by their length (the benchmark's metric
counts words, not lines). The edge scorer (``textdump_model.Edges``) is a second one,
fitted on the sentences met at the edges of the selected regions when the edges are
walked with the true labels, with the units scored by models that did not see their
page (5-fold by page inside the training pages), as they will be on a new page.
Before writing the model it prints a held-out check, the benchmark's body precision,
recall and F1 per tool, with every page scored by a model trained on the other four
fifths of the pages (5-fold by page), edge scorer included.

    python -m benchmarks.train_textdump [--data DIR] [--cache DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.eval_extraction import DEFAULT_DATA, Scores, summarise, tp_fp_fn
from benchmarks.renders import DEFAULT_CACHE, DEFAULT_TOOLS, TOOLS, render_dev_pages

if TYPE_CHECKING:
    from services.pipeline.formats.textdump_model import Model
    from services.pipeline.formats.textdump_units import Unit

MODEL_PATH = Path(__file__).resolve().parents[1] / "services/pipeline/formats/textdump_model.json"
_TOKEN = re.compile(r"\w+")
FOLDS = 5
L2 = 30.0  # by the held-out check: 1 to 300 all give 0.88-0.89, and 30 is in the flat middle
EDGE_L2 = 100.0  # 1, 10 and 100 scored within 0.002 of each other on held-out unit scores
Matrix = npt.NDArray[np.float64]


def _ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


class Truth:
    """The ground-truth body of one page as sets of word n-grams (n = 1..4)."""

    def __init__(self, body: str) -> None:
        tokens = _TOKEN.findall(body)
        self.grams = {n: _ngrams(tokens, n) for n in (1, 2, 3, 4)}

    def label(self, text: str) -> float:
        tokens = _TOKEN.findall(text)
        if not tokens:
            return 0.0
        if len(tokens) < 4:
            return float(tuple(tokens) in self.grams[len(tokens)])
        grams = [tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3)]
        return float(sum(g in self.grams[4] for g in grams) / len(grams) >= 0.5)


@dataclass
class Example:
    """One render: its units, their own and context features, labels and weights."""

    units: list[Unit]
    own: Matrix
    x: Matrix
    y: Matrix
    w: Matrix


def _example(render: str, truth: Truth) -> Example:
    from services.pipeline.formats.textdump_features import context, unit_features
    from services.pipeline.formats.textdump_units import units, word_count

    found = units(render)
    own = unit_features(found)
    return Example(found, own, context(own), np.asarray([truth.label(u.text) for u in found]),
                   np.asarray([1.0 + min(word_count(u.text), 60) / 6 for u in found]))


def fit(x: Matrix, y: Matrix, w: Matrix, *, l2: float = L2) -> tuple[Matrix, Matrix, Matrix, float]:
    """(mean, scale, weights, bias) of a weighted L2 logistic regression, by IRLS."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((x.shape[0], 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return mean, scale, beta[:-1], float(beta[-1])


Examples = dict[tuple[str, str], Example]  # by (tool, page id)


def _unit_model(examples: Examples, ids: set[str]) -> Model:
    from services.pipeline.formats.textdump_model import Model

    keys = [k for k in sorted(examples) if k[1] in ids and len(examples[k].y)]
    x = np.vstack([examples[k].x for k in keys])
    y = np.concatenate([examples[k].y for k in keys])
    w = np.concatenate([examples[k].w for k in keys])
    mean, scale, weights, bias = fit(x, y, w)
    return Model(version="dev", mean=mean, scale=scale, weights=weights, bias=bias)


def _edge_samples(example: Example, p: Matrix, model: Model) -> tuple[list[Matrix], list[float]]:
    """The edge features and labels of the sentences met at the edges of the render's
    region, walked with the true labels (a true sentence is taken and the walk goes on)."""
    from services.pipeline.formats.textdump_model import select

    xs: list[Matrix] = []
    ys: list[float] = []

    def accept(index: int, x: Matrix) -> bool:
        xs.append(x)
        ys.append(float(example.y[index]))
        return bool(example.y[index])

    select(example.units, model, p=p, own=example.own, accept=accept)
    return xs, ys


def train(examples: Examples, ids: set[str], version: str = "dev") -> Model:
    """The unit scorer fitted on ``ids``, and the edge scorer fitted on the edges of their
    renders as scored by models that did not see the page (5-fold inside ``ids``)."""
    from services.pipeline.formats.textdump_model import Edges, scores

    model = _unit_model(examples, ids)
    ordered = sorted(ids)
    xs: list[Matrix] = []
    ys: list[float] = []
    for k in range(FOLDS):
        inner = set(ordered[k::FOLDS])
        held_out = _unit_model(examples, ids - inner)
        for key in sorted(examples):
            if key[1] in inner and len(examples[key].y):
                example = examples[key]
                p = scores(example.units, held_out, own=example.own)
                more_x, more_y = _edge_samples(example, p, held_out)
                xs.extend(more_x)
                ys.extend(more_y)
    mean, scale, weights, bias = fit(np.vstack(xs), np.asarray(ys), np.ones(len(ys)),
                                     l2=EDGE_L2)
    edges = Edges(mean=mean, scale=scale, weights=weights, bias=bias)
    return replace(model, version=version, edges=edges)


def body_scores(renders: dict[str, dict[str, str]], bodies: dict[str, str], ids: set[str],
                model: Model) -> dict[str, list[Scores]]:
    """Per tool, the benchmark's (tp, fp, fn) shares of every page in ``ids``."""
    from services.pipeline.formats.textdump import extract_body

    return {tool: [tp_fp_fn(bodies[i], extract_body(texts[i], model=model))
                   for i in sorted(ids) if i in texts]
            for tool, texts in renders.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--dry-run", action="store_true", help="print the check, write nothing")
    args = parser.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    bodies = {key: value["articleBody"] for key, value in truth.items()}
    truths = {key: Truth(body) for key, body in bodies.items()}
    renders = render_dev_pages(args.data, args.cache, tools=list(TOOLS))
    ids = sorted(set.intersection(*(set(t) for t in renders.values())) & set(bodies))
    folds = [set(ids[k::FOLDS]) for k in range(FOLDS)]
    examples = {(tool, i): _example(texts[i], truths[i])
                for tool, texts in renders.items() for i in ids if i in texts}
    print(f"{len(ids)} pages x {len(renders)} tools; held-out body F1 ({FOLDS}-fold by page: "
          "every page scored by a model that never saw it):")
    pooled: dict[str, list[Scores]] = {}
    for fold in folds:
        model = train(examples, set(ids) - fold)
        for tool, rows in body_scores(renders, bodies, fold, model).items():
            pooled.setdefault(tool, []).extend(rows)
    usual = [row for tool in DEFAULT_TOOLS for row in pooled.get(tool, [])]
    everything = [row for rows in pooled.values() for row in rows]
    print(f"{'tool':<18}{'precision':>10}{'recall':>10}{'F1':>10}")
    for tool, rows in [*pooled.items(), ("overall (5 tools)", usual), ("all renders", everything)]:
        figures = summarise(rows)
        print(f"{tool:<18}{figures['precision']:>10.3f}{figures['recall']:>10.3f}"
              f"{figures['f1']:>10.3f}")
    final = train(examples, set(ids), version=f"lr-{len(ids)}pages-{len(renders)}tools")
    if args.dry_run:
        return
    MODEL_PATH.write_text(json.dumps(final.to_json(), indent=1) + "\n", "utf-8")
    print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
