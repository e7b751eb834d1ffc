"""Line classifiers for flattened text dumps of web pages: site chrome, bylines,
breadcrumbs, markdown. General patterns seen across many sites, not one template.

Every pattern is linear: no quantified group holds a quantifier, no two unbounded
quantifiers over overlapping characters stand side by side, and lines are cut to
``MAX_CHARS`` before they are matched. What a regex could only say with nesting
(a row of share buttons, a name followed by a role) is checked token by token.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Final, ParamSpec, TypeVar, cast
from unicodedata import category, normalize

from services.pipeline.formats.dates import by_first_letter, find_date
from services.pipeline.wire import DATELINE_ONLY, canonical_agency

__all__ = [
    "ACRONYM_CHARS",
    "ADDRESS",
    "BIO_VERBS",
    "CONSENT_WORDS",
    "END_OF_ARTICLE",
    "HOME_WORDS",
    "LYNX_NUMBER",
    "LYNX_REFERENCE",
    "MAX_CHARS",
    "MAX_NAME_WORDS",
    "NAME_COPIES",
    "NEWS_WORDS",
    "PUBLISHER_WORDS",
    "SKIP_LINKS",
    "SOCIAL_NAMES",
    "author_links",
    "bio_name",
    "byline_names",
    "byline_outlet",
    "caseless_name",
    "caseless_names",
    "clear_line_caches",
    "credit_names",
    "credited_to_address",
    "ends_with_conjunction",
    "han_names",
    "handle_byline",
    "has_byline_marker",
    "has_label",
    "initials_of",
    "is_caption",
    "is_credit_line",
    "is_credited_caption",
    "is_initials",
    "is_inline_chrome",
    "is_link_box",
    "is_role",
    "is_share_row",
    "is_staff_credit",
    "is_terminator",
    "is_word_menu",
    "joined_caseless_names",
    "looks_like_name",
    "lynx_author_links",
    "named_agency",
    "opens_with_role",
    "place_first_names",
    "run_in_byline",
    "said_once",
    "shares_word",
    "short_line_cache",
    "small_letter",
    "spells_address",
    "spells_name",
    "split_breadcrumb",
    "split_meta_parts",
    "strip_markdown",
    "without_initials",
    "without_place",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_CACHED_LINES: Final = 4096
_CACHED_CHARS: Final = 300
_CACHES: Final[list[Callable[[], None]]] = []
_MISSING: Final = object()  # not in a cache (a classifier may return None)


def clear_line_caches() -> None:
    """Empty every ``short_line_cache`` (benchmarks time a parse as if each were new)."""
    for clear in _CACHES:
        clear()


def short_line_cache(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Cache a pure line classifier for lines of up to 300 characters.

    The header, title and byline passes ask about the same lines, and content-farm
    copies of one page share their furniture. Longer lines (paragraphs) are not cached,
    and the cache is emptied when it reaches 4096 entries, so it holds at most that many
    short strings per process whatever the input.

    The classifier takes the line first and at most one option, by keyword, so that the
    line and the option's value make the key. (A plain dict, not ``lru_cache`` behind a
    ``*args`` wrapper: these run about 600 times per dump, and the call overhead was a
    good part of their cost.)
    """
    params = inspect.signature(function).parameters.values()
    options_taken = sum(p.kind is p.KEYWORD_ONLY for p in params)
    if options_taken > 1:
        raise TypeError(f"{function.__name__}: a cached classifier takes one option at most")
    cache: dict[object, _R] = {}
    _CACHES.append(cache.clear)
    run: Callable[..., _R] = function

    if not options_taken:
        # (no ``**options`` to pack and unpack, one dictionary lookup on a hit: most
        # classifiers take no option, and this call is the one they all pay)
        @wraps(function)
        def classify_line(text: str, /) -> _R:
            if len(text) > _CACHED_CHARS:
                return run(text)
            result = cache.get(text, _MISSING)
            if result is not _MISSING:
                return cast("_R", result)
            if len(cache) >= _CACHED_LINES:
                cache.clear()
            result = cache[text] = run(text)
            return result

        return cast("Callable[_P, _R]", classify_line)

    @wraps(function)
    def classify(text: str, /, **options: object) -> _R:
        if len(text) > _CACHED_CHARS:
            return run(text, **options)
        key = (text, *options.values()) if options else text
        if key in cache:
            return cache[key]
        if len(cache) >= _CACHED_LINES:
            cache.clear()
        result = cache[key] = run(text, **options)
        return result

    return cast("Callable[_P, _R]", classify)


MAX_CHARS: Final = 300  # the part of a line the classifiers read

# A line that opens the page furniture after the article: everything from it on goes.
_TERMINATORS: Final = re.compile(
    r"^\W{0,3}(?:related(?:\s(?:articles?|stories|posts|news|content|coverage|reading|topics))?"
    r"|ranking|rankings|recommendations?|recommended(?:\s(?:for you|stories|articles|reading))?"
    r"|trending(?:\s(?:now|stories|news|today))?|popular(?:\s(?:now|stories|posts))?"
    r"|most\s(?:popular|read|viewed|shared)|top\s(?:stories|news)"
    r"|latest(?:\s(?:news|stories|posts))?"
    r"|you\s(?:might|may)\s(?:also\s)?(?:like|be interested in|have missed)"
    r"|more\s(?:from|in|on|stories|news|articles|to read|like this)\b.{0,40}"
    r"|further\sreading|editor'?s\spicks?"
    r"|comments?(?:\s?\(\d{1,7}\))?|\d{1,7}\scomments?|leave\sa\s(?:comment|reply)|join\sthe\s"
    r"(?:discussion|conversation)|post\sa\scomment|add\sa\scomment"
    r"|share\sthis(?:\s(?:article|story|post))?:?|(?:about|more about)\sthe\sauthor"
    r"|(?:tags?|topics|keywords|filed\sunder|categories)\s?[:：].{0,300}"
    r"|(?:copyright|\(c\)|©).{0,300}|all\srights\sreserved.{0,300}"
    r"|(?:hot|recent|previous|next)\s(?:news|posts?|articles?|stories)|up\snext"
    r"|sponsored(?:\s(?:content|stories|links))?|from\saround\sthe\sweb|around\sthe\sweb"
    r"|subscribe(?:\sto\sour\snewsletter)?|sign\sup\sfor\sour\snewsletter.{0,200}"
    r"|references"  # a references list (and lynx's list of link targets)
    # a press release's notes after the story
    r"|notes?\s(?:to|for)\s(?:editors?|media)|(?:media|press)\s(?:contacts?|enquiries|inquiries)"
    r")\W{0,3}$",
    re.IGNORECASE,
)
# Reaction widgets: "veryGood! (76)", "Like (12)", "Happy 10 Sad 2": a row of such items.
_REACTION: Final = re.compile(
    r"(?:very\s?good|good|great|like|love|wow|haha|sad|angry|happy|funny|useful|"
    r"interesting|bad|boring|excited|surprised|shocked|upset)!?\s{0,3}[(\[]?\s{0,3}\d{1,9}"
    r"\s{0,3}[)\]]?",
    re.IGNORECASE,
)
_DIGIT: Final = re.compile(r"\d")
END_OF_ARTICLE: Final = (_TERMINATORS,)
# A marker over a box of links inside the article: the links go, the article goes on.
_LINK_BOX: Final = re.compile(r"^\W{0,3}(?:don'?t\smiss|read\s(?:more|next|also)|see\salso|also\sread"
                              r"|more|must\sread|recommended|in\sother\snews)\W{0,3}$", re.IGNORECASE)
_LINK_BOX_CHARS: Final = 20  # its longest match: "in other news", three characters each side, a newline
# Every word a _TERMINATORS match can open with (after up to three characters that are no
# word's), lower-cased, but for its digits and its "(c)" and "©"
_TERMINATOR_OPENINGS: Final = (
    "related", "ranking", "recommend", "trending", "popular", "most", "top", "latest", "you", "more",
    "further", "editor", "comment", "leave", "join", "post", "add", "share", "about", "tag", "topic",
    "keyword", "filed", "categor", "copyright", "all", "hot", "recent", "previous", "next", "up",
    "sponsored", "from", "around", "subscribe", "sign", "reference", "note", "media", "press")
_ASCII_NON_WORD: Final = "".join(c for c in map(chr, range(128)) if not (c.isalnum() or c == "_"))


def _may_be_terminator(text: str) -> bool:
    """False only where ``_TERMINATORS`` cannot match: an ASCII text (where the case-blind
    pattern matches what ``lower`` shows) that opens with none of its words or a digit
    after up to three characters that are no word's, and holds no "(" there ("(c)")."""
    if not text.isascii() or "(" in text[:4]:
        return True
    rest = text.lstrip(_ASCII_NON_WORD)
    if len(text) - len(rest) > 3:
        return False
    return rest[:1].isdigit() or rest[:9].lower().startswith(_TERMINATOR_OPENINGS)

# (The alternatives that open with a word, grouped under its first letter, and the others:
# the order of the alternatives does not change whether a pattern anchored at both ends
# matches, all that is asked of this one.)
_INLINE_CHROME_WORDS: Final = [
    "advertisement", "advertising", "ad", "sponsored",
    "story continues below(?: (?:this )?(?:advertisement|ad))?",
    # (an advertisement's label in German, French, Spanish, Portuguese, Italian, Dutch,
    # Danish, Norwegian, Finnish, Polish, Czech, Turkish, Russian, Romanian, Catalan, the
    # languages of former Yugoslavia, Czech again, Latvian, Estonian)
    "anzeige", "werbung", "publicit\u00e9", "publicidad", "publicidade", "pubblicit\u00e0",
    "advertentie", "annonce", "annonse", "annons", "mainos", "reklama", "reklam", "hirdet\u00e9s",
    "publicitate", "publicitat", "oglas", "inzerce", "rekl\u0101ma", "reklaam",
    "\u03b4\u03b9\u03b1\u03c6\u03ae\u03bc\u03b9\u03c3\u03b7", "\u03b4\u03b9\u03b1\u03c6\u03b7\u03bc\u03b9\u03c3\u03b7",
    "\u0440\u0435\u043a\u043b\u0430\u043c\u0430",
    # (and in Vietnamese, Indonesian, Japanese, Chinese, Korean)
    "qu\u1ea3ng c\u00e1o", "iklan", "\u5e83\u544a", "\u5e7f\u544a", "\u5ee3\u544a", "\uad11\uace0",
    # (Slovak, Icelandic, Afrikaans, Swahili, Tagalog, Serbian, Hebrew, Arabic, Persian,
    # Urdu, Hindi, Bengali, Thai)
    "inzercia", "augl\u00fdsing", "advertensie", "tangazo", "patalastas", "\u043e\u0433\u043b\u0430\u0441",
    "\u05e4\u05e8\u05e1\u05d5\u05de\u05ea", "\u0625\u0639\u0644\u0627\u0646",
    "\u062a\u0628\u0644\u06cc\u063a\u0627\u062a", "\u0627\u0634\u062a\u06c1\u0627\u0631",
    "\u0935\u093f\u091c\u094d\u091e\u093e\u092a\u0928", "\u09ac\u09bf\u099c\u09cd\u099e\u09be\u09aa\u09a8",
    "\u0e42\u0e06\u0e29\u0e13\u0e32",
    # (Irish, Welsh, Albanian, Basque, Georgian, Armenian, Kazakh, Mongolian, Kurdish,
    # Amharic, Marathi, Gujarati, Punjabi, Tamil, Telugu, Kannada, Malayalam, Sinhala, Burmese)
    "f\u00f3gra", "hysbyseb", "reklam\u00eb", "iragarkia", "\u10e0\u10d4\u10d9\u10da\u10d0\u10db\u10d0",
    "\u0563\u0578\u057e\u0561\u0566\u0564", "\u0436\u0430\u0440\u043d\u0430\u043c\u0430",
    "\u0441\u0443\u0440\u0442\u0430\u043b\u0447\u0438\u043b\u0433\u0430\u0430", "\u0695\u06cc\u06a9\u0644\u0627\u0645",
    "\u121b\u1235\u1273\u12c8\u1242\u12eb", "\u091c\u093e\u0939\u093f\u0930\u093e\u0924",
    "\u0a9c\u0abe\u0ab9\u0ac7\u0ab0\u0abe\u0aa4", "\u0a07\u0a38\u0a3c\u0a24\u0a3f\u0a39\u0a3e\u0a30",
    "\u0a07\u0a36\u0a24\u0a3f\u0a39\u0a3e\u0a30",
    "\u0bb5\u0bbf\u0bb3\u0bae\u0bcd\u0baa\u0bb0\u0bae\u0bcd", "\u0c2a\u0c4d\u0c30\u0c15\u0c1f\u0c28",
    "\u0c9c\u0cbe\u0cb9\u0cc0\u0cb0\u0cbe\u0ca4\u0cc1", "\u0d2a\u0d30\u0d38\u0d4d\u0d2f\u0d02",
    "\u0daf\u0dd0\u0db1\u0dca\u0dc0\u0dd3\u0db8", "\u1000\u103c\u1031\u102c\u103a\u1004\u103c\u102c",
    r"thanks? (?:you )?for reading.{0,160}", "continue reading(?: below)?",
    r"scroll (?:down )?to continue.{0,200}", "skip advertisement",
    r"also (?:read|see|on) ?:.{0,200}",
    r"click here to (?:subscribe|sign up|register|read|see|watch|follow|join).{0,120}",
    r"sign up.{0,120}newsletter.{0,60}", "sign up for more(?: like this| stories)?",
    # a newsletter box among the paragraphs: its name, its pitch, its consent line
    r"sign up for (?:the |our )?(?-i:[A-Z][\w'&]{0,30}(?: [A-Z][\w'&]{0,30}){0,5})",
    r"by (?:submitting|entering) your e-?mail.{0,200}",
    r"our standards ?:.{0,100}",
    r"you have \d{1,3} free (?:stories|articles?|reads?) left.{0,120}",  # a paywall's count
    r"see more ?:.{0,200}", r"most read(?: in [\w ]{1,30})?",
    r"related (?:post|article|story) ?:.{0,200}", r"like this (?:story|article)\?.{0,80}",
    r"subscribe to .{0,80}", "tell us what you think", r"thanks? (?:you )?for signing up.{0,60}",
    r"keep an eye on your inbox.{0,80}", r"there was an error processing your subscription.{0,40}",
    r"thanks? (?:you )?for subscribing.{0,60}", r"we use your sign-?up.{0,240}",
    r"was this (?:article|story|page|fact.check) (?:helpful|useful)\??",
    r"this (?:article|story) (?:appears|appeared) in .{0,120}",
    r"support (?:local|independent|our) journalism.{0,120}",
    r"have a (?:news )?tip\?.{0,120}", r"got a (?:news )?tip\?.{0,120}", r"har du ett tips\?.{0,120}",
    r"this (?:article|content|information) is (?:provided )?for (?:general )?informational purposes only.{0,200}",
    "more ?:", r"also on [\w-]{1,60}\.\w{2,4}\b.{0,200}",
    # a chain template's markers and notices between paragraphs ("Article content", "This
    # advertisement has not loaded yet, but your article continues below."), a share
    # button's text ("Click to share on X (Opens in new window)"), an article player's row,
    # a sales line, a blocked embed's notice, a disclaimer, a donation button
    "article content", r"this advertisement has not loaded yet.{0,80}",
    r"you can save this article.{0,120}", r"click to (?:share|email|print|copy).{0,80}",
    r"listen to this (?:article|story).{0,80}", r"advertise with .{0,60}",
    r"this content is blocked.{0,240}", r"ce contenu est bloqu\u00e9.{0,240}",
    r"cet article vous a \u00e9t\u00e9 utile.{0,200}", r"disclaimer ?:.{0,240}",
    r"donate (?:today|now)\W{0,3}",
    # the rest of the story below a player (Turkish, Polish), an app's or a channel's
    # promotion, a membership button
    "haberin devam\u0131", r"dalsza cz\u0119\u015b\u0107 artyku\u0142u.{0,60}",
    r"download (?:the|our) .{0,60}\bapp\b.{0,120}", r"participe do canal .{0,100}", "join us",
    # "continue reading" in Spanish, Portuguese, Italian, German, French, Dutch, Polish,
    # Turkish; a "report an error" button; a related story's bracketed label (Japanese)
    "segu\u00ed leyendo", "sigue leyendo", "seguir leyendo", "contin\u00faa leyendo",
    "continue lendo", "continua a leggere",
    "weiterlesen", "lire la suite", "lees verder", "czytaj dalej", "devam\u0131n\u0131 oku",
    r"fehler gefunden\?.{0,40}", "\u3010(?:\u95a2\u9023\u8a18\u4e8b|\u95a2\u9023)\u3011.{0,200}",
    # a paywall's count of what is left (French)
    r"il vous reste [\d.,]{1,6} ?% de cet article \u00e0 lire.{0,120}",
    # a Chinese page's editor in charge and its rights statement under the story
    # ("责任编辑：陈晓", "声明：本文版权归…所有，未经授权不得转载。")
    "\u8d23\u4efb\u7f16\u8f91 ?[:\uff1a].{1,20}", "\u8cac\u4efb\u7de8\u8f2f ?[:\uff1a].{1,20}",
    "\u8d23\u7f16 ?[:\uff1a].{1,20}", "\u58f0\u660e ?[:\uff1a].{1,200}", "\u8072\u660e ?[:\uff1a].{1,200}",
    "\u7248\u6743\u58f0\u660e ?[:\uff1a].{1,200}", "\u514d\u8d23\u58f0\u660e ?[:\uff1a].{1,200}",
]
_INLINE_CHROME: Final = re.compile(
    r"^\W{0,3}(?:" + by_first_letter(_INLINE_CHROME_WORDS)
    + r"|(?:read|see|watch|listen|related|more) ?(?:more|also|now|next|:) ?[:>\-–—|].{0,200}"
    r"|(?:read|see|watch|related) ?:.{0,200}|(?:read|watch|listen) \| .{0,200}"
    r"|(?:follow us on|s\u00edg(?:ue|a)nos en|suivez-nous sur|folgen sie uns auf|siga-nos n[oa]"
    r"|seguici su|volg ons op).{0,120}"
    # an insert's label and the headline it links to: "Also Read | …", "Leggi ancheCentro …"
    r"|(?:also read|read also|leggi anche|lesen sie auch|lire aussi|leia tamb\u00e9m"
    r"|lee tambi\u00e9n|czytaj (?:te\u017c|tak\u017ce)|zobacz (?:te\u017c|tak\u017ce)|l\u00e4s ocks\u00e5"
    r"|les ogs\u00e5|l\u00e6s ogs\u00e5|lees ook"
    r"|\u0447\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435|baca juga|ez is \u00e9rdekelheti"
    r"|\u03b4\u03b9\u03b1\u03b2\u03ac\u03c3\u03c4\u03b5 \u03b5\u03c0\u03af\u03c3\u03b7\u03c2"
    r"|cite\u0219te \u0219i|llegeix tamb\u00e9|pro\u010ditajte (?:jo\u0161|i)|\u010dt\u011bte tak\u00e9"
    r"|\u0447\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u043e\u0436)"
    r" ?[|>:\-\u2013\u2014]? ?(?-i:[A-Z\u00c0-\u00de\u0400-\u042f\u201c\"]).{0,200}"
    # a paywall's label: "Article réservé aux abonnés", "Subscribers only", "Nur für Abonnenten"
    r"|(?:article |contenu |story |content )?(?:r\u00e9serv\u00e9 aux abonn\u00e9s"
    r"|for subscribers(?: only)?|subscribers? only|subscriber exclusive"
    r"|exclusivo para (?:suscriptores|assinantes)|nur f\u00fcr abonnenten|riservato agli abbonati)"
    r"|[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?:https?://)?(?:www\.)?twitter\.com/\w{1,30}"
    r"|(?:font size|text size|listen to (?:this )?article|\d{1,3} min(?:ute)?s? read|"
    r"reading time.{0,20}|print this (?:article|page)|save (?:article|story)|"
    r"bookmark|gift (?:this )?article|view comments|(?:learn|find out|read|see) more)"
    r")\W{0,3}$",
    re.IGNORECASE,
)
_INLINE_CHROME_CHARS: Final = 280  # its longest match, 279 characters, and a final newline
# A newsletter's promotion among the paragraphs, "… sign up here": the one alternative of
# _INLINE_CHROME that opens with a run of any characters. (Apart, for speed: in the one
# pattern, that run was tried at every length on every line, two thirds of its cost.
# It is matched only where _SIGN_UP_TAIL, its end, is found in the text's last
# _SIGN_UP_CHARS characters.)
_SIGN_UP: Final = re.compile(r"^\W{0,3}.{0,200}\bsign up (?:here|now|today)\W{0,3}$", re.IGNORECASE)
_SIGN_UP_TAIL: Final = re.compile(r"\bsign up (?:here|now|today)\W{0,3}$", re.IGNORECASE)
_SIGN_UP_CHARS: Final = 17  # its longest match ("sign up today" and three) and a final newline
# A newsletter's pitch, "The day's top news, delivered to your inbox every morning.", "Get
# the biggest stories straight to your inbox", German's "… in Ihrem Postfach", French "…
# dans votre boîte mail" (apart for the same reason, matched only in a text that holds
# what each ends with).
_INBOX_PITCH: Final = re.compile(r"^\W{0,3}.{0,160}(?:\b(?:delivered (?:straight |directly )?|sent |straight "
                                 r"|direct )to your inbox|\bin ihr(?:em)? postfach"
                                 r"|\bdans votre bo\u00eete (?:mail|de r\u00e9ception))"
                                 r".{0,80}\W{0,3}$", re.IGNORECASE)
_INBOX: Final = re.compile("to your inbox", re.IGNORECASE)
# (the German and French endings are found as the substrings "ostfach" and "oîte" in
# is_inline_chrome: an alternation in _INBOX made every line's search three times as slow)
# A newsletter platform's pitch: "Main Street Ledger is a reader-supported publication. To
# receive new posts …" (apart as well, matched only where "reader-supported" stands).
_AFFILIATE: Final = (r"(?:affiliate commission|(?:may|might|we|could) earn (?:a|an) (?:small )?(?:affiliate )?"
                     r"commission|affiliate links?)")
_SUPPORTED_PITCH: Final = re.compile(r"^\W{0,3}.{0,60}\bis a reader-supported publication\b.{0,150}$"
                                     # and an affiliate disclosure: "… When you purchase through
                                     # links on our site, we may earn an affiliate commission."
                                     r"|^\W{0,3}.{0,100}\b" + _AFFILIATE + r"\b.{0,120}\W{0,3}$", re.IGNORECASE)
_SUPPORTED: Final = re.compile("reader-supported|commission|affiliate", re.IGNORECASE)
# The letters whose lower case is not the one a case-blind pattern compares (İ, ı, ſ, the
# Kelvin sign): a text holding one is searched with _SUPPORTED itself.
_CASE_TWINS: Final = "\u0130\u0131\u017f\u212a"


def _may_be_supported(text: str) -> bool:
    """The text holds a word every _SUPPORTED_PITCH match holds. (For speed: a search for
    the alternation costs ten times the lower-cased text's three substring tests.)"""
    low = text.lower()
    if "reader-supported" in low or "commission" in low or "affiliate" in low:
        return True
    return not text.isascii() and any(twin in text for twin in _CASE_TWINS) \
        and _SUPPORTED.search(text) is not None
# The networks a page's share and follow buttons name
SOCIAL_NAMES: Final = frozenset(("facebook", "twitter", "x", "instagram", "linkedin", "youtube", "tiktok",
                                 "whatsapp", "pinterest", "reddit", "telegram", "threads", "bluesky",
                                 "rss", "email", "flipboard", "snapchat", "mastodon", "viber", "vk",
                                 "vkontakte", "odnoklassniki", "line", "kakaotalk", "weibo", "wechat",
                                 "messenger", "tumblr", "e-mail"))
# Names of them that are words too, or counted only beside another network's
_COMMON_SOCIAL: Final = frozenset(("x", "line", "threads", "email", "e-mail", "rss", "messenger"))
# The words of a share row ("Share on Facebook Share on X Email", "Facebook | Twitter").
_SHARE_WORDS: Final = frozenset((
    "facebook", "twitter", "x", "email", "e-mail", "mail", "whatsapp", "linkedin", "reddit",
    "telegram", "pinterest", "print", "copy", "link", "messenger", "share", "tweet",
    "flipboard", "this", "on", "via", "to", "article", "story", "line", "social", "sharing",
    # an article's own tools beside them: "Gift Article Share Comment 312 Save"
    "gift", "save", "comment", "comments", "bookmark",
    # (German, French, Spanish, Portuguese, Italian, Dutch, Scandinavian: share, print,
    # comments, save)
    "teilen", "drucken", "kommentare", "kommentar", "merken", "partager", "imprimer",
    "commentaires", "commenter", "compartir", "imprimir", "comentarios", "compartilhar",
    "partilhar", "coment\u00e1rios", "condividi", "stampa", "commenti", "delen", "printen",
    "reacties", "opslaan", "del", "dela", "kommentarer",
    # (Vietnamese "Chia sẻ", share; "Sao chép link", copy the link; "Lưu tin", save; Zalo;
    # "In bài", print the article; "Cỡ chữ", the text's size)
    "chia", "s\u1ebb", "sao", "ch\u00e9p", "l\u01b0u", "tin", "zalo", "b\u00e0i", "c\u1ee1", "ch\u1eef",
    # (Japanese, Chinese, Korean)
    "\u30b7\u30a7\u30a2", "\u5206\u4eab", "\uacf5\uc720",
    # ("share" in Polish, Czech, Slovak, Hungarian, Romanian, Turkish, Finnish, Estonian,
    # Lithuanian, Latvian, Greek, Russian, Ukrainian, Bulgarian and Macedonian, Croatian and
    # Bosnian, Serbian, Slovenian, Hebrew, Arabic, Persian, Indonesian, Malay; "tweet" in
    # Bulgarian, Russian, German, Spanish; e-mail and print in Hindi)
    "udostępnij", "sdílet", "zdieľať", "megosztás", "distribuie", "paylaş", "jaa", "jaga", "dalintis",
    "dalīties", "κοινοποίηση", "поделиться", "поділитися", "сподели", "podijeli", "подели", "podeli",
    "deli", "שתף", "شارك", "مشاركة", "اشتراک", "bagikan", "kongsi", "туитни", "твитнуть", "twittern",
    "tuitear", "प्रिंट", "ई-मेल", "ईमेल",
    # (and the networks a row of share or follow buttons names)
    *SOCIAL_NAMES,
))
# The same in Japanese, Chinese and Korean, which a render may glue to each other
# ("はてなブックマークメール印刷"): share, tweet, bookmark, mail, print, copy, WeChat, Weibo.
_CJK_SHARE_WORDS: Final = (
    "\u30b7\u30a7\u30a2", "\u30c4\u30a4\u30fc\u30c8", "\u306f\u3066\u306a\u30d6\u30c3\u30af\u30de\u30fc\u30af",
    "\u30d6\u30c3\u30af\u30de\u30fc\u30af", "\u30e1\u30fc\u30eb", "\u5370\u5237", "\u30b3\u30d4\u30fc",
    "\u5206\u4eab", "\u5fae\u4fe1", "\u5fae\u535a", "\u590d\u5236", "\u6253\u5370",
    "\uacf5\uc720", "\uce74\uce74\uc624\ud1a1", "\uc778\uc1c4",
)
# (and words that are common words elsewhere: Spanish "del", Vietnamese "tin", "sao", "chia")
_SHARE_FILLERS: Final = frozenset(("this", "on", "via", "to", "article", "story", "del", "tin", "sao", "chia"))
# (written "[…][…]{0,19}", not "[…]{1,20}": a search skips to a character of a class that
# opens the pattern, not to a repeat's; the same matches)
_SHARE_SPLIT: Final = re.compile(r"[\s|/·•,:][\s|/·•,:]{0,19}")
# A word of a share row: what _SHARE_SPLIT leaves (one character, then any more: a search
# skips to a character of a class that opens the pattern, not to a repeat's)
_SHARE_WORD: Final = re.compile(r"[^\s|/·•,:][^\s|/·•,:]*")
# A caption: a photo credit in brackets closing it, or a label or a credit opening it.
# (Two patterns, the bracket searched for only in a line holding one: one pattern with
# the anchored alternatives is tried at every position of the line; this one skips to
# each "(".)
_CAPTION_BRACKET: Final = re.compile(
    r"\((?:AP|Reuters|AFP|Getty|EPA|Photo|Image)[^)]{0,80}(?:Photo|Images?|/)[^)]{0,80}\)\s{0,3}$"
    r"|\((?:file )?pic(?:ture)?(?:\s{0,2}:[^)]{1,60})?\)\s{0,3}$"  # "(File pic)", "(Pic: Name)"
    # "(Image credit: Moonwake Studio)", "(Photo: Name)", "(Credit: Name)"
    r"|\((?:(?:photo|image|foto)(?:\s(?:credit|courtesy))?|credit)\s{0,2}:[^)]{1,80}\)\s{0,3}$"
    # (the photo's word in other languages: "(Bild: …)", "(Kuva: …)", "(Фото: …)", Thai "(ภาพ: …)")
    r"|\((?:fotos|bild|kuva|fot\u00f3|zdj\u0119cie|fotografie|imagen|imagem|\u0444\u043e\u0442\u043e"
    r"|\u0e20\u0e32\u0e1e)\s{0,2}:[^)]{1,80}\)\s{0,3}$"
    # "(Photo by Darren Begay for Red Earth Dispatch)", "(Photo courtesy of the family)"
    r"|\((?:photo|image|foto)s?\s(?:by|courtesy)\s[^)]{1,80}\)\s{0,3}$",
    re.IGNORECASE,
)
_CAPTION_OPENING: Final = re.compile(
    r"(?:photo|image|picture|file photo|caption|credit|pictured|foto|\u0444\u043e\u0442\u043e)\s{0,3}[:|/]"
    # the labels a screen reader is given: "Image caption, …", "Media caption, …"
    r"|(?:image|media|video) (?:caption|source)\s{0,3}[,:]"
    r"|\W{0,3}(?:getty images|shutterstock|ap photo|reuters/|afp via getty)"
    # a photo's label in Korean, Japanese and Chinese: "[사진] …", "【写真】…", "（图）"
    r"|[\[\u3010(\uff08](?:\uc0ac\uc9c4|\u5199\u771f|\u56fe|\u5716)[\]\u3011)\uff09]"
    # and a Chinese caption's "pictured is": "图为11月27日，乘客在站台候车。"
    r"|\u56fe\u4e3a|\u5716\u70ba",
    re.IGNORECASE,
)

# A caption's credit closing it: the photographer in capitals after a sentence in lower
# case ("... el pasado marzo. CLAUDIO ALVAREZ"; not a heading in capitals), a photo label
# and a name ("... chieu 8/4. Anh: Quynh Tran" in Vietnamese, "Credit: Tyvak"), or a
# Japanese paper's full-width equals sign and where and by whom the photo was taken.
_CAPS_WORD: Final = "[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'.\\-]{1,20}"
_CAPTION_CLOSING: Final = re.compile(
    # (every alternative opens with ".", ")" or a middle dot: a search skips to them; after
    # a middle dot a credit closes a caption without a full stop, "… bij Hattem \u00b7 Foto:
    # RTV IJsselland / Bas Oosterveld"; the Chinese and Japanese ones are _CAPTION_CLOSING_CJK)
    r"[.)\u00b7](?:(?-i:(?<=[a-z\u00df-\u00ff][.)]))\s{1,3}(?-i:" + _CAPS_WORD + "(?: " + _CAPS_WORD
    + "){1,3})$"
    r"|\s{1,3}(?:photo|foto|fotos|photograph|image|picture|credit|cr\u00e9dit|bild|\u1ea3nh"
    r"|\u0444\u043e\u0442\u043e|zdj\u0119cie|fotografie|\u03c6\u03c9\u03c4\u03bf\u03b3\u03c1\u03b1\u03c6\u03af\u03b1"
    # (Finnish, Hungarian, Turkish, Lithuanian, Czech, Spanish, Portuguese)
    r"|kuva|fot\u00f3|foto\u011fraf|nuotr|nuotrauka|sn\u00edmek|imagen|imagem"
    # (Hausa, Somali, Swahili)
    r"|hoto|sawir|picha)"
    r"\s{0,2}[:/]\s{0,3}[^.:/]{1,60}(?:/[^.:/]{1,60})?$"  # (the outlet and the photographer)
    r"|\s{1,3}\u00a9\s{0,2}(?-i:[A-Z])[^.:\u00a9]{1,60}$"  # "… fietsen. © Dennis Dekker"
    r"|\s{1,3}//\s{1,3}(?-i:[A-Z\u00c0-\u00de])[^/.:]{1,60}$"  # "… ayer. // Ramón Seoane" (Spanish dailies)
    r"|\s{1,3}(?:photo\s)?courtesy\sof\s[^.:/]{1,60}$"  # "… in 1994. Courtesy of the Marsh family"
    # the photographer alone after a bar: "… en la última década. | Andrés Gutiérrez"
    r"|\s{1,3}\|\s{1,3}(?-i:[A-Z\u00c0-\u00de][\w'\u2019\-]{1,20}(?: [A-Z\u00c0-\u00de][\w'\u2019.\-]{0,20}){1,2})$"
    # the photographer and the paper or agency: "… this summer. Dana Kessler/Courier", "… Nov.
    # 24, 2026. | Francis Chung/Capitol Ledger"
    r"|\s{1,3}(?:[|\-\u2013\u2014]\s{1,3})?(?-i:[A-Z][\w'\u2019\-]{1,20}(?: [A-Z][\w'\u2019.\-]{0,20}){1,2}) ?/ ?"
    r"(?-i:[A-Z][\w&'\u2019\-]{0,20}(?: [A-Z][\w&'\u2019\-]{0,20}){0,3})$"
    # (in brackets: "… during the July outage. (Highveld Herald/Sipho Maseko)", "… (Archivo /
    # Ricardo Morales Pagán)")
    r"|\s{1,3}\((?-i:[A-Z][^()/\n]{1,40})/\s?(?-i:[A-Z][^()/\n]{1,40})\)$"
    # or the paper, then the photographer: "… í febrúar. Morgunvaktin/Eggert Jóhannesson"
    r"|\s{1,3}(?-i:[A-Z][\w&'\u2019\-]{1,20}(?: [A-Z][\w&'\u2019\-]{0,20}){0,2}) ?/ ?"
    r"(?-i:[A-Z][\w'\u2019\-]{1,20}(?: [A-Z][\w'\u2019.\-]{0,20}){1,2})$"
    r"|\s{1,3}\(?(?-i:[A-Z][\w'\u2019\-]{1,20} [A-Z][\w'\u2019\-]{1,20}) for (?:the )?"
    r"(?-i:[A-Z][\w&'\u2019]{0,20}(?: [A-Z][\w&'\u2019]{0,20}){0,4})\)?$)",
    re.IGNORECASE)
# (apart from _CAPTION_CLOSING, for speed: a search skips to the characters that open a
# pattern's every alternative only when they open it as one class or as single characters
# each; in one pattern the two kinds of alternatives had it tried at every position)
_CAPTION_CLOSING_CJK: Final = re.compile(
    r"\uff1d[^\u3002\uff1d]{1,80}$"
    r"|\u3002[^\u3002]{0,8}\u6444[\uff09)]?$",  # a Chinese photo credit: "。记者陈鹏摄", taken by
    re.IGNORECASE)
# A photo's credit closing a caption in a script whose sentences need no full stop before
# it (Bengali, Hindi, Urdu, Tamil, Sinhala): "… গতকাল শনিবার দুপুরে ছবি: সকালের বার্তা"
_CAPTION_CREDIT_TAIL: Final = re.compile(
    "\\s(?:\u099b\u09ac\u09bf|\u092b\u094b\u091f\u094b|\u062a\u0635\u0648\u06cc\u0631|\u0baa\u0b9f\u0bae\u0bcd"
    "|\u0da1\u0dcf\u0dba\u0dcf\u0dbb\u0dd6\u0db4)\\s{0,2}:\\s{0,3}[^:]{1,40}$")
# An agency's licensing link closing a caption ("… Purchase Licensing Rights, opens new tab").
_LICENSING: Final = ("purchase licensing rights", "purchase licencing rights")
_LICENSING_TAIL: Final = 50
_CAPTION_TAIL: Final = 120  # characters of a line's end searched for _CAPTION_CLOSING
_PARTICLES: Final = {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du",
                     "bin", "ibn", "al", "el", "dos", "das", "di", "y", "st.", "ter", "zu"}
# Irish particles that open a surname and never end a name: "Ciarán Ó Dálaigh", "Máire Ní Bhriain"
_SURNAME_OPENERS: Final = frozenset(("\u00f3", "n\u00ed", "nic", "u\u00ed", "mhic"))
_MAX_NAME_TOKENS: Final = 5
# A word of a name: a capital first, Latin, Greek, Cyrillic or Armenian ("Ирина Соколова",
# "Łukasz", "Şükrü", "Ștefan", "Əli", "Đặng"): the capitals of the Latin extensions and
# Armenian's are listed from their blocks, the others as ranges.
_MORE_CAPITALS: Final = "".join(c for c in map(chr, [*range(0x100, 0x250), *range(0x531, 0x557),
                                                     *range(0x1E00, 0x1F00)]) if c.isupper())
_NAME_TOKEN: Final = re.compile(r"^(?:[A-Z\u00c0-\u00de\u0391-\u03a9\u0400-\u042f" + _MORE_CAPITALS
                                + r"][\w'\u2019\-]{0,30}\.?"
                                r"|[A-Z]\.(?:[A-Z]\.){0,3})$")
_NOT_NAMES = {
    "the", "and", "home", "news", "staff", "editor", "editors", "team", "desk", "admin",
    "reporter", "view", "share", "follow", "more", "associated", "press", "reuters",
    "updated", "published", "posted", "video", "photo", "photos", "live", "breaking",
    "opinion", "analysis", "sponsored", "advertisement", "comments", "contact", "about",
    "subscribe", "menu", "search", "login", "sign", "read", "related", "trending", "latest", "popular", "by",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    # (months, but not those that are first names too: April, May, June, August)
    "january", "february", "march", "july", "september", "october", "november", "december",
    "agency", "media", "wire", "correspondent",
    "facebook", "twitter", "pinterest", "instagram", "linkedin", "whatsapp", "reddit",
    "youtube", "tiktok", "flipboard", "telegram", "email", "print", "comment",
    "pick", "picks", "points", "highlights", "takeaways",
    # a company's legal form: "Harbor Robotics Inc."
    "inc", "llc", "ltd", "corp", "gmbh", "plc", "s.a", "co",
    # an event's or a body's: "Na Hoku Awards", "City Council"
    "awards", "festival", "prize", "cup", "league", "club", "championship", "championships",
    "university", "institute", "foundation", "association", "council", "ministry",
    "committee", "police", "bureau",
    # a consent banner's buttons in Greek: "Αποδοχή Απόρριψη Ρυθμίσεις"
    "\u03b1\u03c0\u03bf\u03b4\u03bf\u03c7\u03ae", "\u03b1\u03c0\u03cc\u03c1\u03c1\u03b9\u03c8\u03b7",
    "\u03c1\u03c5\u03b8\u03bc\u03af\u03c3\u03b5\u03b9\u03c2",
    # a page's footer links: "Privacy Cookies Contact"
    "privacy", "cookies", "cookie", "terms", "imprint", "impressum", "disclaimer", "sitemap",
    "colofon", "datenschutz", "accessibility", "advertise",
    # a date's label on a line of its own: "Release Date" / "Tuesday, June 11, 2024"; a
    # box's heading over it, "Game Information"
    "date", "release", "information",
}
# A newsroom credited instead of a person ("Por Redacción", "Von Redaktion").
_NEWSROOM_WORDS: Final = frozenset((
    "newsroom", "news desk", "web desk", "editorial", "editorial staff", "editorial team",
    "redacci\u00f3n", "redaccion", "redaktion", "r\u00e9daction", "redazione", "redactie",
    "reda\u00e7\u00e3o", "redakcja",
))
# Words of a sentence, never of a name, an organisation or a credential ("THIS IS A BETA
# EXPERIENCE", "STUFF WE'VE BEEN UP TO").
_SENTENCE_WORDS: Final = frozenset((
    "this", "is", "are", "was", "were", "been", "has", "have", "our", "your", "we", "you",
    "it", "its", "here", "there", "how", "why", "what", "when", "who", "not", "all", "from",
    "with", "for", "of", "to", "in", "on", "at", "up",
))
# ("new": never of a person's name, though of a publication's: "NEW YORK TIMES")
_NOT_NAMES |= _SENTENCE_WORDS | _NEWSROOM_WORDS | {"new"}


def _cut(line: str) -> str:
    return line[:MAX_CHARS]


@short_line_cache
def _plain(line: str) -> str:
    """The line's first ``MAX_CHARS`` characters, markup out, single-spaced (cached: every
    classifier reads a line this way)."""
    text = strip_markdown(_cut(line))  # (stripped: no space at either end)
    # (respaced only where that changes something: every whitespace character but the
    # space is unprintable)
    return " ".join(text.split()) if "  " in text or not text.isprintable() else text


_MAX_GLUED_NAME: Final = 30


def _glued_initial(text: str) -> bool:
    """An initial glued to a surname: ``Д.Отгонбаяр``."""
    return 5 <= len(text) <= _MAX_GLUED_NAME and text[1] == "." and text[0].isupper() and text[2].isupper() \
        and text[3:].isalpha() and text[3:].islower()


@short_line_cache
def looks_like_name(text: str) -> bool:
    """A person's name: 2-5 capitalised tokens (particles and initials allowed)."""
    tokens = text.split()
    if len(tokens) == 1 and _glued_initial(text):
        # (an initial glued to the surname, as Mongolian pages print every name: "Д.Отгонбаяр")
        return text[2:].lower().strip(".'\u2019") not in _NOT_NAMES
    if not 2 <= len(tokens) <= _MAX_NAME_TOKENS or len(text) > 50 or any(map(str.isdigit, text)):
        return False
    if not (_NAME_TOKEN.match(tokens[0]) and _NAME_TOKEN.match(tokens[-1])) \
            or tokens[-1].lower() in _SURNAME_OPENERS:
        return False
    for token in tokens:
        if token.lower().strip(".'\u2019") in _NOT_NAMES:
            return False
        if not (_NAME_TOKEN.match(token) or token.lower() in _PARTICLES):
            return False
    return True


def _name_opening(first: str, second: str) -> bool:
    """The first two tokens pass ``looks_like_name``'s tests of a token."""
    return bool(_NAME_TOKEN.match(first)) and first.lower().strip(".") not in _NOT_NAMES \
        and (bool(_NAME_TOKEN.match(second)) or second.lower() in _PARTICLES) \
        and second.lower().strip(".") not in _NOT_NAMES


# Byline markers. Words: English "By"/"Written by"/..., German "Von", French "Par",
# Spanish and Portuguese "Por", Italian "Di", Dutch "Door", Swedish/Norwegian "Av",
# Indonesian "Penulis",
# Danish "Af", Afrikaans "Deur", Malay and Indonesian "Oleh", Portuguese "Texto de",
# Hebrew "מאת", Thai "โดย", Romanian "de" (lower case only: a capital "De" opens Dutch and
# Spanish sentences), Swahili "Na", Tagalog "Ni" and "Nina" (writers joined by "at": a
# first name too), Albanian "Nga", Spanish "Escribe" ("writes", Uruguay's and Argentina's
# byline), Welsh "Gan", Maltese "Minn", Hausa "Daga" and Catalan "Per" (capitalised only).
# Labels end with a colon: "Author:", "Autor:", "Auteur :", "Texto:", and
# in Polish, Russian and Turkish "Tekst:", "Текст:", "Автор:", "Haber:", "Yazar:";
# Croatian, Serbian and Bosnian "Piše:", "Napisala:"; Slovenian "Avtor:", "Avtorja:" (two);
# Hindi "लेखक:", Thai "ผู้เขียน:", Hungarian "Szerző:", Lithuanian "Autorius:", Latvian "Autors:",
# Persian "خبرنگار:", "نویسنده:";
# Arabic "بقلم" (by), "كتبت" (she wrote), "كتب:" (written by) and "كتب -" (Egyptian
# papers' dash after it: "كتب - محمود عبد الحميد"); Greek "Συντάκτης:" and
# "Γράφει ο" / "Γράφει η" (writes, before a man's or a woman's name).
_BYLINE_PREFIX: Final = re.compile(
    r"^(?:(?:(?:written|posted|reported|contributed|words|story|text|article|analysis"
    r"|(?:guest\s)?(?:column|essay|commentary))\sby"
    r"|(?:texto?|texte)\s(?:de|von)|(?:publicado|postado)\spor|publi\u00e9\spar|pubblicato\sda"
    r"|by|von|par|por|di|door|oleh|\u03b3\u03c1\u03ac\u03c6\u03b5\u03b9\s(?:\u03bf|\u03b7)"
    r"|av|af|deur|penulis|\u0628\u0642\u0644\u0645|\u0643\u062a\u0628\u062a|\u0643\u062a\u0628\u062a?\s?[-\u2013]|\u05de\u05d0\u05ea|\u0e42\u0e14\u0e22|(?-i:de|Na|Ni|Nina(?=\s.{3,80}?\sat\s)|Nga|Texto|Escribe|Gan|Minn|Daga|Per))"
    r"(?:\s{0,3}[:：])?\s"
    r"|(?:authors?|reporters?|writers?|byline|contributors?|autor(?:es|in|a)?|auteurs?|autore"
    r"|(?:author|writer)s? of (?:the|this) (?:article|story)"
    r"|avtor(?:ja|ji|ica)?|\u0932\u0947\u0916\u0915|\u0e1c\u0e39\u0e49\u0e40\u0e02\u0e35\u0e22\u0e19"
    r"|texto?|textes?|teksti?|words|haber|yazar|muhabir|\u0442\u0435\u043a\u0441\u0442"
    # (Cyrillic "author", "authors": Russian, Ukrainian, Bulgarian, Serbian)
    r"|\u0430\u0432\u0442\u043e\u0440(?:\u0438|\u044b|\u043a\u0430)?|\u0430\u0443\u0442\u043e\u0440(?:\u0438|\u043a\u0430)?"
    r"|autori|autorka|pi\u0161e|\u043f\u0438\u0448\u0435|napisao|napisala|szerz\u0151k?"
    r"|autorius|autor\u0117|autors|m\u00fc\u0259llif|muallif|qore|qoraa"
    # (Tamil "reporter")
    r"|\u0b9a\u0bc6\u0baf\u0bcd\u0ba4\u0bbf\u0baf\u0bbe\u0bb3\u0bb0\u0bcd|\u0ba8\u0bbf\u0bb0\u0bc1\u0baa\u0bb0\u0bcd"
    # (Armenian "author", with its own comma after the label; Vietnamese "text", "text and photos")
    r"|\u0570\u0565\u0572\u056b\u0576\u0561\u056f|b\u00e0i(?:,?\s(?:v\u00e0\s)?\u1ea3nh)?"
    # (Persian "reporter", "writer"; Pashto "reporter")
    r"|\u062e\u0628\u0631\u0646\u06af\u0627\u0631|\u0646\u0648\u06cc\u0633\u0646\u062f\u0647"
    r"|\u062e\u0628\u0631\u06cc\u0627\u0644"
    # (Telugu "story", Kannada "report", Assamese "wrote")
    r"|\u0c15\u0c25\u0c28\u0c02|\u0cb5\u0cb0\u0ca6\u0cbf|\u09b2\u09bf\u0996\u09bf\u099b\u09c7"
    # (Sorani Kurdish "report", "writer"; Arabic "prepared by", "report")
    r"|\u0695\u0627\u067e\u06c6\u0631\u062a|\u0646\u0648\u0648\u0633\u06d5\u0631"
    r"|\u0625\u0639\u062f\u0627\u062f|\u062a\u0642\u0631\u064a\u0631"
    r"|\u0643\u062a\u0628|\u03c3\u03c5\u03bd\u03c4\u03ac\u03ba\u03c4\u03b7\u03c2)"
    r"\s{0,2}[:：\u055d])\s{0,3}(?P<rest>\S.{0,300})$",
    re.IGNORECASE,
)
# A label after a byline's names, another credit's: " دبیر: علی صادقی", " Editor: John Roe"
_NEXT_LABEL: Final = re.compile(r"\s[^\W\d_][^\s:\uff1a\u055d()\[\]]{1,19}\s?[:\uff1a\u055d]\s")
# A photographer's credit after a byline's names: " / Foto: Tonći Barić", " | Photos: …"
_PHOTO_CREDIT: Final = re.compile(r"\s?[/|\u00b7\u2022,.]\s{0,2}(?:photos?|fotos?|fotografie|fotografia"
                                  r"|\u0444\u043e\u0442\u043e|bild(?:er)?|images?|kuvat?)\s{0,2}:", re.IGNORECASE)
# A Korean byline: a name of two to four syllables and 기자 ("reporter") after it.
_KOREAN_BYLINE: Final = re.compile(r"^(?P<name>[\uac00-\ud7a3]{2,4})(?P<more>(?:[\u00b7,] ?[\uac00-\ud7a3]{2,4}){0,3})"
                                   r" ?\uae30\uc790(?![\uac00-\ud7a3])")
_SHIFT: Final = re.compile(r"\s\((?:now|earlier|later|before)\)", re.IGNORECASE)
_MAX_KOREAN_NAMES: Final = 4
_KOREAN_SEPARATORS: Final = re.compile("[\u00b7,]")


def _korean_names(match: re.Match[str]) -> list[str]:
    """The names of a ``_KOREAN_BYLINE`` match: "박지훈·최유나 기자" gives two."""
    return [match["name"], *(n.strip() for n in _KOREAN_SEPARATORS.split(match["more"]) if n.strip())]


# A Chinese or Japanese byline: labelled fields on a line of their own ("作者：李思远",
# "来源：华夏资讯网 作者：李思远", "文/李思远", "记者：王芳 张伟"). The names are those of the
# author's labels (作者 author, 记者/記者 reporter, 撰文/撰稿/文 written by, 筆者 writer,
# 通讯员 correspondent, 报道/報導 reporting), each two to four Han characters; the other fields (来源 source,
# 编辑/责任编辑 editor, 摄影 photographer, 图 picture, 出典 source) are credits.
_CJK_FIELD: Final = re.compile(
    "(?:^|(?<=\\s))(?P<label>\u4f5c\u8005|\u8bb0\u8005|\u8a18\u8005|\u64b0\u6587|\u64b0\u7a3f|\u6587|\u7b46\u8005"
    "|\u62a5\u9053|\u5831\u5c0e"
    "|\u901a\u8baf\u5458|\u901a\u8a0a\u54e1|\u6765\u6e90|\u4f86\u6e90|\u8d23\u4efb\u7f16\u8f91|\u8cac\u4efb\u7de8\u8f2f"
    "|\u7f16\u8f91|\u7de8\u8f2f|\u6444\u5f71|\u651d\u5f71|\u56fe|\u5716|\u51fa\u5178|\u51fa\u5904|\u51fa\u8655)"
    # (a reporter's label may be parted from the name by a space alone: "记者 周晓雯 通讯员 林志强")
    "(?:\\s{0,2}[:\uff1a/\uff0f]\\s{0,2}|(?<=[\u8005\u5458\u54e1])\\s(?=[\u4e00-\u9fff]{2,4}(?:\\s|$)))")
_CJK_AUTHOR_LABELS: Final = frozenset(("\u4f5c\u8005", "\u8bb0\u8005", "\u8a18\u8005", "\u64b0\u6587", "\u64b0\u7a3f",
                                       "\u6587", "\u7b46\u8005", "\u901a\u8baf\u5458", "\u901a\u8a0a\u54e1",
                                       "\u62a5\u9053", "\u5831\u5c0e"))
_HAN_NAME: Final = re.compile("[\u4e00-\u9fff]{2,4}")
_HAN_FULL_NAME: Final = re.compile("[\u4e00-\u9fff]{2,5}")  # (a Japanese name may have five: 佐々木翔太)
_CJK_NAME_SPLIT: Final = re.compile("[\\s\u3001\uff0c,]+")
_MAX_CJK_NAMES: Final = 4


def han_names(text: str) -> list[str]:
    """The names of a line of Chinese or Japanese names and nothing else: one to four of
    two to five Han characters each, apart by "、", a comma or a space ("田中美咲、佐々木翔太"
    has a "々", a Han repeat mark); else none."""
    parts = _CJK_NAME_SPLIT.split(text.strip())
    if len(parts) > _MAX_CJK_NAMES or not all(_HAN_FULL_NAME.fullmatch(p.replace("\u3005", "\u4eba"))
                                              for p in parts):
        return []
    return parts


_NUMERIC_DATE_CHARS: Final = "0123456789-/.: \u5e74\u6708\u65e5"  # "2024-09-23 08:45:12", "2024年9月23日"
_CJK_OTHER_LABEL: Final = re.compile("\\s[^\\s:\uff1a]{1,6}[:\uff1a]")  # " 浏览次数：", " 字号："


def _cjk_fields(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(names, credits) of a line of ``_CJK_FIELD`` fields and nothing else, with an
    author's label among them; else None (an editor's line alone names no author)."""
    fields = list(_CJK_FIELD.finditer(text))
    # (the date and time may open the row: "2024-09-23 08:45:12 来源：临江日报 记者 周晓雯 …")
    if not fields or (fields[0].start() and text[:fields[0].start()].strip(_NUMERIC_DATE_CHARS)):
        return None
    names: list[str] = []
    credits: list[str] = []
    for field, after in zip(fields, [*fields[1:], None], strict=True):
        value = text[field.end():after.start() if after else len(text)].strip()
        if after is None:
            # (and the page's counters after the last field: "… 浏览次数： 3862 字号： 大 中 小")
            other = _CJK_OTHER_LABEL.search(value)
            value = value[:other.start()].strip() if other else value
        if not value:
            return None
        if field["label"] in _CJK_AUTHOR_LABELS:
            parts = _CJK_NAME_SPLIT.split(value)
            if len(parts) > _MAX_CJK_NAMES or not all(_HAN_NAME.fullmatch(p) for p in parts):
                return None
            names += parts
        else:
            credits.append(value)
    return (tuple(names), tuple(credits)) if names else None
# An e-mail address; its local part is a group.
ADDRESS: Final = r"(?P<local>[\w.+-]{1,64})@[\w-]{1,63}\.[\w.]{2,20}"
# Letters an e-mail address or a page's address spells in ASCII that decomposition does
# not give.
_MAIL_LETTERS: Final = str.maketrans({"\u00fe": "th", "\u00f0": "d", "\u00e6": "ae", "\u00f8": "o",
                                      "\u00df": "ss", "\u0153": "oe", "\u0142": "l", "\u0111": "d",
                                      "\u0131": "i"})


def spells_name(local: str, name: str) -> bool:
    """Whether an e-mail address's local part (or a handle) spells a part of the name: one
    of its words' first four letters (``ragnhildur``, ``rsigurdardottir``, ``j.doe``)."""
    local = local.casefold()
    for token in name.split():
        letters = "".join(c for c in _folded(token) if c.isascii() and c.isalpha())
        if len(letters) >= 3 and letters[:4] in local:
            return True
    return False


# The author's address or handle after the name, an "Email:" label before it: "Niamh
# Gallagher Email: niamh.gallagher@…", "Marisol Vega @marisolvega".
_CONTACT_TAIL: Final = re.compile(r"\s(?:e-?mail\s?:\s?)?(?:" + ADDRESS + r"|@(?P<handle>\w{2,30}))$",
                                  re.IGNORECASE)


# A telephone number closing a line, opened by its area code in brackets or by the
# country's code (not a date's groups of digits): "(555) 014-2231", "+44 20 7946 0958",
# "hmole@example.com(555) 014-2231"
_PHONE_TAIL: Final = re.compile(r"(?:\+\d{1,3}\s?\(?|\()\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]\d{3,4}$")
_PHONE_CHARS: Final = 24  # its longest match
# A social-media handle standing as a word of its own (not an e-mail address).
_HANDLE_TOKEN: Final = re.compile(r"(?<!\S)@\w{1,30}(?!\S)")
# A handle run into the name before it (not an e-mail address: no dot after it).
_GLUED_HANDLE: Final = re.compile(r"(?<=[a-z])@\w{1,30}(?![\w.@])")
# Words after a name that link to the author's page: "Jane Doe View", "Jane Doe | Follow";
# and Icelandic "writes" ("Guðrún Helga Sigurðardóttir skrifar").
_LINK_TAIL: Final = re.compile(
    r"(?:^|[\s|·•])(?:view(?: profile| all posts| bio| articles| more articles)?|follow|profile|bio"
    r"|more articles|all articles|contact|email|twitter|see all|skrifar)$",
    re.IGNORECASE,
)
_LINK_TAIL_CHARS: Final = 20  # its longest match ("|view more articles" and a final newline)
_LINK_TAIL_WORD_ENDS: Final = ("view", "profile", "posts", "bio", "articles", "follow", "contact", "email",
                               "twitter", "all", "skrifar")  # what every match ends with (_GLUED_VIEW's too)
# "View More Articles", the label of a link to the author's page, run into the name
_GLUED_VIEW: Final = re.compile(r"[a-z]View More Articles$")
# The last character of every _LINK_TAIL match (ſ is an "s" to IGNORECASE).
_LINK_TAIL_ENDS: Final = frozenset("weostlrWEOSTLR\u017f\n")
# The words of a newsroom's roles, a credit beside a byline's name: "Senior Reporter", "Redakteur"
_NEWSROOM_ROLES: Final = frozenset((
    # (the special envoy in French, Spanish and Portuguese, Italian: "Envoyés spéciaux à Soubré")
    "envoyé", "envoyée", "envoyés", "envoyées", "enviado", "enviada", "inviato", "inviata",
    "writer", "reporter", "correspondent", "editor", "contributor", "columnist",
    "journalist", "producer", "analyst", "staff", "redakteur", "redakteurin",
    "korrespondent", "korrespondentin", "journaliste", "rédacteur", "rédactrice",
    "correspondant", "correspondante", "periodista", "redactor", "redactora",
    "corresponsal", "jornalista", "repórter", "giornalista", "redattore", "verslaggever", "redacteur",
    "correspondente", "inviato", "inviata", "enviado", "enviada", "redaktor", "redaktorka",
    "dziennikarz", "dziennikarka", "reporterka", "muhabir", "muhabiri",
    "m\u00fcxbir", "m\u00fcxbiri", "muxbir", "muxbiri",  # (Azerbaijani and Uzbek "correspondent")
    "mwandishi", "mhariri", "\u00fajs\u00e1g\u00edr\u00f3",
    # (the office a writer works in, after the name: "Brent Halvorsen, Extension Communications")
    "communication",
    # Russian and Ukrainian correspondent, journalist, columnist and editor; Greek journalist;
    # Hindi correspondent
    "\u043a\u043e\u0440\u0440\u0435\u0441\u043f\u043e\u043d\u0434\u0435\u043d\u0442",
    "\u043a\u043e\u0440\u0435\u0441\u043f\u043e\u043d\u0434\u0435\u043d\u0442",
    "\u0436\u0443\u0440\u043d\u0430\u043b\u0438\u0441\u0442", "\u0436\u0443\u0440\u043d\u0430\u043b\u0456\u0441\u0442",
    "\u043e\u0431\u043e\u0437\u0440\u0435\u0432\u0430\u0442\u0435\u043b\u044c",
    "\u043e\u0433\u043b\u044f\u0434\u0430\u0447", "\u0440\u0435\u0434\u0430\u043a\u0442\u043e\u0440",
    "\u03b4\u03b7\u03bc\u03bf\u03c3\u03b9\u03bf\u03b3\u03c1\u03ac\u03c6\u03bf\u03c2",
    "\u0938\u0902\u0935\u093e\u0926\u0926\u093e\u0924\u093e",
    # Urdu, Hindi and Bengali reporter, Bengali correspondent, Arabic correspondent
    "\u0631\u067e\u0648\u0631\u0679\u0631", "\u0930\u093f\u092a\u094b\u0930\u094d\u091f\u0930",
    "\u09aa\u09cd\u09b0\u09a4\u09bf\u09ac\u09c7\u09a6\u0995", "\u09b8\u0982\u09ac\u09be\u09a6\u09a6\u09be\u09a4\u09be",
    "\u0645\u0631\u0627\u0633\u0644",
    # a fact-checking desk's ("Senior Fact-Checker", "Researcher")
    "checker", "factchecker", "researcher",
    # a desk credited beside or instead of a name: "ET Bureau", "Web Desk", "Metro Newsdesk"
    "bureau", "desk", "newsdesk",
    # Estonian journalist and editor, Finnish journalist, Latvian and Lithuanian journalist,
    # Czech and Slovak journalist
    "ajakirjanik", "toimetaja", "toimittaja", "\u017eurnalist", "\u017eurnalistas", "\u017eurnalist\u0117",
    "novin\u00e1\u0159", "novin\u00e1\u0159ka", "novin\u00e1r", "novin\u00e1rka",
    # Icelandic journalist; Slovenian, Croatian, Serbian and Bosnian journalist
    "bla\u00f0ama\u00f0ur", "novinar", "novinarka",
))
# A contributor's post: "Vice President of Network Strategy", "Head of Research", "Chief
# Economist" (a role after a name, but not a newsroom's: a story's sources hold them too)
_POST_WORDS: Final = frozenset((
    "president", "director", "head", "officer", "manager", "founder", "co-founder",
    "chair", "chairman", "chairwoman", "partner", "professor", "lecturer", "fellow", "economist",
    "strategist", "consultant", "scientist",
    # (the posts of the people who write a council's, a school's or a parish's own news:
    # "Helen Marchbanks, Town Clerk", "Parish Secretary", "Communications Coordinator")
    "clerk", "secretary", "coordinator", "administrator", "spokesperson", "spokesman", "spokeswoman",
))
_ROLE_WORDS: Final = _NEWSROOM_ROLES | _POST_WORDS
_CREDIT_WORDS: Final = frozenset(("staff", "agencies", "wires", "wire services"))
# A newsroom's staff or the wires credited instead of a writer: "From staff and wire
# reports", "Staff report", "By Herald Staff", "Wire services".
_STAFF_CREDIT: Final = re.compile(
    r"^(?:(?:from|by|compiled by)\s)?(?:(?-i:[A-Z][\w'.&-]{0,20})\s){0,3}"
    r"(?:staff|wire|news services?|wire services?)(?:\s(?:and|&)\s(?:wire|staff|news services?|agencies))?"
    r"(?:\s(?:reports?|writers?))?$", re.IGNORECASE)


@short_line_cache
def is_staff_credit(text: str) -> bool:
    """``_STAFF_CREDIT``: a credit line that names no one, a byline's place all the same."""
    return len(text) <= _STAFF_CREDIT_CHARS and _STAFF_CREDIT.match(text) is not None


_STAFF_CREDIT_CHARS: Final = 60

# The verb after an author's name that opens a sentence about them: "is", "was", "has",
# "covers", "writes" in English, and "is"/"was"/"writes" in German, French, Spanish,
# Italian, Portuguese, Dutch, Polish, the Scandinavian languages, Finnish.
BIO_VERBS: Final = frozenset((
    "is", "was", "has", "covers", "writes", "ist", "war", "schreibt", "est", "\u00e9crit", "es",
    "escribe", "\u00e8", "scrive", "\u00e9", "escreve", "schrijft", "jest", "pisze", "\u00e4r",
    "skriver", "er", "on", "kirjoittaa",
))
# Articles that may stand between a bio's verb and the role ("is a senior reporter", "est
# la correspondante"; the role's modifiers may too, ``_ROLE_MODIFIERS``)
_BIO_ARTICLES: Final = frozenset((
    "a", "an", "the", "een", "de", "het", "un", "une", "le", "la", "el", "ein", "eine", "der", "die",
    "um", "uma", "o", "il", "lo", "our", "en", "ett", "ei",
))
_PAST_BIO_VERBS: Final = frozenset(("was", "war"))
_BIO_WORDS: Final = 40  # words of an author's bio sentence, at most
_BIO_BEFORE_ROLE: Final = 4  # words between the verb and the role, at most


def bio_name(text: str) -> str | None:
    """The name opening a sentence about the writer whose verb's complement is a newsroom's
    role: "Sanne Verhoeven is verslaggever landbouw en natuur van De Vrije Courant", "Nadia
    Kessler is a senior reporter covering …" (an author box without its name's line). A
    post a story's sources hold too ("… is director of …") is not asked."""
    words = text.split(None, _BIO_WORDS)
    if len(words) > _BIO_WORDS:
        return None
    verb = next((at for at in range(2, min(len(words), _MAX_NAME_TOKENS + 1)) if words[at] in BIO_VERBS), 0)
    name = " ".join(words[:verb])
    # (not in the past: a story's closing lines say "was a reporter" of the people it is
    # about, an obituary of the dead)
    if not verb or words[verb] in _PAST_BIO_VERBS or not looks_like_name(name):
        return None
    for word in words[verb + 1:verb + 2 + _BIO_BEFORE_ROLE]:
        folded = word.lower().strip(",.")
        if opens_with_role(folded):
            return None if folded in _POST_WORDS else name
        if folded not in _BIO_ARTICLES and folded not in _ROLE_MODIFIERS:
            return None
    return None


# A consent banner's buttons in the languages read, but English's (whose "Accept" and
# "Reject" open headlines too) and Turkish "Kabul" (a capital's name): "Zustimmen ·
# Ablehnen", "Acceptar Rebutjar Configurar"
CONSENT_WORDS: Final = frozenset((
    "einverstanden", "akzeptieren", "zustimmen", "ablehnen", "einstellungen",
    "accepter", "refuser", "param\u00e9trer", "aceptar", "rechazar", "configurar", "aceitar", "aceito",
    "recusar", "accetta", "accetto", "rifiuta", "impostazioni", "acceptar", "rebutjar",
    "accepteren", "akkoord", "weigeren", "instellingen", "godk\u00e4nn", "avvisa", "godta", "avvis",
    "hyv\u00e4ksy", "hylk\u00e4\u00e4", "zgadzam", "akceptuj\u0119", "odrzu\u0107", "reddet",
    "rendben", "be\u00e1ll\u00edt\u00e1sok", "elfogadom", "sutinku", "tvarkyti", "souhlas\u00edm",
    "nastaven\u00ed", "p\u0159ijmout", "odm\u00edtnout", "s\u00fahlas\u00edm", "nastavenia",
    "ustawienia", "set\u0103ri", "ayarlar",
    "\u03b1\u03c0\u03bf\u03b4\u03bf\u03c7\u03ae", "\u03b1\u03c0\u03cc\u03c1\u03c1\u03b9\u03c8\u03b7",
    "\u03c1\u03c5\u03b8\u03bc\u03af\u03c3\u03b5\u03b9\u03c2",
))
_MENU_ROW_WORDS: Final = 6  # a row of one-word items single-spaced holds at least this many
_MENU_JOINING_CHARS: Final = 3  # "y", "and", "et", "und": a word joining two of a menu's words
_YEAR_DIGITS: Final = 4


def is_word_menu(text: str) -> bool:
    """A menu of one-word items a render set one space apart ("Home National Politics
    Business Pacific World Sport …"): capitalised words only, no figure or stop, but for
    a short word joining two of them or a year after one ("Ciencia y Salud", "Elecciones
    2024")."""
    words = text.split()
    joining = sum(not w[:1].isupper() for w in words)
    return len(words) >= _MENU_ROW_WORDS and _MENU_ROW_WORDS * joining <= len(words) \
        and all((w[:1].isupper() and w.replace("-", "").rstrip("+").isalpha())
                or (len(w) <= _MENU_JOINING_CHARS and w.isalpha())
                or (len(w) == _YEAR_DIGITS and w.isdigit()) or w == "&" for w in words)
# The word between a role and its employer: "Reporter at", "Repórter da", "Redakteur bei"
_EMPLOYER_WORDS: Final = frozenset(("of", "at", "for", "da", "do", "de", "di", "del", "della", "du",
                                    "des", "bei", "der", "van", "vom", "för", "på", "w", "v", "u", "en",
                                    "in", "em", "a"))
# Words of a role before its head word ("Senior Political Reporter", "Local Journalism
# Initiative Reporter"): a line of them and a role is no name and a role.
_ROLE_MODIFIERS: Final = frozenset((
    "senior", "chief", "deputy", "associate", "assistant", "executive", "managing", "contributing",
    "political", "politics", "business", "health", "science", "sports", "sport", "local", "special",
    "investigative", "data", "staff", "foreign", "international", "national", "city", "metro",
    "features", "feature", "news", "digital", "social", "video", "opinion", "education", "environment",
    "environmental", "climate", "tech", "technology", "economics", "economic", "legal", "crime",
    "courts", "arts", "culture", "entertainment", "travel", "food", "fashion", "royal", "parliamentary",
    "diplomatic", "defence", "defense", "security", "energy", "transport", "property", "markets",
    "finance", "financial", "consumer", "community", "regional", "state", "general", "breaking",
    "weekend", "night", "web", "online", "photo", "lead", "principal", "freelance", "global", "world",
    "journalism", "initiative", "correspondent", "reporter", "editor", "writer", "the", "a", "our",
    # (beats: "Declan Furlong Farm Editor", "Wanjiku Kamau Agriculture Reporter")
    "farm", "farming", "agriculture", "agricultural", "rural", "motoring", "music", "film", "books",
    "religion", "medical", "wine", "gardening", "football", "rugby", "cricket", "golf", "weather",
    "investigations", "audience", "engagement", "lifestyle", "parenting", "wellness", "retail",
    "court", "council", "westminster", "housing",
    # (a region's: "Aoife Ní Bhriain Western Correspondent"; not "West", a surname too)
    "western", "eastern", "northern", "southern", "midlands", "northwest", "northeast", "southwest",
    "southeast"))
# Degrees and credentials after a name: "Jane Doe, MS, RD", "John Roe PhD".
_CREDENTIAL: Final = re.compile(
    r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Dr\.?|Jr\.?|Sr\.?|M\.?Sc\.?|B\.?Sc\.?)$")
_CREDENTIAL_CHARS: Final = 6  # its longest match ("M.Sc.", "Ph.D.") and a final newline
# "A and B", "A, B and C", "A y B", "A e B", "A with AFP": "and" in any case (all-caps
# bylines), the other conjunctions only in lower case (a capital A, E or Y is an initial).
# (and Romanian "și", Czech and Slovak "a", Hungarian "és", Finnish and Estonian "ja",
# Ukrainian "і" and "та", Russian, Bulgarian and Serbian "и", Latvian "un", Lithuanian "ir")
_CONJUNCTIONS: Final = (r"(?i:and)|und|et|y|e|i|og|och|en|ed|with|mit|avec|con|com|&"
                        r"|\u0219i|\u015fi|a|\u00e9s|ja|\u0456|\u0442\u0430|\u0438|un|ir")
# A language's "and" that is another language's common word, by the byline marker that
# says the names are in that language (its first five letters): see _byline_parts.
# (Slovenian "in", Swahili "na", Tagalog "at", Malay and Indonesian "dan", Albanian "dhe")
# Hebrew writes "and" as a letter before the next word: "מאת יעל כהן ואבי לוי" is two names
_HEBREW_BY: Final = "\u05de\u05d0\u05ea"
_HEBREW_AND: Final = "\u05d5"


def _hebrew_names(text: str) -> str:
    """The names after "מאת" parted by commas where a word opens with "ו" ("and") after a
    name of two words or more and before another (a name may open so: "ורד" is one)."""
    words = text.split()
    for at in range(len(words) - 2, 1, -1):
        if words[at][:1] == _HEBREW_AND and len(words[at]) > 2:
            words[at - 1] += ","
            words[at] = words[at][1:]
    return " ".join(words)


_OWN_CONJUNCTIONS: Final = {"avtor": " in ", "na": " na ", "ni": " at ", "nina": " at ", "oleh": " dan ",
                             "nga": " dhe "}
# (every alternative opens with one character, " ?& ?" written as " & ?|& ?" and "[,;] ?" as
# ", ?|; ?": a search then skips to those characters; the same matches, tried in the same order)
_NAME_SPLIT: Final = re.compile(r", (?:" + _CONJUNCTIONS + r") | (?:" + _CONJUNCTIONS + r") | & ?|& ?|, ?|; ?")
# all but "and", any case; as words, not as the pattern's escapes ("\\u0438" is "и")
_CONJUNCTION_WORDS: Final = frozenset(word.encode("ascii").decode("unicode_escape")
                                      for word in _CONJUNCTIONS.split("|")[1:])


def co_credited(text: str, credits: Sequence[str]) -> list[str]:
    """The agencies of a byline's credits joined to its writers by "and" ("By A, B and
    Mid-Plains Press", "Por Valeria Montes y The Associated Press"): co-authors of the
    story. After "with" they supplied material ("By A with AFP", "A, com Lusa"), and after
    a comma alone they are the writers' employer ("By A and B, Associated Press"): credits,
    not bylines of their own."""
    joined: list[str] = []
    for credit in credits:
        at = text.find(credit)
        before = text[max(0, at - _JOINER_CHARS):at].rstrip(" ,").rsplit(" ", 1)[-1] if at > 0 else ""
        # (a known agency, or a name of capitalised words: not "DANA WHITFIELDAssociated
        # Press", a name a render glued to the agency)
        agency = canonical_agency(credit) or (is_agency_name(credit) and all(w.istitle() for w in credit.split()))
        if agency and (before.lower() == "and" or before in _CONJUNCTION_WORDS - _WITH_WORDS):
            joined.append(credit)
    return joined


_JOINER_CHARS: Final = 12  # the text before an agency's name where its "and" stands
_WITH_WORDS: Final = frozenset(("with", "mit", "avec", "con", "com"))  # "with": material supplied


def ends_with_conjunction(text: str) -> bool:
    """The line stops on "and" (``By Jane Doe and``: a render split the byline's names)."""
    last = text.rsplit(" ", 1)[-1]
    return last.lower() == "and" or (last in _CONJUNCTION_WORDS and last != text)


# The last word of a newsroom's name: "The Texas Tribune", "Ohio River Valley Journal"
_OUTLET_HEADS: Final = frozenset((
    "journal", "tribune", "times", "post", "news", "herald", "press", "review", "ledger", "gazette",
    "chronicle", "docket", "report", "reporter", "radio", "media", "magazine", "observer", "daily",
    "weekly", "monitor", "standard", "telegraph", "mirror", "express", "independent", "guardian",
    "courier", "dispatch", "sentinel", "register", "bulletin", "examiner", "inquirer", "record",
    "bee", "star", "sun", "globe", "free press", "public media", "newsroom", "lab", "collaborative",
))


def _outlet_piece(piece: str) -> bool:
    """A newsroom's name: capitalised words, opening with "The" or ending with one of
    ``_OUTLET_HEADS``, or an agency's."""
    words = piece.split()
    return 1 <= len(words) <= _MAX_OUTLET_WORDS + 1 and all(w[:1].isupper() or w in _PARTICLES for w in words) \
        and (words[0] == "The" or words[-1].casefold() in _OUTLET_HEADS or canonical_agency(piece) is not None)


def _names_and_outlets(pieces: list[str]) -> tuple[list[str], list[str]] | None:
    """(names, outlets) of pieces that alternate a writer's name and their newsroom's
    (``_outlet_piece``), two writers or more; else None."""
    parts = [piece.strip(" .") for piece in pieces]
    if len(parts) < _PAIRED_PIECES or len(parts) % 2:
        return None
    names, outlets = parts[0::2], parts[1::2]
    # (one outlet may be a single word, "ProPublica", if another is plainly one)
    if all(looks_like_name(name) for name in names) and any(map(_outlet_piece, outlets)) \
            and all(_outlet_piece(o) or (" " not in o and o[:1].isupper() and o.isalpha()) for o in outlets):
        return names, list(dict.fromkeys(outlets))
    return None


_PAIRED_PIECES: Final = 4


def _name_pieces(text: str) -> list[str]:
    """``_NAME_SPLIT.split(text)``. (For speed: the regex is slow to scan a line, and most
    lines hold no comma, semicolon, ampersand or conjunction between spaces.)"""
    if "," in text or ";" in text or "&" in text or "and" in text.lower() \
            or not _CONJUNCTION_WORDS.isdisjoint(text.split(" ")):
        return _NAME_SPLIT.split(text)
    return [text]


# Roles a compound word ends with, as German, Dutch, the Nordic languages and Estonian
# write them: "Wirtschaftsredakteur", "sportjournalist", "nyhetsreporter", "majandusajakirjanik"
_COMPOUND_ROLES: Final = ("journalist", "journalistin", "redakteur", "redakteurin", "reporter", "reporterin",
                          "korrespondent", "korrespondentin", "verslaggever", "ajakirjanik", "toimittaja")
_COMPOUND_MIN: Final = 11  # letters of a compound: "sportreporter" has 13, "journalist" alone 10


def opens_with_role(text: str) -> bool:
    """The text's first word is a role's (an author box's bio: "Dziennikarka działu Kraj.
    Zajmuje się …", "Reporter covering health and science …")."""
    first = text.split(None, 1)[0].strip(".,:;").lower() if text.strip() else ""
    return first in _ROLE_WORDS or (len(first) >= _COMPOUND_MIN and first.endswith(_COMPOUND_ROLES))


def is_role(text: str) -> bool:
    """A job title rather than a name: ``AP Auto Writer``, ``Staff Reporter``, ``Repórter
    da Agência Horizonte`` (the role, then its employer), ``Wirtschaftsredakteurin``."""
    tokens = text.lower().split()
    # (the role's head word: "editor" of "Editor-at-large", "checker" of "Fact-Checker")
    if 0 < len(tokens) <= 5 and (tokens[-1].split("-")[0].removesuffix("s") in _ROLE_WORDS
                                 or tokens[-1].rsplit("-", 1)[-1].removesuffix("s") in _ROLE_WORDS
                                 or (len(tokens[-1]) >= _COMPOUND_MIN
                                     and tokens[-1].endswith(_COMPOUND_ROLES))):
        return True
    # (or the head word first and the desk or beat after it: "Redakteur Chronik", "Journaliste
    # Culture", "כתבת צרכנות" (consumer reporter); not a role and a name, "Editor Jane Doe")
    if 0 < len(tokens) <= _OPENED_ROLE_WORDS \
            and (tokens[0] in _ROLE_OPENERS or (tokens[0] in _ROLE_WORDS and tokens[0] != "staff")) \
            and (len(tokens) == 1 or not looks_like_name(text.split(None, 1)[1])):
        return True
    at = 0  # (a loop, not ``next`` over a generator: a call to it costs more than the loop)
    for i in range(min(4, len(tokens))):
        if tokens[i] in _EMPLOYER_WORDS:
            at = i
            break
    return at > 0 and len(tokens) <= at + 5 \
        and tokens[at - 1].split("-")[0].removesuffix("s") in _ROLE_WORDS


# Roles that open with their head word, in Hebrew, Arabic and Persian: reporter, editor,
# commentator, journalist
_ROLE_OPENERS: Final = frozenset((
    "\u05db\u05ea\u05d1", "\u05db\u05ea\u05d1\u05ea", "\u05e2\u05d5\u05e8\u05da", "\u05e2\u05d5\u05e8\u05db\u05ea",
    "\u05e4\u05e8\u05e9\u05df", "\u05e4\u05e8\u05e9\u05e0\u05d9\u05ea",
    "\u0645\u0631\u0627\u0633\u0644", "\u0645\u0631\u0627\u0633\u0644\u0629", "\u0645\u062d\u0631\u0631",
    "\u0645\u062d\u0631\u0631\u0629", "\u0635\u062d\u0641\u064a", "\u0635\u062d\u0641\u064a\u0629",
    "\u062e\u0628\u0631\u0646\u06af\u0627\u0631", "\u062f\u0628\u06cc\u0631",
))
_OPENED_ROLE_WORDS: Final = 4


# The last word of a news agency's name ("Continental Press", "Ghana News Agency",
# "Global Sports Wire"): an agency the wire table does not know is told by it.
_AGENCY_HEADS: Final = frozenset(("press", "agency", "wire", "newswire"))
_AGENCY_WORDS: Final = 5  # words of an agency's name, at most


def is_agency_name(text: str) -> bool:
    """A news agency's name: one the wire table knows (``canonical_agency``), or two to
    five capitalised words ending in ``_AGENCY_HEADS`` ("Continental Press"), or one
    ``named_agency`` reads."""
    if canonical_agency(text):
        return True
    words = text.split()
    return (2 <= len(words) <= _AGENCY_WORDS and words[-1].casefold() in _AGENCY_HEADS
            and all(word[:1].isupper() for word in words)) or named_agency(text)


# An agency the wire table does not know, by its head word: last in the languages that put
# it last ("Kuzey Haber Ajansı", "Prairie News Agency", "Ostsee Nachrichtenagentur"), first
# in those that put it first ("Agencia Andina", "Agenzia Nova", "Agencja Pomorska")
_AGENCY_LAST: Final = frozenset(("agency", "ajans\u0131", "ajansi", "agentur", "nachrichtenagentur",
                                 "presseagentur"))
_AGENCY_FIRST: Final = frozenset(("agencia", "ag\u00eancia", "agence", "agenzia", "agencja", "agentia",
                                  "agen\u021bia", "agentura", "agent\u00fara",
                                  "\u0430\u0433\u0435\u043d\u0442\u0441\u0442\u0432\u043e",
                                  "\u0430\u0433\u0435\u043d\u0446\u0456\u044f"))
_AGENCY_JOINERS: Final = frozenset(("de", "di", "do", "da", "des", "du", "of", "for", "the", "y", "e"))


_INITIALS_AFTER: Final = re.compile(r"\s\((\w{2,6})\)$")


def without_initials(name: str) -> str:
    """A name without its initials in brackets after it: "Kuzey Haber Ajansı (KHA)" ->
    "Kuzey Haber Ajansı"."""
    found = _INITIALS_AFTER.search(name) if name.endswith(")") else None
    return name[:found.start()] if found and found[1].isupper() else name


def named_agency(name: str) -> bool:
    """A news agency's name of two to five words, each capitalised but its joiners, whose
    head word (``_AGENCY_LAST``, ``_AGENCY_FIRST``) says it is an agency."""
    words = name.split()
    return 2 <= len(words) <= _AGENCY_WORDS \
        and (words[-1].casefold() in _AGENCY_LAST or words[0].casefold() in _AGENCY_FIRST) \
        and all(word[:1].isupper() or word in _AGENCY_JOINERS for word in words)


# A site's name that is its domain, after the writers': "Rūta Žemaitytė, Šarūnas Jankauskas, Laikas.lt"
_SITE_DOMAIN: Final = re.compile(r"^[^\W_][\w-]{1,40}\.(?:[a-z]{2,3}|info|news|online)$")


_HANDLE: Final = re.compile(r"\s@\w{2,30}\b")
_AFTER_HANDLE_WORDS: Final = 2  # a place or a role after the handle, at most


def handle_byline(text: str) -> str | None:
    """The name of a byline that is a name and the author's handle, a town perhaps after
    it ("Ananya Deshpande @AnanyaD_Mkts Mumbai"); else None."""
    found = _HANDLE.search(text) if "@" in text else None
    if found is None or len(text[found.end():].split()) > _AFTER_HANDLE_WORDS:
        return None
    name = text[:found.start()].strip(" |\u00b7\u2022,")
    return name if looks_like_name(name) else None


def said_once(text: str, *, least: int = 1) -> str:
    """The text's words once, where a render printed them twice running (two elements with
    one label: "Jane Doe Jane Doe", a trail's item and the kicker "Ilimi Ilimi"), each half
    of ``least`` words or more; else the text."""
    words = text.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half >= least and len(words) == 2 * half and words[:half] == words[half:] \
        else text


def _is_credit(part: str, site_name: str | None) -> bool:
    """An agency, the site itself, a role, a credential (``MS``, ``PhD``): not a person,
    but it belongs in a byline."""
    folded = part.casefold()
    return is_agency_name(part) or folded in _CREDIT_WORDS or is_role(part) \
        or (site_name is not None and folded == site_name.casefold()) \
        or ("." in part and _SITE_DOMAIN.match(part) is not None) \
        or (len(part) <= _CREDENTIAL_CHARS and bool(_CREDENTIAL.match(part))
            and folded not in _SENTENCE_WORDS)


def _is_org_tail(tail: str) -> bool:
    """Two or three upper-case words after a name: a publication (``DAILY NEWS``)."""
    tokens = tail.split()
    return len(tokens) >= 2 and all(t.isupper() and len(t) >= 2
                                    and t.lower() not in _SENTENCE_WORDS for t in tokens)


def _role_split(tokens: list[str]) -> tuple[str, str] | None:
    """A name and its role with no separator between them (``Kari Nordvik Journalist``,
    ``Selin Arıkan İzmir Muhabiri``, ``Gonzalo Ibarra Corresponsal en Mendoza``): the
    shortest head that reads as a name, none of its words a role's (``_ROLE_MODIFIERS``),
    before a role or a role's word and two more at most."""
    # (first a role that opens with its word, "Mette Kjærgaard Holm Journalist"; then one
    # word and a role, a place or a desk: "İzmir Muhabiri", Turkish "İzmir's correspondent")
    for opens in (True, False):
        # (from the first cut that leaves a tail short enough to fit: the shorter heads
        # before it leave none)
        longest = _ROLE_TAIL if opens else 2
        for cut in range(max(2, len(tokens) - longest), min(len(tokens) - 1, _MAX_NAME_TOKENS) + 1):
            head, tail = tokens[:cut], tokens[cut:]
            role = " ".join(tail)
            fits = (len(tail) <= _ROLE_TAIL and tail[0].lower() in _ROLE_WORDS
                    and tail[0].lower() not in _POSSESSED_ROLES) if opens \
                else (len(tail) <= 2 and is_role(role))
            # (a desk alone is named by the words before it: "Ohio Capital Bureau")
            fits = fits and not (len(tail) == 1 and tail[0].lower() in _DESKS)
            if fits and not any(word.lower() in _ROLE_MODIFIERS for word in head) \
                    and looks_like_name(" ".join(head)) and not is_role(" ".join(head)):
                return " ".join(head), role
    return None


# Roles that belong to the word before them: Turkish "muhabiri" ("İzmir Muhabiri", İzmir's
# correspondent)
_POSSESSED_ROLES: Final = frozenset(("muhabiri",))
_DESKS: Final = frozenset(("bureau", "desk", "newsdesk"))


# Roles of scripts written without spaces, which open the word they are written in:
# Thai reporter, journalist and editor ("ผู้สื่อข่าวประจำจังหวัด…", stationed in a province)
_UNSPACED_ROLES: Final = ("\u0e1c\u0e39\u0e49\u0e2a\u0e37\u0e48\u0e2d\u0e02\u0e48\u0e32\u0e27",
                          "\u0e19\u0e31\u0e01\u0e02\u0e48\u0e32\u0e27",
                          "\u0e1a\u0e23\u0e23\u0e13\u0e32\u0e18\u0e34\u0e01\u0e32\u0e23")
_ROLE_TAIL: Final = 3  # words of a role after a name: "Corresponsal en Mendoza"


def initials_of(name: str) -> str:
    """The capitals opening the words of a name, two or more (``Aamun Sanomat`` -> ``AS``),
    or "" (a name of one word has none)."""
    letters = "".join(word[0] for word in name.split() if word[:1].isupper())
    return letters if len(letters) >= 2 else ""


# Publishers' and sites' names, read alike by the site finder (``textdump_site``) and the
# section finder (``textdump_section``): whether two names are one, and how long one is.
MAX_NAME_WORDS: Final = 6  # a name's words, at most (a copyright holder's, a trail's item)


NAME_COPIES: Final = 50  # copies of the words looked at, at most
ACRONYM_CHARS: Final = 5  # a name in capitals this short is an acronym ("WNYC"), kept as it is


# "News" in the languages of the sites read: a broadcaster's news site is its name and
# this word ("ANB News" over "© 2025 ANB")
NEWS_WORDS: Final = frozenset(("news", "noticias", "not\u00edcias", "notizie", "nachrichten", "nieuws",
                                "nyheter", "nyheder", "uutiset", "actualit\u00e9s", "info", "online"))


# Words of a publisher's name that say what it is, not which: a site's name sharing only
# one of these with the copyright holder is not confirmed by it.
PUBLISHER_WORDS: Final = frozenset((
    "media", "medien", "m\u00e9dias", "group", "grupo", "gruppo", "groupe", "editorial", "editoriale", "editora",
    "edizioni", "ediciones", "editions", "\u00e9ditions", "verlag", "press", "presse", "publishing",
    "publications", "news", "communications", "comunica\u00e7\u00e3o", "comunicaci\u00f3n",
    "holdings", "company", "corporation", "digital", "network", "the",
    # (Turkish "journalism and publishing": "Ekonomi Meydanı Gazetecilik ve Yayıncılık A.Ş.")
    "gazetecilik", "yay\u0131nc\u0131l\u0131k", "ve",
    # ("media" in Hindi and Marathi, Gujarati, Kannada, Telugu, Malayalam, Punjabi, Bengali)
    "मीडिया", "મીડિયા", "ಮೀಡಿಯಾ", "మీడియా", "മീഡിയ", "ਮੀਡੀਆ", "মিডিয়া"))


_SHARED_STEM: Final = 6  # two words opening with this many letters in common are one word's forms


def is_initials(word: str, holder: str) -> bool:
    """``word`` is written in capitals from the first letters of the holder's capitalised
    words (``CPB``, ``Canadian Public Broadcasting``)."""
    return len(word) >= 2 and word == initials_of(holder)


def shares_word(name: str, holder: str) -> bool:
    """A word of four letters or more of ``name`` is one of the holder's, not one of
    ``PUBLISHER_WORDS``, or a form of it (``Cantábrico``, ``Cantábrica``)."""
    own = [w for w in holder.casefold().replace(".", " ").replace("-", " ").split()
           if len(w) >= 4 and w not in PUBLISHER_WORDS]
    return any(word == w or (min(len(word), len(w)) >= _SHARED_STEM
                             and word[:_SHARED_STEM] == w[:_SHARED_STEM])
               for word in name.casefold().replace(".", " ").replace("-", " ").split()
               if len(word) >= 4 for w in own) or any(is_initials(word, holder) for word in name.split())


def has_label(tokens: list[str]) -> bool:
    """A word of the text is a label (``Now Playing: Fleetwood Mac``): a player's or a
    ticker's line, no masthead."""
    return any(token[-1] == ":" for token in tokens)


def _split_tail(part: str, site_name: str | None) -> tuple[str, str | None]:
    """``"Jane Doe Associated Press"`` -> ``("Jane Doe", "Associated Press")``; ``"Kari
    Nordvik Journalist"`` -> ``("Kari Nordvik", "Journalist")``."""
    tokens = part.split()
    # (the publication's initials after the name, a Nordic paper's mark: "Laura Heikkinen
    # AS" on Aamun Sanomat)
    if site_name and len(tokens) >= 3 and tokens[-1].isupper() and tokens[-1] == initials_of(site_name):
        return " ".join(tokens[:-1]), tokens[-1]
    if 3 <= len(tokens) <= _MAX_NAME_TOKENS + _ROLE_TAIL:
        split = _role_split(tokens)
        if split:
            return split
    # Every head tried below holds the first two tokens and at most five: when those two
    # cannot be in a name, or there are more than eight tokens, no head is a name.
    if not 3 <= len(tokens) <= _MAX_NAME_TOKENS + 3 or not _name_opening(tokens[0], tokens[1]) \
            or looks_like_name(part):
        return part, None
    for size in (3, 2, 1):
        if len(tokens) > size + 1:
            head, tail = " ".join(tokens[:-size]), " ".join(tokens[-size:])
            # (a desk alone is named by the words before it: "Ohio Capital Bureau")
            if size == 1 and tail.lower() in _DESKS:
                continue
            if looks_like_name(head) and (_is_credit(tail, site_name) or _is_org_tail(tail)) \
                    and not any(word.lower() in _ROLE_MODIFIERS for word in tokens[:-size]):
                return head, tail
    return part, None


@short_line_cache
def has_byline_marker(line: str) -> bool:
    """The line opens with a byline marker (``By``, ``Written by``, ``Von``, ``Author:``),
    whatever follows it; after a marker that is a common word of other languages (``Na``),
    only a byline counts."""
    found = _BYLINE_PREFIX.match(_plain(line))
    return found is not None and (not _common_word_marker(found[0]) or byline_names(line) is not None)


# "Edited by", "Photo by", "Powered by": credits and chrome, not the author.
_NOT_AUTHOR_VERBS: Final = frozenset((
    "edited", "editing", "photo", "photos", "photograph", "photographs", "photographed",
    "image", "images", "illustrated", "illustration", "illustrations", "graphics", "video",
    "produced", "production", "translated", "translation", "compiled", "reviewed",
    "fact-checked", "checked", "designed", "design", "powered", "theme", "sponsored",
    "presented", "supported", "hosted", "funded", "reporting", "research", "cover",
    "photography", "picture", "pictures", "pic", "pics", "artwork", "styling", "animation", "maps", "charts",
))


# Past participles that do not end in "-ed" or "-en", before a passive's "by"
_PARTICIPLES: Final = frozenset((
    "hit", "struck", "led", "won", "held", "made", "shot", "bought", "sold", "caught", "built",
    "hurt", "run", "set", "cut", "put", "hung", "swept", "left", "brought", "sought", "taught",
    "fought", "found", "told", "paid", "kept", "met", "felt", "lost", "spent", "sent", "bound",
))


def _passive(word: str) -> bool:
    """The word before a lower-case "by" is a past participle (``hit by Typhoon Rosal``,
    ``backed by Reform``): the headline's passive, not a byline run into it."""
    return (word.endswith(("ed", "en")) or word in _PARTICIPLES) and word not in _BYLINE_VERBS


# ... but those of a byline ("Posted by", "Written by")
_BYLINE_VERBS: Final = frozenset(("written", "posted", "reported", "contributed", "authored", "submitted",
                                  "published", "created", "shared", "curated"))


def run_in_byline(text: str, *, site_name: str | None = None
                  ) -> tuple[str, tuple[list[str], list[str]]] | None:
    """A byline run into the line before it: ``Headline by Jane Doe``, ``Posted on
    March 3, 2025 by Jane Doe``, ``Headline by Maren December 6, 2017`` -> (the text
    before the last " by ", the byline's names and credits); None without one."""
    text = " ".join(_cut(text).split())
    at = text.lower().rfind(" by ")
    if at < 0:
        return None
    before = text[:at].rsplit(" ", 1)[-1].lower().rstrip(":")
    if before in _NOT_AUTHOR_VERBS or (text[at + 1] == "b" and _passive(before)):
        return None
    tail = text[at + 4:]
    date = find_date(tail)
    found = byline_names("By " + (tail[: date.start] if date else tail).strip(" ,|-\u2013\u2014"),
                         site_name=site_name)
    return (text[:at].strip(" ,|-\u2013\u2014"), found) if found and found[0] else None


_PLACE_TOKENS: Final = 3  # "in Kyiv", "in New York", "in Rio de Janeiro"
_MAX_OUTLET_WORDS: Final = 5  # "By Jane Doe for The Daily Clarion"
_PLACE_MARKS: Final = str.maketrans("", "", ".-'\u2019")  # "St. Louis", "Aix-en-Provence"


def without_place(text: str) -> str | None:
    """``"Dan Sabbagh in Kyiv"``, ``"Elif Yıldırım | İzmir"`` -> the name: the text before
    a reporter's location (after `` in ``, a bar or a dash, up to three words, the first and
    last capitalised; not an agency); None when the text does not end with one."""
    at, skip = text.rfind(" in "), 4
    # (or a bar, or a dash: "Elif Karaca - İzmir")
    bar = max(text.rfind(" | "), text.rfind(" - "), text.rfind(" \u2013 "))
    if bar > at:
        at, skip = bar, 3
    if at <= 0:
        return None
    place = text[at + skip:].split()
    if not 1 <= len(place) <= _PLACE_TOKENS or not place[0][:1].isupper() \
            or not place[-1][:1].isupper() \
            or not "".join(place).translate(_PLACE_MARKS).isalpha() \
            or (skip == 3 and canonical_agency(text[at + skip:])):
        return None
    return text[:at].rstrip()


# The reporters a wire story's credits line names: "(Reporting by A in Oslo and B in
# London; Additional reporting by C; Editing by D)" -> A, B.
_REPORTING_BY: Final = re.compile(r"(?<!additional )\breporting by\s(?P<names>[^;()]{1,200})",
                                  re.IGNORECASE)


def credit_names(line: str) -> list[str]:
    """The reporters of a credits line (``is_credit_line``): the names after its first
    ``Reporting by``, where they reported from left out."""
    found = _REPORTING_BY.search(line[:600])
    if not found:
        return []
    pieces = (p.strip(" .") for p in _name_pieces(found["names"].strip()))
    names = [without_place(p) or p for p in pieces if p]
    return [n for n in names if looks_like_name(n)]


def _single_name(text: str) -> bool:
    """One capitalised word after an explicit marker: ``by Maren``."""
    return bool(_NAME_TOKEN.match(text)) and len(text) >= 3 and "." not in text \
        and text.lower() not in _NOT_NAMES and not canonical_agency(text)


def _before_link_tail(text: str) -> tuple[bool, str]:
    """(whether the text ends with a link tail, the text before it)."""
    if text[-1:] not in _LINK_TAIL_ENDS:
        return False, text
    # (in ASCII, where the case-blind pattern matches only what ``lower`` shows, a text
    # that ends with none of its words holds neither tail: most names)
    if text.isascii() and text[-1:] != "\n" \
            and not text[-_LINK_TAIL_CHARS:].lower().endswith(_LINK_TAIL_WORD_ENDS):
        return False, text
    # (the tail ends the text, so only its last characters are searched)
    tail = _LINK_TAIL.search(text, max(0, len(text) - _LINK_TAIL_CHARS))
    # (the link's label run into the name, the page printing nothing between the two
    # links: "Dana WhitcombView More Articles")
    glued = _GLUED_VIEW.search(text, max(0, len(text) - _LINK_TAIL_CHARS))
    if glued:
        return True, text[:glued.start() + 1]
    if tail and tail.start() > 0:
        return True, text[:tail.start()].rstrip(" |·•")
    return False, text


def byline_names(line: str, *, site_name: str | None = None, strict: bool = True
                 ) -> tuple[list[str], list[str]] | None:
    """``(names, credits)`` if ``line`` is a byline, else None.

    Credits are the non-person parts (``Associated Press``, the site name, a role).
    ``strict`` demands a byline marker (``By``, ``Von``, ``Par``, ``Por``, ``Author:``,
    a trailing ``View``) or a credit beside the names; otherwise a line that is only
    names also counts.
    """
    if site_name:
        plain = _plain(line)
        initials = initials_of(site_name)
        if site_name.casefold() not in plain.casefold() and not (initials and f" {initials}" in plain):
            # every part compared with the site name (or its initials) is a piece of the plain
            # line: a line that holds neither parses as without one (and that parse is often cached)
            site_name = None
    found = _byline_parts(line, site_name=site_name)
    if found is None:
        return None
    names, credits, marker = found
    if not names and not (marker and credits):
        return None
    if not marker and (not names or (strict and not credits)):
        return None  # "Name, Name" alone is not a byline without a marker or credit
    return list(names), list(credits)


def title_cased(text: str) -> str:
    """``str.title`` of a name printed in capitals, the Turkish dotted capital's lower case
    an "i" ("SELİN AYDOĞAN" -> "Selin Aydoğan", not "Seli̇n", an "i" and a combining dot)."""
    return text.title().replace("i\u0307", "i")


def names_only(line: str) -> list[str]:
    """The names of a line that is people's names and nothing else ("Sanne van Dijk en
    Pieter Hoogland"), else []."""
    found = byline_names(line, strict=False)
    return found[0] if found and found[0] and not found[1] else []


# A byline's photo printed before it: its alternative text naming the author, then the
# name again ("Photo of Lena Ortiz Lena Ortiz, Senior Fact-Checker")
_PORTRAIT: Final = re.compile(r"^(?:photo|image|picture|headshot|portrait|avatar|foto|bild|portrett)"
                              r"\s(?:of|de|von|di|av|van)\s", re.IGNORECASE)
_PORTRAIT_INITIALS: Final = "PpIiHhAaFfBb"
_PORTRAIT_NAME_WORDS: Final = 4  # the name printed twice has at most this many words


def _without_portrait(text: str) -> str:
    """``text`` without a photo's alternative text before the name it repeats."""
    lead = _PORTRAIT.match(text)
    if lead is None:
        return text
    words = text[lead.end():].split(" ")
    for size in range(1, _PORTRAIT_NAME_WORDS + 1):
        if len(words) > size and words[:size] == [w.rstrip(",") for w in words[size:2 * size]]:
            return " ".join(words[size:])
    return text


# Markers that are common words of other languages, read only with a capital: Swahili
# "Na" and Tagalog "Ni" ("by") are Portuguese "in the" and Czech "nor" ("Na Costa da
# Caparica, a arte xávega …"), Albanian "Nga" is also "from", Romanian "de" is French
# and Spanish "of". A text after one is a byline only where all of it is names and
# credits, or names and their role, not names and then a sentence.
_COMMON_WORD_MARKERS: Final = frozenset(("na", "ni", "nina", "nga", "de", "texto", "escribe", "gan", "minn",
                                         "daga", "per"))


def _common_word_marker(prefix: str) -> bool:
    return prefix.split(None, 1)[0].rstrip(":\uff1a").lower() in _COMMON_WORD_MARKERS


_LEAD_ROLE_WORDS: Final = 3  # a role before the name has at most this many words
_NAME_AND_ROLE: Final = 4  # words of a name and a role of two words, at least


def _role_before_name(text: str) -> tuple[str, str] | None:
    """(role, name) of a byline's text that opens with the author's role (its longest
    opening of up to ``_LEAD_ROLE_WORDS`` words that is a role, the rest a name)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= _MAX_NAME_TOKENS + _LEAD_ROLE_WORDS \
            or not (opens_with_role(text) or is_role(" ".join(tokens[:2]))):
        return None
    for size in range(min(_LEAD_ROLE_WORDS, len(tokens) - 1), 0, -1):
        role, name = " ".join(tokens[:size]), " ".join(tokens[size:])
        if is_role(role) and looks_like_name(name):
            return role, name
    return None


# A byline's marker glued to the name after it, and a name glued to the role after it
_GLUED_MARKER: Final = re.compile(r"^(?:By|Por|Par|Von|Door|Di)(?=[A-Z\u00c0-\u00de][a-z\u00df-\u00ff])")
_CASE_SEAM: Final = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de])")


def _unglued_byline(text: str) -> str:
    """``ByCallum PryceSenior Reporter`` -> ``By Callum Pryce Senior Reporter``: a space after
    the marker, and before a role run into the name (only there: "McDonald" stays whole)."""
    text = _GLUED_MARKER.sub(lambda m: m[0] + " ", text, count=1)
    seams = [m.start() for m in _CASE_SEAM.finditer(text)
             if text[m.start():].split(None, 1)[0].lower() in _SEAM_WORDS]
    for at in reversed(seams[:_MAX_SEAMS]):
        text = f"{text[:at]} {text[at:]}"
    return text


# A photo's alternative text naming the author, closed by "headshot", before the byline
_HEADSHOT: Final = re.compile(r"^[^\s].{1,60}? (?:headshot|mugshot) (?=(?:by|written by|story by)\s)", re.IGNORECASE)
_HEADSHOT_CHARS: Final = 80  # where its word stands, at most
_MAX_SEAMS: Final = 3
_SEAM_WORDS: Final = _ROLE_WORDS | _ROLE_MODIFIERS  # a role's first word, after a seam


@short_line_cache
def _byline_parts(line: str, *, site_name: str | None = None
                  ) -> tuple[tuple[str, ...], tuple[str, ...], bool] | None:
    """(names, credits, whether a byline marker was found) of a line cut into names and
    credits, or None if a part is neither. (Cached apart from ``byline_names``' verdict:
    the title scorer asks about one line both strictly and not.)"""
    text = _plain(line).strip(" |·•-–—")
    if text[:1] in _PORTRAIT_INITIALS:
        text = _without_portrait(text)
    # (or after the name, the photo's alternative text before the byline: "Marisol Vega
    # headshot By Marisol Vega, Trent Okafor")
    if "shot " in text[:_HEADSHOT_CHARS] or "SHOT " in text[:_HEADSHOT_CHARS] \
            or "Shot " in text[:_HEADSHOT_CHARS]:  # (the pattern's words in any case)
        shot = _HEADSHOT.match(text)
        text = text[shot.end():] if shot else text
    if _GLUED_MARKER.match(text):  # (spans a render ran together: "ByCallum PryceSenior Reporter")
        text = _unglued_byline(text)
    korean = _KOREAN_BYLINE.match(text) if text[:1] >= "\uac00" else None
    if korean:  # "김민준 기자", "김민준 기자 mjkim@example.kr": the name, then "reporter"
        reporters = _korean_names(korean)
        at = korean.end()
        # (more reporters: "박지훈·최유나 기자", "박지훈 기자 최유나 기자")
        while len(reporters) < _MAX_KOREAN_NAMES:
            more = _KOREAN_BYLINE.match(text[at:].lstrip(" ,\u00b7"))
            if not more:
                break
            reporters += _korean_names(more)
            at = len(text) - len(text[at:].lstrip(" ,\u00b7")) + more.end()
        return tuple(reporters), (), True
    cjk = _cjk_fields(text) if "\u4e00" <= text[:1] <= "\u9fff" or (text[:1].isdigit() and not text.isascii()) else None
    if cjk:
        return cjk[0], cjk[1], True
    if "/" in text:  # a name and a role after a slash: "Carlene Dawkins/Staff Reporter"
        name, _, role = text.partition("/")
        if is_role(role.strip()) and looks_like_name(name.strip()):
            return (name.strip(),), (role.strip(),), True
    if text[-4:].isdigit():  # (the author's telephone number: "By Harriet Mole (555) 014-2231")
        phone = _PHONE_TAIL.search(text, max(0, len(text) - _PHONE_CHARS))
        text = text[:phone.start()] if phone else text
    contact = _CONTACT_TAIL.search(text) if "@" in text else None
    if contact and spells_name(contact["local"] or contact["handle"], text[:contact.start()]):
        # (the address or handle spells the name before it: a byline's mark, as "By" is)
        name = text[:contact.start()].strip()
        if looks_like_name(name):
            return (name,), (), True
        text = name  # (after a marker: "By Harriet Mole hmole@…", read on without the address)
    if "@" in text:  # "By Callum Reid @CallumReidFC": the author's handle is no name
        # (a render may glue it to the name: "By Tyler Brooks@TBrooksCVB")
        text = _HANDLE_TOKEN.sub("", _GLUED_HANDLE.sub(" ", text)).strip()
    if "(" in text:  # a live page's shifts: "Hannah Mercer (now) and Owen Pryce (earlier)"
        text = _SHIFT.sub("", text)
    prefix = _BYLINE_PREFIX.match(text)
    marker, text = (True, _before_link_tail(prefix["rest"])[1]) if prefix else _before_link_tail(text)
    if prefix:
        # Slovenian "in" and Swahili "na" are "and" (English "in" names a place, and
        # Polish "na" means "on"): after the language's own marker they join names
        word = prefix[0].split(None, 1)[0].rstrip(":\uff1a").lower()
        conjunction = _OWN_CONJUNCTIONS.get(word[:5])
        if conjunction:
            text = text.replace(conjunction, ", ")
        elif word == _HEBREW_BY:
            text = _hebrew_names(text)
    # (the article's tools after the names: "Von: Markus Hintermaier Kommentare Drucken Teilen")
    text = _without_share_tail(text)
    # "Jane Doe in Kyiv", "Jane Doe and John Roe in New York": where they reported from
    placed = without_place(text)
    if placed:
        text = placed
    # "By Jane Doe Jane Doe": the author's photo and name, two links with one label in
    # a text render, are one name
    text = said_once(text, least=2)
    names: list[str] = []
    credits: list[str] = []
    if not prefix and ":" in text:
        # (a name and a role with no marker, and another label's credit after them:
        # "Tuomas Hämäläinen toimittaja Kuvat: Elina Räsänen", the photographer)
        other = _NEXT_LABEL.search(text)
        opening = text[:other.start()].split() if other else []
        if other and len(opening) >= 3 and _name_opening(opening[0], opening[1]) and is_role(opening[-1]):
            credits.append(text[other.start():].strip())
            text = text[:other.start()]
    if prefix:  # the publication the author wrote it for is a credit
        # (and a date's label run into the names ends them: "By Jane Doe Updated 2
        # hours ago …", "Por Ana Ruiz Actualizado: …", where a render lost the line
        # break between the byline and its date)
        label = _DATE_LABEL.search(text)
        if label:
            text = text[:label.start()]
        # (and the photographer's credit after them: "Piše: Ivana Kovačević / Foto: Tonći
        # Barić", "By Jane Doe | Photos: John Roe")
        photo = _PHOTO_CREDIT.search(text) if ":" in text else None
        # (or its label without a colon, capitalised, before the name: "Texto Inês Valadares
        # e Tomás Bettencourt Fotografia Rui Meireles")
        photo = photo or (_PHOTO_WORD.search(text) if "oto" in text or "hoto" in text else None)
        if photo:
            credits.append(text[photo.start():].strip(" /|\u00b7\u2022,"))
            text = text[:photo.start()]
        # (and another label's credit after them: "خبرنگار: زهرا رحیمی دبیر: علی صادقی", the
        # reporter, then the desk's editor)
        other = _NEXT_LABEL.search(text) if ":" in text or "\uff1a" in text or "\u055d" in text else None
        if other:
            credits.append(text[other.start():].strip())
            text = text[:other.start()]
        text, outlet = _outlet_split(text)
        if outlet:
            credits.append(outlet)
        # (where the author is and what they do, in brackets after the names: "Par Camille
        # Besson (Lyon, correspondante)")
        bracket = text.rfind(" (")
        if bracket > 0 and text.endswith(")") and len(text) - bracket <= _BRACKET_CHARS:
            credits.append(text[bracket + 2:-1])
            text = text[:bracket]
        text, employers = _closed_list(text)
        if employers:
            credits.append(employers)
        # (and the author's role between the marker and the name: "Door redacteur Eline
        # Bakker", "By staff writer Jane Doe", "Von Redakteurin Anna Schmidt")
        lead = _role_before_name(text)
        if lead:
            credits.append(lead[0])
            text = lead[1]
    # (a role after a name in a script without capitals, written as one word with where
    # the reporter is stationed: "โดย ธนพล ศรีสุวรรณ ผู้สื่อข่าวประจำจังหวัดเชียงราย")
    head, _, last = text.strip(" .").rpartition(" ")
    if prefix and head and last.startswith(_UNSPACED_ROLES) and caseless_name(head):
        return (head,), (*credits, last), True
    # (one word after "Texto de" is more often a menu's "Christmas text" than a name)
    # (nor one word after a marker that is a common word or a first name elsewhere: "Per
    # Olsson" is a Swedish name, "Gan Wei" a Chinese one)
    if prefix and ((_single_name(text.strip(" .")) and prefix[0][:4].lower() != "text"
                    and not _common_word_marker(prefix[0]))
                   or caseless_name(text)):
        return (text.strip(" ."),), tuple(credits), True
    tokens = text.strip(" .").split()
    # (a name and its role with no separator, a conjunction's word in the role: "Gonzalo
    # Ibarra Corresponsal en Mendoza")
    role_split = _role_split(tokens) if "," not in text and 3 <= len(tokens) <= _MAX_NAME_TOKENS + _ROLE_TAIL \
        else None
    if role_split:
        name = role_split[0]
        return (title_cased(name) if name.isupper() else name,), (*credits, role_split[1]), marker
    pieces = _name_pieces(text.strip(" ."))
    paired = _names_and_outlets(pieces)
    if paired:
        # (each writer and the newsroom they work for: "by Rebecca Stahl, The Public Docket,
        # and Marcus Oyelaran, Ohio River Valley Journal", as partners' stories are signed)
        return tuple(paired[0]), (*credits, *paired[1]), marker
    role_before = False  # the part before ended with a role
    for at, piece in enumerate(pieces):
        # (a role of many words is no name and a role: "Local Journalism Initiative Reporter",
        # "AP Auto Writer"; but a name and a role of two words or more are, "… and Samir
        # Quadri Health reporter")
        piece_words = piece.split()
        part, credit = (piece.strip(" ."), None) \
            if at and is_role(piece) and (len(piece_words) < _NAME_AND_ROLE or not _role_split(piece_words)) \
            else _split_tail(piece.strip(" ."), site_name)
        if credit:
            credits.append(credit)
        # (the last part, after a role and a comma, is the employer: "By Meredith Okafor, Vice
        # President of Network Strategy, Tallgrass Logistics", "By Priya Raman – Reporter,
        # Tidewater Business Journal")
        employer = at == len(pieces) - 1 and role_before and f"{pieces[at - 1]}, {piece}" in text
        role_before = bool(credit and is_role(credit)) or (at >= 1 and is_role(piece.strip(" .")))
        if not part:
            continue
        if " in " in part and not looks_like_name(part):
            # (each name where its reporter was: "Harriet Quayle in London and Arjun Mehta in Mumbai")
            placed = without_place(part)
            part = placed if placed and looks_like_name(placed) else part
        # (a role and the next name run together after a comma: "Nora Alvarez, Staff Writer
        # Devin Cho, Assistant News Editor")
        glued = _role_before_name(part) if at and names and not role_before \
            and not looks_like_name(part) and not _is_credit(part, site_name) else None
        if glued:
            credits.append(glued[0])
            names.append(glued[1])
            role_before = False
        elif employer or _is_credit(part, site_name):
            credits.append(part)
        elif looks_like_name(part) or ((prefix or any(map(is_role, pieces[at + 1:])))
                                       and caseless_name(part)):
            # (a name in a script without capitals, after a marker or before a role:
            # "राजेश कुमार, विशेष संवाददाता")
            names.append(title_cased(part) if part.isupper() else part)
        elif marker and names and part[:1].islower() \
                and (opens_with_role(part) or not (prefix and _common_word_marker(prefix[0]))):
            break  # who the author is: "By Jane Doe, a senior reporter covering … and …"
        elif not (marker and names and at == len(pieces) - 1 and _place(part)):
            return None
        # (else where the byline was filed: "Von Anna Schmidt, Bremen")
    return tuple(names), tuple(credits), marker


_CASELESS_WORD: Final = 20  # letters and marks of a word of a name, at most


def small_letter(ch: str) -> bool:
    """A small letter of a script with capitals. (Georgian's letters are small ones to
    Unicode, whose capitals, Mtavruli, set text in capitals only: its text is caseless,
    a headline and a name open with the same letters as a sentence's middle.)"""
    return ch.islower() and not "\u10d0" <= ch <= "\u10ff"


# The folder of the authors' pages on a site, in English, Spanish, Portuguese, Catalan,
# German, Polish, French, Dutch, Indonesian
_AUTHOR_FOLDER: Final = (r"(?:authors?|autor(?:es|en|i|zy|s)?|auteurs?|writers?|journalist(?:s|en|e)?"
                         r"|reporters?|columnists?|contributors?|staff|penulis|redaktor(?:zy)?"
                         # (a profile's page, "/profil/anders-boegh-soerensen", and Spanish "firmas", bylines)
                         r"|profiles?|profil(?:e|er)?|firmas?)")
# A markdown link to an author's page: "[Ελένη Μαυρίδου](/author/eleni-mavridou)"
_AUTHOR_LINK: Final = re.compile(
    r"\[([^\[\]\n]{2,80})\]\((?:[^()\s]{0,200}/)?" + _AUTHOR_FOLDER + r"/[^()\s]{1,200}\)", re.IGNORECASE)
# The address of an author's page: "https://site/autors/laia-serra-vilaro"
_AUTHOR_PAGE: Final = re.compile(r"/" + _AUTHOR_FOLDER + r"/[^/?#\s]", re.IGNORECASE)
_SLUG_PARTS: Final = re.compile(r"[-_+]")
# lynx's number before a link's text, and the line of the list of link targets that closes
# a lynx dump giving that number's address ("  23. https://…")
LYNX_NUMBER: Final = re.compile(r"\[(\d{1,5})\]")
LYNX_REFERENCE: Final = re.compile(r"^ {0,8}(?P<n>\d{1,5})\. (?P<url>\S{1,300})$")
# lynx's link: its number, then its text, which runs to the next link or the line's end
_LYNX_LABEL: Final = re.compile(r"\[(\d{1,5})\]([^\[\]\n]{2,80})")
# where a byline's name ends before a place, a role or a date: "[36]अंकित मिश्र, लखनऊ"
_NAME_END: Final = re.compile(r",|;|\||\s[/\u2013\u2014\u00b7\u2022-]\s|\s\(|\u060c")


def author_links(raw: str) -> list[str]:
    """The names of the links to authors' pages on a line (``_AUTHOR_LINK``), each text a
    name (without its emphasis: ``[**Wanjiku Kamau**](/authors/wanjiku-kamau)``)."""
    if "](" not in raw:  # (what a match holds)
        return []
    return [name for name in (found[1].strip(" *_") for found in _AUTHOR_LINK.finditer(raw))
            if looks_like_name(name) or caseless_name(name)]


def lynx_author_links(raw: str, targets: dict[str, str]) -> list[str]:
    """The names of lynx's links to authors' pages on a line, ``targets`` the dump's list
    of link addresses by number: ``[23]Laia Serra Vilaró / [24]Oriol Pujades Barcelona``
    with ``23. https://site/autors/laia-serra-vilaro`` and ``24. …/oriol-pujades``.

    lynx does not mark where a link's text ends. A name ends at a separator (a comma, a
    bar, a dash between spaces); when the page's address spells the name's words
    (``oriol-pujades``) and the text goes on after as many words ("Barcelona"), it ends
    there."""
    if "[" not in raw or not targets:
        return []
    names: list[str] = []
    for found in _LYNX_LABEL.finditer(raw):
        address = targets.get(found[1], "")
        if not _AUTHOR_PAGE.search(address):
            continue
        # (the page's name: the address's last part, "laia-serra-vilaro", "dwhitcomb")
        page = address.partition("?")[0].partition("#")[0].rstrip("/").rpartition("/")[2]
        name = _NAME_END.split(found[2], 1)[0].strip(" *_:")
        words = name.split()
        # (its words, without an extension or an id: "inmaculada-prieto-245.html")
        spelled = [part for part in _SLUG_PARTS.split(page.partition(".")[0].lower()) if part.isalpha()]
        # (the words that spell it, "Dana De Vries" for "dana-devries"; or as many
        # words as it has, each opening as its part does, "Katrin Oberländer" for
        # "katrin-oberlaender")
        letters = "".join(spelled)
        spelt = next((k for k in range(1, len(words) + 1) if _folded("".join(words[:k])) == letters), 0)
        if not spelt and 2 <= len(spelled) < len(words) and all(
                _folded(word)[:2] == part[:2] for word, part in zip(words, spelled, strict=False)):
            spelt = len(spelled)
        if spelt:
            name = " ".join(words[:spelt])
        if looks_like_name(name) or caseless_name(name):
            names.append(name)
    return names


def _folded(word: str) -> str:
    """A word without its accents, in small letters, as an address spells it: "Vilaró" →
    "vilaro", "Łukasz" → "lukasz"."""
    return "".join(ch for ch in normalize("NFKD", word.casefold().translate(_MAIL_LETTERS))
                   if category(ch)[0] != "M")


def spells_address(name: str, local: str) -> bool:
    """An e-mail address's local part spells the name: its parts each a word of the name
    or its initial ("elin.sandqvist", "e.sandqvist", "martin-sebek" for "Martin Šebek"), or
    the name's words run together, the first perhaps by its initial ("esandqvist")."""
    words = [_folded(word) for word in name.split()]
    parts = [part for part in re.split(r"[._-]", local.casefold()) if part]
    if len(parts) >= 2:
        return len(parts) <= len(words) and all(part in words or (len(part) == 1 and any(
            word[:1] == part for word in words)) for part in parts) and any(len(part) > 1 for part in parts)
    whole = "".join(words)
    return len(words) >= 2 and bool(parts) and parts[0] in (whole, words[0][:1] + "".join(words[1:]))


def caseless_name(text: str) -> bool:
    """Two to four words of a script without capitals to tell a name by (Arabic, Hebrew,
    Devanagari, Thai, …): a name after a byline's marker."""
    words = text.strip(" .").split()
    return not text.isascii() and 2 <= len(words) <= 4 and _caseless_words(words)


def _caseless_words(words: list[str]) -> bool:
    """Every word is letters with no case, or marks on them (Devanagari's vowel signs)."""
    for word in words:
        # (an initial before the name, with its full stop: Tamil "ஆர். செந்தில்குமார்")
        word = word.removesuffix(".")
        if not word or len(word) > _CASELESS_WORD or not word[0].isalpha():
            return False
        for ch in word:
            if ch.isupper() or small_letter(ch) or not (ch.isalpha() or category(ch)[0] == "M"):
                return False
    return True


_PLACE_WORDS: Final = 2  # a reporter's town after the name: "আবদুল্লাহ আল মামুন , রংপুর"
_PLACE_SEPARATORS: Final = (",", "\u060c", "|")  # (and the Arabic comma, and a bar: "فرحان صدیقی | کراچی")


def caseless_byline(text: str) -> str | None:
    """The name of a byline in a script without capitals that names the reporter and,
    after a comma or a bar, the town they filed from ("আবদুল্লাহ আল মামুন , রংপুর", "अमित कुमार
    शर्मा, लखनऊ"); else None."""
    sep = next((mark for mark in _PLACE_SEPARATORS if mark in text), None)
    if sep is None:
        return None
    name, _, place = text.partition(sep)
    if sep in place:
        return None
    name = name.strip()
    places = place.split()
    # (a role and the town, "بزنس رپورٹر، کراچی", is no name)
    if not 1 <= len(places) <= _PLACE_WORDS or not _caseless_words(places) or is_role(name) \
            or not all(map(caseless_name, _caseless_parts(name))):
        return None
    return name


# "And" between two caseless names: Bengali "ও" and "এবং", Hindi "और", Urdu "اور" and
# Persian "و" written apart ("তানজিলা রহমান ও মাহমুদ হাসান, চট্টগ্রাম")
_CASELESS_AND: Final = frozenset(("\u0993", "\u098f\u09ac\u0982", "\u0914\u0930", "\u0627\u0648\u0631",
                                  "\u0648",
                                  # (Marathi, Gujarati, Punjabi, Kannada, Telugu, Odia)
                                  "\u0906\u0923\u093f", "\u0a85\u0aa8\u0ac7", "\u0a05\u0a24\u0a47",
                                  "\u0cae\u0ca4\u0ccd\u0ca4\u0cc1", "\u0c2e\u0c30\u0c3f\u0c2f\u0c41",
                                  "\u0b13"))


def _caseless_parts(name: str) -> list[str]:
    """The names of a caseless byline's name part, parted by a language's "and"."""
    parts: list[list[str]] = [[]]
    for word in name.split():
        if word in _CASELESS_AND and parts[-1]:
            parts.append([])
        else:
            parts[-1].append(word)
    return [" ".join(part) for part in parts]


# Arabic's "and" joined to the next word: "رنا الخطيب وعمر الزعبي" is two names
_ARABIC_AND: Final = "\u0648"
_NAME_MIN_WORDS: Final = 2  # each of two names joined so has at least this many words
# An Arab paper's byline: the town the story was filed from, a dash or a slash, then the
# reporters: "إربد - رنا الخطيب وعمر الزعبي", "النجف/ حيدر كاظم الموسوي"
_PLACE_FIRST: Final = re.compile(r"^(?P<place>\S{2,20}(?: \S{2,20})?) ?[-\u2013/] (?P<names>.{5,80})$")
_PLACE_FIRST_CHARS: Final = 100


def place_first_names(text: str) -> list[str]:
    """The reporters of a town-first byline in a script without capitals (``_PLACE_FIRST``),
    each one; ``[]`` when the line is none."""
    text = strip_markdown(text[:_PLACE_FIRST_CHARS]).strip()
    found = _PLACE_FIRST.match(text) if not text.isascii() else None
    if found is None or not _caseless_words(found["place"].split()):
        return []
    names = [name for part in _caseless_parts(found["names"]) for name in _joined_names(part)]
    return names if all(caseless_name(name) and not is_role(name) for name in names) else []


def _joined_names(part: str) -> list[str]:
    """The two names an Arabic "and" joined to a word parts (``_ARABIC_AND``), else the
    part. (Names open with the letter too, "وليد": two words or more either side.)"""
    words = part.split()
    for at in range(_NAME_MIN_WORDS, len(words) - 1):
        word = words[at]
        if word.startswith(_ARABIC_AND) and len(word) > 3:
            return [" ".join(words[:at]), " ".join([word[1:], *words[at + 1:]])]
    return [part]


def joined_caseless_names(text: str) -> list[str]:
    """Two names or more in a script without capitals, joined by the language's "and"
    (``_CASELESS_AND``), and nothing else: "सुहास कुलकर्णी आणि प्राजक्ता देसाई"; else ``[]``."""
    if text.isascii() or len(text) > _JOINED_NAMES_CHARS:
        return []
    parts = _caseless_parts(text)
    return parts if len(parts) >= 2 and all(caseless_name(part) and not is_role(part) for part in parts) else []


_JOINED_NAMES_CHARS: Final = 120


def caseless_names(text: str) -> list[str]:
    """The names of ``caseless_byline``'s byline, each one (``[]`` when it is none)."""
    name = caseless_byline(text)
    return _caseless_parts(name) if name else []


# A date's label, capitalised, after the names of a byline, or an editor's (see
# _byline_parts).
_PHOTO_WORD: Final = re.compile(r"\s(?:Fotografia|Fotograf\u00eda|Fotografie|Photography|Photos|Fotos|Foto"
                               r"|Photo)\s(?=[A-Z\u00c0-\u00de])")
_DATE_LABEL: Final = re.compile(
    r"\s(?:Edited [Bb]y|Updated|Published|Posted|Last updated|Modified|Actualizado|Actualizada|Publicado"
    r"|Publicada|Atualizado|Atualizada|Aktualisiert|Ver\u00f6ffentlicht|Mis \u00e0 jour|Publi\u00e9"
    r"|Publi\u00e9e|Modifi\u00e9|Aggiornato|Pubblicato|Bijgewerkt|Gepubliceerd|Publicat|Publicerad|Publisert"
    r"|Julkaistu)\b")


def _outlet_split(text: str) -> tuple[str, str | None]:
    """``"Jane Doe for The Daily Clarion"``, ``"JANE DOE FOR MAILONLINE"`` (a marked
    byline's names): (the names, the publication they wrote for), or (text, None)."""
    at = text.lower().rfind(" for ")
    if at <= 0:
        return text, None
    outlet = text[at + 5:].strip(" .")
    if not 1 <= len(outlet.split()) <= _MAX_OUTLET_WORDS \
            or not outlet.removeprefix("the ")[:1].isupper():
        return text, None
    return text[:at], title_cased(outlet) if outlet.isupper() else outlet


_BRACKET_CHARS: Final = 60  # a place or a role in brackets after a byline's names


def _closed_list(text: str) -> tuple[str, str | None]:
    """``"Ana Souza e Rafael Lima, Meridiano Campinas e TV Horizonte"`` (a marked byline's
    names): a conjunction closed the list of names before the comma, so what follows it
    names whom they work for, not more people: (the names, the employers), or (text, None)."""
    comma = text.find(", ")
    if comma < 0:
        return text, None
    words = text[:comma].split(" ")[1:-1]
    if not any(word.lower() == "and" or word in _CONJUNCTION_WORDS for word in words):
        return text, None
    names = [piece.strip(" .") for piece in _name_pieces(text[:comma])]
    if len(names) < 2 or not all(map(looks_like_name, names)):
        return text, None
    return text[:comma], text[comma + 2:].strip(" .") or None


def byline_outlet(line: str) -> str | None:
    """The publication a marked byline says its author wrote for (``By Jane Doe for The
    Daily Clarion``): None for any other line."""
    prefix = _BYLINE_PREFIX.match(_plain(line)) if " for " in line.lower() else None
    return _outlet_split(prefix["rest"])[1] if prefix else None


def _place(text: str) -> bool:
    """One to three capitalised words of letters: a city after a marked byline's names."""
    tokens = text.split()
    return 1 <= len(tokens) <= _PLACE_TOKENS and all(
        token[:1].isupper() and token.translate(_PLACE_MARKS).isalpha() for token in tokens)




# A skip link's label, "Skip to content", as themes and CMSs translate it (lower case, a
# regular expression's alternatives): English, German, French, Spanish, Italian, Dutch,
# Polish, Portuguese, Catalan, Romanian, Czech, Slovak, Hungarian, Croatian and Serbian,
# Slovenian, Turkish, the Scandinavian languages, Finnish, Estonian, Lithuanian, Latvian,
# Greek, Russian, Ukrainian, Bulgarian, Indonesian, Vietnamese, Arabic, Persian, Hebrew.
SKIP_LINKS: Final = (
    r"skip to (?:the )?(?:main )?content|jump to content|(?:direkt )?zum inhalt(?: springen)?"
    r"|aller au contenu(?: principal)?|passer au contenu|ir al contenido|saltar al contenido"
    r"|vai al contenuto|naar de inhoud|ga naar de inhoud|przejdź do treści"
    r"|(?:pular|ir|saltar) para o conteúdo|salta al contingut|sari la conținut"
    r"|přejít k obsahu|prejsť na obsah|ugrás a tartalomhoz|preskoči na sadržaj|prejdi na vsebino"
    r"|içeriğe (?:geç|atla)|hoppa till innehållet|gå til indhold|hopp til innhold"
    r"|siirry sisältöön|mine sisu juurde|pereiti prie turinio|pāriet uz saturu"
    r"|μετάβαση στο περιεχόμενο|перейти (?:к|до) содержимому|перейти до вмісту"
    r"|прескочи към съдържанието|langsung ke (?:konten|isi)|chuyển đến nội dung"
    # (Arabic "move to the content", "skip to the content"; Persian "jump to content";
    # Hebrew "skip to content")
    r"|(?:انتقل|الانتقال|تخطى|تخطي) إلى المحتوى|پرش به محتوا|דלג לתוכן"
)

# Words for the home page that open a breadcrumb trail, by language.
HOME_WORDS: Final = frozenset((
    "home", "homepage", "home page", "startseite", "start", "inicio", "início", "portada",
    "accueil", "hem", "forside", "etusivu", "voorpagina", "index", "main",
    "anasayfa", "ana sayfa", "strona główna", "página inicial", "pagina principale",
    "главная", "галоўная", "hjem", "startsida", "úvod", "főoldal", "홈", "ホーム", "トップ", "首页", "首頁",
    # (Croatian, Serbian and Bosnian, Ukrainian, Romanian, Catalan, Slovak, Slovenian,
    # Bulgarian, Lithuanian, Latvian, Estonian, Indonesian, Greek, Hebrew)
    "naslovnica", "početna", "naslovna", "почетна", "головна", "acasă", "acasa", "inici",
    "domov", "hlavná stránka", "domača stran", "начало", "pradžia", "sākums", "avaleht",
    "beranda", "αρχική", "דף הבית",
    # (Hungarian front page and home, Czech home, Danish and Norwegian "the front page")
    "címlap", "kezdőlap", "domů", "forsiden",
    "\u0939\u094b\u092e", "\u0e2b\u0e19\u0e49\u0e32\u0e41\u0e23\u0e01",  # Hindi "home", Thai "first page"
    "\u0627\u0644\u0631\u0626\u064a\u0633\u064a\u0629",  # Arabic "the main (page)"
    # (Somali, Hausa, Swahili, Welsh, Basque "front page", Vietnamese, Uzbek, Azerbaijani, Armenian)
    "bogga hore", "gida", "nyumbani", "hafan", "azala", "trang ch\u1ee7", "bosh sahifa",
    "\u0635\u0641\u062d\u0647 \u0646\u062e\u0633\u062a", "\u062e\u0627\u0646\u0647",  # (Persian "front page", "home")
    "\u09aa\u09cd\u09b0\u099a\u09cd\u099b\u09a6",  # (Bengali "cover", the front page)
    "ana s\u0259hif\u0259", "\u0563\u056c\u056d\u0561\u057e\u0578\u0580",
    # (Sorani Kurdish "main", "home"; Georgian "main"; Kazakh "main page"; Mongolian "front";
    # Albanian "front page"; Irish "home"; Punjabi "main page"; Marathi "home"; Gujarati,
    # Tamil, Telugu, Kannada and Malayalam "home")
    "سەرەکی", "ماڵەوە", "მთავარი", "басты бет", "нүүр", "ballina", "baile", "ਮੁੱਖ ਪੰਨਾ", "मुख्यपृष्ठ",
    "હોમ", "முகப்பு", "హోమ్", "ಮುಖಪುಟ", "ഹോം",
    "मुख्यपान", "मुख्य पृष्ठ",  # (Marathi "main page", Hindi "main page")
))
_CRUMB_LABEL: Final = re.compile(
    r"^(?:current(?: location)?|location|you are here|path|vous êtes ici|sie sind hier"
    r"|está en|estás en|você está em"
    # (Chinese: "current location", "your location")
    r"|\u5f53\u524d\u4f4d\u7f6e|\u60a8\u7684\u4f4d\u7f6e|\u7576\u524d\u4f4d\u7f6e) ?[:：]? ?", re.IGNORECASE)
_CRUMB_SEP: Final = re.compile(r" ?(?:[>›»→]|&gt;) ?| / ")
# A character every _CRUMB_SEP match holds (one class, no alternation: quick to scan).
_CRUMB_HINT: Final = re.compile(r"[>›»→/&]")


def _has_crumb_hint(text: str) -> bool:
    """``_CRUMB_HINT`` is found in the text. (For speed: a test for each character,
    quicker than a call of the pattern on these short lines.)"""
    return ">" in text or "/" in text or "\u203a" in text or "\u00bb" in text or "\u2192" in text \
        or "&" in text


_CASELESS_ITEM: Final = 12  # characters of a trail's item in a script without capitals, at most


_CRUMB_ENDS: Final = "/>\u203a\u00bb"


def split_breadcrumb(line: str) -> list[str] | None:
    """``"Current:Home > Markets"`` -> ``["Home", "Markets"]``; None if not a breadcrumb.

    A trail opens with a home word (``Home``, ``Startseite``, ``Inicio``, ``Accueil``)
    or is two to six short items joined by ``>``, ``›`` or ``»``. ``|`` joins menus,
    not trails.
    """
    text = _plain(line)
    if not _has_crumb_hint(text):
        return None  # no separator: one item at most (and no label holds one)
    label = _CRUMB_LABEL.match(text)
    text = text[label.end():] if label else text
    if not _has_crumb_hint(text):
        return None
    # (a trail cut before its last item keeps the separator after the one before it:
    # "Home / India News /")
    items = [item for item in (part.strip().rstrip(_CRUMB_ENDS).rstrip() for part in _CRUMB_SEP.split(text))
             if item]
    if len(items) < 2:
        return None
    if items[0].casefold() in HOME_WORDS:
        return items
    if " / " in text or len(items) > 6:
        return None
    short = all(len(item.split()) <= 4 and item[-1:] not in ".!?:" for item in items)
    # (an item in a script without capitals is short: "华夏资讯网 > 新闻 > 社会")
    return items if short and all(item[:1].isupper() or (
        item[:1].isalpha() and item.lower() == item.upper() and len(item) <= _CASELESS_ITEM)
        for item in items) else None


_META_SPLIT: Final = re.compile(r"\s{0,20}[|·•]\s{0,20}|\s{1,20}[\u2014\u2013/-]\s{1,20}|\s{3,20}")
# What every _META_SPLIT match holds: a separator or three spaces. (Two searches: one
# pattern with both alternatives is tried at every position and scans three times slower.)
_META_SEPARATOR: Final = re.compile(r"[|·•\u2014\u2013/-]")
_THREE_SPACES: Final = re.compile(r"\s\s\s")


def split_meta_parts(line: str) -> list[str]:
    """A meta line cut at its separators: ``"Jane Doe | Reporter"`` -> two parts."""
    text = strip_markdown(_cut(line))
    # (three white-space characters in a row: in a printable text, three spaces)
    if not (_META_SEPARATOR.search(text)
            or (("   " in text or not text.isprintable()) and _THREE_SPACES.search(text))):
        return [text.strip()] if text.strip() else []  # no separator
    return [p.strip() for p in _META_SPLIT.split(text) if p.strip()]


_MD_IMAGE: Final = re.compile(r"!\[[^\]\n]{0,300}\]\([^()\s]{0,1000}\)")
# [text](url "title"); the URL may hold one pair of parentheses (/wiki/Foo_(bar)).
_MD_LINK: Final = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,1000}"
                             r"(?:\([^()\s]{0,200}\)[^()\s]{0,300})?"
                             r"(?: \"[^\"\n]{0,200}\")?\)")
_LYNX_REF: Final = re.compile(r"\[\d{1,6}\]")
# (every alternative opens with its character, the one before it read behind it: a
# search skips to the next "*", "_" or "`")
_MD_EMPHASIS: Final = re.compile(r"\*\*|__|`|\*(?<![\w*]\*)(?=\w)|\*(?<=[\w.,!?:;)\"']\*)(?![\w*])"
                                 r"|_(?<!\w_)(?=\w)|_(?<=[\w.,!?:;)\"']_)(?!\w)")
_MD_PREFIX: Final = re.compile(r"^ {0,3}(?:#{1,6} |> ?|[-*+•] (?=\S))")


_MD_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def strip_markdown(line: str) -> str:
    """Markdown and lynx markup removed: links to their text, images, emphasis, list and
    heading markers, ``[12]`` link numbers. Text kept, spaces trimmed. (Each step is
    taken only where the characters it needs stand: a line without markup is stripped
    only, and no scan for markup characters is needed to tell.)"""
    if line.lstrip(" ")[:1] in "#>-*+•":  # (what _MD_PREFIX's match starts with)
        line = _MD_PREFIX.sub("", line)
    if "[" in line:
        line = _LYNX_REF.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line)))
    if "*" in line or "_" in line or "`" in line:
        line = _MD_EMPHASIS.sub("", line)
    if "\\" in line:  # html2text's escapes: "17\. května", "\- item"
        line = _MD_ESCAPE.sub(r"\1", line)
    line = line.strip()
    return line.rstrip("# ").strip() if line.endswith(" #") else line


@short_line_cache
def is_terminator(line: str) -> bool:
    text = _plain(line)
    return (_may_be_terminator(text) and _TERMINATORS.match(text) is not None) or _is_reaction_row(text)


def _is_reaction_row(text: str) -> bool:
    """Only reaction counters: ``veryGood! (12) angry (1)``."""
    if not _DIGIT.search(text):  # every counter holds a number
        return False
    # (the row opens with a counter: a line that does not is not scanned for one)
    if not _REACTION.match(text, len(text) - len(text.lstrip())):
        return False
    pos = 0
    found = False
    for match in _REACTION.finditer(text):
        if text[pos:match.start()].strip():
            return False
        pos, found = match.end(), True
    return found and not text[pos:].strip()


@short_line_cache
def is_link_box(line: str) -> bool:
    text = _plain(line)
    return len(text) <= _LINK_BOX_CHARS and _LINK_BOX.match(text) is not None


_CREDITS: Final = re.compile(
    r"^\(\s{0,3}(?:additional\s)?(?:reporting|writing|editing|edited|compiled|written|research|"
    r"translated|translation|production|graphics?|video)\s(?:by\b|:).{0,300}\)\.?$"
    r"|^(?:additional\s)?(?:reporting|writing)\sby\b.{0,200};\s{0,3}(?:additional\sreporting|"
    r"editing|edited|writing)\sby\b.{0,200}$",
    re.IGNORECASE,
)


@short_line_cache
def is_credit_line(line: str) -> bool:
    """A wire-story credits line: ``(Reporting by X; Editing by Y)``."""
    head = line[:600]
    # (a quick no: a line whose first character, white space aside, is a letter or a
    # digit keeps it first through ``strip_markdown``, which removes markup only from
    # where a "#>-*+•[!_`" stands; most paragraphs open so, and no match opens with one
    # but these)
    first = head.lstrip()[:1]
    if first.isalnum() and first not in "aArRwW":
        return False
    text = strip_markdown(head)
    if text[:1] not in "(aArRwW":  # (what a match opens with; spares respacing a paragraph)
        return False
    return bool(_CREDITS.match(" ".join(text.split())))


def is_share_row(text: str) -> bool:
    """A row of share or follow buttons with words beside them: two of its words, half
    of them at least, name networks or sharing (``_SHARE_WORDS``, the fillers and counts
    aside: "Facebook Twitter Telegram ბმულის კოპირება", "Сподели Туитни Изпрати Запази"), one
    of them other than a network's name that is a word too ("X", "Line"). (``_is_share_row``
    is the row of buttons alone, which a body leaves out.)"""
    words = [w for w in _SHARE_SPLIT.split(text.lower(), _SHARE_ROW_WORDS) if w][:_SHARE_ROW_WORDS]
    marks = [w for w in words if w not in _SHARE_FILLERS and not w.isdigit() and _share_word(w)]
    return len(marks) >= 2 and 2 * len(marks) >= len(words) and any(w not in _COMMON_SOCIAL for w in marks)


_SHARE_ROW_WORDS: Final = 16  # a row's first words read


def _is_share_row(text: str) -> bool:
    low = text.lower()
    first = _SHARE_WORD.search(low)  # (a quick no: most lines open with another word)
    if first is None or first[0] not in _SHARE_WORDS:
        return False
    words = [w for w in _SHARE_SPLIT.split(low) if w]
    if not 0 < len(words) <= 16:
        return False
    known = [w for w in words if _share_word(w)]
    # (one word more among three buttons or more: an icon's name, "… Print list")
    return (len(known) == len(words) or (len(known) >= 3 and len(known) + 1 == len(words))) \
        and any(w not in _SHARE_FILLERS and not w.isdigit() for w in known)


_SHARE_TAIL_WORDS: Final = 2  # buttons after a byline's names: at least this many


def _without_share_tail(text: str) -> str:
    """``text`` without the share and tool buttons closing it, two or more, where words are
    left before them."""
    tokens = text.split()
    keep = len(tokens)
    # (a count beside a button is one of them: "by Dana Whitcombe 14 Comments")
    while keep > 1 and (tokens[keep - 1].lower().strip(".,|\u00b7") in _SHARE_WORDS or tokens[keep - 1].isdigit()):
        keep -= 1
    return " ".join(tokens[:keep]) if len(tokens) - keep >= _SHARE_TAIL_WORDS \
        and not all(t.isdigit() for t in tokens[keep:]) else text


def _share_word(word: str) -> bool:
    if word in _SHARE_WORDS or word.isdigit():  # (a count beside a button: "Comment 312")
        return True
    if word.isascii():
        return False
    for glued in _CJK_SHARE_WORDS:
        word = word.replace(glued, "")
    return not word


def _signed_up_tail(text: str) -> bool:
    """``_SIGN_UP_TAIL`` is found in the text's last characters. (For speed: in ASCII
    text, where the case-blind pattern matches only what ``lower`` shows, not without
    "sign up" there; the pattern's search tries every position.)"""
    start = max(0, len(text) - _SIGN_UP_CHARS)
    if text.isascii() and "sign up" not in text[start:].lower():
        return False
    return _SIGN_UP_TAIL.search(text, start) is not None


@short_line_cache
def is_inline_chrome(line: str) -> bool:
    text = _plain(line)
    # (a longer text than any match is not tried: a paragraph's first MAX_CHARS)
    return (len(text) <= _INLINE_CHROME_CHARS
            and (bool(_INLINE_CHROME.match(text))
                 or (_signed_up_tail(text) and _SIGN_UP.match(text) is not None)
                 or ((_holds_inbox(text) or "ostfach" in text or "o\u00eete" in text)
                     and _INBOX_PITCH.match(text) is not None)
                 or (_may_be_supported(text) and _SUPPORTED_PITCH.match(text) is not None))) \
        or _is_share_row(text)


def _holds_inbox(text: str) -> bool:
    """``_INBOX`` is found in the text. (For speed: in ASCII text, where the case-blind
    pattern matches only the ASCII letters' two cases, as a substring of the lower-cased
    text; the pattern's search tries every position of the line.)"""
    if text.isascii():
        return "to your inbox" in text.lower()
    return _INBOX.search(text) is not None


# A photo's holder after its caption, with no "Photo:": "… stripped out for laboratory use © Bloomberg"
_CAPTION_HOLDER: Final = re.compile(r"[a-z,]\s\u00a9\s?[A-Z\u00c0-\u00de][\w'.\-]{1,20}"
                                    r"(?: [A-Z\u00c0-\u00de][\w'.\-]{1,20}){0,3}$")


_AGENCY_CREDIT_WORDS: Final = 4  # a caption closed by an agency's name: at least this many words


def _agency_closed(line: str) -> bool:
    """A photo's caption closed by its agency's name, printed in its own element after a
    capitalised word (``Werk aan de dijk bij Schoonhoven ANP``, ``… in Kyiv REUTERS``):
    a headline quoting an agency says so in lower case first ("…, says AP")."""
    words = line[-_CAPTION_TAIL:].split()
    # (a paragraph signed by the agency after its last sentence is no caption: "… the US. PTI")
    if len(words) < _AGENCY_CREDIT_WORDS or not words[-2][:1].isupper() \
            or words[-2][-1:] in ",:;|-.!?)\"'\u201d\u2019\u00bb":
        return False
    last = words[-1]
    return (last.isupper() or last.istitle()) and last.isalpha() \
        and last.casefold() not in DATELINE_ONLY and canonical_agency(last) is not None


# A sentence, then where the picture comes from as a web address: a caption's credit,
# "… from the board's plans. (harbourboard.example)". (Asked of header lines only: a
# paragraph of the body may end with a source so.)
_ADDRESS_CREDIT: Final = re.compile(r"(?<=\.)\s{1,3}\((?:www\.)?[a-z0-9-]{2,40}\.[a-z]{2,12}\)\s{0,3}$",
                                    re.IGNORECASE)
_ADDRESS_CREDIT_CHARS: Final = 70  # its longest match, and a little more


def credited_to_address(line: str) -> bool:
    """A header line that is a photo's caption credited to a web address (``_ADDRESS_CREDIT``)."""
    return line[-1:] == ")" and _ADDRESS_CREDIT.search(line, max(0, len(line) - _ADDRESS_CREDIT_CHARS)) is not None


# A photo's credit closing a caption after its last sentence, whatever closes that sentence
# (a quotation mark after the stop: "… tre veckor.” Foto: Anna Berg") and in scripts
# without capitals: a credit word, then its separator and the source ("사진=…", "Bild: …").
_CREDIT_LABEL: Final = re.compile(
    r"(?<=[.!?\u2026\u3002])[\"'\u201d\u2019\u00bb)]?\s{1,3}\(?"
    r"(?:photo|photos|foto|fotos|fot\u00f3|fotografia|fotograf\u00eda|photograph|bild|bilder|imagen|imagem"
    r"|image|picture|credit|cr\u00e9dit|kuva|zdj\u0119cie|\u0444\u043e\u0442\u043e"
    r"|\uc0ac\uc9c4|\u5199\u771f|\u7167\u7247|\u56fe\u7247|\u5716\u7247)"
    r"\s{0,2}[:=/]\s{0,3}[^.:=/]{1,60}$",
    re.IGNORECASE)
_CREDITED_NAME_WORDS: Final = 3  # a photographer's name after the caption: at most this many words
_CREDITED_SENTENCE_WORDS: Final = 6  # the caption's sentence before it: at least this many


def is_credited_caption(line: str) -> bool:
    """A photo's caption closed by its credit after the caption's last sentence, in any
    language: a credit word and the source (``_CREDIT_LABEL``), or a person's name alone
    (two or three capitalised words, particles aside: "… en la avenida del Puerto. Marta
    Gil Ortega") after a sentence in sentence case — most of its words open in small
    letters, so a headline in title case ("Storm Hits Coast. Mayor Responds") is none."""
    tail = line[-_CAPTION_TAIL:]
    if (":" in tail or "=" in tail or "/" in tail) and _CREDIT_LABEL.search(tail) is not None:
        return True
    cut = max(tail.rfind(". "), tail.rfind("! "), tail.rfind("? "))
    if cut < 1 or not tail[cut - 1].isalpha() or not small_letter(tail[cut - 1]):
        return False
    name = tail[cut + 2:].split()
    if not 2 <= len(name) <= _CREDITED_NAME_WORDS + 1:
        return False
    capitalised = 0
    for word in name:
        if word.lower() in _PARTICLES:
            continue
        bare = word.replace("-", "").replace("'", "").replace("\u2019", "")
        if not (bare.isalpha() and word[:1].isupper() and bare[1:].islower()):
            return False
        capitalised += 1
    if not 2 <= capitalised <= _CREDITED_NAME_WORDS:
        return False
    start = len(line) - len(tail) + cut
    words = line[max(0, start - _CAPTION_TAIL):start].split()[1:]  # (the first may be cut)
    if len(words) < _CREDITED_SENTENCE_WORDS:
        return False
    small = sum(1 for w in words[1:] if small_letter(w[:1]))
    return 2 * small >= len(words) - 1


@short_line_cache
def is_caption(line: str) -> bool:
    head = line[:600]
    # (the patterns first, the words counted only of a line they match: quicker on a
    # paragraph; split at most 60 times: a paragraph is not cut into all its words to
    # count 60)
    tail = line[-_CAPTION_TAIL:]
    return (_CAPTION_OPENING.match(head) is not None
            or ("(" in head and _CAPTION_BRACKET.search(head) is not None)
            or _CAPTION_CLOSING.search(tail) is not None
            or (("\uff1d" in tail or "\u3002" in tail) and _CAPTION_CLOSING_CJK.search(tail) is not None)
            or (":" in tail and not tail.isascii() and _CAPTION_CREDIT_TAIL.search(tail) is not None)
            or ("\u00a9" in tail and "opyright" not in tail and _CAPTION_HOLDER.search(tail) is not None)
            or any(key in line[-_LICENSING_TAIL:].lower() for key in _LICENSING)
            or _agency_closed(line)) \
        and len(line.split(None, 60)) < 60
