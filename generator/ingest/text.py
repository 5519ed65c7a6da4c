"""Plain-text articles as scraped: strip the page's furniture, keep every real paragraph.

The rules look at the shape of each line (length, final punctuation, repetition, position
before or after the article's prose, lists of short items joined by "·" or "|") and at phrasing
that only boilerplate uses ("Also Read:", "subscribe", "5 min read", "Last modified on"). No rule
knows any particular article or publisher. Each rule is a few regular expressions on one line,
cheap enough to run on every paragraph of every article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.dates import MONTH_RE, WEEKDAY_RE, find_full_dates, is_date_only

# Invisible characters that can reorder or hide text (bidi overrides, zero-width joiners).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DATE_PREFIX = re.compile(r"^\s*date\s*[:=]?\s*((?:19|20)\d\d-[01]\d-[0-3]\d)\b\s*", re.IGNORECASE)

WIRE_AGENCIES = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "PTI",
    "IANS", "ANI", "UNI", "Xinhua", "TASS", "Tass", "Yonhap", "Kyodo", "dpa", "EFE", "ANSA",
    "Interfax", "RIA Novosti", "KCNA", "Anadolu Agency", "Press Trust of India",
)
_AGENCY_RE = "|".join(re.escape(a) for a in sorted(WIRE_AGENCIES, key=len, reverse=True))
_CREDIT_LINE = re.compile(
    r"^[\s\-–—(]*(?:(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?)?(?:source\s*:\s*)?"
    rf"(?P<name>{_AGENCY_RE})[\s.)]*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*,?\s*)?(?P<name>[^.|]{2,60}?)[\s.]*"
    r"(?:all rights reserved\.?)?\s*$",
    re.IGNORECASE,
)
_STAFF_CREDIT = re.compile(r"\bedited by (?:the )?(?P<name>[A-Z][\w&.\- ]{1,40}?) staff\b")
_INPUTS_FROM = re.compile(rf"\bwith inputs from (?P<name>{_AGENCY_RE})\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\s*\(?(?i:reported by|written by|edited by|posted by|published by|(?:additional )?reporting by|"
    r"writing by|editing by|compiled by)\s*[:\-]?\s+"
    r"|^\s*(?i:by)\s+[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|and|&))*\s*(?:[|–—-].*)?$",
)
# "MOSCOW, June 19 (Reuters) - ..." names the wire agency at the start of the story.
_WIRE_DATELINE = re.compile(rf"^[A-Z][\w/ ,.'-]{{1,60}}\((?P<name>{_AGENCY_RE})\)\s*[-–—]")
_DESK = re.compile(
    r"(?i:reported|written|posted|published) (?i:by)\s*:?\s*(?P<name>[A-Z][\w&.\- ]{1,40}?"
    r"(?:News Desk|Desk|Bureau|Staff|Newsroom|News|Network))\b"
)
_STAMP = re.compile(
    r"^\s*(?:published|posted|first published|updated|last updated|modified|aired|first aired|"
    r"broadcast|filed)\s*(?:on|at)?\s*:?",
    re.IGNORECASE,
)
# A wiki's footer: the page's date is its last edit's.
_EDITED = re.compile(r"^\s*(?:This page was |Page )?last (?:edited|modified|updated)\b",
                     re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)

_SUBSCRIPTION = re.compile(
    r"\b(?:subscribe|subscription|subscribers?|sign up|sign in|log ?in|register now|newsletter|"
    r"premium|paywall|ad-free|support our(?: [\w-]+)? journalism|already a (?:member|subscriber)|"
    r"unlock (?:this|full)|free trial|in your inbox|never miss|weekly digest|daily digest|"
    r"our (?:telegram|whatsapp|viber|youtube) channel)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"\b(?:comment policy|comments? section|leave a comment|post a comment|add a comment|"
    r"(?:would you like|want) to comment|join the (?:conversation|discussion)|"
    r"be the first to comment|view comments|show comments|\d+ comments?|"
    r"comments? (?:are|is|have been) (?:now )?(?:closed|disabled|moderated|switched off|turned off)|"
    r"comments?\s*\(\d+\))",
    re.IGNORECASE,
)
_LINK_LINE = re.compile(
    r"^\s*(?:also read|read also|read more|must read|see also|related(?: stories| news| articles)?|"
    r"recommended|trending(?: now)?|more from|don'?t miss|watch(?: video)?|listen)\s*[:|\-–—>»]",
    re.IGNORECASE,
)
_NAV = re.compile(r"\b(?:view more|view all|load more|show more|see more|more stories)\b\W*$", re.IGNORECASE)
_SYNDICATION = re.compile(
    r"(?:syndicated feed|auto-generated from|has not been edited by|not been edited by|"
    r"with inputs from|this (?:story|article|report) (?:was|is|has been|first) (?:originally )?"
    r"(?:published|appeared)|originally (?:published|appeared)|republished (?:with|under|from)|"
    r"published under a (?:creative commons|licen[cs]e))",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"(?:\b(?<!\bIn )(?<!\bin )(?:picture|photo|image|photograph|photo credit|credit|file photo|"
    r"illustration)s?\s*:"  # (not a gallery's headline: "In pictures: …")
    r"|getty images?|\bvia getty\b|\bshutterstock\b|/\s*(?:afp|reuters|ap|ap photo)\b|\(ap photo|\(photo\b)",
    re.IGNORECASE,
)
_EMBED = re.compile(
    r"pic\.twitter\.com/|(?:twitter|x)\.com/\w+/status|instagram\.com/(?:p|reel)/|"
    r"—\s*[^—()]{1,60}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$",
    re.IGNORECASE,
)
_AD = re.compile(
    r"^\s*(?:advertisement|sponsored|story continues below(?: this ad)?|scroll to continue"
    r"(?: with content)?|continue reading(?: below)?|click here\b.*|share this (?:article|story)|"
    r"follow us on\b.*|download (?:the|our) app\b.*)\W*$",
    re.IGNORECASE,
)
_SHARE_WORDS = {"share", "tweet", "email", "print", "whatsapp", "facebook", "twitter", "linkedin",
                "copy", "link", "telegram", "reddit", "pinterest", "x"}
_TITLE_SUFFIX = re.compile(
    r"\s*[|–—-]\s*(?:watch(?: video)?|video|photos?|pics|in pictures|live(?: updates)?|"
    r"explained|opinion|analysis)\s*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")

# Headings of link lists ("Read also", "Most popular", "More from Opinion", "Key events") and of
# tickers; the lines under them are headlines of other pages, not this article's text.
_LIST_HEADING = (
    r"(?:read (?:also|more|next|this next)|see also|also read|more (?:from|on|in|about) [\w&'’ -]{1,40}"
    r"|more [\w&'’-]+(?: [\w&'’-]+)?|related(?: [\w-]+)?|recommended(?: for you| reading| stories)?"
    r"|you (?:might|may) (?:also )?(?:like|enjoy|be interested in|have missed)"
    r"|(?:the )?most (?:popular|read|viewed|shared|commented|watched)(?: now| today| this week)?"
    r"|popular(?: now| today| this week)?|trending(?: now)?|key (?:events|moments)|top stories"
    r"|latest(?: news| stories| headlines| updates)?|editor'?s picks|further reading|what to read next"
    r"|in other news|market data|markets|exchange rates|currency rates)"
)
_LIST_HEADING_LINE = re.compile(rf"^\W*{_LIST_HEADING}\s*:?$", re.IGNORECASE)
# The same heading with its list run into one line: "Read also → One story → Another".
_LIST_HEADING_RUN = re.compile(rf"^\W*{_LIST_HEADING}\s*:?\s+(?=[-–—→•*▸►·]\s|\d{{1,2}}[.)]\s)",
                               re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-–—→•*▸►]|\d{1,2}[.)])\s")
_LIST_ITEMS = re.compile(r"\s(?:[-–—→•*▸►·]|\d{1,2}[.)])\s")

# "Share · Save · Print", "Gallery · World News · 11 photos", "Explainer | World": short items
# joined by a middle dot or a spaced pipe, one of them a share, social or section word.
_ITEM_SEPARATOR = re.compile(r"\s*·\s*|\s+\|\s+")
_FURNITURE_WORDS = frozenset(re.findall(r"\w+", """
    share shares save print email mail facebook twitter x telegram vk ok whatsapp linkedin bluesky
    reddit pinterest pin instagram youtube tiktok threads mastodon flipboard weibo wechat copy link
    listen download pdf cite comment comments photos photo gallery slideshow video videos views
    updated live blog news opinion analysis commentary explainer features culture politics business
    sport sports lifestyle entertainment breaking editorial staff podcast audio bookmark bookmarks
    follow subscribe premium newsletter
"""))
_FURNITURE_PHRASE = re.compile(r"\b(?:gift (?:this )?article|save for later|min read|read later)\b",
                               re.IGNORECASE)

# A line of dates, times and stamp words only: "Fri 21 Jun 2024 06.00 BST · Last modified on …",
# "Published 22.06.2024 09:14", "07.12 BST", "June 19, 2025 · 7 min read".
_STAMP_PART = re.compile(
    rf"\b(?:{MONTH_RE}|{WEEKDAY_RE}|(?:first |last )?(?:published|updated|posted|modified|edited|"
    r"aired|broadcast|filed)"
    r"|on|at|ago|hours?|hrs?|mins?|minutes?|read|reading time|listen|am|pm|a\.m|p\.m|local time"
    r"|\d+(?:st|nd|rd|th)?)\b|[^\w\s]|_",
    re.IGNORECASE,
)
_TIME_ZONE = re.compile(r"\b(?:[A-Z]{1,3}[SD]?T|UTC|MSK)\b")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_STAMP_WORD = re.compile(r"\b(?:published|updated|posted|modified|aired|broadcast|filed|min read|"
                         r"reading time)\b", re.IGNORECASE)

_READING_TIME = re.compile(
    r"\b\d+\s*-?\s*min(?:ute)?s?\.?\s+(?:read|listen|watch)\b|^\W*reading time\b"
    r"|\blisten to (?:this|the) (?:article|story|report)\b",
    re.IGNORECASE,
)
_TAG_LIST = re.compile(
    r"^\W*(?:tags?|topics?|tagged(?: with)?|filed under|keywords?|categor(?:y|ies)|related topics"
    r"|(?:explore )?more on th(?:is|ese) topics?)\s*(?::|$)",
    re.IGNORECASE,
)
_SOURCES_LINE = re.compile(r"^\W*sources?\s*:\s*\S", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^\W*(?:home|homepage|main)\s*[›»>/|]|[›»]", re.IGNORECASE)
_PICTURE_COUNT = re.compile(r"^\W*\d{1,3}\s*(?:of|/)\s*\d{1,3}\W*$")
_MARKET_DATA = re.compile(r"[▲▼△▽]|\b[A-Z]{3}/[A-Z]{3}\b")
# (kind, keywords one of which it needs, pattern, most words)
_NOTICES: tuple[tuple[str, tuple[str, ...], re.Pattern[str], int], ...] = (
    ("copyright notice", ("©", "copyright", "(c)", "rights reserved", "may not be", "permission"),
     re.compile(r"^\W*(?:©|copyright\b|\(c\)\s*(?:19|20)\d\d)|\ball rights reserved\b|\bmay not be "
                r"(?:reproduced|republished|redistributed)\b|\bwithout (?:the )?(?:prior )?(?:written )?"
                r"permission\b", re.IGNORECASE), 60),
    ("error report prompt", ("mistake", "error", "typo", "ctrl"), re.compile(
        r"\b(?:found|spotted|notice|see)(?: an?| any)? (?:mistake|error|typo)s?\b|\bctrl\s*\+\s*enter\b"
        r"|\breport an? (?:error|mistake|typo)\b", re.IGNORECASE), 30),
    ("correction note", ("correction", "clarification", "earlier version"), re.compile(
        r"^\W*(?:corrections?|clarifications?)\s*:|\ban earlier version of this (?:article|story|report"
        r"|piece|post)\b", re.IGNORECASE), 50),
    ("browser notice", ("javascript", "browser"), re.compile(
        r"\bjavascript\b|\byour browser (?:does not|doesn'?t) support\b", re.IGNORECASE), 30),
    ("consent banner", ("cookie", "privacy", "partners"), re.compile(
        r"^(?=.*\b(?:cookies?|privacy (?:notice|policy|settings|preferences)|our \d* ?partners)\b)"
        r"(?=.*\b(?:accept|agree|reject|manage (?:settings|preferences|cookies)|cookie settings|got it"
        r"|purposes|continu\w* to (?:browse|use))\b)", re.IGNORECASE | re.DOTALL), 70),
    ("standards note", ("standards", "guidelines", "principles", "ethics", "code of", "policy"), re.compile(
        r"\b(?:our standards|editorial (?:standards|guidelines|policy|code)|trust principles"
        r"|ethics (?:policy|code)|code of (?:ethics|conduct)|corrections policy)\b", re.IGNORECASE), 15),
    ("author note", ("about the author", "views expressed", "@"), re.compile(
        r"^\W*about the authors?\b|\bviews expressed\b.*\b(?:own|author'?s?|writer'?s?)\b"
        r"|\S+@\w[\w-]*\.\w", re.IGNORECASE), 45),
    ("layout notice", ("scroll", "swipe", "tap ", "click", "best viewed"), re.compile(
        r"^\W*(?:scroll|swipe)\b.{0,60}\b(?:table|chart|graphic|gallery|map)\b|\b(?:tap|click)(?: here)? to "
        r"(?:enlarge|expand|zoom)\b|\bbest viewed (?:on|in)\b", re.IGNORECASE), 20),
    ("social prompt", ("follow",), re.compile(
        r"\bfollow\b.{0,40}\bon (?:instagram|facebook|twitter|x|youtube|tiktok|telegram|linkedin|threads"
        r"|bluesky|whatsapp)\b", re.IGNORECASE), 20),
)
# Keywords without which the older keyword rules cannot match (see boilerplate_kind).
_EMBED_KEYS = ("twitter.com", "x.com", "instagram.com", "(@")
_COMMENTS_KEYS = ("comment", "conversation", "discussion")
_SUBSCRIPTION_KEYS = ("subscri", "sign up", "sign in", "log in", "login", "register", "newsletter",
                      "premium", "paywall", "ad-free", "support our", "already a", "unlock", "free trial",
                      "inbox", "never miss", "digest", "channel")
_CAPTION_KEYS = ("picture", "photo", "image", "credit", "illustration", "getty", "shutterstock", "/")

# Authors: "By Priya Raman, Asia editor", "By Marat Gilmutdinov in Kazan", "Hanna Lindqvist,
# Seoul correspondent", and a bio line "Adaeze Whitfield is a senior fellow at …".
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|le)){0,2}\s+[A-Z][\w'’-]+"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
_ROLE = (r"(?i:correspondent|editor|reporter|writer|columnist|contributor|analyst|journalist|producer"
         r"|critic|photographer|chief|staff|fellow|researcher|desk)s?")
_ROLE_TAIL = rf",\s+(?:[\w'’-]+\s+){{0,4}}{_ROLE}\b[^.!?]*"
_IN_PLACE = r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_AUTHOR_LINE = re.compile(
    rf"^\s*\(?(?:(?i:by)\s+{_NAMES}(?:{_ROLE_TAIL}|{_IN_PLACE})?|{_NAMES}{_ROLE_TAIL})\s*$"
)
_BY_NAMES = re.compile(rf"^\s*(?i:by)\s+{_NAMES}(?:,\s+(?:[\w'’-]+\s+){{0,4}}{_ROLE}\b|{_IN_PLACE})?")
_NAMES_ONLY = re.compile(rf"^\s*{_NAMES}\s*$")
_BIO = re.compile(
    rf"^(?:[A-Z][a-z]+\s+)?{_NAME}\s+(?:(?:is|was) (?:a|an|the) (?:[\w-]+\s+){{0,4}}?"
    r"(?:fellow|columnist|contributor|correspondent|editor|writer|reporter|journalist|author of|freelance)\b"
    r"|(?:has|have) (?:reported|written|covered)\b.*\b(?:since (?:19|20)\d\d"
    r"|for (?:more than |over |nearly )?\w+ (?:years|decades))\b"
    r"|writes (?:on|about)\b|(?:is|was) the author of\b)"
)


@dataclass(frozen=True)
class CleanArticle:
    """What ingest learns from one raw article."""

    body: str
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None = None
    warnings: tuple[str, ...] = ()  # things the editor should know, e.g. a page's wrong charset


def normalise_text(text: str) -> str:
    """NFC, no control or invisible characters, plain spaces, no trailing blanks."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


@functools.lru_cache(maxsize=4096)  # ingest compares each new article with every source
def comparison_key(text: str) -> str:
    """Comparison form of a block: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def is_prose(block: str) -> bool:
    """A block that reads as article text: a real sentence, or a long run of words."""
    words = _words(block)
    return (words >= 8 and bool(_SENTENCE_END.search(block))) or words >= 30


def _is_headline_shaped(block: str) -> bool:
    return 2 <= _words(block) <= 30 and not _TERMINAL.search(block.rstrip("\"'”’ "))


def _is_share_bar(block: str) -> bool:
    tokens = re.findall(r"[a-z]+", block.lower())
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens)


def boilerplate_kind(block: str) -> str | None:
    """Why a block is page furniture rather than article text, or None if it is text.

    ``block`` is one line, or one paragraph with its lines run together.
    """
    words = _words(block)
    if not re.search(r"[^\W\d_]", block):
        return "no words"
    # Each keyword rule first looks for its keywords with `in`: a regular expression that has to
    # try every alternative at every position is what would make this slow on long paragraphs.
    low = block.lower()
    if _has(low, _EMBED_KEYS) and _EMBED.search(block):
        return "social media embed"
    if _LINK_LINE.match(block) or _is_link_list(block):
        return "link to another story"
    if words <= 12 and _NAV.search(block):
        return "navigation"
    if _AD.match(block) or _is_share_bar(block):
        return "advertising or share bar"
    if words <= 40 and _has(low, _COMMENTS_KEYS) and _COMMENTS.search(block):
        return "comment widget"
    hits = len(_SUBSCRIPTION.findall(block)) if words <= 60 and _has(low, _SUBSCRIPTION_KEYS) else 0
    if (hits >= 2 and words <= 60) or (hits >= 1 and words <= 6):
        return "subscription prompt"
    if words <= 40 and _SYNDICATION.search(block):
        return "syndication note"
    # (a label that opens it is not the credit: "File photo: Kim presents Putin with a sword
    # … Photograph: X" is a sentence of the story, labelled and credited)
    caption = None
    if words <= 40 and _has(low, _CAPTION_KEYS):
        credits = list(_CAPTION.finditer(block))
        caption = next((m for m in credits if m.start() > 0), credits[0] if credits else None)
        if caption and caption.start() == 0 and caption.group(0).endswith(":") and is_prose(
                block[caption.end():]):
            caption = None  # "File photo: Kim presents Putin with a sword …", uncredited
    if caption and not is_prose(block[:caption.start()]):
        return "picture caption"
    if _CREDIT_LINE.match(block) or (_COPYRIGHT.match(block) and words <= 10):
        return "credit line"
    if _BYLINE.match(block) and (words <= 25 or not is_prose(block)):
        return "byline"
    if words <= 20 and _STAMP.match(block) and find_full_dates(block) and (
            not is_prose(block) or _is_stamp(block)):  # ("… at 6:15 a.m. CDT" ends in a stop)
        return "date stamp"
    if words <= 20 and _EDITED.match(block) and find_full_dates(block):
        return "date stamp"  # "This page was last edited on 10 December 2024, at 09:14 (UTC)."
    if words <= 12 and is_date_only(block):
        return "date line"
    return _page_furniture_kind(block, low, words) if words <= 70 else None


def _has(low: str, keys: tuple[str, ...]) -> bool:
    return any(key in low for key in keys)


def _page_furniture_kind(block: str, low: str, words: int) -> str | None:
    """The furniture of news pages that only short blocks can be (the checks above stay first:
    their kinds name publishers and dates for :func:`find_publisher` and ``_find_date``)."""
    if words <= 15 and _has(low, ("min", "reading time", "listen")) and _READING_TIME.search(block):
        return "reading time"
    if not is_prose(block):
        if words <= 30 and _is_stamp(block):
            return "date stamp"
        if words <= 25 and (_AUTHOR_LINE.match(block) or _is_dated_byline(block)):
            return "byline"
        if words <= 4 and _is_kicker(block):
            return "section kicker"
        if _PICTURE_COUNT.match(block):
            return "picture counter"
        if words <= 30 and _MARKET_DATA.search(block):
            return "market data"
        if words <= 16 and _BREADCRUMB.search(block) and _is_breadcrumb(block):
            return "breadcrumb"
        if words <= 15 and _SOURCES_LINE.match(block):
            return "source credit"
    if words <= 40 and _TAG_LIST.match(block):
        return "tag list"
    if words <= 40 and ("·" in block or "|" in block) and _is_item_bar(block):
        return "share or section bar"
    if words <= 45 and _BIO.match(block) and not re.search(r"[\"“”]", block) and \
            len(_SENTENCE_END.findall(block)) <= 2:
        return "author note"
    for kind, keys, pattern, most_words in _NOTICES:
        if words <= most_words and _has(low, keys) and pattern.search(block):
            return kind
    return None


def _is_link_list(block: str) -> bool:
    """A "Read also"/"Most popular" heading alone, or with its list of short headlines run on."""
    if _LIST_HEADING_LINE.match(block):
        return True
    match = _LIST_HEADING_RUN.match(block)
    return match is not None and all(
        _words(item) <= 16 for item in _LIST_ITEMS.split(block[match.end() - 1:]))


def _is_stamp(block: str) -> bool:
    """Only dates, clock times and stamp words ("Updated 18.52 BST", "5 min read")."""
    if not (_CLOCK.search(block) or _NUMERIC_DATE.search(block) or _STAMP_WORD.search(block)
            or find_full_dates(block)):
        return False
    rest = _STAMP_PART.sub(" ", _TIME_ZONE.sub(" ", block))
    return not re.search(r"[^\W\d_]", rest)


def _is_dated_byline(block: str) -> bool:
    """ "By Priya Raman, Asia editor Fri 21 Jun 2024 06.00 BST": names, then only a stamp;
    "2 July 2024 | Hyun-woo Lim and Claire Abernathy": a stamp, then only names."""
    match = _BY_NAMES.match(block)
    if match is not None and _is_stamp(block[match.end():]):
        return True
    parts = re.split(r"\s+[|·•]\s+", block, maxsplit=1)
    return len(parts) == 2 and _is_stamp(parts[0]) and bool(
        re.fullmatch(rf"(?:By\s+)?{_NAMES}", parts[1].strip()))


def _is_item_bar(block: str) -> bool:
    """Short items joined by "·" or " | ", one a share, social, section or stamp item, or all of
    them capitalised kickers ("TRANSLATIONS · STATE MEDIA"). A longer item must be furniture
    itself, so that "Headline | Watch Video" stays a headline."""
    items = [item for item in _ITEM_SEPARATOR.split(block) if re.search(r"[^\W_]", item)]
    if len(items) < 2:
        return False
    furniture = [_is_furniture_item(item) for item in items]
    if any(_words(item) > (7 if is_item else 4) for item, is_item in zip(items, furniture, strict=True)):
        return False
    return any(furniture) or all(_is_kicker(item) for item in items)


def _is_furniture_item(item: str) -> bool:
    return bool(_FURNITURE_PHRASE.search(item) or _READING_TIME.search(item)
                or not _FURNITURE_WORDS.isdisjoint(re.findall(r"[a-z]+", item.lower()))
                or _is_stamp(item))


def _is_kicker(block: str) -> bool:
    """A section label in capitals: "OPINION", "IN BRIEF", "AUTOS & INDUSTRY"."""
    return (len(re.findall(r"[^\W\d_]", block)) >= 2 and block == block.upper()
            and not _TERMINAL.search(block) and _words(block) <= 4)


def _is_breadcrumb(block: str) -> bool:
    items = [item for item in re.split(r"\s*[›»>|/]\s*", block) if item.strip()]
    return len(items) >= 2 and all(_words(item) <= 4 for item in items)


def furniture_kinds(lines: list[str], paragraphs: list[int] | None = None) -> list[str | None]:
    """:func:`boilerplate_kind` of each line, and what only its neighbours show: the headlines
    listed under a "Read also" or "Most popular" heading, and an author's bare name next to a
    date stamp. ``paragraphs`` numbers each line's paragraph (all one paragraph if omitted)."""
    kinds = [boilerplate_kind(line) for line in lines]
    para = paragraphs if paragraphs is not None else [0] * len(lines)
    for i, line in enumerate(lines):
        if kinds[i] == "link to another story" and _LIST_HEADING_LINE.match(line):
            _cover_list(lines, kinds, para, i)
        elif kinds[i] is None and _NAMES_ONLY.match(line) and any(
            0 <= j < len(lines) and para[j] == para[i] and kinds[j] in _STAMP_KINDS
            for j in (i - 1, i + 1)
        ):
            kinds[i] = "author line"
    return kinds


_STAMP_KINDS = frozenset({"date stamp", "reading time", "byline", "share or section bar"})
_MAX_LIST_ITEMS = 12


def _cover_list(lines: list[str], kinds: list[str | None], para: list[int], heading: int) -> None:
    """Mark the items under a list heading: its paragraph's lines, then marked items ("- ", "→ ",
    "1. ") that follow, or, under a heading standing alone, short unpunctuated lines; never
    a line of prose."""
    marked = False
    for j in range(heading + 1, min(len(lines), heading + 1 + _MAX_LIST_ITEMS)):
        line = lines[j]
        if kinds[j] is not None and _LIST_HEADING_LINE.match(line):
            return
        is_marked = bool(_LIST_MARK.match(line))
        same = para[j] == para[heading]
        if not is_marked and (is_prose(line) or (not same and (marked or not _is_headline_shaped(line)))):
            return
        if not same and not is_marked and j > heading + 1 and para[j - 1] == para[heading]:
            return  # the heading's own paragraph held the list, and it has ended
        marked = marked or is_marked
        kinds[j] = kinds[j] or "link to another story"


def is_furniture(paragraph: str) -> bool:
    """True when a body paragraph is page furniture: every line of it, read with its
    neighbours (:func:`furniture_kinds`). Give the paragraph as stored, lines unjoined."""
    return bool(paragraph.strip()) and not without_furniture(paragraph)


def without_furniture(paragraph: str) -> str:
    """A body paragraph without its furniture lines ("1 of 11" and "Photo: …" around a gallery
    caption, "07.12 BST" above a live-blog entry); "" when it is all furniture."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    return "\n".join(line for line, kind in zip(lines, furniture_kinds(lines), strict=True) if kind is None)


def find_publisher(blocks: list[str]) -> str | None:
    """The publisher or wire agency a credit line names, most specific first."""
    for pattern in (_STAFF_CREDIT, _DESK):
        for block in blocks:
            match = pattern.search(block)
            if match:
                return match["name"].strip()
    for block in blocks:
        match = _CREDIT_LINE.match(block)
        if match:
            return _canonical_agency(match["name"])
        match = _COPYRIGHT.match(block)
        if match and _words(block) <= 10:
            return match["name"].strip()
    for pattern in (_WIRE_DATELINE, _INPUTS_FROM):
        for block in blocks:
            match = pattern.search(block)
            if match:
                return _canonical_agency(match["name"])
    return None


def _canonical_agency(name: str) -> str:
    for agency in WIRE_AGENCIES:
        if agency.lower() == name.lower():
            return agency
    return name


def clean_article(text: str) -> CleanArticle:
    """Split a scraped article into body paragraphs and the metadata its text gives."""
    text = normalise_text(text)
    explicit_date: str | None = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _DATE_PREFIX.match(line)
        if match:
            explicit_date = explicit_date or match.group(1)
            lines[i] = line[match.end():]
    blocks: list[str] = []
    paragraphs: list[int] = []  # which blank-line-separated paragraph each block is in
    paragraph = 0
    for line in lines:
        if line.strip():
            blocks.append(line.strip())
            paragraphs.append(paragraph)
        else:
            paragraph += 1
    kinds = furniture_kinds(blocks, paragraphs)
    last_copy = {comparison_key(b): i for i, b in enumerate(blocks)}
    # A standfirst printed above the headline and again in the body does not start the body.
    prose = [i for i, b in enumerate(blocks)
             if kinds[i] is None and is_prose(b) and last_copy[comparison_key(b)] == i]
    first_prose = prose[0] if prose else len(blocks)
    last_prose = prose[-1] if prose else -1

    title_index = _find_title(blocks, kinds, first_prose)
    title = _TITLE_SUFFIX.sub("", blocks[title_index]).strip() if title_index is not None else None
    title_key = comparison_key(blocks[title_index]) if title_index is not None else None

    keep: list[str] = []
    for i, block in enumerate(blocks):
        if kinds[i] is not None or comparison_key(block) == title_key:
            continue
        outside = i < first_prose or i > last_prose
        if outside and not is_prose(block) and _words(block) <= 4:
            continue
        keep.append(block)
    keep = _drop_pull_quotes(drop_repeats(keep))

    date = explicit_date or _find_date(blocks, kinds, title_index)
    return CleanArticle(
        body="\n\n".join(keep),
        title=title,
        publisher=find_publisher([b for b, k in zip(blocks, kinds, strict=True) if k is not None]
                                 + [b for b in keep if _WIRE_DATELINE.match(b)]),
        date=date,
    )


def _find_title(blocks: list[str], kinds: list[str | None], first_prose: int) -> int | None:
    counts: dict[str, int] = {}
    for block in blocks:
        counts[comparison_key(block)] = counts.get(comparison_key(block), 0) + 1
    # An author's bare name above a date stamp may be the only headline-shaped line (or a short
    # headline may look like a name): it is the title only when nothing else can be.
    candidates = sorted(
        (i for i in range(min(first_prose, len(blocks)))
         if kinds[i] in (None, "author line") and _is_headline_shaped(blocks[i])),
        key=lambda i: kinds[i] is not None,
    )
    repeated = [i for i, b in enumerate(blocks) if kinds[i] is None and counts[comparison_key(b)] > 1
                and _is_headline_shaped(b) and i < max(first_prose, 1) + 3]
    if repeated:
        return repeated[0]
    return candidates[0] if candidates else None


def drop_repeats(blocks: list[str]) -> list[str]:
    """A block printed twice (a standfirst repeated in the body) is kept where it last appears."""
    last = {comparison_key(b): i for i, b in enumerate(blocks)}
    return [b for i, b in enumerate(blocks) if last[comparison_key(b)] == i]


def _drop_pull_quotes(blocks: list[str]) -> list[str]:
    """A short unpunctuated line that repeats the start of a paragraph is a highlight box."""
    keys = [comparison_key(b) for b in blocks]
    kept = []
    for i, block in enumerate(blocks):
        if _is_headline_shaped(block) and any(
            j != i and len(keys[j]) > len(keys[i]) and keys[i] in keys[j] for j in range(len(blocks))
        ):
            continue
        kept.append(block)
    return kept


def _find_date(blocks: list[str], kinds: list[str | None], title_index: int | None) -> str | None:
    """Publication date from a byline or date stamp; a bare date above the headline is the
    page's "today" furniture, not the article's date, and a date after "updated" or
    "modified" is not either."""
    for wanted in ("byline", "date stamp", "date line"):
        for i, block in enumerate(blocks):
            if kinds[i] != wanted:
                continue
            if wanted == "date line" and (title_index is None or i < title_index):
                continue
            updated = _UPDATED.search(block) if wanted == "date stamp" else None
            found = find_full_dates(block[:updated.start()] if updated else block)
            if found:
                return found[0][1].isoformat()
    # Else a full date in other page furniture before the text ("25 June 2024 · 5 min read",
    # "Editorial staff · 21.06.2024, 16:05"), not one after "updated" unless it is the only one.
    furniture = [block for i, block in enumerate(blocks)
                 if kinds[i] is not None and kinds[i] not in _NOT_ITS_DATE]
    for allow_updated in (False, True):
        for block in furniture:
            updated = None if allow_updated else _UPDATED.search(block)
            found = find_full_dates(block[:updated.start()] if updated else block)
            if found:
                return found[0][1].isoformat()
    return None


# Furniture whose dates are other pages' or other articles': link lists, adverts, comments.
_NOT_ITS_DATE = {"link to another story", "link list heading", "advertising or share bar",
                 "comment widget", "subscription prompt", "navigation", "social media embed",
                 "market data", "syndication note"}
