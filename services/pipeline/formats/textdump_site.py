"""The site name of a text dump (its section: ``textdump_section``).

Site name, strongest evidence first:

1. the ``Headline | Site`` line that repeats the headline (``textdump_title``);
2. a ``Site — Section`` line in the header;
3. a link to the site's home page standing alone (``[Site](https://host/)``, a logo's
   alt text in such a link, lynx's ``[5]Site`` whose reference is the home page, the
   feed links ``Site » Feed``; without the home page's word after the name, ``Site
   Homepage``); an image the top and the trailer both print (the logo at both ends);
   the site's name a trail above the headline opens with;
4. the site part of a ``<title>``-like first line (``Other headline - Site``);
5. the copyright line (``© 2024 Site. All rights reserved.``), wire agencies skipped;
   a company name (``… LLC``) gives way to a masthead, a logo or the brand it is named
   for, a publication of its that the trailer names (``Site Oggi - Testata
   giornalistica …`` over ``© Editoriale Site S.r.l.``), or to a name the top prints
   before a dash and its tagline or town that the trailer prints again (``Site24 -
   portal miejski``, ``Newsletter Site24``); and any holder to a masthead it is named
   for or abbreviated from (``MBN News``, ``CPB News``), or to the publication the
   trailer says it runs or publishes (``Site is a project of Holder``, ``Site is
   published by Holder Ltd``, ``Site FM is licensed by … Part of Holder Radio
   Group.``); an author's copyright (a newsletter's) to the masthead;
6. a masthead: a short capitalised line of its own near the top, above the headline;
7. ``Source: Site`` in the trailer, when nothing else names the site; or a name the
   trailer prints alone and the top row holds among menu words;
8. a name one of the domains the page's links go to most spells, letter for letter
   (``TLN`` or ``Tln.example`` for ``www.tln.example``), the top's form first: when
   nothing else names the site, and in place of a name that is the copyright holder's
   (unless the title pair or a home link gave it too) when no domain linked more
   spells the holder (the owner, ``© 2025 Harbour Holdings Inc``); failing that, the
   name a follow box gives (``Follow Site online:``, ``Follow Site on Facebook`` and
   on another network); failing that, for a company holder (``… Lda.``), the logo's
   alternative text at the top (``![Site](/uploads/logo-site.png)``); failing that, for
   a holder that is a company by any sign (``… Company``, ``ТОВ «…»``, ``… Α.Ε.``) and
   printed once, the name the header, the trailer and the body's last paragraphs print in
   the most places, two at least, among the masthead, the names opening lines (``Site24.cz
   › Zprávy``, ``SiteWire is a member of …``), photo credits' sources and names in quotes.

The header's trails and kicker, and the ``Site — Section`` line, are read by
``textdump_section``, which this module asks too; the publisher-name helpers both use
(``shares_word``, ``NEWS_WORDS``, …) live in ``textdump_rules``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Final

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_lines import (
    Line,
    name_shaped,
)
from services.pipeline.formats.textdump_rules import (
    ACRONYM_CHARS,
    CONSENT_WORDS,
    HOME_WORDS,
    LYNX_NUMBER,
    LYNX_REFERENCE,
    MAX_CHARS,
    MAX_NAME_WORDS,
    NAME_COPIES,
    NEWS_WORDS,
    PUBLISHER_WORDS,
    SKIP_LINKS,
    SOCIAL_NAMES,
    bio_name,
    byline_outlet,
    has_label,
    is_initials,
    is_inline_chrome,
    shares_word,
    small_letter,
    split_breadcrumb,
    strip_markdown,
    title_cased,
)
from services.pipeline.formats.textdump_section import (
    SITE_SECTION_DASH,
    bulleted_trail,
    kicker_above,
    masthead_of,
    numbered_trail,
    site_and_section,
    split_menu,
)
from services.pipeline.formats.textdump_title import PUBLISHED_IN, is_media_label, split_title_site
from services.pipeline.wire import canonical_agency

__all__ = ["SiteMarks", "find_site", "site_marks"]

_COPYRIGHT: Final = re.compile(r"[©\u24d2]|\(c\)|\bcopyright\b", re.IGNORECASE)  # (ⓒ: Korean pages)
_YEARS: Final = re.compile(r"^(?:\d{4}(?: ?[-\u2013] ?\d{2,4})?[ ,.]{0,3})")
_HOLDER_LEAD: Final = re.compile(r"^(?:[\s\u00a9\u24d2:]|\(c\)|copyright\b){0,6}", re.IGNORECASE)
_TRAILING_YEAR: Final = re.compile(r"[ ,]{1,3}\d{4}(?: ?[-\u2013] ?\d{2,4})?$")
# A company's legal form closing the holder's name (cut at its first ". ": "Oostmedia
# B.V", "Media Pomorze Sp" of "Sp. z o.o."): the publisher, not the publication.
# (a closing dot is optional: the holder is cut at its last ". ", "Editorial Cantábrica S.L")
_LEGAL_FORMS: Final = (r"LLC|L\.L\.C\.?|Inc\.?|inc\.?|Ltd\.?|Limited|Corp\.?|GmbH|AG|S\.A\.?|SA|plc|PLC|Co\.|KG|"
                       r"S\.L\.?|S\.p\.A\.?|B\.V\.?|BV|N\.V\.?|NV|Sp|sp|S\.r\.l\.?|SRL|AB|ASA|A/S|Oy|SAS|SARL|LLP|Pty|Pte|"
                       # Spain's and Catalonia's SL, the Balkans' d.o.o. and d.d., Czech and Slovak
                       # s.r.o. and a.s., Hungary's Kft. and Zrt., Brazil's Ltda. and S/A, Estonia's
                       # OÜ and AS, Lithuania's UAB, Latvia's SIA, Ukraine's and Russia's ТОВ and ООО;
                       # Portugal's Lda.
                       r"SL|d\.o\.o\.?|d\.d\.?|s\.r\.o\.?|a\.s\.?|Kft\.?|Zrt\.?|Nyrt\.?|Ltda\.?|Lda\.?|S/A|O\u00dc|AS|UAB"
                       r"|SIA"
                       # and Turkey's A.Ş. (a holder is cut before its closing ". ")
                       r"|\u0422\u041e\u0412|\u041e\u041e\u041e|A\.\u015e\.?"
                       # and India's "Pvt. Ltd.", Pakistan's "(Pvt) Ltd", South Africa's "(Pty) Ltd" and
                       # "(Edms) Bpk", Ireland's DAC and CLG, Malaysia's Berhad and "Sdn Bhd"
                       r"|Pvt\.?|\(Pvt\)|Bpk\.?|\(Pty\)|\(Edms\)|DAC|CLG|Berhad|Bhd\.?|Sdn\.?"
                       # and Israel's "בע\"מ" (Ltd), India's "Pvt" in Hindi and Marathi, Gujarati,
                       # Kannada, Telugu, Malayalam, Punjabi, Bengali and Assamese ("प्रा. लि.")
                       r"|\u05d1\u05e2[\"\u05f4]\u05de|प्रा|પ્રા|ಪ್ರೈ|ప్రై|പ്രൈ|ਪ੍ਰਾ|প্রা|প্ৰা"
                       # (and "Private Limited" and "Limited" spelled in Devanagari and in Urdu)
                       r"|\u092a\u094d\u0930\u093e\u0907\u0935\u0947\u091f \u0932\u093f\u092e\u093f\u091f\u0947\u0921"
                       r"|\u0932\u093f\u092e\u093f\u091f\u0947\u0921|\u0644\u0645\u06cc\u0679\u0688")
# Where a copyright holder's name ends: a separator, or the rights notice in the
# languages of the marker tables.
_HOLDER_END: Final = re.compile(
    # (a comma between digits is a decimal one: a station's frequency, "Horizon 99,1")
    r"[|\u00b7\u2022;\u0964\u06d4\u1362\u0589]|,(?!\d)|(?<!\d),| - | \u2013 | \u2014 | / |\. |\.$|\ball rights\b"
    r"|\btodos los derechos\b"
    r"|\btous droits\b|\balle rechte\b|\btodos os direitos\b|\btutti i diritti\b"
    r"|\briproduzione riservata\b|\balle rechten\b|\bdroits r\u00e9serv\u00e9s\b"
    # (and in Scandinavian, Slavic, Turkish, Indonesian, Hebrew, Hindi, Thai and Bengali;
    # a danda and the Urdu, Ethiopic and Armenian full stops end the name too)
    r"|\balle rettighe|\balla r\u00e4ttigheter\b|\bv\u0161e\w{0,3} pr\u00e1va\b|\bwszelkie prawa\b"
    r"|\u0432\u0441\u0435 \u043f\u0440\u0430\u0432\u0430|\bt\u00fcm haklar\u0131|\bhak cipta dilindungi\b"
    r"|\u05db\u05dc \u05d4\u05d6\u05db\u05d5\u05d9\u05d5\u05ea"
    r"|\u0938\u0930\u094d\u0935\u093e\u0927\u093f\u0915\u093e\u0930"
    r"|\u0e2a\u0e07\u0e27\u0e19\u0e25\u0e34\u0e02\u0e2a\u0e34\u0e17\u0e18\u0e34\u0e4c"
    r"|\u09b8\u09b0\u09cd\u09ac\u09b8\u09cd\u09ac\u09a4\u09cd\u09ac"
    # (and in Chinese and Japanese: "版权所有", "無断転載を禁じます")
    r"|\u7248\u6743\u6240\u6709|\u7248\u6b0a\u6240\u6709|\u7121\u65ad\u8ee2\u8f09"
    # (and Korean "unauthorised reproduction …": "무단전재 및 재배포 금지")
    r"|\ubb34\ub2e8 ?\uc804\uc7ac"
    r"|\bpowered by\b|\btheme by\b"
    # (and a company's registration number after its name: "… Berhad [197101000523-W]")
    r"|\s[\[(]\d", re.IGNORECASE)
# Chinese legal forms, written without a space: "有限公司" (limited company), "股份有限公司"
# (by shares), "有限責任公司" / "有限责任公司" (limited liability)
_CJK_FORMS: Final = r"(?:\u80a1\u4efd)?\u6709\u9650(?:\u8cac\u4efb|\u8d23\u4efb)?\u516c\u53f8"
_COMPANY: Final = re.compile(r"(?:\b(?:" + _LEGAL_FORMS + r"|Corporation|Holdings|Group|Media Group)"
                             r"| & Co\.?(?: KG)?|" + _CJK_FORMS + r")$|^PT\s")  # (Indonesia's "PT" opens the name)
# Other signs of a company holding the copyright, for ``SiteMarks.corporate`` only: a word
# for a company or a group closing its name ("The Hokusei Shimbun Company", "Зоря Медіа
# Груп"), Greece's legal forms ("Ώρα Εκδοτική Α.Ε.", cut before its closing dot)
_CORPORATE: Final = re.compile(r"(?:\b(?:Company|Compa\u00f1\u00eda|Companhia|Compagnie|Gruppe|Grupo|Gruppo|Groupe"
                               # (a media house's word: "Tatra Media", "Laiko medija", "जनप्रवाह मीडिया")
                               r"|[Mm]edia|[Mm]edien|[Mm]edija|[Mm]ediji|[Mm]edya|M\u00eddia|M\u00e9dias"
                               r"|\u041c\u0435\u0434\u0438\u0430|\u041c\u0435\u0434\u0456\u0430"
                               r"|\u092e\u0940\u0921\u093f\u092f\u093e|\u09ae\u09bf\u09a1\u09bf\u09af\u09bc\u09be"
                               r"|\u0413\u0440\u0443\u043f|\u0413\u0440\u0443\u043f\u0430"
                               r"|\u0413\u0440\u0443\u043f\u043f\u0430"
                               # (Urdu "media" and "group": "نوائے شہر میڈیا گروپ")
                               r"|\u0645\u06cc\u0688\u06cc\u0627|\u06af\u0631\u0648\u067e)"
                               r"|\s(?:\u0391\.\u0395|\u0395\.\u03a0\.\u0395|\u0399\.\u039a\.\u0395|\u039f\.\u0395)\.?)$")
# ... or a legal form printed before the name in quotes (``_FORM_FIRST``): "© 2025 ТОВ «Name»"
_FORM_BEFORE: Final = re.compile(r"(?:^|\s)(?:UAB|AB|SIA|AS|OOO|TOV|\u041e\u041e\u041e|\u0422\u041e\u0412|\u0410\u041e"
                                 r"|\u041f\u0410\u0422)\s[\"\u00ab\u201c\u201e]$")
_LEADING_FORM: Final = re.compile(r",\s{0,2}(?:" + _LEGAL_FORMS + r")(?!\w)")
_LEGAL_FORM: Final = re.compile(r",?(?:\s(?:" + _LEGAL_FORMS + r")| & Co\.?(?: KG)?)$|(?<=\w)" + _CJK_FORMS + "$")
_MAX_SITE_WORDS: Final = 6  # a company's name confirmed by a line at the top has at most this many
_SOURCE: Final = re.compile(r"^(?:source|fuente|quelle|fonte)\s{0,2}[:：]\s{0,3}(?P<site>\S.{0,80})$",
                            re.IGNORECASE)
_MD_ROOT_LINK: Final = re.compile(
    r"^ {0,3}(?:#{1,6} )?\[(?:!\[(?P<alt>[^\[\]\n]{1,80})\]\([^()\s]{0,300}\)"
    r"|(?P<text>[^\[\]\n]{1,80}))\]\((?P<url>[^()\s]{1,300})"
    # (and the link's title, which html2text may wrap onto the next line:
    # '[Site](https://site.example/ "Site - home page")')
    r"(?:\)|\s{1,3}\"(?P<title>[^\"\n]{0,200})(?:\"\))?)\s{0,3}$")
# A logo linked to the home page opening a row of links: its alternative text is the site's
# name ("[![Site](/logo.png)](/) [Log in](/login) [Subscribe](/subscribe)"); or the name of
# two words or more, linked so ("[The Daily Clarion](/) Subscribe [Sign in](/login)").
_MD_LOGO_FIRST: Final = re.compile(
    r"^ {0,3}\[(?:!\[(?P<alt>[^\[\]\n]{1,80})\]\([^()\s]{0,300}\)|(?P<text>[^\[\]\n]{1,80}))\]"
    r"\((?P<url>[^()\s]{1,300})(?:\s{1,3}\"[^\"\n]{0,200}\")?\)")  # (and the link's title)
_LYNX_FEED: Final = re.compile(r"^ {0,8}#\[\d{1,5}\](?P<site>[^\[\]\u00bb]{2,80}) \u00bb ")
_ROOT_URL: Final = re.compile(r"^(?:https?://[^/\s]{1,200})?/?$"
                              r"|^https?://[^/\s]{1,200}/(?:index\.\w{2,5})?$")
# Words that open menu and account lines rather than a masthead.
_MENU_WORDS: Final = frozenset((
    "skip", "menu", "sign", "log", "login", "subscribe", "search", "register", "account",
    # (and a reader's own menu: "My account", "Your Gazette")
    "my", "your", "newsletter", "newsletters", "main", "accept", "reject", "manage", "share",
    "advertisement", "support", "open", "close", "donate", "toggle", "back", "follow",
    "zum", "aller", "ir", "saltar", "anmelden", "abo", "assinar", "entrar",
    "zur\u00fcck", "retour", "volver", "voltar", "torna", "terug",  # "back to ..."
    "watch", "listen",  # "Watch Live", "Listen now"
    "cookies", "cookie", "privacy",  # a consent banner's heading: "Cookies on Site"
    # a consent banner's buttons (and CONSENT_WORDS): "Einverstanden Einstellungen"
    "agree", "kabul", "settings", "preferences", "purposes", "got",  # "Got it", "I Accept Show Purposes"
    "options",  # "I Accept More Options"
    # "search" and "log in" on a masthead's row: "Menu Cerca La Tribuna Abbonati Accedi"
    "cerca", "buscar", "suche", "rechercher", "zoeken", "szukaj", "hledat", "cari", "pesquisar",
    "accedi", "abbonati", "iniciar", "connexion", "p\u0159ihl\u00e1sit",
    # "subscribe" in German, French, Spanish, Italian, Dutch, Swedish, Finnish, Polish, Turkish
    "abonnieren", "abonnez-vous", "s'abonner", "suscr\u00edbete", "suscribirse", "iscriviti",
    "abonneren", "prenumerera", "tilaa", "subskrybuj", "abone", "assine",
    # "log in" in Finnish, Swedish, Norwegian, Dutch, German, Polish, Slovak, Hungarian, Turkish
    "kirjaudu", "logga", "logg", "inloggen", "einloggen", "zaloguj", "prihl\u00e1si\u0165",
    "bejelentkez\u00e9s", "giri\u015f",
    # and in Serbian, Russian, Ukrainian and Bulgarian, with "subscription" and the script
    # switch of a Serbian page ("Latinica | Ћирилица")
    "\u043f\u0440\u0438\u0458\u0430\u0432\u0430", "prijava", "\u043f\u0440\u0435\u0442\u043f\u043b\u0430\u0442\u0430",
    "pretplata", "\u045b\u0438\u0440\u0438\u043b\u0438\u0446\u0430", "latinica", "\u0432\u043e\u0439\u0442\u0438",
    "\u043f\u043e\u0434\u043f\u0438\u0441\u043a\u0430", "\u0443\u0432\u0456\u0439\u0442\u0438",
    "\u043f\u0456\u0434\u043f\u0438\u0441\u043a\u0430", "\u0432\u0445\u043e\u0434",
    "\u0430\u0431\u043e\u043d\u0430\u043c\u0435\u043d\u0442",
)) | CONSENT_WORDS


@dataclass(frozen=True, slots=True)
class SiteMarks:
    """Names of the site found without the headline's help."""

    root: str | None = None  # a link to the home page
    copyright: str | None = None
    company: bool = False  # the copyright holder is a company name (LLC, Inc, GmbH)
    source: str | None = None  # "Source: X" in the trailer
    # a publication of the company holding the copyright, named in the trailer: a name
    # sharing a word with the holder's, first on a line ("Nordvestjyske Tidende · Ansvarshavende
    # chefredaktør: …" over "© 2026 Nordvestjyske Medier A/S"), or before a dash, its legal
    # line ("La Gazzetta Vallese - Testata giornalistica registrata …")
    sibling: str | None = None
    # a publication its trailer says the copyright holder runs: "The Fact Desk is a project
    # of Northlight Media, a nonprofit newsroom." over "© 2026 Northlight Media"
    project: str | None = None
    incorporated: bool = False  # a legal form after the holder's name and a comma
    # the holder is a company by any sign: a legal form after its name or before it ("ТОВ
    # «Name»"), or a word for a company closing it ("The Hokusei Shimbun Company", "Α.Ε.")
    corporate: bool = False
    logo: str | None = None  # the text of an image at the top the page names its logo ("![Site](/logo.svg)")
    # the trailer's lines, where a name on a line of its own may be the masthead's (read by
    # find_site only when nothing else names the site: see _footer_names)
    foot: tuple[Line, ...] = ()
    # the body's last paragraphs, where an author's bio may name the site ("Jane is Site's
    # mining editor"): read by ``_repeated`` only
    tail: tuple[Line, ...] = ()
    # the text of an image printed at the top and again in the trailer: the logo at both ends
    emblem: str | None = None
    # the header's lines and the whole trailer's, read for the addresses of the page's links
    # only when find_site needs the domains they go to (``_site_domains``)
    raw_head: Sequence[str] = ()
    links: Sequence[str] = ()

    def names(self) -> list[str]:
        return [n for n in (self.root, self.copyright, self.source) if n]


def _holder(text: str) -> str | None:
    """The holder's name on a copyright line: ``© 2024 Site. All rights reserved.``"""
    # (the regex is slow to scan a line: tried only on one holding what a match needs)
    match = _COPYRIGHT.search(text) \
        if "\u00a9" in text or "(" in text or "opyr" in text.lower() or "\u24d2" in text else None
    if not match:
        return None
    # (the holder before the Chinese "all rights reserved" that opens the line: "华东在线版权所有
    # Copyright © 2008-2024 hdzx.cn")
    lead = text[:match.start()].rstrip(" |\u00b7")
    if lead.lower().endswith("copyright"):
        lead = lead[:-len("copyright")].rstrip(" |\u00b7")
    if lead.endswith(_CHINESE_RESERVED):
        name = lead[:-len(_CHINESE_RESERVED[0])].strip()
        # (without the name in Latin letters in brackets after it: "马新日报有限公司（Maxin Daily
        # Sdn Bhd）版权所有")
        if name.endswith(("\uff09", ")")):
            opening = max(name.rfind("\uff08"), name.rfind("("))
            name = name[:opening].strip() if opening > 0 else name
        name = name.rsplit(" ", 1)[-1].strip(" |\u00b7")
        if name and not name.isascii():
            return name
    rest = _HOLDER_LEAD.sub("", text[match.end():]).replace("PT. ", "PT ")  # (Indonesia's "PT." opens a name)
    years = _YEARS.match(rest)
    # (a separator between the years and the name: "© Copyright 2025 - Bandillo Express")
    rest = _HOLDER_LEAD.sub("", rest[years.end():].lstrip(" -\u2013\u2014|\u00b7") if years else rest)
    if rest.startswith(_HEBREW_RESERVED):  # "© כל הזכויות שמורות לשער החדשות 2025": "… reserved to X"
        rest = rest[len(_HEBREW_RESERVED):].lstrip("-־ ")
    reserved = next((lead for lead in _RESERVED_FIRST if rest.startswith(lead)), None)
    if reserved:  # (the rights notice before the name: "© ২০২৫ সর্বস্বত্ব স্বত্বাধিকার সংরক্ষিত দৈনিক …")
        rest = rest[len(reserved):].lstrip(" .:-\u0964")
    end = _HOLDER_END.search(rest)
    name = _TRAILING_YEAR.sub("", (rest[:end.start()] if end else rest).strip()).strip(" .")
    # (without the site's own web address in brackets after its name: "© Site (www.site.com)")
    if name.endswith((")", "]", "\uff09")):
        name = _without_own_address(name)
    if name[:1] in _FORM_FIRST_OPENERS:  # (the legal form before the name in quotes: "UAB „Žinių banga“")
        name = _FORM_FIRST.sub("", name)
    if name[:1] in _NAME_QUOTES:  # (a name in quotes: "© 2026 «Невский обозреватель»")
        # (and the word for what it is after them, in small letters: "© 1991–2025 "Səhər" qəzeti")
        close = next((at for at in range(1, len(name)) if name[at] in _NAME_QUOTES), -1)
        kind = name[close + 1:].split() if close > 0 else []
        # (or an abbreviation in capitals: "«ДалаАқпарат» ҰАА", its national news agency)
        name = name[1:close].strip() if 0 < len(kind) <= _KIND_WORDS \
            and all(w.islower() or (w.isupper() and len(w) <= _KIND_CAPITALS) for w in kind) \
            else name.strip(_NAME_QUOTES).strip()
    # ("Crown copyright": a rights notice that names no holder)
    # (a name opens with a capital, or with a letter of a script without case: 한빛일보)
    if not name or not (name[0].isupper() or (name[0].isalpha() and not name[0].islower()
                                              and not name[0].isascii())) \
            or len(name.split()) > MAX_NAME_WORDS \
            or "copyright" in name.lower() or name.lower().startswith(_MAKERS) \
            or name.casefold() in _NOTICE_LINKS:
        return None
    return None if canonical_agency(name) else name


# A web address in brackets closing a name: "Site (www.site.com)", "Site [site.co.kr]"
_OWN_ADDRESS: Final = re.compile(r"\s{0,3}[(\[\uff08]\s{0,2}(?:https?://)?(?:www\.)?[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}/?"
                                 r"\s{0,2}[)\]\uff09]$", re.IGNORECASE)
_OWN_ADDRESS_CHARS: Final = 340  # its longest match


def _without_own_address(name: str) -> str:
    """``name`` without a web address in brackets closing it (``_OWN_ADDRESS``), where a
    name is left before it: the site's own address printed after its name."""
    start = max(0, len(name) - _OWN_ADDRESS_CHARS)
    match = _OWN_ADDRESS.search(name, start)
    if match is None or not name[:match.start()].strip():
        return name
    return name[:match.start()].rstrip(" ,-\u2013\u2014|")


_KIND_WORDS: Final = 2  # words after a quoted name that say what it is ("qəzeti", "gazetesi")
_KIND_CAPITALS: Final = 4  # ... or its abbreviation ("ҰАА")


# The words after "Copyright" in a link's label, not a holder: "Copyright Notices"
_NOTICE_LINKS: Final = frozenset(("notice", "notices", "policy", "information", "info", "statement",
                                  "agent", "complaints", "infringement"))


# The site's makers, not its owner: "© 2002-2019 - Designed by Gray Digital Media"
_MAKERS: Final = ("designed by", "powered by", "site by", "website by", "built by", "developed by",
                  "hosted by", "web design")


# Hebrew "all rights reserved to", the holder's name glued to its last letter ("ל", to)
_HEBREW_RESERVED: Final = ("\u05db\u05dc \u05d4\u05d6\u05db\u05d5\u05d9\u05d5\u05ea "
                           "\u05e9\u05de\u05d5\u05e8\u05d5\u05ea \u05dc")
# Chinese "all rights reserved" (simplified and traditional), the holder's name before it
_CHINESE_RESERVED: Final = ("\u7248\u6743\u6240\u6709", "\u7248\u6b0a\u6240\u6709")
# "All rights reserved" opening the line, the name after it: Bengali, Hindi
_RESERVED_FIRST: Final = (("\u09b8\u09b0\u09cd\u09ac\u09b8\u09cd\u09ac\u09a4\u09cd\u09ac "
                          "\u09b8\u09cd\u09ac\u09a4\u09cd\u09ac\u09be\u09a7\u09bf\u0995\u09be\u09b0 "
                          "\u09b8\u0982\u09b0\u0995\u09cd\u09b7\u09bf\u09a4"),
                          ("\u09b8\u09b0\u09cd\u09ac\u09b8\u09cd\u09ac\u09a4\u09cd\u09ac "
                          "\u09b8\u0982\u09b0\u0995\u09cd\u09b7\u09bf\u09a4"),
                          ("\u0938\u0930\u094d\u0935\u093e\u0927\u093f\u0915\u093e\u0930 "
                          "\u0938\u0941\u0930\u0915\u094d\u0937\u093f\u0924"))
_NAME_QUOTES: Final = "\"\u00ab\u00bb\u201c\u201d\u201e"
# Legal forms printed before a name in quotes: Lithuania's UAB and AB, Latvia's SIA,
# Estonia's AS, Russia's and Ukraine's ООО, ТОВ, АО, ПАТ ("ООО «Name»")
_FORM_FIRST: Final = re.compile(r"^(?:UAB|AB|SIA|AS|OOO|TOV|\u041e\u041e\u041e|\u0422\u041e\u0412|\u0410\u041e"
                                r"|\u041f\u0410\u0422)\s(?=[\"\u00ab\u201c\u201e])"
                                # (and a Spanish-speaking country's "SA" before a name: "SA La Voz Nacional")
                                r"|^(?:SA|S\.A\.)\s(?=[A-Z\u00c0-\u00de])")
_FORM_FIRST_OPENERS: Final = "USAOT\u041e\u0422\u0410\u041f"
_MASTHEAD_LINES: Final = 15  # a masthead stands near the top of the page
_OUTLET_REACH: Final = 8  # header lines after the headline read for "By Jane Doe for Site"


_FORM_FIELD: Final = re.compile(r"\(BUTTON\)|_{3,}")
_FIGURE: Final = re.compile(r"^[+\-\u2212]?[$\u20ac\u00a3]?\d[\d,.]{0,12}%?$")  # a price, a change
_ROW_LINKS: Final = 4  # links on a row of the masthead: "[3]menu [4]Site"


def _host(url: str) -> str:
    """``https://www.site.example/path`` -> ``www.site.example`` ("" for a local link)."""
    return url.split("//", 1)[1].split("/", 1)[0] if "//" in url else ""


def _lynx_root(line: str, roots: set[str]) -> str | None:
    """The text of a lynx link to the home page on a line of one to four links and
    nothing else (``[4]Site``, ``[3]menu [4]Site``) but a button before them
    (``(BUTTON) Menu [3]Site``)."""
    pieces = LYNX_NUMBER.split(line.strip())  # ["", "3", "menu ", "4", "Site"]
    if pieces[0].startswith("(BUTTON)") and len(pieces[0].split()) <= _ROW_LINKS:
        pieces[0] = ""
    if pieces[0] or not 3 <= len(pieces) <= 2 * _ROW_LINKS + 1:
        return None
    return next((pieces[i + 1].strip() for i in range(1, len(pieces), 2)
                 if pieces[i] in roots and pieces[i + 1].strip()), None)


def _without_company(holder: str) -> str:
    """The holder without its legal forms: "Breisgauer Tagblatt GmbH & Co. KG" gives
    "Breisgauer Tagblatt" ("Holdings", "Group" and "Corporation" stay: part of a name)."""
    for _ in range(3):  # (at most three forms stand one after another)
        bare = _LEGAL_FORM.sub("", holder).strip()
        if bare == holder:
            break
        holder = bare
    return holder


def _titled(title: str | None) -> str | None:
    """The site's name a home link's title gives, "MSPoweruser - Microsoft and Technology
    News", where the link shows a logo's short form ("MSPU")."""
    name = _without_home_label(SITE_SECTION_DASH.split(title.replace(" - ", " \u2013 "), 1)[0].strip()) if title else ""
    return name if name_shaped(name) else None


def _without_home_label(text: str) -> str:
    """The name without the home page's word closing a logo link's label, in any language
    the marker tables read, after a dash or not: "RFM Aktuell - Startseite", "RFS Startseite"."""
    head, _, last = text.rpartition(" ")
    return head.removesuffix(" -").rstrip() if head and last.casefold() in HOME_WORDS else text


def _root_link(raw_head: Sequence[str], refs: Sequence[re.Match[str]]) -> str | None:
    """The site's name a link to the home page gives (``refs``: lynx's references)."""
    roots = {m["n"] for m in refs if _ROOT_URL.match(m["url"])}
    if len(roots) > 1:  # the home page is on the host most links go to, not "assine." or "login."
        hosts = Counter(_host(m["url"]) for m in refs)
        home = [m for m in refs if m["n"] in roots]
        most = max(hosts[_host(m["url"])] for m in home)
        roots = {m["n"] for m in home if hosts[_host(m["url"])] == most}
    for at, line in enumerate(raw_head):
        if "[![" in line and ")](" not in line and at + 1 < len(raw_head):
            # (a logo's alternative text html2text wrapped: "[![The Health" /
            # "Ledger](/logo.svg)](https://site.example/)"; or its image's address, after a
            # hyphen: "[![The Ledger](https://site.example/wp-" / "content/logo.png)](/)")
            line = _unwrapped(line, raw_head[at + 1:at + 1 + _WRAPPED_LINES])
        feed = _LYNX_FEED.match(line) if "#[" in line else None
        if feed:
            return feed["site"].strip()
        md = _MD_ROOT_LINK.match(line) if "](" in line else None
        text = (_titled(md["title"]) or md["alt"] or md["text"]) \
            if md and _ROOT_URL.match(md["url"]) else None
        logo = _MD_LOGO_FIRST.match(line) if md is None and "](" in line else None
        if logo and _ROOT_URL.match(logo["url"]) \
                and (logo["alt"] or len(logo["text"].split()) >= 2):
            text = logo["alt"] or logo["text"]
        if roots and "[" in line:
            text = _lynx_root(line, roots) or text
        # (without the home page's word after the name: "[Site Homepage](/)")
        text = _without_home_label(text.strip().removesuffix(" logo").removesuffix(" Logo")) if text else None
        # (or a short name in a script without capitals: "[![华夏资讯网](/logo.png)](/)")
        if text and text.casefold() not in HOME_WORDS and _brand_text(text) \
                and text.split()[0].lower() not in _MENU_WORDS:
            return text
    return None


_WRAPPED_LINES: Final = 3  # lines html2text may wrap a logo's link over, after its first


def _unwrapped(line: str, more: Sequence[str]) -> str:
    """A markdown image link that html2text wrapped, its lines joined, up to the line
    that closes the image (``)](``): by a space, or by nothing after a hyphen, where
    html2text breaks an address."""
    parts = [line.rstrip()]
    for next_line in more:
        parts.append("" if parts[-1].endswith("-") else " ")
        parts.append(next_line.strip())
        if ")](" in next_line:
            break
    return "".join(parts)


_LOGO_IMAGE: Final = re.compile(r"!\[(?P<alt>[^\[\]\n]{1,80})\]\((?P<url>[^()\s]{0,300})\)")
_LOGO_LINES: Final = 30  # (a cookie notice above the masthead may take half of them)


_DOMAIN: Final = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}(?:\.[a-z0-9-]{1,40}){0,3}\.[a-z]{2,6}$")


def _brand_text(text: str) -> bool:
    """A site's name as a logo gives it: capitalised words, a short name in a script
    without capitals, or a domain name in lower case (``newsfront.com.au``)."""
    return name_shaped(text) or _caseless_brand(text) or _numbered_brand(text) \
        or (bool(_DOMAIN.match(text)) and not text.startswith("www."))  # (an advertiser's link: "www.…")


_BRAND_WORDS: Final = 4


def _numbered_brand(text: str) -> bool:
    """A brand with a number among its words, as broadcasters' are (``IndiaWatch 24x7``,
    ``France 24``, ``News18``): capitalised words and words holding a digit, the first a
    capitalised one. (``name_shaped`` takes no digit: a person's name holds none.)"""
    tokens = text.split()
    return 1 <= len(tokens) <= _BRAND_WORDS and tokens[0][:1].isupper() \
        and any(c.isdigit() for c in text) \
        and all(t[:1].isupper() or (t.isalnum() and any(c.isdigit() for c in t)) for t in tokens)




def _emblem(raw_head: Sequence[str], raw_foot: Sequence[str]) -> str | None:
    """``SiteMarks.emblem``: the text of a markdown image among the first lines that an
    image in the trailer has too (``![NSBL.com](/img/shield.svg)`` at both ends)."""
    images = ""  # the trailer's lines that hold an image, read once
    for line in raw_head[:_LOGO_LINES]:
        if "![" not in line:  # (what a match holds)
            continue
        if not images:
            images = "\n".join(foot for foot in raw_foot if "![" in foot) or "\n"
        for image in _LOGO_IMAGE.finditer(line):
            alt = image["alt"].strip()
            # (not a social network's icon, nor an advertiser's domain)
            if alt and (name_shaped(alt) or _caseless_brand(alt)) and alt.casefold() not in HOME_WORDS \
                    and alt.casefold() not in SOCIAL_NAMES and not alt.lower().startswith("www.") \
                    and f"![{alt}](" in images:
                return alt
    return None


def _logo(raw_head: Sequence[str]) -> str | None:
    """The text of a markdown image among the page's first lines whose file is named a
    logo (``![Tideline](/uploads/tideline-logo.svg)``)."""
    for line in raw_head[:_LOGO_LINES]:
        if "![" not in line or "logo" not in line.lower():  # (what a match holds)
            continue
        for image in _LOGO_IMAGE.finditer(line):
            alt = image["alt"].strip().removesuffix(" logo").removesuffix(" Logo")
            if "logo" in image["url"].lower() and alt and alt.casefold() != "logo" \
                    and (name_shaped(alt) or _caseless_brand(alt)):
                return alt
    return None


_FOOTER_NAMES: Final = 24  # (bounded: each is looked for in the top rows)


def _footer_names(foot: Sequence[Line]) -> tuple[str, ...]:
    """Names on lines of their own in the trailer (a logo's text there, "The Piedmont
    Observer"): short capitalised lines, not list items, menu words or agencies."""
    names: list[str] = []
    for line in foot:
        tokens = line.text.split()
        if line.bullet or not 2 <= len(tokens) <= _MAX_SITE_WORDS or not name_shaped(line.text) \
                or tokens[0].lower() in _MENU_WORDS or tokens[-1].lower() in _MENU_WORDS \
                or canonical_agency(line.text) or line.text in names:
            continue
        names.append(line.text)
        if len(names) == _FOOTER_NAMES:
            break
    return tuple(names)


def _glued_name(top: Sequence[Line], names: Sequence[str]) -> str | None:
    """A name of ``_footer_names`` glued to menu and account words on a row at the
    top (``Sections The Piedmont Observer Subscribe Sign In``), or opening a row at the
    top, its logo's tagline after it (``Millbrook Ledger-Dispatch Part of the Heritage
    Media Network``): printed at both ends of the page, it is the masthead."""
    for name in names:
        padded = f" {name} "
        for line in top:
            tokens = line.text.split()
            if line.text != name and padded in f" {line.text} " \
                    and (tokens[0].lower() in _MENU_WORDS or tokens[-1].lower() in _MENU_WORDS
                         or tokens[0].lower() in _ROW_WORDS or line.text.startswith(name + " ")):
                return name
    return None


def site_marks(foot: Sequence[Line], raw_head: Sequence[str], raw_foot: Sequence[str], *,
               tail: Sequence[Line] = (), links: Sequence[str] = ()) -> SiteMarks:
    """Home-page link, copyright holder and ``Source:`` name (see the module docstring);
    ``tail``: the body's last paragraphs, read for ``Source:`` only; ``links``: the whole
    trailer, read for its links' addresses only (lynx's list of references may run to
    hundreds of lines), with ``raw_head``, for the domains they go to (``_site_domains``)."""
    # The raw line: a dump tool's list-marker rule would take a leading "©" for a bullet.
    held = next(((h, text) for h, text in ((_holder(text), text) for text in
                                           (strip_markdown(line.raw) for line in foot)) if h), None)
    holder = held[0] if held else None
    # (a legal form after a comma, which ends the holder's name: "Atlas Broadcasting Network, Inc.")
    incorporated = held is not None and bool(_LEADING_FORM.match(held[1], held[1].find(held[0]) + len(held[0])))
    sources = (_SOURCE.match(line.text) for line in [*tail, *foot]
               if ":" in line.text or "\uff1a" in line.text)  # (what a match holds)
    source = next((m["site"].strip() for m in sources
                   if m and not canonical_agency(m["site"].strip())), None)
    company = bool(holder and _COMPANY.search(holder))
    corporate = held is not None and (company or incorporated or bool(_CORPORATE.search(held[0]))
                                      or bool(_FORM_BEFORE.search(held[1], 0, max(0, held[1].find(held[0])))))
    sibling = _sibling(foot, _without_company(holder), raw_head) if holder and company else None
    # (each pattern asked only of a line holding what its matches hold: most hold none)
    refs = [m for m in map(LYNX_REFERENCE.match, [line for line in raw_foot if ". " in line]) if m]
    return SiteMarks(root=_root_link(raw_head, refs), copyright=holder, company=company,
                     source=source, sibling=sibling, incorporated=incorporated, corporate=corporate,
                     logo=_logo(raw_head),
                     foot=tuple(foot), tail=tuple(tail), emblem=_emblem(raw_head, raw_foot),
                     project=_project(foot, _without_company(holder)) if holder else None,
                     raw_head=raw_head, links=links or raw_foot)


# A markdown link's address on a host: "](https://www.site.example/news/)"
_MD_HOST: Final = re.compile(r"\]\(https?://([^/\s()\"?#]{1,200})")
# A country's second level, under which a site registers its domain: "site.co.uk", "site.com.br"
_SECOND_LEVELS: Final = frozenset(("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic",
                                   "mil", "nom", "ltd", "plc", "sch", "gv"))
_DOMAIN_LINKS: Final = 3  # links to the site's domain, at least
_DOMAINS: Final = 3  # domains kept, the most linked
_LINKS_CHARS: Final = 2000  # the part of a trailer's line read for its links' addresses


def _registered(host: str) -> str:
    """The registered domain of a host: ``edition.site.example`` -> ``site.example``,
    ``www.site.co.uk`` -> ``site.co.uk`` (a public-suffix list would be exact; this reads
    a country's common second levels, which is what a site's name is compared with)."""
    labels = host.lower().split(":", 1)[0].strip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS else 2
    return ".".join(labels[-keep:])


def _site_domains(raw_head: Sequence[str], raw_foot: Sequence[str]) -> tuple[str, ...]:
    """The ``_DOMAINS`` registered domains most links go to, most linked first, the
    site's own among them ("site.example", "site.co.uk"; "shop.example" of a page of
    affiliate links may outnumber it): lynx's list of references, markdown links'
    addresses; each with ``_DOMAIN_LINKS`` links at least, not a social network's."""
    links: Counter[str] = Counter()  # by host, each host's domain read once
    for whole in (*raw_head, *raw_foot):
        line = whole[:_LINKS_CHARS]  # (a line's first links: the work per line bounded)
        if "://" not in line:  # (what a match holds)
            continue
        if "](http" in line:
            links.update(_MD_HOST.findall(line))
            continue
        reference = LYNX_REFERENCE.match(line[:MAX_CHARS])
        if reference and reference["url"].startswith("http"):
            links[_host(reference["url"])] += 1
    hosts: Counter[str] = Counter()
    for host, count in links.items():
        hosts[_registered(host)] += count
    return tuple(domain for domain, count in hosts.most_common(_DOMAINS + len(SOCIAL_NAMES))
                 if count >= _DOMAIN_LINKS and "." in domain
                 and domain.split(".", 1)[0] not in SOCIAL_NAMES)[:_DOMAINS]


# "<Publication> is a project of <Publisher>": the part of's kinds in English; or "is
# published by <Publisher>", "owned by", "operated by"
_PROJECT: Final = re.compile(
    r"^(?P<name>\S.{0,60}?) is (?:(?:(?:a|an|the) (?:[\w-]{1,20} ){0,3}?)?(?:project|publication|program"
    r"|programme|service|product|part|member|brand|division|newsroom|initiative|title|site|ministry)"
    r" of|(?:published|owned|operated) by) (?:the )?(?P<owner>\S.{0,100})"
    # (or its part's sentence after the line's first: "Site FM is licensed by the regulator.
    # Part of Holder Radio Group.")
    r"|^(?P<named>\S.{0,60}?) is [^.]{1,120}\. (?:A (?:part|member)|Part|Member) of (?:the )?(?P<group>\S.{0,100})")
# ... and "<Publication> is part of <Group>" in the other languages of Europe's press:
# "Hellbacher Kreisanzeiger ist Teil des Netzwerks von Ostermann Medien", "fait partie du
# groupe …", "forma parte de", "fa parte di", "faz parte do", "maakt deel uit van", "är en
# del av", "on osa", "jest częścią", "je součástí"
_PART_OF_ABROAD: Final = re.compile(
    r"^(?P<name>\S.{0,60}?) (?:ist (?:ein )?Teil|geh\u00f6rt zu[mr]?|fait partie|forma parte|pertenece a"
    r"|fa parte|faz parte|maakt deel uit|is onderdeel|\u00e4r en del|ing\u00e5r i|er en del|on osa"
    r"|jest cz\u0119\u015bci\u0105|je sou\u010d\u00e1st\u00ed|je s\u00fa\u010das\u0165ou)"
    r" (?P<group>\S.{0,100})")


def _project(foot: Sequence[Line], holder: str) -> str | None:
    """The ``SiteMarks.project`` of a copyright holder (its legal form left out): the
    name opening a trailer's line that says it is the holder's project, publication or
    part (or a part's: "… is a ministry of the Office of Communications, United Covenant
    Church"), or that the holder publishes it ("Site is published by Harbour Media Limited");
    or that opens a line whose next sentence names a group a word of the holder's name
    names ("Site FM is licensed by … Part of Harbour Radio Group." over "© Harbour
    Broadcasting DAC"); or, in another language, that it is part of a group, the group or
    the name sharing a word with the holder's name (``_PART_OF_ABROAD``)."""
    owner = holder.casefold()
    for line in foot:
        text = line.text.strip()
        abroad = _PART_OF_ABROAD.match(text)
        if abroad is not None:
            # (the line's last sentence before it: "Päätoimittaja Tuomas Rinne. Harjuseudun
            # Sanomat on osa …")
            name = abroad["name"].rsplit(". ", 1)[-1].strip()
            # (the group or the publication itself named by a word of the holder's: "…
            # von Ostermann Medien" or "Hellbacher …" over "© Hellbacher Verlagsgesellschaft mbH")
            if (shares_word(abroad["group"], holder) or shares_word(name, holder)) and name_shaped(name) \
                    and name.casefold() != owner:
                return name
            continue
        if " of " not in text and " by " not in text:  # (what a match holds)
            continue
        match = _PROJECT.match(text)
        if match is None:
            continue
        # (the group a sentence of its own names may be the holder's by one word of its name:
        # "Part of Holder Radio Group" over "© Holder Broadcasting DAC")
        name = match["name"] or match["named"]
        if (owner in match["owner"].casefold() if match["owner"] else shares_word(match["group"], holder)) \
                and name_shaped(name) and name.casefold() != owner:
            return name
    return None


def _sibling(foot: Sequence[Line], publisher: str, raw_head: Sequence[str]) -> str | None:
    """The ``SiteMarks.sibling`` of a publisher's name (its legal form left out); or such
    a name on a line of its own (a logo's text in the footer) that opens a line at the top
    of the page too (``Daily Beacon Home News Royals …`` over ``Daily Beacon`` and ``©
    2025 Beacon Newspapers Ltd``)."""
    for line in foot:
        text = line.text.strip()
        # (or before a dash, the publication's legal line: "La Gazzetta Vallese - Testata
        # giornalistica registrata …" over "© Editoriale Vallese S.r.l.")
        first = split_menu(text, 1)[0].split(" - ", 1)[0].strip()
        if len(first.split()) < 2 or not name_shaped(first) or first.casefold() == publisher.casefold() \
                or not shares_word(first, publisher):
            continue
        if first != text:
            return first
        # (or the publisher's own words after an article, where the publisher adds its
        # house's word: "La Voce Nazionale" over "© Editoriale Voce Nazionale S.p.A.")
        if _core_words(first) == _core_words(publisher) != []:
            return first
        if publisher.casefold() not in text.casefold() \
                and any(LYNX_NUMBER.sub("", raw).strip().startswith(first + " ")
                        for raw in raw_head[:_MASTHEAD_LINES]):
            return first
    return None


# A logo link's label after the site's name: "The Guardian - Back to home", "Site | Homepage".
_HOME_LINK: Final = re.compile(r"\s{1,3}[-\u2013\u2014|:]\s{1,3}(?:(?:back|go|return)\s(?:to\s)?)?"
                               r"(?:the\s)?home\s?(?:page)?$", re.IGNORECASE)


# ... and one that says so, "- Back to home", whatever follows it on the row
_BACK_HOME: Final = re.compile(r"\s{1,3}[-\u2013\u2014|:]\s{1,3}(?:back|go|return)\s(?:to\s)?(?:the\s)?home"
                               r"(?:\s?page)?\b", re.IGNORECASE)
_BACK_HOME_CHARS: Final = 80  # the row's first characters, where the logo's label stands


# A skip link's label, which a render may run into the line after it
_SKIP_LINK: Final = re.compile(r"^(?:" + SKIP_LINKS + r")\s", re.IGNORECASE)


def _channel_name(tokens: list[str]) -> bool:
    """A broadcaster's name with its channel number: ``WKBT 8 News Now``, ``KARE 11``,
    ``Channel 4 News`` (a number of up to three digits among capitalised words)."""
    words = [t for t in tokens if not (t.isdigit() and len(t) <= 3)]
    return 0 < len(words) < len(tokens) <= 5 and not tokens[0].isdigit() \
        and name_shaped(" ".join(words))


def _masthead(top: Sequence[Line], stop: int) -> str | None:
    """A short capitalised line of its own near the top of the page, above ``stop``:
    two words or more, or one that reads as a name (``Nord-Ost-Kurier``,
    ``Example.com``); not a menu item."""
    for at, line in enumerate(top[:stop]):
        text = line.text
        if "(BUTTON)" in line.raw or "___" in line.raw:
            # (the name before a search field and its button: "Site ______ (BUTTON) Cari")
            text = LYNX_NUMBER.sub("", _FORM_FIELD.split(line.raw, 1)[0]).strip()
            if not text:
                continue
        if "home" in text.lower():  # (what a _HOME_LINK match holds)
            # (the logo's link run into the menu's on one row: "[5]The Meridian - Back to
            # home [6]News [7]Opinion …": the label before its "back to home")
            glued = _BACK_HOME.search(text[:_BACK_HOME_CHARS])
            text = text[:glued.start()] if glued else _HOME_LINK.sub("", text)
            # (a logo's label run into its place, "Marlowe County, Colorado Home Page": the
            # name is printed on its own too)
            if text.lower().endswith((" home page", " homepage")):
                continue
        # (the page's skip link glued before the logo's link, and the link's label in
        # another language: "Direkt zum Inhalt RFM Aktuell - Startseite")
        text = _without_home_label(text)
        text = _SKIP_LINK.sub("", text, count=1)
        if not text:
            continue
        tokens = text.split()
        if len(tokens) >= 3 and tokens[0] == tokens[1]:
            # (the logo's label before the wordmark that opens with it: "TNB TNB News")
            tokens = tokens[1:]
            text = " ".join(tokens)
        # (a market ticker's name over its price: "S&P 500" / "5,473.17")
        if line.bullet or (at + 1 < len(top) and _FIGURE.match(top[at + 1].text)) \
                or not (name_shaped(text) or _channel_name(tokens)) \
                or tokens[0].lower() in _MENU_WORDS or tokens[-1].lower() in _MENU_WORDS \
                or canonical_agency(text) or text.casefold() in HOME_WORDS or has_label(tokens) \
                or all(token.casefold() in SOCIAL_NAMES for token in tokens) \
                or all(len(token) == 2 and token.isupper() for token in tokens):
            # (a row of icons' labels, or of languages' codes: "AZ RU EN")
            continue
        single = ("-" in text[1:] or "." in text[1:-1]) and not line.raw.strip().startswith("-")
        if len(tokens) >= 2 or single:
            # (a domain name in capitals stays as printed: "GOV.UK"; so do a station's call
            # letters and its channel's number: "KLMZ 4")
            domain = len(tokens) == 1 and "." in text[1:-1]
            lettered = sum(token.isalpha() for token in tokens)
            return title_cased(text) if text.isupper() and not domain and lettered >= 2 else text
    return None


# Articles opening a publication's name: "La Voce Nazionale", "Het Kempens Dagblad"
_NAME_ARTICLES: Final = frozenset(("the", "la", "il", "lo", "le", "les", "el", "los", "las", "der", "die",
                                   "das", "de", "het", "o", "a", "os", "as", "l'"))


def _core_words(name: str) -> list[str]:
    """The name's words but its articles and ``PUBLISHER_WORDS``, in order, folded."""
    return [w for w in name.casefold().split() if w not in PUBLISHER_WORDS and w not in _NAME_ARTICLES]


_GLUED_AFTER: Final = 4  # menu words after the name on its row, at most ("Abonneren Inloggen Digitale krant")


def _opens(text: str, name: str) -> bool:
    """``text`` is ``name``, or ``name`` and a row of menu words after it (``Daily
    Crescent Home Latest Pakistan …``), or opens with ``name`` twice, glued (a logo's
    alternative text and the name beside it: ``Bandillo ExpressBandillo Express …``)."""
    if text == name or text.startswith(name + name):
        return True
    if not text.startswith(name + " "):
        return False
    after = text[len(name) + 1:]
    rest = after.split(" ", 1)[0].casefold()
    # (or the day's date after it: "Ekonomi Meydanı 12 Eylül 2024, Perşembe Abone Ol")
    if rest in _MENU_WORDS or rest in HOME_WORDS:
        return True
    dated = find_date(after) if rest[:1].isdigit() else None
    return dated is not None and dated.start == 0


_TAGLINE_WORDS: Final = 3  # a tagline after the name has at least this many


def _tagged(line: Line, brand: str) -> bool:
    """The line is ``brand`` and its tagline: "Isar-Anzeiger Die Heimatzeitung für Freising,
    Erding und das Hallertau" (not a list's item; a capitalised word after it, not one
    that says what the company is, then more; no sentence's end)."""
    text = line.plain
    if line.bullet or not text.startswith(brand + " ") or text[-1:] in ".!?" or split_breadcrumb(text):
        return False
    after = text[len(brand) + 1:].split()
    # (a phrase, with words in small letters: not a trail, nor the rest of the name)
    return len(after) >= _TAGLINE_WORDS and after[0][:1].isupper() and after[0].casefold() not in PUBLISHER_WORDS \
        and any(word[:1].islower() for word in after)


def _holder_opening(top: Sequence[Line], holder: str) -> str | None:
    """A line of the top, not a list's item, that is the holder's first words (not all
    of them, and not a menu's word)."""
    for line in top:
        text = line.plain
        if not line.bullet and holder.startswith(text + " ") and text.casefold() not in _MENU_WORDS \
                and text.casefold() not in HOME_WORDS and name_shaped(text):
            return text
    return None


def _with_article(name: str, lines: Sequence[Line]) -> str:
    """``name`` with "The" before it when a line opens with them so, the masthead's or
    the address's: "The Bermuda Sentinel, 2 Par-la-Ville Road" over "\u00a9 Bermuda
    Sentinel Ltd"."""
    titled = f"The {name}"
    for line in lines:
        text = line.plain
        if text.startswith(titled) and (len(text) == len(titled) or not text[len(titled)].isalnum()):
            return titled
    return name


def _holder_ending(top: Sequence[Line], foot: Sequence[Line], holder: str) -> str | None:
    """The holder's last words (two or more, not all of them, a capital first) that the
    trailer prints on a line of their own and a line of the top opens with: a station's name after its call
    letters ("Noticias 41 San Antonio" over "\u00a9 2024 KSAV-TV Noticias 41 San Antonio")."""
    words = holder.split()
    for size in range(len(words) - 1, 1, -1):
        name = " ".join(words[-size:])
        if name[:1].isupper() and any(line.text == name for line in foot) \
                and any(line.plain == name or line.plain.startswith(name + " ") for line in top):
            return name
    return None


def _brand(publisher: str) -> str | None:
    """The publisher's name without the words after it that say what it is (``Tideline
    News`` -> ``Tideline``, ``Harbour Ledger Media Group`` -> ``Harbour Ledger``), or
    None when none ends it."""
    words = publisher.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].casefold() in PUBLISHER_WORDS and words[cut - 1].casefold() != "the":
        cut -= 1
    return " ".join(words[:cut]) if cut < len(words) else None


# "About" before the site's name on a link of the trailer: English, German, French, Spanish,
# Portuguese, Italian, Dutch
_ABOUT: Final = ("about ", "\u00fcber ", "\u00e0 propos de ", "acerca de ", "sobre ", "sobre o ", "sobre a ",
                 "chi \u00e8 ", "over ")
_ABOUT_WORDS: Final = 4  # the name after "About", at most


def _about_name(foot: Sequence[Line], holder: str) -> str | None:
    """The name of an ``About X`` line of the trailer that shares a word with the
    holder (``shares_word``): the site's own page about itself."""
    for line in foot:
        low = line.text.lower()
        lead = next((a for a in _ABOUT if low.startswith(a)), None)
        name = line.text[len(lead):].strip() if lead else ""
        if name and len(name.split()) <= _ABOUT_WORDS and name.lower() not in ("us", "uns", "nous", "nosotros") \
                and (name_shaped(name) or _numbered_brand(name)) and shares_word(name, holder):
            return name
    return None


def _named_masthead(top: Sequence[Line], holder: str) -> str | None:
    """A line of its own at the top that names the publication as a Romance title does,
    its adjective in lower case after the capitalised words (``Le Messager neuchâtelois``),
    when a word of it is the publisher's (``Éditions du Messager SA``)."""
    for line in top:
        tokens = line.text.split()
        # (an article and a noun before the adjective: "CNBC logo" is a logo's alternative text)
        if line.bullet or not 3 <= len(tokens) <= _MAX_SITE_WORDS or not tokens[-1].isalpha() \
                or not tokens[-1].islower() or not name_shaped(" ".join(tokens[:-1])) \
                or any(t.lower() in _MENU_WORDS for t in tokens):
            continue
        if shares_word(" ".join(tokens[:-1]), holder):
            return line.text
    return None


def _glued_masthead(top: Sequence[Line], holder: str) -> str | None:
    """The site's name that a logo's text glued to menu and account words on one row
    (``Menu Cerca La Tribuna Nazionale Abbonati Accedi``, ``Whanganui Mail Subscribe Sign
    in``, ``Daily Clarion London 9°C Login``), when a word of it is the publisher's
    (``Edizioni Tribuna S.p.A.``): without the publisher's word, a row of menu items reads
    the same."""
    return next((name for name in _glued_names(top) if shares_word(name, holder)), None)


def _glued_names(top: Sequence[Line]) -> Iterator[str]:
    """Per row of ``top`` glued to menu and account words, the name-shaped words between
    them (``_glued_masthead``)."""
    for line in top:
        tokens = line.text.split()
        start = 0
        while start < len(tokens) and tokens[start].lower() in _MENU_WORDS:
            start += 1
        end = next((at for at in range(start + 1, len(tokens))
                    if tokens[at].lower() in _MENU_WORDS), len(tokens))
        # (and before a weather widget's place and temperature: "Daily Clarion London 9°C Login")
        warm = next((at for at in range(start + 2, end) if "\u00b0" in tokens[at]), None)
        if warm is not None:
            end = warm - 1
        if (start == 0 and end == len(tokens)) or len(tokens) - end > _GLUED_AFTER:
            continue
        name = " ".join(tokens[start:end])
        if name_shaped(name):
            yield name


# A blog platform's line naming the publication a post appeared in: "Published in The
# Commons Street · 8 min read · Jun 3, 2024".
_PUBLISHED_IN: Final = re.compile(
    r"^(?:" + "|".join(PUBLISHED_IN) + r") (?P<site>[^\u00b7|]{2,60}?)(?: [\u00b7|](?: |$)|$)",
    re.IGNORECASE)
_PUBLISHED_IN_FIRST: Final = "".join({c for phrase in PUBLISHED_IN for c in (phrase[0], phrase[0].upper())})
_PUBLISHED_IN_REACH: Final = 6  # header lines after the headline where it stands


def _published_in(head: Sequence[Line], title_at: int) -> str | None:
    """The publication of a ``Published in X`` line under the headline."""
    for line in head[title_at + 1:title_at + 1 + _PUBLISHED_IN_REACH] if title_at >= 0 else ():
        found = _PUBLISHED_IN.match(line.text) if line.text[:1] in _PUBLISHED_IN_FIRST else None
        if found and name_shaped(found["site"]):
            return found["site"]
    return None


_TITLE_PIPES: Final = 2  # "Headline | Section | Site" at most, or a headline of this many words first:
_HEADLINE_WORDS: Final = 6


def _first_line_site(top: Sequence[Line]) -> str | None:
    """The site part of a ``<title>``-like first line (``Some headline - Site``); the
    left part must read as a headline (a lower-case word), not as a menu
    (``Local News | Sports | Weather``)."""
    split = split_title_site(top[0].text) if top else None
    # (a row of four links or more, the first no headline, is a menu: "Subscribe to the
    # Magazine | Newsletters | Webinars | Advertise | Log In")
    if not split or canonical_agency(split[1]) or is_media_label(split[1]) or (
            top[0].text.count(" | ") > _TITLE_PIPES
            and len(top[0].text.split(" | ", 1)[0].split()) < _HEADLINE_WORDS):
        return None
    words = split[0].split(" | ")[0].split()
    # (nor a row of the day's date and account links: "четвртак, 13. март 2025. Latinica |
    # Ћирилица Претплата Пријава")
    site = split[1].split()
    if not site or site[0].lower() in _MENU_WORDS or site[-1].lower() in _MENU_WORDS:
        return None
    # (a headline in a script without capitals reads as one by its length; a top bar
    # holding the day's date does not: "שער החדשות יום שלישי, 18 בפברואר 2025 | התחברות")
    # (a top bar holding the day's date is no headline in any script: "Неділя, 3 вересня 2023
    # Вінниця +19° RU | UA Facebook Telegram YouTube")
    if find_date(split[0]) is not None:
        return None
    caseless = split[0].lower() == split[0].upper() and len(split[0]) >= _CASELESS_HEADLINE_CHARS
    return split[1] if len(words) >= 3 and (any(w[:1].islower() for w in words) or caseless) else None


_CASELESS_HEADLINE_CHARS: Final = 16


def _folded(text: str) -> str:
    """The text's letters and digits, case folded: how a domain spells a name."""
    return "".join(filter(str.isalnum, text.casefold()))


def _spells(domain: str, name: str) -> bool:
    """The domain spells the name, its first label or all of it, with or without the
    article opening the name (``site.example`` spells "Site", "The Site", "La Site" and
    "Site.example")."""
    label = domain.split(".", 1)[0].replace("-", "")
    first, _, rest = name.partition(" ")
    return _folded(name) in (label, _folded(domain)) \
        or (first.casefold() in _NAME_ARTICLES and _folded(rest) == label)


_DOMAIN_NAME_WORDS: Final = 4  # words of a name a domain spells, at most
# (a label of two letters is a state's or a language's code as often as a name: "sc.gov.example")
_DOMAIN_LABEL_CHARS: Final = 3
_NAME_EDGES: Final = " .,:;|()[]*\"'!?\u00bb\u203a<>#"


def _domain_named(top: Sequence[Line], marks: SiteMarks, domains: Sequence[str], holder: str | None) -> str | None:
    """The site's name a domain the page links to most spells (``_domain_name``), in
    place of the copyright holder (or of nothing found): the owner, "© 2025 Harbour
    Holdings Inc", where "tideline.example" spells the name the page prints, "Tideline".
    The domains are read most linked first: one that spells the holder keeps it; one
    that spells a name the top prints gives it, the masthead's and the menu's form
    ("Site.com", where the trailer's links may print "Site News"); else the name the
    trailer prints that the most linked one spells."""
    for domain in domains:
        if holder and _spells(domain, holder):
            return holder
        name = _domain_name(top, domain)
        if name:
            return name
    return _domain_name(marks.foot, domains[0]) if domains else None


def _domain_name(lines: Sequence[Line], domain: str) -> str | None:
    """The name the site's domain spells (``_spells``), as the lines print it, one to
    four words, a capital first: ``WSJ`` for ``wsj.example``, ``The Sun`` for
    ``thesun.example``, ``Site.co.uk`` for ``site.co.uk``; the form printed most often,
    the first at a tie."""
    label = domain.split(".", 1)[0].replace("-", "")
    if label in SOCIAL_NAMES or len(label) < _DOMAIN_LABEL_CHARS:
        return None
    keys = (label, _folded(domain))
    forms: Counter[str] = Counter()
    for line in lines:
        if label not in _folded(line.text):  # (what a match holds: most lines hold none)
            continue
        tokens = line.text.split()
        folded = [_folded(token) for token in tokens]
        for start, first in enumerate(folded):
            if not first or not (label.startswith(first) or keys[1].startswith(first)):
                continue  # (what a match opens with)
            for key in keys:
                end = _spelled_to(key, folded, start)
                if end < 0:
                    continue
                form = " ".join(tokens[start:end + 1]).strip(_NAME_EDGES)
                if form[:1].isupper() and _folded(form) == key:
                    forms[form] += 1
    return max(forms, key=forms.__getitem__) if forms else None


def _spelled_to(key: str, folded: Sequence[str], start: int) -> int:
    """The index of the last of the words from ``start`` on (``_DOMAIN_NAME_WORDS`` at
    most, their letters and digits ``folded``) that spell ``key`` together, or -1."""
    at = 0
    for end in range(start, min(start + _DOMAIN_NAME_WORDS, len(folded))):
        word = folded[end]
        if not key.startswith(word, at):
            return -1
        at += len(word)
        if at == len(key) and word:
            return end
    return -1


def _outlet(head: Sequence[Line], title_at: int) -> str | None:
    """The publication a byline under the headline names: ``By Jane Doe for Site``."""
    if title_at < 0:
        return None
    found = (byline_outlet(line.text) for line in head[title_at + 1:title_at + 1 + _OUTLET_REACH])
    return next((o for o in found if o and not canonical_agency(o)), None)


def find_site(head: Sequence[Line], top: Sequence[Line], marks: SiteMarks, *,
              paired: str | None, title_at: int, title: str | None) -> str | None:
    """The site name (see the module docstring for the order of evidence). ``top`` is
    the first lines of the page; when ``head`` is not cut, they are its first lines.
    A name printed twice glued, a logo's hidden title and its text ("Aotearoa PostAotearoa
    Post"), is the name once; so is a name printed twice by the wordmark and the logo's
    alternative text ("Site.example Site Logo", ``_wordmark``)."""
    name = _find_site(head, top, marks, paired=paired, title_at=title_at, title=title)
    held = _folded(marks.copyright) if marks.copyright else ""
    # (only a name the copyright holder gave: not the title pair's, nor a home link's label)
    if name is None or (held and name not in (paired, marks.root) and _folded(name) in (
            held, _folded(_without_company(marks.copyright or "")))):
        holder = name
        name = _domain_named(top, marks, _site_domains(marks.raw_head, marks.links), name) or name
        if name == holder:  # (no domain spells another name: a follow box's)
            name = _followed([*top, *marks.foot]) or name
        if name == holder and (marks.company or marks.incorporated):
            # (or, for a company, the publication the writers' bios after the body work for;
            # not over a publication's own notice: a story it republishes names the original's)
            name = _bio_outlet([*marks.tail, *marks.foot], top) or name
        if name == holder and (marks.company or marks.incorporated):
            # (or, for a company holding the copyright, "Edições Penedo Alto, Lda.", the
            # alternative text of the logo at the top)
            name = marks.logo or name
        foreign = name is not None and _foreign(name, title)
        if name is not None and name == holder and (marks.corporate or foreign):
            # (or the brand the page prints in several places where a company's notice
            # is printed once: "Rybnik7.cz si cení vašeho soukromí" and "Rybnik7.cz ›
            # Zprávy" over "© 2026 Rybnik Vydavatelství s.r.o."; or where the notice is in
            # Latin letters on a page in another script, as a reader names it: "北湊新報"
            # over "© The Kitaminato Shimpo")
            name = _repeated(head, top, marks, title_at, holder=name, foreign=foreign) or name
        if name is not None and name == holder and marks.corporate:
            # (or the holder without the words that say it is a media house, where the page
            # prints that name elsewhere: "Site" over "© Site Media Group", "जनपथ समाचार"
            # in a photo credit over "© जनपथ समाचार मीडिया प्रा. लि.")
            name = _house_brand(head, top, marks, holder=name) or name
    if name and name.endswith((" Logo", " logo")):
        name = _wordmark(name)
    half = len(name) // 2 if name else 0
    if name and half >= 2 and len(name) == 2 * half and name[:half] == name[half:] and name_shaped(name[:half]):
        return name[:half]
    if name and name.isupper() and len(name) > ACRONYM_CHARS:
        # (in capitals in the title line, "… - DER BLICKPUNKT", and in upper and lower case
        # on a line of its own, the masthead's or the trailer's: "Der Blickpunkt")
        folded = name.casefold()
        return next((line.text for line in (*top, *marks.foot)
                     if line.text.casefold() == folded and not line.text.isupper()), name)
    return name


_REPEATS: Final = 2  # places a brand is printed in, at least (the holder's notice: once)
# The words closing a company's name that say it is a media house, a group or a publisher
# (not "News", "Press" or "Network": part of many a publication's name), in the languages
# read; Hindi, Marathi, Bengali and Urdu "media" and "group" too
_HOUSE_WORDS: Final = frozenset((
    "media", "medien", "m\u00e9dias", "m\u00eddia", "medija", "mediji", "medya", "group", "grupo", "gruppo",
    "groupe", "gruppe", "publishing", "publications", "publishers", "holdings", "company", "corporation",
    "communications", "edizioni", "ediciones", "editions", "\u00e9ditions", "verlag",
    "\u092e\u0940\u0921\u093f\u092f\u093e", "\u09ae\u09bf\u09a1\u09bf\u09af\u09bc\u09be",
    "\u0645\u06cc\u0688\u06cc\u0627", "\u06af\u0631\u0648\u067e", "\u0917\u094d\u0930\u0941\u092a"))


def _house_brand(head: Sequence[Line], top: Sequence[Line], marks: SiteMarks, *, holder: str) -> str | None:
    """The holder's name without the words closing it that say it is a media house
    (``_HOUSE_WORDS``, after its legal forms), when the page prints that name in two
    places at least apart from the copyright notice: the brand of the company."""
    words = _without_company(holder).split()
    cut = len(words)
    while cut > 1 and words[cut - 1].casefold() in _HOUSE_WORDS:
        cut -= 1
    if cut == len(words):
        return None
    brand = " ".join(words[:cut])
    every = [*head, *(top if top is not head else ()), *marks.tail, *marks.foot]
    # (the holder's whole name printed again, apart from the notice, is the brand itself:
    # "Tidewater Public Media" at the top over "© Tidewater Public Media")
    if _printed_in(holder, every) >= _REPEATS:
        return None
    lines = [line for line in every if holder not in line.text]
    # (or opening a line at the top, the masthead, its tagline perhaps after it: "Site
    # महाराष्ट्राचा विश्वासू आवाज", "SiteThe Voice of the North")
    masthead = any(line.text.startswith(brand) and _named_alone(line.text, brand, 0)
                   for line in top[:_MASTHEAD_LINES])
    printed = sum(1 for line in lines if _named_alone(line.text, brand, line.text.find(brand)))
    return brand if masthead or printed >= _REPEATS else None


def _named_alone(text: str, name: str, at: int) -> bool:
    """``name`` stands at ``at`` in ``text`` as a name of its own: not inside a word, nor
    opening a longer name, a capitalised word after it ("Breaking Defense" is not
    "Breaking"); glued to a capital, a tagline run into it, it is ("SiteThe Voice of …")."""
    if at < 0 or (at and text[at - 1].isalnum()):
        return False
    after = text[at + len(name):at + len(name) + 2]
    return not small_letter(after[:1]) and not (after[:1] == " " and after[1:].isupper())
_REPEATED_NAMES: Final = 16  # names looked for, at most (each is counted over the lines read)
_REPEATED_WORDS: Final = 4  # words of a name opening a line, at most
# A photo's credit ending in its agency or publication after a slash: "Фото: Іван
# Петренко / Ранкова Зоря", "Foto: Jan Novák / Site", Hungarian "Fotó: Tóth Ádám / Site"
# (read in a line's last characters)
_CREDIT_SOURCE: Final = re.compile(r"\b(?:photos?|fotos?|fot\u00f3|fotografie|\u0444\u043e\u0442\u043e|images?|bild"
                                   r"|kuva)"
                                   r"\s{0,2}[:\uff1a]\s{0,3}[^/\n]{1,60}\s/\s{1,2}(?P<name>[^/\n]{2,60})$",
                                   re.IGNORECASE)
_CREDIT_TAIL: Final = 200
# A name in quotes, the brand's or its newsletter's ("«Ранкова Зоря. Головне за тиждень»"): its
# part before a full stop or a dash
_QUOTED: Final = re.compile(r"[\"\u00ab\u201c\u201e](?P<name>[^\"\u00ab\u00bb\u201c\u201d\u201e\n]{2,60})"
                            r"[\"\u00bb\u201d\u201c]")
_QUOTES_READ: Final = 4  # names in quotes read per line, at most
_QUOTING_WORDS: Final = 12  # words of a line whose quotes are read, at most (not a sentence's)
_TRAIL_NEXT: Final = frozenset((">", "\u203a", "\u00bb", "/", "|", "\uff1e"))  # a trail's marks after its root


def _brand_like(name: str) -> bool:
    """A name that reads as a brand, not a word of a sentence or a person's first name:
    two to four capitalised words ("Νέα Ώρα"), or one word holding a dot, a digit or
    a capital inside ("Rybnik7.cz", "KarooWire"), or a short name in a script without
    capitals of three characters or more ("北星新聞"); not a menu's or a consent banner's word."""
    tokens = name.split()
    if not tokens or tokens[0].lower() in _MENU_WORDS or tokens[-1].lower() in _MENU_WORDS \
            or name.casefold() in HOME_WORDS or name.casefold() in SOCIAL_NAMES or canonical_agency(name) \
            or is_inline_chrome(name):  # (an advertisement's label: "विज्ञापन", "Anzeige")
        return False
    if len(tokens) == 1:
        word = tokens[0]
        if _caseless_brand(word):
            return len(word) >= _DOMAIN_LABEL_CHARS
        return word[:1].isupper() and word[-1:].isalnum() and word.replace(".", "").replace("-", "").isalnum() \
            and ("." in word[1:-1] or any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:-1])) \
            and not word.isupper()
    return len(tokens) <= _REPEATED_WORDS and all(t[-1:].isalnum() for t in tokens) and not tokens[-1].islower() \
        and (name_shaped(name) or _caseless_brand(name))


def _opening_name(text: str) -> str | None:
    """The name opening a line as a sentence's subject or a trail's root: the longest of
    one to four words before a word in small letters or a trail's mark ("Rybnik7.cz si
    váží vašeho soukromí", "KarooWire is a member of …", "Rybnik7.cz › Zprávy")."""
    tokens = text.split(maxsplit=_REPEATED_WORDS + 1)
    for size in range(min(_REPEATED_WORDS, len(tokens) - 1), 0, -1):
        after = tokens[size]
        if (after[:1].islower() or after in _TRAIL_NEXT) and _brand_like(" ".join(tokens[:size])):
            return " ".join(tokens[:size])
    return None


def _repeated_names(above: Sequence[Line], foot: Sequence[Line], lines: Sequence[Line]) -> Iterator[str]:
    """The names ``_repeated`` counts: a line of its own above the headline (the
    masthead's); the name opening a line there or in the trailer (``_opening_name``; not
    under the headline, whose first words may be the story's subject); in ``lines`` (the
    page's chrome: not the headline nor the body, which quote the story's subjects), a
    photo credit's source after its slash and a name in quotes."""
    for line in above:
        if not line.bullet and _brand_like(line.plain):
            yield line.plain
    for at, line in enumerate((*above, *foot)):
        opening = _opening_name(line.text) if not line.bullet and not line.text[:1].isdigit() else None
        # (in the trailer, one word only, a person's name is not: an author's box opens with
        # the author's name, "Urs Meier ist Redaktor im Ressort Bern")
        if opening and (at < len(above) or " " not in opening):
            yield opening
    for line in lines:
        text = line.text[-_CREDIT_TAIL:]
        credit = _CREDIT_SOURCE.search(text) if "/" in text and (":" in text or "\uff1a" in text) else None
        if credit and _brand_like(credit["name"].strip()):
            yield credit["name"].strip()
        # (a quote in a list's item or in a sentence, a product's feature or a consent
        # banner's button, names no brand: "Quick access to Siri by saying “Hey Siri”")
        if any(q in text for q in _NAME_QUOTES) and not line.bullet and len(text.split()) <= _QUOTING_WORDS:
            for quoted in islice(_QUOTED.finditer(line.text), _QUOTES_READ):
                name = split_menu(quoted["name"].split(". ", 1)[0].split(" - ", 1)[0], 1)[0].strip()
                if _brand_like(name):
                    yield name


def _printed_in(name: str, lines: Sequence[Line]) -> int:
    """The lines that print ``name`` as words of their own (in a script without capitals,
    anywhere: "北星新聞デジタル")."""
    caseless = name.lower() == name.upper()
    return sum(1 for line in lines if (name in line.text if caseless else _has_words(line.text, name)))


def _foreign(holder: str, title: str | None) -> bool:
    """A holder in Latin letters on a page whose headline has none: "The Kitaminato Shimpo"
    over "鉄道の…"."""
    return holder.isascii() and title is not None and not any(ch.isascii() and ch.isalpha() for ch in title)


def _repeated(head: Sequence[Line], top: Sequence[Line], marks: SiteMarks, title_at: int, *,
              holder: str, foreign: bool = False) -> str | None:
    """The name the page prints in the most places, two at least, among its masthead,
    its top lines and trailer lines, its photo credits and its names in quotes (the
    header's and trailer's lines, where the page names itself; the body names the story's
    subjects): the brand, where the company holding the copyright is printed once."""
    above = top[:title_at] if top is head and title_at > 0 else top[:_MASTHEAD_LINES]
    lines = [*head, *(top if top is not head else ()), *marks.tail, *marks.foot]
    headline = head[title_at] if 0 <= title_at < len(head) else None
    chrome = [line for line in (*head, *(top if top is not head else ()), *marks.foot) if line is not headline]
    bare = _without_company(holder)
    # (the holder's own name is the brand: "Site" over "© Site Ltd"; not in another script's
    # page; printed without its legal form, not again as the company, "Kiadó: Site Zrt.")
    full = marks.copyright or holder
    branded = [line for line in lines if full == bare or full not in line.text]
    if not foreign and _printed_in(bare, branded) + (full != bare) >= _REPEATS:
        return None
    folded = {_folded(holder), _folded(bare)}
    # (a menu's item, a bullet of its own, is a section's name however often it is printed:
    # "  * Fact Checks" and the trail's "Fact Checks / Health")
    folded.update(_folded(line.plain) for line in head if line.bullet)
    own = {line.plain for line in above if not line.bullet}
    counts = {name: _printed_in(name, lines)
              for name in islice(dict.fromkeys(_repeated_names(above, marks.foot, chrome)), _REPEATED_NAMES)
              if _folded(name) not in folded}
    best = max(counts, key=counts.__getitem__, default=None)  # (the first of the most printed)
    if best is None or counts[best] < _REPEATS:
        return None
    # (the masthead, a line of its own at the top, over a name it is part of or that is part
    # of it: "北星ニュース" over the trail's "ニュース > 地域", "北星新聞" over "北星新聞デジタル ＞")
    return next((name for name, count in counts.items()
                 if count >= _REPEATS and name in own and (name in best or best in name)), best)


_FOLLOW: Final = "follow "
_FOLLOWED_NETWORKS: Final = 2  # networks a follow box names the site's pages on, at least


# A newsletter box naming the site as its owner: "Sign up for The Indian Ledger's Morning Digest"
# (a line of a box's few words: not a teaser's sentence)
_SIGN_UP: Final = re.compile(r"^(?:sign up for|subscribe to) (?P<name>\S.{0,60}?)['\u2019]s\s", re.IGNORECASE)
_SIGN_UP_WORDS: Final = 8


def _followed(lines: Sequence[Line]) -> str | None:
    """The name a follow box gives the site: its heading, "Follow Site online:", or its
    links to the site's pages on two networks or more, "Follow Site on Facebook", "Follow
    Site on X" (an author's box names one network as often); or the newsletter box, "Sign
    up for Site's Morning Digest"."""
    networks: dict[str, set[str]] = {}
    for line in lines:
        text = line.text.rstrip(" :")
        signed = _SIGN_UP.match(text) if "s " in text and len(text.split()) <= _SIGN_UP_WORDS else None
        if signed and name_shaped(signed["name"]):
            return signed["name"]
        if text[:len(_FOLLOW)].casefold() != _FOLLOW:
            continue
        rest = text[len(_FOLLOW):]
        if rest.casefold().endswith(" online"):
            name = rest[:-len(" online")]
            if name_shaped(name) and name.casefold() not in ("us", "me"):
                return name
            continue
        name, on, network = rest.rpartition(" on ")
        if on and network.casefold() in SOCIAL_NAMES and name_shaped(name) and name.casefold() not in ("us", "me"):
            networks.setdefault(name, set()).add(network.casefold())
            if len(networks[name]) >= _FOLLOWED_NETWORKS:
                return name
    return None


# The publication a writer's bio says they work for: "… is a transport reporter for The
# Port Carrick Herald. Connect via email.", "… ist Redakteur bei Site."
_BIO_OUTLET: Final = re.compile(r"\s(?:for|at|with|bei|f\u00fcr|pour|chez|de|di|para|voor|bij|f\u00f6r|p\u00e5)\s"
                                r"(?P<outlet>[A-Z\u00c0-\u00de][^.,;:()]{1,60}?)(?:\.\s|\.?$)")


def _bio_outlet(lines: Sequence[Line], top: Sequence[Line]) -> str | None:
    """The publication a writer's bio sentence after the body names as their employer
    (``bio_name``; the outlet after "for", "at", "bei" … closing it), where the top of
    the page prints it too: the masthead's name, run into a menu's words perhaps
    ("(BUTTON) Menu The Port Carrick Herald Subscribe Log in")."""
    for line in lines:
        text = line.text[:MAX_CHARS]
        found = _BIO_OUTLET.search(text) if bio_name(text) else None
        outlet = found["outlet"].strip() if found else ""
        if outlet and name_shaped(outlet) and _printed_in(outlet, top):
            return outlet
    return None


def _wordmark(name: str) -> str:
    """The name without the word "Logo" closing it, a logo's alternative text; and of
    the site's name printed twice so, the wordmark's text and the logo's ("Site.example
    Site Logo"), the first: words whose letters and digits open with the rest's."""
    tokens = name[:-len(" logo")].split()
    for cut in range(1, len(tokens)):
        rest = _folded(" ".join(tokens[cut:]))
        if len(rest) >= _DOMAIN_LABEL_CHARS and _folded(" ".join(tokens[:cut])).startswith(rest):
            return " ".join(tokens[:cut])
    return " ".join(tokens)


def _find_site(head: Sequence[Line], top: Sequence[Line], marks: SiteMarks, *,
               paired: str | None, title_at: int, title: str | None) -> str | None:
    if paired and not canonical_agency(paired):
        return paired
    if marks.copyright and title_at >= 0 \
            and any(line.text == marks.copyright for line in head[title_at + 1:title_at + _BYLINE_LINES]):
        # (the author holds the copyright, a newsletter's: the name printed alone under the
        # headline is the byline's, and the masthead above it, another name, the site's)
        above = _masthead(top, min(len(top), _MASTHEAD_LINES, title_at if top is head else len(top)))
        # (or the newsletter's name of one word on the page's first line: "Interoperable")
        first = top[0].text if top and not top[0].bullet else ""
        if above is None and len(first.split()) == 1 and first[:1].isupper() and first.isalpha() \
                and first.lower() not in _MENU_WORDS and first.casefold() not in HOME_WORDS:
            return first
        if above and above != marks.copyright:
            marks = replace(marks, copyright=None, company=False, incorporated=False)
    site_section = site_and_section(head, title)
    if site_section:
        return site_section[0]
    published_in = _published_in(head, title_at)
    if published_in:
        return published_in
    if marks.root:
        return marks.root
    if marks.emblem:
        return marks.emblem
    trail_site = _trail_site(head, title_at) if top is head else None
    if trail_site:
        return trail_site
    titled = _first_line_site(top)
    if titled:
        return titled
    stop = min(len(top), _MASTHEAD_LINES)
    if top is head and title_at >= 0:  # the header was not cut: stop above the headline
        stop = min(stop, title_at - (1 if kicker_above(head, title_at, site=None) else 0))
    # (a byline's "for The Daily Clarion" after the headline: the publication, as the
    # masthead is; both say more than a company's copyright notice)
    masthead = _masthead(top, stop) or _doubled(top[:stop]) or _outlet(head, title_at)
    if marks.project:
        return marks.project
    if marks.copyright and marks.company:
        # (without its legal form: "The Fact Ledger Inc" is The Fact Ledger's publisher;
        # printed alone at the top, as a logo's text, it is the masthead too: "© Jadranski
        # list d.o.o." under "Jadranski list")
        bare = _without_company(marks.copyright)
        folded = bare.casefold()
        if bare != marks.copyright and len(bare.split()) <= _MAX_SITE_WORDS \
                and any(line.plain.casefold() == folded for line in top[:stop]):
            return bare
        # (or the brand the company is named for, a logo's text or a line of its own at
        # the top: "Rede1" over "© 2025 Rede1 Comunicação S.A.")
        brand = _brand(bare)
        if brand and (marks.logo == brand or any(_opens(line.plain, brand) for line in top[:stop])):
            return brand
        # (a logo's text naming a word of the company's: "Kaakon Sanomat" over "© Kaakon Media Oy")
        if marks.logo and shares_word(marks.logo, bare):
            return marks.logo
        glued = _glued_masthead(top[:stop], bare) or (None if masthead else _named_masthead(top[:stop], bare))
        if glued:
            return glued
        # (or the brand and its tagline on one line: "Isar-Anzeiger Die Heimatzeitung für Freising")
        if brand and any(_tagged(line, brand) for line in top[:stop]):
            return brand
        # (or the name the trailer's "About" link gives the site, a word of it the company's:
        # "About Downland FM" over "© Downland Broadcasting Ltd")
        about = None if masthead else _about_name(marks.foot, bare) or _both_ends(top[:stop], marks, bare)
        if about:
            return about
        if not masthead:
            # (or the name that opens a line at the top before its tagline and that the
            # trailer prints again: "The Paddock Post News for New Zealand's farming
            # communities" and "The Paddock Post newsletter", over "© Kōwhai Rural Media Ltd")
            return marks.sibling or _echoed_opening(top[:stop], marks.foot) \
                or (_with_article(bare, [*top[:stop], *marks.foot]) if name_shaped(bare)
                    # (a name in a script without capitals, its legal form cut: "הכלכלן בע\"מ")
                    else bare if bare != marks.copyright and bare.lower() == bare.upper() else marks.copyright)
    elif marks.copyright:
        # (a company's name, "Atlas Broadcasting Network, Inc.", and the masthead a word of
        # it names: "Atlas News")
        if marks.incorporated and masthead and shares_word(masthead, marks.copyright):
            return masthead
        # (or the first words of the holder's name alone on a line at the top, its logo's
        # text: "Loadscreen" over "© 2024 Loadscreen Media, Inc.", "ArazPress" over "© 2025
        # ArazPress İnformasiya Agentliyi")
        opening = None if masthead else _holder_opening(top[:stop], marks.copyright) \
            or _holder_ending(top[:stop], marks.foot, marks.copyright)
        if opening:
            return opening
        # (or a company named for the masthead: "MBN News" over "© 2025 MBN News Internet Ventures";
        # or a holder the masthead names first, printed in the trailer too: "KZLV Noticias 27"
        # over "© 2025 KZLV")
        if masthead and (marks.copyright.startswith(masthead + " ")
                         or (masthead.startswith(marks.copyright + " ")
                             and (any(line.text == masthead for line in marks.foot)
                                  or masthead[len(marks.copyright) + 1:].split()[0].casefold() in NEWS_WORDS))):
            return masthead
        # (or a masthead that opens with the holder's initials: "CPB News" over "©2024 Canadian
        # Public Broadcasting", on a line of its own or glued to menu words)
        named = masthead or _glued_masthead(top[:stop], marks.copyright)
        if named and is_initials(named.split()[0], marks.copyright):
            return named
        # (the brand the company is named for, a logo's text at the top: "Tideline" over
        # "© 2025 Tideline News, Inc.")
        if marks.incorporated and marks.logo and (marks.logo == _brand(marks.copyright)
                                                  or shares_word(marks.logo, marks.copyright)):
            return marks.logo
        # (a masthead in a script without capitals that the company's name opens, all of
        # it but its last character, a word like "company": "東都新聞デジタル" over "© 東都新聞社")
        caseless = None if masthead else _caseless_masthead(top[:stop], marks.copyright)
        if caseless:
            return caseless
        return (None if masthead else _both_ends(top[:stop], marks, marks.copyright)) or marks.copyright
    return masthead or marks.source or _glued_name(top[:stop], _footer_names(marks.foot)) \
        or _logo_echoed(marks) or _spelled_by_domain(top[:title_at] if top is head and title_at > 0 else top,
                                                     marks.foot)


# A copyright notice's domain: "© 2025 www.lakeporttribuneherald.com"
_NOTICE_DOMAIN: Final = re.compile(r"(?:\u00a9|copyright)[^.]{0,30}?\b(?:www\.)?(?P<name>[a-z0-9][a-z0-9-]{2,60})"
                                   r"\.[a-z]{2,6}\b", re.IGNORECASE)


def _spelled_by_domain(top: Sequence[Line], foot: Sequence[Line]) -> str | None:
    """A name glued to menu and account words at the top (``Menu Lakeport Tribune-Herald
    Subscribe Sign In``, ``_glued_names``) that the copyright notice's domain spells,
    letter for letter (``© 2025 www.lakeporttribuneherald.com``)."""
    domains = {m["name"].replace("-", "").casefold()
               for m in (_NOTICE_DOMAIN.search(line.raw) for line in foot
                         if "\u00a9" in line.raw or "opyright" in line.raw) if m}
    return next((name for name in _glued_names(top) if _folded(name) in domains),
                None) if domains else None
    for line in top:
        tokens = line.text.split()
        start = 0
        while start < len(tokens) and tokens[start].lower() in _MENU_WORDS:
            start += 1
        end = next((at for at in range(start + 1, len(tokens)) if tokens[at].lower() in _MENU_WORDS),
                   len(tokens))
        name = " ".join(tokens[start:end])
        if len(tokens) - end <= _GLUED_AFTER and name_shaped(name) \
                and _folded(name) in domains:
            return name
    return None


def _logo_echoed(marks: SiteMarks) -> str | None:
    """The logo's text (``SiteMarks.logo``) when the trailer prints it too, as words of
    its own: "![Nh\u1ecbp S\u1ed1ng M\u1edbi](/img/logo-nsm.png)" at the top and "\u00a9 \u2026
    thu\u1ed9c v\u1ec1 B\u00e1o Nh\u1ecbp S\u1ed1ng M\u1edbi." at the foot."""
    logo = marks.logo
    if not logo:
        return None
    return logo if any(_has_words(line.text, logo) for line in marks.foot) else None


def _has_words(text: str, words: str) -> bool:
    """``words`` stand in ``text`` with no letter or digit run into either end."""
    at = text.find(words)
    for _ in range(NAME_COPIES):
        if at < 0:
            break
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(words, at + 1)
    return False


_DOUBLED_WORDS: Final = 4  # words of a name printed twice at the top, at most


def _doubled(top: Sequence[Line]) -> str | None:
    """A name the top of the page prints twice running, a logo's text and the name beside
    it, before its tagline: "Jihlavské listy Jihlavské listy Zprávy z Jihlavy a celé Vysočiny"."""
    for line in top:
        tokens = line.text.split()
        for size in range(1, min(_DOUBLED_WORDS, len(tokens) // 2) + 1):
            # (twice, not a run of one repeated: "By By By …"; words, not a trail's marks)
            if tokens[:size] == tokens[size:2 * size] != tokens[2 * size:3 * size] \
                    and tokens[0][:1].isupper() and tokens[size - 1][-1:].isalpha() \
                    and tokens[0].lower() not in _MENU_WORDS and tokens[0].casefold() not in HOME_WORDS:
                return " ".join(tokens[:size])
    return None


_ECHO_WORDS: Final = 4  # words of a name opening a line at the top, at most


def _echoed_opening(top: Sequence[Line], foot: Sequence[Line]) -> str | None:
    """The longest name of two to four words that opens a line at the top, words after
    it, and stands in a line of the trailer too (its newsletter's, its search box's); or
    a name of one word to four, a number among them or not, before a dash and its tagline
    or town ("Site24 - portal miejski", "KXRB 9 News - Carrow Falls"; "More from KXRB 9
    News", "Newsletter Site24" in the trailer)."""
    for line in top:
        tokens = line.plain.split()
        if line.bullet or not tokens or tokens[0].lower() in _MENU_WORDS:
            continue
        for size in range(min(_ECHO_WORDS, len(tokens) - 1), 0, -1):
            name = " ".join(tokens[:size])
            if size > 1 and name_shaped(name) and any(name in other.text for other in foot):
                return name
            # (before its dash, the name may be one word or hold a number: words of their own there)
            if tokens[size] in ("-", "\u2013") and (name_shaped(name) or _numbered_brand(name)) \
                    and any(_has_words(other.text, name) for other in foot):
                return name
    return None


def _both_ends(top: Sequence[Line], marks: SiteMarks, holder: str) -> str | None:
    """A name printed at both ends of the page (``_glued_name``) that shares a word with
    the company holding the copyright: "Search Tidewater Business Journal" at the top and
    alone in the trailer, over "© 2025 Coastline Business Media, Inc."."""
    name = _glued_name(top, _footer_names(marks.foot))
    return name if name and shares_word(name, holder) else None


# A row's first word that opens a menu: "Sections", "Menu", "Navigation"
_ROW_WORDS: Final = frozenset(("sections", "menu", "navigation", "nav"))
_BYLINE_LINES: Final = 6  # lines under the headline where a byline stands


def _trail_site(head: Sequence[Line], title_at: int) -> str | None:
    """The site's name a trail above the headline opens with (``1. 東都新聞デジタル`` /
    ``2. 社会`` / ``3. 記事`` under the masthead ``東都新聞デジタル``)."""
    if title_at <= 0:
        return None
    trail = numbered_trail(head, title_at) or bulleted_trail(head, title_at)
    if not trail or trail[0].casefold() in HOME_WORDS:
        return None
    return masthead_of(trail[0], head, title_at)


_CASELESS_BRAND_CHARS: Final = 24
_CASELESS_BRAND_WORDS: Final = 3


def _caseless_masthead(top: Sequence[Line], holder: str) -> str | None:
    """A line of ``top`` in a script without capitals (``_caseless_brand``) that opens with
    the holder's name but its last character, and goes on from there."""
    stem = holder[:-1]
    if len(stem) < 2 or holder.lower() != holder.upper():
        return None
    return next((line.text for line in top
                 if line.text.startswith(stem) and line.text != holder and _caseless_brand(line.text)), None)


def _caseless_brand(text: str) -> bool:
    """A site's name in a script without capitals: one to three words of letters and the
    marks written on them ("नवजागरण न्यूज़", "华夏资讯网"), nothing else. (A person's name in
    such a script is ``textdump_rules._caseless_name``: two words at least.)"""
    return 0 < len(text) <= _CASELESS_BRAND_CHARS and text.lower() == text.upper() \
        and len(text.split()) <= _CASELESS_BRAND_WORDS \
        and all(c.isalpha() or c == " " or unicodedata.category(c)[0] == "M" for c in text) \
        and any(map(str.isalpha, text))
