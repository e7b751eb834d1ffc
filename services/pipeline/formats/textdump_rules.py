"""Line classifiers for flattened text dumps of web pages: site chrome, bylines,
breadcrumbs, markdown. General patterns seen across many sites, not one template."""

from __future__ import annotations

import re

__all__ = [
    "END_OF_ARTICLE", "byline_names", "is_caption", "is_inline_chrome", "is_link_box",
    "is_role", "is_terminator",
    "looks_like_name", "split_breadcrumb", "split_meta_parts", "strip_markdown",
]

# A line that opens the page furniture after the article: everything from it on goes.
_TERMINATORS = re.compile(
    r"^\W{0,3}(?:related(?:\s+(?:articles?|stories|posts|news|content|coverage|reading|topics))?"
    r"|ranking|rankings|recommendations?|recommended(?:\s+(?:for you|stories|articles|reading))?"
    r"|trending(?:\s+(?:now|stories|news|today))?|popular(?:\s+(?:now|stories|posts))?"
    r"|most\s+(?:popular|read|viewed|shared)|top\s+stories|latest(?:\s+(?:news|stories|posts))?"
    r"|you\s+(?:might|may)\s+(?:also\s+)?(?:like|be interested in|have missed)"
    r"|more\s+(?:from|in|on|stories|news|articles|to read|like this)\b.{0,40}"
    r"|further\s+reading|editor'?s\s+picks?"
    r"|comments?(?:\s*\(\d+\))?|\d+\s+comments?|leave\s+a\s+(?:comment|reply)|join\s+the\s+"
    r"(?:discussion|conversation)|post\s+a\s+comment|add\s+a\s+comment"
    r"|share\s+this\s+(?:article|story|post)?:?|(?:about|more about)\s+the\s+author"
    r"|(?:tags?|topics|keywords|filed\s+under|categories)\s*[:：].*"
    r"|(?:copyright|\(c\)|©).{0,120}|(?:copyright|\(c\))\s*\d{4}.*|©.*|all\s+rights\s+reserved.*"
    r"|(?:hot|recent|previous|next)\s+(?:news|posts?|articles?|stories)|up\s+next"
    r"|sponsored(?:\s+(?:content|stories|links))?|from\s+around\s+the\s+web|around\s+the\s+web"
    r"|subscribe(?:\s+to\s+our\s+newsletter)?|sign\s+up\s+for\s+our\s+newsletter.*"
    r")\W{0,3}$",
    re.IGNORECASE,
)
# Reaction widgets: "veryGood! (76)", "Like (12)", "😀 3", "Happy 10 Sad 2".
_REACTION = re.compile(
    r"^(?:(?:very\s*good|good|great|like|love|wow|haha|sad|angry|happy|funny|useful|"
    r"interesting|bad|boring|excited|surprised|shocked|upset)!?\s*[(\[]?\s*\d+\s*[)\]]?\s*)+$",
    re.IGNORECASE,
)
END_OF_ARTICLE = (_TERMINATORS, _REACTION)
# A marker over a box of links inside the article: the links go, the article goes on.
_LINK_BOX = re.compile(r"^\W{0,3}(?:don'?t\s+miss|read\s+(?:more|next|also)|see\s+also|also\s+read"
                       r"|more|must\s+read|recommended|in\s+other\s+news)\W{0,3}$", re.IGNORECASE)

_INLINE_CHROME = re.compile(
    r"^\W{0,3}(?:advertisement|advertising|ad|sponsored|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|scroll (?:down )?to continue.*|skip advertisement"
    r"|(?:read|see|watch|listen|related|more)\s*(?:more|also|now|next|:)\s*[:>\-–—|].{0,200}"
    r"|(?:read|see|watch|related)\s*:.{0,200}|also\s+(?:read|see|on)\s*:.{0,200}"
    r"|share(?:\s+(?:this|on|via|to))?(?:\s*[:|]?\s*(?:facebook|twitter|x|email|whatsapp|"
    r"linkedin|reddit|telegram|pinterest|copy link|print|messenger))*\s*:?"
    r"|(?:facebook|twitter|x|email|whatsapp|linkedin|reddit|telegram|pinterest|print|"
    r"copy link|messenger|share|tweet|flipboard|e-?mail)(?:\s*[|/·•,]?\s*(?:facebook|twitter|x|"
    r"email|whatsapp|linkedin|reddit|telegram|pinterest|print|copy link|messenger|share|"
    r"tweet|flipboard|e-?mail))*"
    r"|click here to (?:subscribe|sign up|register|read|see|watch|follow|join).{0,120}|sign up.{0,120}newsletter.{0,60}|follow us on.{0,80}"
    r"|see more\s*:.{0,200}|most read(?: in [\w ]{1,30})?|related (?:post|article|story)"
    r"\s*:.{0,200}|like this (?:story|article)\?.{0,80}|subscribe to .{0,80}|tell us what you think"
    r"|thanks? (?:you )?for signing up.{0,60}|keep an eye on your inbox.{0,80}"
    r"|there was an error processing your subscription.{0,40}|more\s*:|also on [\w-]+\.\w{2,4}\b.{0,200}"
    r"|[\w.+-]+@[\w-]+\.[\w.]+|(?:https?://)?(?:www\.)?twitter\.com/\w+"
    r"|(?:font size|text size|listen to (?:this )?article|\d+\s+min(?:ute)?s?\s+read|"
    r"reading time.{0,20}|print this (?:article|page)|save (?:article|story)|"
    r"bookmark|gift (?:this )?article|view comments)\W{0,3}"
    r")\W{0,3}$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\((?:AP|Reuters|AFP|Getty|EPA|Photo|Image)[^)]{0,80}(?:Photo|Images?|/)[^)]{0,80}\)\s*$"
    r"|^(?:photo|image|picture|file photo|caption|credit|pictured)\s*[:|/]"
    r"|^\W*(?:getty images|shutterstock|ap photo|reuters/|afp via getty)",
    re.IGNORECASE,
)

_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du",
              "bin", "ibn", "al", "el", "dos", "das", "di", "y", "st.", "ter", "zu"}
_NAME_TOKEN = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w'\u2019\-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")
_NOT_NAMES = {
    "the", "and", "home", "news", "staff", "editor", "editors", "team", "desk", "admin",
    "reporter", "view", "share", "follow", "more", "associated", "press", "reuters",
    "updated", "published", "posted", "video", "photo", "photos", "live", "breaking",
    "opinion", "analysis", "sponsored", "advertisement", "comments", "contact", "about",
    "subscribe", "menu", "search", "login", "sign", "read", "related", "trending", "by",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "agency", "media", "wire", "correspondent",
}


def looks_like_name(text: str) -> bool:
    """A person's name: 2-5 capitalised tokens (particles and initials allowed)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 50 or any(c.isdigit() for c in text):
        return False
    if not (_NAME_TOKEN.match(tokens[0]) and _NAME_TOKEN.match(tokens[-1])):
        return False
    for token in tokens:
        if token.lower().strip(".") in _NOT_NAMES:
            return False
        if not (_NAME_TOKEN.match(token) or token.lower() in _PARTICLES):
            return False
    return True


_BYLINE_PREFIX = re.compile(
    r"^(?:by|written\s+by|posted\s+by|reported\s+by|words\s+by|story\s+by|text\s+by"
    r"|(?:author|authors|reporter|writer|byline|contributor)s?\s*[:：])\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_LINK_WORDS = re.compile(
    r"^(?P<rest>.+?)\s*(?:[|·•]\s*)?\b(?:view(?:\s+(?:profile|all\s+posts|bio|articles))?|"
    r"follow|profile|bio|more\s+articles|all\s+articles|contact|email|twitter|see\s+all)\s*$",
    re.IGNORECASE,
)
_ROLE_WORD = (r"(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|"
              r"producer|analyst|staff)s?")
_ROLES = re.compile(r"^(?:[\w.\-]+\s+){0,4}" + _ROLE_WORD + r"$", re.IGNORECASE)
_AGENCY_TAIL = re.compile(
    r"^(?P<name>.+?)\s+(?P<credit>(?:the\s+)?associated\s+press|reuters|afp|bloomberg(?:\s+news)?"
    r"|ap|upi|dpa|(?:[\w.\-]+\s+){0,3}" + _ROLE_WORD + r")$", re.IGNORECASE)
def is_role(text: str) -> bool:
    """A job title rather than a name: ``AP Auto Writer``, ``Staff Reporter``."""
    return bool(_ROLES.match(text.strip()))


_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s+with\s+|\s*&\s*|,\s*)\s*",
                         re.IGNORECASE)


def byline_names(line: str, *, site_name: str | None = None, strict: bool = True
                 ) -> tuple[list[str], list[str]] | None:
    """``(names, credits)`` if ``line`` is a byline, else None.

    Credits are the non-person parts (``Associated Press``, the site name, a role).
    ``strict`` demands a byline marker (``By``, ``Author:``, a trailing ``View``);
    otherwise a line that is only names also counts.
    """
    text = strip_markdown(line).strip(" \t|·•-–—")
    marker = _BYLINE_PREFIX.match(text)
    if marker:
        text = marker["rest"]
    else:
        linked = _LINK_WORDS.match(text)
        if linked:
            text, marker = linked["rest"], linked
    if not marker and strict and "," not in text:
        return None
    names: list[str] = []
    credits: list[str] = []
    for part in _NAME_SPLIT.split(text.strip(" .")):
        part = part.strip(" .")
        if not part:
            continue
        tail = _AGENCY_TAIL.match(part)
        if tail and not looks_like_name(part) and looks_like_name(tail["name"]):
            part, credit = tail["name"], tail["credit"]
            credits.append(credit)
        if _ROLES.match(part):
            credits.append(part)
        elif looks_like_name(part):
            names.append(part.title() if part.isupper() else part)
        elif (site_name and part.casefold() == site_name.casefold()) \
                or part.casefold() in ("associated press", "the associated press", "reuters",
                                       "afp", "ap", "bloomberg", "staff", "upi", "dpa"):
            credits.append(part)
        else:
            return None
    if not names and not (marker and credits):
        return None
    if not marker and not names:
        return None
    if not marker and strict and not credits:
        return None  # "Name, Name" alone is not a byline without a marker or credit
    return names, credits


_BREADCRUMB = re.compile(
    r"^(?:current(?:\s+location)?|location|you\s+are\s+here|path)?\s*[:：]?\s*"
    r"(?P<trail>home\s*(?:[>›»/|]|&gt;).*)$",
    re.IGNORECASE,
)
_CRUMB_SEP = re.compile(r"\s*(?:[>›»]|&gt;|\s/\s|\s\|\s)\s*")


def split_breadcrumb(line: str) -> list[str] | None:
    """``"Current:Home > Invest"`` -> ``["Home", "Invest"]``; None if not a breadcrumb."""
    match = _BREADCRUMB.match(line.strip())
    if not match:
        return None
    return [part.strip() for part in _CRUMB_SEP.split(match["trail"]) if part.strip()]


_META_SPLIT = re.compile(r"\s+[|·•]\s+|\s*[|·•]\s*(?=\S)|\s+[\u2014\u2013]\s+|\s{3,}")


def split_meta_parts(line: str) -> list[str]:
    return [p.strip() for p in _META_SPLIT.split(strip_markdown(line)) if p.strip()]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")


def strip_markdown(line: str) -> str:
    """Markdown inline syntax and block prefixes removed, text kept."""
    if not any(c in line for c in "*_[#>!`-+"):
        return line
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    line = _MD_PREFIX.sub("", line).replace("`", "")
    return line.rstrip("# ").strip() if line.rstrip().endswith(" #") else line.strip()


def is_terminator(line: str) -> bool:
    text = strip_markdown(line).strip()
    return any(p.match(text) for p in END_OF_ARTICLE)


def is_link_box(line: str) -> bool:
    return bool(_LINK_BOX.match(strip_markdown(line).strip()))


_CREDITS = re.compile(
    r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|written|research|"
    r"translated|translation|production|graphics?|video)\s+(?:by\b|:).{0,300}\)\.?$"
    r"|^(?:additional\s+)?(?:reporting|writing)\s+by\b.{0,200};\s*(?:additional\s+reporting|"
    r"editing|edited|writing)\s+by\b.{0,200}$",
    re.IGNORECASE,
)


def is_credit_line(line: str) -> bool:
    """A wire-story credits line: ``(Reporting by X; Editing by Y)``."""
    return bool(_CREDITS.match(strip_markdown(line).strip()))


def is_inline_chrome(line: str) -> bool:
    return bool(_INLINE_CHROME.match(strip_markdown(line).strip()))


def is_caption(line: str) -> bool:
    return len(line.split()) < 60 and bool(_CAPTION.search(line))
