"""parse_records: containers split into records, one bad record costs only itself."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from services.errors import InputError, NoArticleText, UnsupportedFormat
from services.pipeline.formats import (
    Limits,
    Record,
    TooManyRecords,
    parse_file,
    parse_records,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "containers"


def _warc_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_warc", FIXTURES / "make_warc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(name: str, data: bytes | None = None) -> list[Record]:
    return parse_records((FIXTURES / name).read_bytes() if data is None else data,
                         filename=name, limits=Limits())


def _check(record: Record, expected: dict[str, Any]) -> None:
    if "error_code" in expected:
        assert record.article is None and record.error is not None
        assert record.error.code == expected["error_code"]
        return
    assert record.error is None and record.article is not None
    got = record.article.to_json()
    for key, value in expected.items():
        assert got[key] == value, (record.name, key)


# every record names itself and can be parsed again from its own bytes

@pytest.mark.parametrize("name", ["articles.json", "articles.jsonl", "feed-rss.xml",
                                  "feed-atom.xml", "crawl.warc.gz", "newsarticle-graph.json"])
def test_records_reparse_from_their_own_bytes(name: str) -> None:
    records = _records(name)
    assert [r.record_no for r in records] == list(range(1, len(records) + 1))
    for record in records:
        assert record.name == f"{name}#{record.record_no}{Path(record.name).suffix}"
        assert (record.article is None) != (record.error is None)
        if record.article is not None:
            again = parse_file(record.raw, filename=record.name)
            if record.url and again.url is None:  # a WARC target URI lives on the Record
                again = again.__class__(**{**_fields(again), "url": record.url})
            assert again == record.article


def _fields(article: Any) -> dict[str, Any]:
    return {f: getattr(article, f) for f in article.__dataclass_fields__}


def test_json_list() -> None:
    records = _records("articles.json")
    assert [r.source_format for r in records] == ["json"] * 4
    _check(records[0], {"title": "Rail strike called off after late-night deal",
                        "authors": ["Priya Natarajan", "Tom Ellis"],
                        "published_at": "2025-03-14T22:45:00+00:00", "section": "Business",
                        "site_name": "The Daily Ledger", "language": "en",
                        "url": "https://daily-ledger.example/rail-strike-off"})
    _check(records[1], {"authors": ["Amara Okafor"], "wire_source": "AFP", "dateline": "PARIS",
                        "body": "PARIS (AFP) - A French museum on Thursday returned 26 bronze "
                        "sculptures that were taken from West Africa during the colonial era, in "
                        "a ceremony attended by ministers from both countries.\n\nThe works will "
                        "go on display in a new museum next year."})
    _check(records[2], {"error_code": "no_article_text"})
    _check(records[3], {"published_at": "2025-03-14T12:00:00+00:00",
                        "site_name": "The Daily Ledger"})
    assert json.loads(records[2].raw) == {"id": 3, "title": "Headline only, no body"}


def test_jsonl_with_one_bad_line_among_good_ones() -> None:
    records = _records("articles.jsonl")
    assert len(records) == 4 and records[0].source_format == "jsonl"
    assert [r.ok for r in records] == [True, True, False, True]
    assert records[2].error is not None and records[2].error.code == "malformed_json"
    assert "line 3" in records[2].error.message
    _check(records[1], {"title": "Fishing quotas cut for a third year", "authors": ["John Roe"],
                        "published_at": "2025-04-06T10:00:00+01:00"})


def test_newsarticle_graph_resolves_references() -> None:
    [record] = _records("newsarticle-graph.json")
    _check(record, {"title": "Asian shares mixed as investors weigh tariff risks",
                    "authors": ["Lim Wei Ling"], "site_name": "Straits Ledger",
                    "section": "Markets", "language": "en", "dateline": "SINGAPORE",
                    "published_at": "2025-03-17T16:20:00+08:00",
                    "modified_at": "2025-03-17T18:05:00+08:00",
                    "canonical_url": "https://straits-ledger.example/markets/asian-shares"})


def test_graph_with_two_articles_is_two_records() -> None:
    doc = json.loads((FIXTURES / "newsarticle-graph.json").read_text("utf-8"))
    second = dict(doc["@graph"][-1], headline="Second story", articleBody="Word " * 20)
    doc["@graph"].append(second)
    records = parse_records(json.dumps(doc).encode(), filename="g.json")
    assert [r.article.title for r in records if r.article] == [
        "Asian shares mixed as investors weigh tariff risks", "Second story"]


def test_wrapped_list_is_a_container() -> None:
    item = {"title": "T", "content": "word " * 12, "source": {"name": "S"}}
    data = json.dumps({"status": "ok", "totalResults": 2, "articles": [item, item]}).encode()
    assert [r.article.site_name for r in parse_records(data) if r.article] == ["S", "S"]


@pytest.mark.parametrize("name", ["feed-rss.xml", "feed-atom.xml"])
def test_feed_fields(name: str) -> None:
    expected = json.loads((FIXTURES / name.replace(".xml", ".expected.json")).read_text("utf-8"))
    records = _records(name)
    assert len(records) == len(expected)
    for record, fields in zip(records, expected, strict=True):
        _check(record, fields)


def test_feed_with_one_broken_item() -> None:
    records = _records("feed-rss.xml")
    assert [r.ok for r in records] == [True, True, False, True]
    assert records[2].error is not None and records[2].error.code == "no_article_text"


def test_warc_html_responses_only() -> None:
    records = _records("crawl.warc.gz")
    assert [r.url for r in records] == ["https://harbour-times.example/storm",
                                        "https://harbour-times.example/cafes",
                                        "https://harbour-times.example/empty"]
    assert records[0].source_format == "warc+gzip"
    _check(records[0], {"title": "Storm closes ports along the coast", "authors": ["Jane Doe"],
                        "site_name": "Harbour Times", "url": "https://harbour-times.example/storm",
                        "source_format": "html"})
    assert records[1].article is not None
    assert "\u20ac5,000" in records[1].article.body  # cp1252 declared in <meta>
    _check(records[2], {"error_code": "no_article_text"})


def test_uncompressed_warc() -> None:
    module = _warc_module()
    data = module.build_warc(module.crawl_records(), gz=False)
    assert data.startswith(b"WARC/1")
    assert [r.ok for r in parse_records(data, filename="c.warc")] == [True, True, False]


def test_warc_with_no_html_is_no_article() -> None:
    module = _warc_module()
    data = module.build_warc([("response", "https://x.example/a.png", b"\x89PNG", "image/png",
                               "200 OK")])
    with pytest.raises(NoArticleText):
        parse_records(data, filename="x.warc.gz")


@pytest.mark.parametrize("name", ["articles.jsonl", "feed-rss.xml", "articles.json"])
def test_gzip_variants_match(name: str) -> None:
    plain = _records(name)
    packed = parse_records(gzip.compress((FIXTURES / name).read_bytes()), filename=name + ".gz")
    assert [r.article for r in packed] == [r.article for r in plain]
    assert all(r.source_format.endswith("+gzip") for r in packed)


def test_gzipped_single_file() -> None:
    text = (Path(__file__).parents[1] / "fixtures/textdump/news-portal-ap.txt").read_bytes()
    article = parse_file(gzip.compress(text), filename="story.txt.gz")
    assert article.source_format == "text" and article.wire_source == "AP"


def test_single_files_are_one_record() -> None:
    [record] = parse_records(b"<html><body><p>hi</p></body></html>", filename="a.html")
    assert record.error is not None and record.error.code == "no_article_text"
    assert record.source_format == "html" and record.name == "a.html#1.html"


def test_parse_file_refuses_a_container_of_several() -> None:
    with pytest.raises(UnsupportedFormat, match="parse_records"):
        parse_file((FIXTURES / "feed-rss.xml").read_bytes())
    single = b'[{"title": "T", "body": "one two three four five six seven eight nine"}]'
    assert parse_file(single).title == "T"


def test_too_many_records() -> None:
    lines = b"\n".join(b'{"title": "t", "body": "w w w w w w w w w"}' for _ in range(11))
    with pytest.raises(TooManyRecords) as caught:
        parse_records(lines, filename="a.jsonl", limits=Limits(max_records=10))
    assert caught.value.code == "too_many_records"
    assert len(parse_records(lines, filename="a.jsonl", limits=Limits(max_records=11))) == 11


def test_empty_containers() -> None:
    for data in (b"[]", b'<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>'):
        with pytest.raises(InputError):
            parse_records(data)


def test_record_names_are_data_not_paths() -> None:
    data = b'{"title": "t", "url": "../../etc/passwd", "body": "w w w w w w w w w"}\n' * 2
    records = parse_records(data, filename="../../evil name.jsonl")
    assert records[0].name == "../../evil name.jsonl#1.json"
    assert records[0].article is not None and records[0].article.url == "../../etc/passwd"


def test_cli_parse_prints_one_object_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    from services.cli import main

    code = main(["parse", str(FIXTURES / "articles.jsonl"), str(FIXTURES / "newsarticle-graph.json")])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1  # line 3 of the JSONL is broken
    assert [(Path(rec["file"]).name, rec["record"]) for rec in lines] == [
        ("articles.jsonl", 1), ("articles.jsonl", 2), ("articles.jsonl", 3), ("articles.jsonl", 4),
        ("newsarticle-graph.json", 1)]
    assert lines[2]["error_code"] == "malformed_json" and "title" not in lines[2]
    assert lines[0]["title"] == "Storm closes ports along the coast"
    assert lines[0]["container_format"] == "jsonl" and lines[0]["source_format"] == "json"


def test_cli_parse_file_level_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from services.cli import main

    (tmp_path / "deep.json").write_bytes(b"[" * 5000 + b"]" * 5000)
    assert main(["parse", str(tmp_path / "deep.json")]) == 1
    [line] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["error_code"] == "too_deep" and "record" not in line
