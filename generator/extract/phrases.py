"""Noun phrases: lists ("A, several B and a C"), quantities ("a pair of", "several"), heads."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (rf"(?:(?:\d{{1,3}}|{_UNITS}|ten|twenty|fifty) thousand\b|\d{{1,3}}(?:,\d{{3}})+|\d+|"
          rf"(?:{_TENS})[- ](?:{_UNITS})\b|"
          + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")")
_VAGUE = {"several": "several", "multiple": "several", "various": "several", "a few": "a few",
          "some": "some", "many": "many", "numerous": "many", "a number of": "several",
          "dozens of": "dozens", "hundreds of": "hundreds", "a couple of": "2"}
_QUANTITY = re.compile(
    rf"^(?:(?P<pair>a pair of|a couple of)|(?P<atleast>at least|more than|over|two or more|"
    rf"(?P<nmore>{NUMBER}) or more) ?(?P<n2>{NUMBER})?|(?P<oneof>one of (?:the|his|her|their))"
    rf"|(?P<n>{NUMBER})|(?P<one>a|an|another|a single)|(?P<vague>"
    + "|".join(sorted(_VAGUE, key=len, reverse=True))
    + r")|(?P<the>the|this|that|these|those|his|her|its|their))\b ?",
    re.IGNORECASE,
)
_ADJECTIVES_TO_DROP = re.compile(r"^(?:first|second|third|new|same|other|further|another)\b ?",
                                 re.IGNORECASE)
# "Russian-built", "Russia-made": where it was made is not part of what it is.
_MADE_IN = re.compile(r"^(?:[A-Z][a-z]+-(?:built|made|produced|manufactured) )", re.IGNORECASE)
# Words that end an item phrase: prepositions and connectives that start something else.
_PHRASE_END = re.compile(
    # "a glove from a spacesuit and a rifle", "a glove worn by a cosmonaut and a rifle":
    # a short "from"/"by" phrase inside a list does not end it.
    r"\s(?:from|by)\b(?!\s(?:(?:a|an|the)\s)?(?-i:[a-z0-9])[\w-]*(?:\s[\w-]+)?(?:,|\sand\s(?:a|an|two|"
    r"\w+s\b)))"
    r"|\s(?:as|in|on|at|during|when|after|before|while|which|who|whom|that|to|for|"
    r"because|since|last|this|earlier|later|then|but|both|according|amid|following|"
    r"reportedly|said|says|with|into|again|than|via|under|where|if|so|"
    r"(?:made|built|produced|manufactured|designed) (?:by|in))\b"
    r"|[;:()\"“”]|\s[-–—]\s|,\s(?:saying|calling|adding|noting|telling|describing|both|said|who|"
    r"which|according|as|in|on|at|while|when|"
    r"after|before|then|but|meaning|the [a-z]+ said|[a-z]+ said)\b"
    r"|\s(?:too|as well|he|she|they|we|there|here|today|yesterday|tonight|tomorrow)\b"
    # ", and Kim gave …": a name and a past-tense verb start a new clause.
    r"|,?\s(?:and|while|but)\s(?=(?-i:[A-Z][\w-]+\s)+(?:\w+ly\s|also\s|then\s|later\s)?(?-i:[a-z]+)"
    r"(?:ed|ew|ave|ent|ook|ought|ove|ode|ame|old|aid)\b|(?-i:[A-Z][\w-]+\s)+(?:hands|gives|presents|offers|receives|"
    r"gets|sends|takes|drives|says|tells)\b)",
    re.IGNORECASE,
)
_VERBISH = re.compile(r"^(?:said|says|is|was|were|are|has|have|had|took|then|also|later|"
                      r"it|he|she|they|[a-z]+ed)\b", re.IGNORECASE)
DEMONYMS = {"russian", "soviet", "korean", "north", "south", "chinese", "japanese", "german",
            "american", "british", "french", "italian", "ukrainian", "western", "european",
            "foreign", "swedish", "us", "u.s.", "uk"}


@dataclass(frozen=True)
class Item:
    """One element of a noun list: what (without quantity words) and how many, if stated."""

    text: str
    quantity: int | str | None


def number_value(word: str) -> int | None:
    word = word.lower().replace(",", "")
    if word.endswith(" thousand"):  # "five thousand"
        base = number_value(word.removesuffix(" thousand"))
        return base * 1000 if base is not None else None
    if word.isdigit():
        return int(word)
    tens, _, ones = word.replace(" ", "-").partition("-")  # "forty-three"
    if ones and tens in NUMBER_WORDS and ones in NUMBER_WORDS:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[ones]
    return NUMBER_WORDS.get(word)


def split_quantity(phrase: str) -> Item:
    """ "a pair of Pungsan dogs" → ("Pungsan dogs", 2); "several Mercedes" → (…, "several")."""
    phrase = phrase.strip()
    quantity: int | str | None = None
    match = _QUANTITY.match(phrase)
    if match:
        if match["pair"]:
            quantity = 2
        elif match["atleast"]:
            lead = match["atleast"].lower()
            base = number_value(match["nmore"] or match["n2"] or ("two" if "two" in lead else ""))
            if base is not None:
                word = "at least" if "or more" in lead or lead == "at least" else "more than"
                quantity = f"{word} {base}"
        elif match["oneof"]:
            quantity = 1
        elif match["one"]:
            quantity = None if match["one"].lower() == "another" else 1
        elif match["n"]:
            quantity = number_value(match["n"])
        elif match["vague"]:
            quantity = _VAGUE[match["vague"].lower()]
        phrase = re.sub(r"^of (?:(?:the|his|her|its|their|these|those)\b ?)?", "",
                        phrase[match.end():])
        if match["oneof"]:
            phrase = singular_phrase(phrase)
    phrase = _ADJECTIVES_TO_DROP.sub("", phrase).strip()
    phrase = _MADE_IN.sub("", phrase).strip()
    last = phrase.split()[-1] if phrase.split() else ""
    if match is None and last.islower() and singular(last) != last:
        quantity = "several"  # a bare plural ("limousines") is more than one, number unknown
    return Item(phrase, quantity)


def cut_phrase(text: str) -> str:
    """The noun phrase (or list) at the start of ``text``, up to where something else begins."""
    # "at least two", "more than two" count what follows; they do not end the phrase.
    masked = re.sub(r"\b(at|more|fewer|less|along|together) (least|than|with)\b", r"\1_\2",
                    text, flags=re.IGNORECASE)
    masked = re.sub(r"\bas well as\b", "as_well_as", masked, flags=re.IGNORECASE)
    match = _PHRASE_END.search(masked)
    phrase = (text[: match.start()] if match else text).strip().rstrip(".,!?")
    phrase = re.sub(r"\s*\[\d{1,3}\]", "", phrase).rstrip(".,!?")  # "a dirk.[11]": a footnote
    phrase = re.sub(r",?\s+(?:and|or)$", "", phrase)
    # "a dirk of the kind carried (by naval officers)": the thing, not what it is like
    phrase = re.sub(r"\s+of\s+the\s+(?:kind|type|sort)\s+[a-z]+(?:ed|en|n)$", "", phrase)
    if match and re.fullmatch(r"\s(?:that|which|who|in|on|at|from|by|with)|,\s(?:which|who)",
                              match.group(0), re.IGNORECASE):
        # (", which is a national treasure, as well as a bust" goes on too)
        # "a glove that had been to space and a Russian rifle", "a portrait of himself in oils
        # and a bronze bust": the list goes on after the relative clause or short phrase.
        short = match.group(0).strip(" ,").lower() not in ("that", "which", "who")
        more = (_AFTER_PHRASE if short else _AFTER_RELATIVE).match(text, match.end())
        if more:
            rest = cut_phrase(text[more.end():])
            if rest:
                return f"{phrase} and {rest}"
    return phrase


def _list_goes_on(longest: int) -> re.Pattern[str]:
    """Up to ``longest`` characters of a clause or phrase, then "and" and another item."""
    return re.compile(rf"[^,;:.()\"“”]{{1,{longest}}}?,?\s(?:and|as well as)\s"
                      rf"(?=(?:a|an|two|three|four|several|some|a pair of|{NUMBER})\s)",
                      re.IGNORECASE)


_AFTER_PHRASE = _list_goes_on(25)  # "in oils and a bronze bust"
_AFTER_RELATIVE = _list_goes_on(60)  # "that had been to space and a Russian rifle"


def split_list(phrase: str, nouns: bool = False) -> list[Item]:
    """ "A, several B and a C" → three items; "two dogs, a native breed" → one (apposition).

    A comma list counts as a list only when an element is joined by "and"/"or"; the
    elements after that one belong to the rest of the sentence.
    """
    # "the car, along with a tea set and a dirk": the list goes on after the comma.
    phrase = re.sub(r",?\s+(?:along|together) with\s+|,\s+alongside\s+", " and ", phrase)
    # "a pair of hounds, a male and a female, and a chess set": the pair described
    phrase = re.sub(r",\s+(?:a|one)\s+(?:male|female)\s+and\s+(?:a|one)\s+(?:male|female)\b",
                    "", phrase, flags=re.IGNORECASE)
    pieces = [p.strip() for p in re.split(r",(?!\d{3}\b)\s*", phrase) if p.strip()]
    elements: list[str] = []
    for piece in pieces:
        parts = re.split(r"\s+(?:and|or(?! more)|as well as|plus)\s+|^(?:and|or)\s+", piece)
        parts = [p for p in parts if p]
        if len(parts) > 1 or re.match(r"(?:and|or)\s", piece):
            elements.extend(parts)
            break
        elements.append(piece)
    else:
        follows = elements[1:2]
        elements = elements[:1] + [e for e in follows if re.match(r"(?:including|such as)\b", e)]
    items: list[Item] = []
    for element in elements:
        if re.match(r"(?:including|such as)\b", element, re.IGNORECASE):
            if items:
                items[-1] = Item(f"{items[-1].text}, {element}", items[-1].quantity)
            break
        if items and _VERBISH.match(element):
            break
        item = split_quantity(element)
        # "armoured cars" may be a verb phrase; "an armoured car" is not (nor anything where
        # the caller knows a list of nouns begins: ``nouns``).
        if item.text and (nouns or not (_VERBISH.match(item.text)
                                        and item.quantity in (None, "several"))):
            items.append(item)
    return items


def singular(word: str) -> str:
    """English singular of a common noun; names ("Mercedes") are left alone."""
    lower = word.lower()
    if word[:1].isupper():
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        return word[:-1]
    return word


def singular_phrase(phrase: str) -> str:
    """ "luxury vehicles" → "luxury vehicle" (the head word before any "of"/"depicting")."""
    head, sep, rest = phrase.partition(" of ")
    words = head.split()
    if words:
        words[-1] = singular(words[-1])
    return " ".join(words) + (sep + rest if sep else "")


def head_word(phrase: str) -> str:
    """The head noun: "works of art depicting him" → "work"; "tea set" → "set"."""
    core = re.split(r"\s(?:of|depicting|showing|with|from|made|featuring|for)\s", phrase)[0]
    words = core.split()
    return singular(words[-1]).lower() if words else ""


def is_proper(word: str) -> bool:
    """A capitalised word that names something (a brand, breed), not a nationality."""
    bare = word.strip(".,'’")
    if not bare[:1].isupper():
        return False
    if re.search(r"-(?:built|made|era|style|styled|based|owned|designed|produced|branded)$",
                 bare, re.IGNORECASE):
        return False
    return bare.lower().split("-")[0] not in DEMONYMS
