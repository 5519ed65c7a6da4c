"""People named in the articles, and who each mention in a sentence refers to.

News introduces a person with a title ("Russian President Vladimir Putin", "North Korean
leader Kim Jong-un", "presidential adviser Yuri Ushakov") and then uses a short name
("Putin", "Kim"), a description ("the Russian leader", "the Kremlin chief") or a pronoun.
The register is learned from all sources together; nothing in it is fixed in advance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

ROLE = (r"(?:[Pp]resident|[Ll]eader|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister|[Mm]inister"
        r"|[Aa]dviser|[Aa]dvisor|[Aa]ide|[Ss]pokes(?:man|woman|person)|[Cc]hancellor|[Cc]hairman"
        r"|[Ss]ecretary|[Kk]ing|[Qq]ueen|[Cc]hief|[Gg]eneral|[Dd]ictator|[Ee]nvoy|[Aa]mbassador"
        r"|[Gg]overnor|[Mm]ayor|[Ss]enator|[Dd]irector|[Cc]ommander)")
HEAD_OF_STATE = {"president", "leader", "prime minister", "chancellor", "chairman", "king",
                 "queen", "chief", "dictator", "head of state", "strongman", "general secretary",
                 "supreme leader", "autocrat", "despot"}
# Institutions and capitals stand for their country's leader ("the Kremlin chief").
SEAT_OF_POWER = {"kremlin": "russian", "moscow": "russian", "pyongyang": "north korean",
                 "white house": "american", "washington": "american", "beijing": "chinese",
                 "kyiv": "ukrainian", "tokyo": "japanese", "seoul": "south korean"}
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}"
_DESCRIPTOR = r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+"
# Lowercase words that qualify a title ("presidential adviser", "senior official").
_ADJECTIVE = r"[a-z]+(?:al|an|ese|ish|ior|ign|ary|ive)"
_TITLED = re.compile(
    rf"(?:(?P<descriptor>{_DESCRIPTOR}|{_ADJECTIVE}) )?(?P<role>{ROLE}) (?P<name>{_NAME})\b"
)
_COUNTRY_POSSESSIVE = re.compile(rf"\b(?P<country>{_DESCRIPTOR})(?:'s|’s) (?P<name>{_NAME})\b")
_REFERENCE = re.compile(
    r"\b(?:the |a )?(?:(?P<descriptor>(?!(?:the|a|an|of|in|and) )(?-i:(?:[A-Z][a-z]+ )?[A-Z][a-z]+"
    r"|[a-z]+)) )?(?P<role>"
    r"president|supreme leader|leader|prime minister|chancellor|chairman|chief|head of state"
    r"|dictator|king|queen|strongman|general secretary|autocrat|despot|side|hosts?|delegation)"
    r"\b(?!-)",
    re.IGNORECASE,
)
# "the Russian side", "the Korean hosts": a country's party stands for its leader.
_PARTY = {"side", "host", "hosts", "delegation"}
# Verbs only people do: a full name that does them is a person even without a title
# ("Vladimir Putin and Kim Jong Un have exchanged gifts", "Putin, 71, also received").
_PERSON_VERBS = (r"(?:said|says|told|added|gave|given|gives|presented|handed|received|met|visited"
                 r"|signed|drove|rode|pledged|thanked|invited|exchanged|greeted|hugged|smiled|sent|got"
                 r"|offered|reciprocated|travelled|traveled|arrived|inspected|landed|flew|toured"
                 r"|brought|owns|declined|praised|welcomed|wrote|ordered|ruled|favoured|favored"
                 r"|thanked|conveyed|expressed|vowed|promised|hosted|called|took|drives|rides|"
                 r"taking turns|took turns|flew home|waved|smiled|shook hands|bestowed|left)")
# "was presented with a …", "was handed two …": things are given, but are not given things.
_GIVEN_A = (r"^\s(?:was|were|has been|had been)\s(?:also\s)?(?:presented\s+with|handed|given|gifted|"
            r"offered|awarded)\s(?:a|an|the|two|three|four|several|some|\d)\b")
# What only a person has: "Kim Jong Un's garage", "Putin's aide", "Kim's sister".
_HAS = (r"^(?:'s|’s)\s+(?:[a-z\d-]+\s+){0,2}(?:garage|car collection|motorcade|sister|brother|wife|"
        r"husband|daughter|son|father|mother|aide|aides|spokesman|spokeswoman|bodyguards?|"
        r"inauguration|birthday|predecessor|successor|visit|trip|stay|arrival|plane|remarks)\b")
# A reflexive ("Putin himself"), a relative "who"/"whom" ("Kim, whom state media call …")
# or a title in apposition ("Vladimir Putin, the Russian president,") also marks a person.
_ACTING = re.compile(rf"^(?:,\s\d{{1,3}},\s|\s(?:also |then |later |already |\w+ly |has |have "
                     rf"|had |on \w+ )*){_PERSON_VERBS}\b|^ (?:himself|herself)\b|{_GIVEN_A}|{_HAS}"
                     rf"|^,\s(?:who|whom)\b|^,\s(?:(?:the|a)\s)?(?:[A-Z]\w+\s|[a-z]+\s)?{ROLE}\b")
# Who is given something is a person: "Putin left Kim Jong Un an Aurus", "a gift from
# Vladimir Putin", "bestowed upon Kim".
_GIVEN_TO = re.compile(r"\b(?:gave|handed|presented|left|brought|sent|offered|gifted|bestowed "
                       r"(?:up)?on|(?:gift|present|car|limousine)s? (?:from|to)|received [^.;]{1,60}? "
                       r"from|(?:given|gifted|presented|handed|sent|bestowed|delivered|offered)\b"
                       r"[^.;]{0,50}? by)\s+$")
_AND_NAME = re.compile(rf"^ and (?:{_NAME}|{_NAME_WORD})\b")
_FULL_NAME = re.compile(rf"(?<![\w-]){_NAME}\b")
# Capitalised words that start a sentence or name a place or people, not a person's first name.
_NOT_FIRST_NAME = {"the", "a", "an", "this", "that", "in", "on", "at", "but", "and", "when",
                   "while", "after", "before", "his", "her", "their", "its", "north", "south",
                   "east", "west", "russian", "korean", "new", "united", "state", "prime",
                   "president", "leader", "if", "as", "for", "with", "by", "from", "it",
                   "mr", "mrs", "ms", "dr", "miss", "sir", "comrade", "far", "central",
                   # capitalised words that start sentences and headings
                   "what", "who", "why", "how", "where", "which", "there", "here", "then", "now",
                   "today", "also", "meanwhile", "however", "instead", "still", "later",
                   "earlier", "so", "yet", "although", "though", "because", "since", "once",
                   "until", "both", "each", "every", "some", "many", "most", "all", "no", "not",
                   "our", "my", "your", "we", "they", "he", "she", "you", "is", "was", "did",
                   "can", "will", "would", "these", "those", "another", "other", "such", "only",
                   "even", "last", "next", "first", "over", "under", "about", "among", "during",
                   "through", "despite", "according", "tonight", "yesterday", "respected", "dear",
                   "beloved", "esteemed", "honourable", "honorable", "great", "supreme",
                   # a headline's question or label: "Fact check: Does Putin's gift …"
                   "does", "do", "has", "have", "had", "are", "were", "could", "should", "may",
                   "might", "must", "shall", "watch", "live", "breaking", "exclusive", "analysis",
                   "opinion", "explainer", "inside", "behind",
                   # "On Wednesday Anna Berg handed …", "In May Tomas Varga …"
                   "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "january", "february", "march", "april", "june", "july", "august",
                   "september", "october", "november", "december"}
# Last words of place names ("Russia's Vostochny Cosmodrome", "Russia's Far East").
_PLACE_NOUNS = {"cosmodrome", "airport", "university", "square", "palace", "hotel", "centre",
                "center", "museum", "station", "street", "bridge", "region", "province", "oblast",
                "east", "west", "north", "south", "guesthouse", "house", "hall", "park", "plant",
                "factory", "port", "island", "sea", "river", "republic", "federation", "council",
                "ministry", "agency", "institute", "stadium", "cathedral", "kremlin", "district"}
_NOT_A_PERSON_AFTER = re.compile(r"^[’']?s? (?:Motors|Group|Agency|Company|plant|factory)\b|"
                                 r"^(?: [A-Z]\w*)* (?:cars?|limousines?|sedans?|vehicles?)\b")
# "his guest", "her host": the other person, like "him".
_PRONOUN = re.compile(r"\b(?:(?P<other>(?:his|her|their) (?:\w+ )?(?:guest|host|counterpart|"
                      r"visitor)s?)|(?P<word>he|him|his|himself|she|her|herself))\b",
                      re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:'s|’s|')")
# Things a person does and a country, city, agency or firm does not say of itself (so not
# "said", "reported", "sent", "delivered"): a single capitalised word that does one of them
# is taken for a surname when no full name explains it ("Kim gave Putin two dogs").
_DEEDS = (r"(?:gave|gives|presented|handed|received|met|visited|drove|rode|thanked|invited|"
          r"greeted|hugged|smiled|laughed|got|offered|reciprocated|travelled|traveled|arrived|"
          r"landed|flew|toured|owns|owned|praised|welcomed|hosted|took|sat|shook|petted|stroked|"
          r"fed|waved|embraced|accepted|showed|left|brought|bestowed)")
_DOES = re.compile(rf"^(?:,\s\d{{1,3}},\s|\s(?:also |then |later |already |\w+ly |has |have |"
                   rf"had |on \w+ |in turn |in return )*){_DEEDS}\b|^ (?:himself|herself)\b"
                   rf"|{_GIVEN_A}|{_HAS}")
# Places and bodies that act in news prose ("Russia received", "Moscow offered").
# A country's name for its people's adjective ("North Korea's leader" is "north korean|leader").
COUNTRIES = {"russia": "russian", "russian federation": "russian", "north korea": "north korean",
             "dprk": "north korean", "democratic people's republic of korea": "north korean",
             "south korea": "south korean", "republic of korea": "south korean",
             "china": "chinese", "people's republic of china": "chinese", "japan": "japanese",
             "ukraine": "ukrainian", "united states": "american", "vietnam": "vietnamese",
             "viet nam": "vietnamese", "belarus": "belarusian", "iran": "iranian",
             "india": "indian", "france": "french", "germany": "german",
             "united kingdom": "british", "britain": "british"}
_PLACE_NAMES = "|".join(sorted((re.escape(p) for p in {*COUNTRIES, *SEAT_OF_POWER}), key=len,
                               reverse=True))
_GIVING = (r"(?:gave|given|gives|handed|presented|sent|delivered|shipped|gifted|bestowed|received|"
           r"receives|brought|offered|reciprocated|got)")
# A country, its capital or its seat of power as the giver or receiver of a gift stands for
# its leader: "North Korea received the first of the cars", "Moscow sent Kim a car", "a
# limousine delivered to Pyongyang".
PLACE_ACTOR = re.compile(
    rf"\b(?:the\s+)?(?P<place>(?i:{_PLACE_NAMES}))\b(?![’'-])(?=\s+(?:\w+ly\s+|also\s+|has\s+|"
    rf"had\s+|have\s+|then\s+|in turn\s+|in return\s+)*{_GIVING}\b)"
    rf"|\b{_GIVING}\b[^.;]{{0,60}}?\b(?:to|from|by)\s+(?:the\s+)?"
    rf"(?P<place2>(?i:{_PLACE_NAMES}))\b(?![’'-])")
PLACES = {"russia", "china", "japan", "korea", "ukraine", "america", "britain", "england",
          "france", "germany", "india", "iran", "israel", "europe", "asia", "africa", "syria",
          "belarus", "vietnam", "mongolia", "taiwan", "turkey", "canada", "australia", "nato",
          "congress", "parliament", "government", "state", "police", "army", "navy", "military",
          *SEAT_OF_POWER}
# "VLADIMIR Putin": a tabloid's capitalised first word.
_SHOUTED = re.compile(r"\b([A-Z])([A-Z]+)\b(?= [A-Z][a-z])")


_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna)$")


def unshout(text: str) -> str:
    """ "VLADIMIR Putin" → "Vladimir Putin" (same length, so positions still hold)."""
    return _SHOUTED.sub(lambda m: m.group(1) + m.group(2).lower(), text)


def _surnames(text: str, brands: set[str]) -> set[str]:
    """Single capitalised words (written at least twice) that do what only people do, seldom
    follow "the", "in" or "at" or stand in a longer name, and are not a place or a brand."""
    doing: set[str] = set()
    seen: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    for match in re.finditer(r"(?<![\w’'-])([A-Z][a-z]{2,})(?![\w-])", text):
        word = match.group(1).lower()
        seen[word] += 1
        # (windows around the word, not the whole text before and after it: same answers)
        before = text[max(0, match.start() - 60): match.start()]
        after = text[match.end(): match.end() + 160]
        previous = re.search(r"([A-Z][\w-]*)\s$", before)
        if re.search(r"\b(?:the|in|at|of the|from the)\s$", before[-20:], re.IGNORECASE) or \
                re.match(r"\s[A-Z][a-z]", after) or (
                previous and previous.group(1).lower() not in _NOT_FIRST_NAME
                and not re.fullmatch(ROLE, previous.group(1))):
            placed[word] += 1  # a place, or part of a longer name ("Aurus Senat")
        elif _DOES.match(after):
            doing.add(word)
    return {w for w in doing if seen[w] >= 2 and placed[w] * 3 < seen[w] and w not in brands
            and w not in PLACES and w not in _NOT_FIRST_NAME and not _TITLE_WORD.fullmatch(w)}


# Words of titles, never a surname ("the respected General Secretary received …").
_TITLE_WORD = re.compile(rf"{ROLE}|secretary|strongman|premier|comrade|marshal|envoy|"
                         r"delegation|side|host|guest|counterpart|visitor|leaders?",
                         re.IGNORECASE)


def _acting_names(text: str) -> tuple[set[str], set[str]]:
    """Full names (2–3 capitalised words) of whoever does what only people do.

    A name counts when it, or one of its words standing alone, is followed by such a verb
    or is joined by "and" to a name that is; a name used as a brand anywhere ("Aurus Senat
    limousine", "Aurus Motors") never counts. Also returns the brand words.
    """
    names: dict[str, tuple[str, int]] = {}  # key → (name as written, where it ends)
    at = 0
    while match := _FULL_NAME.search(text, at):
        words = match.group(0).split()
        titles = 0
        while titles < len(words) and (words[titles].lower() in _NOT_FIRST_NAME  # "When Putin"
                                       or re.fullmatch(rf"{ROLE}|[Pp]rime|[Ff]oreign",
                                                       words[titles])
                                       # "German Chancellor Tomas Varga": a title's country
                                       or (titles + 1 < len(words)
                                           and re.fullmatch(ROLE, words[titles + 1]))):
            titles += 1
        if titles:
            # "Respected Comrade Kim Jong Un", "Inside Kim Jong Un's garage": the name starts
            # after the titles (and may go on past the three words matched)
            at = match.start() + len(" ".join(words[:titles])) + 1
            continue
        words = words[titles:]
        if len(words) >= 2 and "-" not in words[0]:
            names[name_key(" ".join(words))] = (" ".join(words), match.end())
        at = match.end()
    # "Kim Il Sung Square", "Lenin Prize": a name that names a place or thing.
    places = {name_key(m.group(1)) for m in re.finditer(
        rf"({_NAME}) (?:Square|Stadium|University|Airport|Street|Avenue|Bridge|Palace|Hall|Park"
        r"|Station|Mausoleum|Tower|Prize|Foundation|Centre|Center|Museum|Institute|Hospital"
        r"|School|Road|Plaza|Boulevard|Cosmodrome|Guesthouse|Academy)\b", text)}
    names = {key: value for key, value in names.items() if key not in places}
    brands = {word for key, (_, end) in names.items() for word in key.split()
              if _NOT_A_PERSON_AFTER.match(text[end:])}
    brands |= {m.group(1).lower() for m in re.finditer(
        r"\b([A-Z][a-z]+)(?: [A-Z]\w*)? (?:cars?|limousines?|sedans?|vehicles?|Motors)\b", text)}
    # "an Aurus Senat, the armoured limousine", "Aurus, the carmaker": a thing, in apposition.
    brands |= {w.lower() for m in re.finditer(
        rf"({_NAME}|{_NAME_WORD}),\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}(?:cars?|limousines?|"
        r"sedans?|vehicles?|saloons?|SUVs?|brand|carmaker|company|maker|manufacturer|firm)\b",
        text) for w in m.group(1).split()}
    # People are not counted or qualified: "a Russian Aurus Senat", "the first Aurus".
    brands |= {m.group(1).lower() for m in re.finditer(
        r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:first|second|new|latest|"
        r"armou?red|black|Russian|Russian-made|Russian-built|German|British|Japanese)\s+"
        r"([A-Z][a-z]+)\b", text)}
    acting: set[str] = set()
    people = [key for key in names if not set(key.split()) & brands]
    # A word shared by several names ("Kim") stands alone for the first one named.
    first_named: dict[str, str] = {}
    for key in people:
        for word in (key.split()[0], key.split()[-1]):
            first_named.setdefault(word, key)
    for key in people:
        words = key.split()
        # (not a place's word: "the Kremlin said" is no act of "Kremlin Pool")
        short = {w for w in (words[0], words[-1]) if first_named[w] == key and w not in PLACES}
        for match in re.finditer(rf"\b({_NAME_WORD}(?: {_NAME_WORD}){{0,2}})", text):
            found = name_key(match.group(1))
            if found != key and found not in short:
                continue
            after = text[match.end():]
            if _ACTING.match(after) or (
                    _GIVEN_TO.search(text, max(0, match.start() - 80), match.start())
                    and not set(words) & PLACES):
                acting.add(key)
            joined = _AND_NAME.match(after)
            if joined and _ACTING.match(after[joined.end():]):
                acting.add(key)
    for key in list(acting):
        for match in re.finditer(rf"({_NAME}) and {re.escape(names[key][0])}\b", text):
            other = name_key(match.group(1))
            if other in names and not set(other.split()) & brands:
                acting.add(other)
    return acting, brands


@lru_cache(maxsize=4096)
def name_pattern(key: str) -> re.Pattern[str]:
    """How a full name is found in a text: its words in any case, joined by spaces or hyphens
    ("Kim Jong-un" is "kim jong un")."""
    return re.compile(r"\b" + r"[\s-]+".join(re.escape(w) for w in key.split()) + r"\b",
                      re.IGNORECASE)


def name_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name).strip().lower()


def display_name(name: str) -> str:
    """"Kim Jong-un" and "Kim Jong Un" are one person, shown as "Kim Jong Un"."""
    return " ".join(word.capitalize() for word in name_key(name).split())


def introductions(text: str) -> list[tuple[str, str]]:
    """(name key, "demonym|role") for everyone ``text`` introduces with a title: "Russian
    President Vladimir Putin", "North Korea's Kim Jong Un", and in apposition "Vladimir
    Putin, the Russian president," or "…, President of the Russian Federation"."""
    found = [(name_key(m["name"]), title_of(m)) for m in _TITLED.finditer(text)]
    for match in _COUNTRY_POSSESSIVE.finditer(text):
        key = name_key(match["name"])
        if set(key.split()) & _PLACE_NOUNS or key.split()[0] in _NOT_FIRST_NAME:
            continue
        found.append((key, f"{demonym(match['country'])}|leader"))
    for match in _APPOSED_TITLE.finditer(text):
        key = name_key(match["name"])
        if key.split()[0] in _NOT_FIRST_NAME or set(key.split()) & _PLACE_NOUNS:
            continue
        descriptor = match["descriptor"] or match["country"] or re.sub(
            r"^(?:Republic|Kingdom|Federation|State) of |\s+(?:Republic|Federation|Kingdom|"
            r"State|Union)$", "", match["of"] or "")
        role = match["role"] or match["role2"] or match["role3"]
        found.append((key, f"{demonym(descriptor)}|{role.lower()}"))
    return found


# "Vladimir Putin, the Russian president,", "Kim Jong Un, North Korea's leader,",
# "Vladimir Vladimirovich Putin, President of the Russian Federation"
_APPOSED_TITLE = re.compile(
    rf"\b(?P<name>(?-i:{_NAME})),\s+(?:(?:the\s+)?(?P<descriptor>(?-i:[A-Z][a-z]+)(?: (?-i:[A-Z][a-z]+))?)"
    rf"\s+(?P<role>president|leader|prime minister|chancellor|chairman|king|queen)\b"
    rf"|(?P<country>(?-i:[A-Z][a-z]+)(?: (?-i:[A-Z][a-z]+))?)(?:'s|’s)\s+(?:(?:supreme|top)\s+)?"
    rf"(?P<role2>leader|president)\b"
    rf"|(?:the\s+)?(?P<role3>President|Chairman|Leader|Prime Minister)\s+of\s+(?:the\s+)?"
    rf"(?P<of>(?-i:[A-Z][\w']+)(?: (?-i:[A-Z][\w']+)){{0,5}}))", re.IGNORECASE)


def title_of(match: re.Match[str]) -> str:
    """ "demonym|role" of a :data:`_TITLED` match: "Russian President" → "russian|president",
    "Prime Minister" → "|prime minister"."""
    role = match["role"].lower()
    descriptor = (match["descriptor"] or "").lower()
    if descriptor in ("prime", "foreign", "defence", "defense", "deputy prime"):
        return f"|{descriptor} {role}"
    return f"{demonym(descriptor)}|{role}"


def demonym(descriptor: str) -> str:
    text = descriptor.lower()
    return SEAT_OF_POWER.get(text, COUNTRIES.get(text, text))


# A name written in the headline or the opening lines counts as much as this many more
# mentions: the story's subject ("Kim" is Kim Jong Un, named in the standfirst, in a feature
# whose flashback names his father three times).
OPENING_CHARS = 400
OPENING_WEIGHT = 2


def written_weight(found: list[int]) -> int:
    """How prominent the full name written at ``found`` (positions in one text) is there."""
    return len(found) + (OPENING_WEIGHT if found[0] < OPENING_CHARS else 0)


@dataclass
class People:
    """Full names by key, short names and descriptions that point to one of them."""

    names: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    word_counts: Counter[str] = field(default_factory=Counter)
    # How often each full name is written, and where first: who a shared word ("Kim") means.
    prominence: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def learn(cls, texts: Iterable[str]) -> People:
        """Register everyone introduced with a title or as "Country's Full Name"."""
        people = cls()
        seen: Counter[str] = Counter()
        texts_list = [unshout(text) for text in texts]
        for text in texts_list:
            for key, title in introductions(text):
                seen[key] += 1
                people.roles.setdefault(key, set()).add(title)
        surnames: set[str] = set()
        for text in texts_list:
            acting, brands = _acting_names(text)
            for key in acting:
                seen[key] += 1
                people.roles.setdefault(key, set())
            surnames |= _surnames(text, brands)
        named_words = {w for key in seen for w in key.split()}
        for word in sorted(surnames - named_words):
            seen[word] += 1
            people.roles.setdefault(word, set())
        for key in seen:
            people.names[key] = display_name(key)
        people.merge_middle_names()
        for text in texts_list:
            people.word_counts.update(w.lower() for w in re.findall(r"[A-Z][a-z]+", text))
        at = 0
        for text in texts_list:
            for key in people.names:
                found = [m.start() for m in name_pattern(key).finditer(text)]
                count, first = people.prominence.get(key, (0, -1))
                if found:
                    people.prominence[key] = (count + written_weight(found),
                                              first if first >= 0 else at + found[0])
            at += len(text) + 1
        return people

    def merge_middle_names(self) -> None:
        """ "Vladimir Vladimirovich Putin" is "Vladimir Putin" when both are known: the longer
        name is dropped (its first and last words still find him) and its titles kept."""
        for key in list(self.names):
            words = key.split()
            short = f"{words[0]} {words[-1]}"
            if len(words) > 2 and short in self.names:
                del self.names[key]
                self.roles.setdefault(short, set()).update(self.roles.pop(key, set()))
                continue
            # "Vladimir Vladimirovich": a first name and a patronymic
            bare = [w for w in words if not _PATRONYMIC.search(w)]
            if len(bare) == 2 < len(words) and " ".join(bare) not in self.names:
                # "Vladimir Vladimirovich Putin" alone: known as "Vladimir Putin"
                short = " ".join(bare)
                del self.names[key]
                self.names[short] = display_name(short)
                self.roles[short] = self.roles.pop(key, set())
                continue
            owners = [k for k in self.names if k != key and k.split()[0] == bare[0]]
            if len(bare) == 1 < len(words) and len(owners) == 1:
                del self.names[key]
                self.roles.setdefault(owners[0], set()).update(self.roles.pop(key, set()))

    def short(self, key: str) -> str:
        """The one-word name the articles use most for this person ("Putin", "Kim")."""
        words = [w for w, k in self.short_names().items() if k == key]
        words.sort(key=lambda w: (-self.word_counts[w], w))
        return words[0] if words else key.split()[-1]

    def short_names(self) -> dict[str, str]:
        """Single words that name one known person ("Putin", "Kim", "Vladimir")."""
        owners: dict[str, set[str]] = {}
        for key in self.names:
            words = key.split()
            for word in {words[0], words[-1]}:
                if len(word) > 2:
                    owners.setdefault(word, set()).add(key)
        return {word: self._most_prominent(keys) for word, keys in owners.items()}

    def _most_prominent(self, keys: set[str]) -> str:
        """Of people sharing a name word, the one written most often, then the first named
        ("Kim" is Kim Jong Un in an article that also names his sister Kim Yo Jong once)."""
        def weight(key: str) -> tuple[int, int, str]:
            count, first = self.prominence.get(key, (0, 1 << 30))
            return (-count, first if first >= 0 else 1 << 30, key)
        return min(keys, key=weight)

    def by_description(self, descriptor: str, role: str, exclude: frozenset[str] = frozenset(),
                       cast: Iterable[str] = ()) -> str | None:
        """The one person whose title matches "the <descriptor> <role>", leaving out the
        people the sentence names otherwise (``exclude``: "Kim gave the Russian leader …").

        When nobody has such a title, a head of state's description ("the Russian president",
        "the head of state") means the one person the article names (``cast``) who has no
        title at all or a head-of-state title naming no other country, and is
        not named in the sentence otherwise."""
        wanted = demonym(descriptor)
        role = role.lower()
        matches = {
            key for key, titles in self.roles.items()
            for title in titles
            if (title.split("|")[0].endswith(wanted) if wanted else True)
            and (title.split("|")[1] == role
                 or (wanted and role in HEAD_OF_STATE and title.split("|")[1] in HEAD_OF_STATE))
        }
        if len(matches) > 1:
            matches -= exclude
        if len(matches) == 1:
            return next(iter(matches))
        if matches or role not in HEAD_OF_STATE:
            return None
        candidates = {
            key for key in cast if key not in exclude and key in self.names
            and (not self.roles.get(key) or any(
                title.split("|")[1] in HEAD_OF_STATE and not (wanted and title.split("|")[0])
                for title in self.roles[key]))
        }
        return next(iter(candidates)) if len(candidates) == 1 else None


def named_in(text: str, people: People) -> list[str]:
    """Everyone ``text`` names (full name or a short name, capitalised), first named first."""
    text = unshout(text)
    first: dict[str, int] = {}
    for key in people.names:
        match = name_pattern(key).search(text)
        if match:
            first[key] = match.start()
    for word, key in people.short_names().items():
        for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            if text[match.start()].isupper():
                first[key] = min(first.get(key, match.start()), match.start())
                break
    return sorted(first, key=lambda key: (first[key], key))


def is_leader(key: str, people: People) -> bool:
    """A head of state, or someone the register gives no title (no aide or spokesman)."""
    return key in people.names and (not people.roles.get(key) or any(
        title.split("|")[1] in HEAD_OF_STATE for title in people.roles[key]))


def other_leader(person: str, people: People, cast: Iterable[str]) -> str | None:
    """The first person in ``cast`` other than ``person`` who is a leader (:func:`is_leader`):
    the other side of a two-leader story ("his visiting counterpart")."""
    others = [key for key in cast if key != person and is_leader(key, people)]
    return others[0] if others else None


@dataclass(frozen=True)
class PersonMention:
    """A reference to a known person at ``start:end`` of a sentence."""

    start: int
    end: int
    key: str
    possessive: bool
    pronoun: bool = False


_OBJECT_BEFORE = re.compile(rf"\b(?:to|with|for|by|from|of|and|than|at|on|in|about|like|as|"
                            rf"{_PERSON_VERBS}|{_DEEDS}|\w+ed)\W*$", re.IGNORECASE)


def _is_object(text: str, mention: PersonMention) -> bool:
    """Whether the word before a mention makes it an object ("met Kim", "to Kim")."""
    before = text[max(0, mention.start - 40): mention.start]
    if re.search(r",\s*and\s*$", before):
        return False  # ", and Berg gave him …" starts a clause
    return bool(_OBJECT_BEFORE.search(before))


def find_people(text: str, people: People, context: list[PersonMention] | None = None,
                cast: Iterable[str] = ()) -> list[PersonMention]:
    """Mentions of known people in ``text``, pronouns resolved from ``context`` and the text.

    ``context`` holds the mentions of the previous sentence: "he" refers to the first person
    named before it (the subject), "him" to the latest person named before it other than the
    subject of its own clause ("When Kim visited, Putin handed him …": Kim).
    ``cast`` is everyone the article names (see :meth:`People.by_description`; "his host"
    with nobody before it is the one other leader in it).
    """
    found: list[PersonMention] = []
    taken: list[tuple[int, int]] = []
    text = unshout(text)

    def add(start: int, end: int, key: str, pronoun: bool = False) -> None:
        if any(start < b and end > a for a, b in taken):
            return
        possessive = bool(_POSSESSIVE.match(text[end:]))
        taken.append((start, end))
        found.append(PersonMention(start, end, key, possessive, pronoun))

    for match in _TITLED.finditer(text):
        key = name_key(match["name"])
        if key in people.names:
            start = match.start("descriptor") if match["descriptor"] else match.start("role")
            add(start, match.end(), key)
    full = sorted(people.names, key=len, reverse=True)
    for key in full:
        for match in name_pattern(key).finditer(text):
            add(*match.span(), key)
    # (a party needs its country: "the Russian side", not "his host")
    references = [(m, "leader" if m["role"].lower() in _PARTY else m["role"])
                  for m in _REFERENCE.finditer(text)
                  if (m["descriptor"] and (m["descriptor"][:1].isupper()
                                           or m["role"].lower() not in _PARTY))
                  or (m.group(0).lower().startswith("the ") and m["role"].lower() not in _PARTY)]
    for match, role in references:  # before short names: "Russian President Putin"
        person = people.by_description(match["descriptor"] or "", role)
        if person:
            add(*match.span(), person)
    for word, key in people.short_names().items():
        for match in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            if text[match.start()].isupper():
                add(*match.span(), key)
    named_keys = frozenset(m.key for m in found)
    for match, role in references:  # "Kim gave the Russian president two dogs"
        person = people.by_description(match["descriptor"] or "", role, named_keys, cast)
        if person:
            add(*match.span(), person)
    for match in PLACE_ACTOR.finditer(text):  # "North Korea received the first of the cars"
        group = "place" if match["place"] else "place2"
        person = people.by_description(match[group], "leader", named_keys, cast)
        if person:
            add(*match.span(group), person)
    named = sorted(found, key=lambda m: m.start)
    for match in _PRONOUN.finditer(text):
        before = [m for m in named if m.end <= match.start()]
        word = (match["word"] or "him").lower()
        named_after = [m.key for m in named if m.start >= match.end() and not m.pronoun]
        if not before and named_after and word in ("him", "her") and (
                context or not match["other"]):
            # "The car was presented to him … the Russian leader has given him": someone the
            # sentence does not go on to name (from the sentence before, else the other
            # leader); "his host" with no one before it has no one's "his"
            others = [m.key for m in (context or []) if m.key not in named_after]
            other = others[-1] if others else other_leader(named_after[0], people, cast)
            if other:
                add(*match.span(), other, pronoun=True)
            continue
        earlier = before or list(context or [])
        if not earlier:
            continue  # "his host" needs someone's "his"
        subject = earlier[0].key
        if word in ("he", "she", "his", "himself", "herself"):
            add(*match.span(), subject, pronoun=True)
        else:
            acting = [m for m in before if not _is_object(text, m)]
            doer = acting[-1].key if acting else subject
            others = [m.key for m in [*(context or []), *before] if m.key != doer]
            if match["other"]:  # "his guest", "his host": a leader, not an aide named since
                others = [k for k in others if is_leader(k, people)]
            other = others[-1] if others else other_leader(doer, people, cast)
            if other:
                add(*match.span(), other, pronoun=True)
    return sorted(found, key=lambda m: m.start)
