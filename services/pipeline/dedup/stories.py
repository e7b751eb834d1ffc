"""Which stories a new article belongs to: the decision, without the storage.

``services.storage.stories`` (Postgres, under locks) and the fake story repository of
the tests both feed the article's LSH candidates to ``match_stories`` and act on what
it decides: no story matched, a new story; one, join it; several, the article bridges
them and they merge into the lowest id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from services.pipeline.dedup.signature import Signature
from services.pipeline.dedup.verify import DEFAULT_THRESHOLDS, Thresholds, is_same_story

__all__ = ["CANDIDATES_PER_BAND", "Candidate", "StoryAssignment", "StoryMatch", "match_stories"]

# The most recent articles under one band key that a new article is compared with. A key
# held by many articles is either a story copied many times (its latest copies are as
# good a way in as all of them) or an opening many unrelated bodies share (a site's fixed
# disclaimer above every article: each lede band then names the whole site). Without a
# cap, every new article of such a site would be verified against all the earlier ones,
# work growing with the archive; with it, at most this many a key.
CANDIDATES_PER_BAND = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A stored article that shares at least one LSH band with the new one."""

    article_id: int
    story_id: int | None
    signature: Signature


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryMatch:
    candidates: int  # articles sharing at least one band
    matched: int  # candidates verified as the same story
    story_ids: tuple[int, ...]  # their stories, ascending: join the first, merge the rest


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryAssignment:
    """Where a stored article went: what a story repository's ``assign`` returns."""

    story_id: int
    created: bool  # a new story (no verified match)
    candidates: int  # articles sharing at least one band
    matched: int  # candidates verified as the same story
    merged: tuple[int, ...] = ()  # stories merged into story_id by this article


def match_stories(
    signature: Signature, candidates: Iterable[Candidate], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> StoryMatch:
    """Verify each candidate against ``signature``; the stories of those that match."""
    seen = list(candidates)
    matched = [c for c in seen if is_same_story(signature, c.signature, thresholds)]
    story_ids = sorted({c.story_id for c in matched if c.story_id is not None})
    return StoryMatch(candidates=len(seen), matched=len(matched), story_ids=tuple(story_ids))
