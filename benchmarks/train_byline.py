"""Re-train the text-dump parser's byline scorer (``services/pipeline/formats/textdump_byline.json``).

The scorer (``textdump_byline``) is the parser's last resort for authors: used only where
no rule finds one, it picks the likeliest name of the page's candidates against "no
author". It is a conditional logit over each page's candidates (``eval_author_model.
fit_choice``: L2-regularised, Newton's method in numpy, the same weights on every run),
fitted on

* the sittings (``benchmarks/data/sittings``) 41 to ``eval_author_model.TRAINED_THROUGH``
  but the fresh ones (``eval_author_model.FRESH``), with their readers' authors as truth;
* the renders of the real dev pages at even positions (``eval_render_meta --split even``),
  with the authors each page declares as truth: a page that declares none teaches that
  the names of a photo credit, a desk or a brand are no byline.

Never on the real pages at odd positions or on the fresh sittings: they are the held-out
checks (``python -m benchmarks.eval_author_model``). The given names of the
``given_first`` and ``given_other`` features are the first names of every locale of
Faker (MIT licence; a test dependency, read only here) and ship in the same file.

    python -m benchmarks.train_byline [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MODEL_PATH = Path(__file__).resolve().parents[1] / "services/pipeline/formats/textdump_byline.json"


def main(argv: list[str] | None = None) -> None:
    import numpy as np

    from benchmarks import eval_author_model as authors
    from benchmarks.byline_names import given_names
    from services.pipeline.formats.textdump_byline import FEATURES, BylineModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the weights, write nothing")
    args = parser.parse_args(argv)
    pages = [p for p in authors.collect()
             if p.sitting not in authors.FRESH and int(p.sitting) <= authors.TRAINED_THROUGH]
    pages += [p for p in authors.collect_real() if p.sitting == "even"]
    mean, scale, weights, bias = authors.train(pages, l2=authors.L2)
    model = BylineModel(version=f"choice-{len(pages)}pages", mean=tuple(mean.tolist()),
                        scale=tuple(scale.tolist()), weights=tuple(weights.tolist()), bias=bias,
                        threshold=authors.THRESHOLD, also=authors.ALSO, trailer=authors.TRAILER,
                        given=given_names())
    print(f"{len(pages)} pages, {sum(len(p.y) for p in pages)} candidates; weights:")
    for name, weight in sorted(zip(FEATURES, weights.tolist(), strict=True), key=lambda pair: -abs(pair[1])):
        print(f"  {name:<16}{weight:+.3f}")
    if not args.dry_run:
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=0, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {MODEL_PATH} ({np.round(MODEL_PATH.stat().st_size / 1024)} KiB)")


if __name__ == "__main__":
    main()
