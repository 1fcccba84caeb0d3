"""One normalization for indexing and querying, on every backend.

Done in Python rather than in engine analyzers so that Elasticsearch,
OpenSearch-compatible engines and the database backend all see exactly the
same terms (Wagtail's search folded accents when indexing prefixes but not
when querying them: wagtail#13005). Text is folded by `people.normalize.fold`
(accents, case, œ/æ/ø/ł…), then:

- French elision and apostrophes: "D'Hondt" → "dhondt" (and "hondt"), so
  "d'hondt" and "dhondt" both find it; "l'architecte" also "architecte";
- particles both ways: "Van den Bossche" is also indexed as "vandenbossche",
  and a query "van den bossche" also looks for "vandenbossche", so split and
  glued spellings find each other whichever way each side wrote it;
- emails (whole and local part) and phone numbers (E.164, national with and
  without the trunk 0) become single terms, from documents and queries alike;
- a person's city and country bring every name of the place and the country
  (`places`): "Luik", "Liège", "Lüttich", "Liege".

Free text (job titles, project descriptions) is also stemmed in French, Dutch
and English with Snowball, in Python: engines differ in which language
analyzers they implement, and a project may be described in any of the three.
"""

import functools
import re
from dataclasses import dataclass

import phonenumbers
import snowballstemmer

from people.normalize import fold

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MAX_TERM_CHARS = 100
PHONE_REGION = "BE"  # numbers typed without a country code are Belgian
# The prefixes Belgian (and other) family names use, folded. A run of them is
# glued to the word that follows: "van den bossche" ↔ "vandenbossche".
PARTICLES = frozenset(
    (
        *("van", "von", "vande", "vanden", "vander", "vant", "ten", "ter", "t", "op"),
        *("de", "den", "der", "d", "le", "la", "les", "l", "du", "des"),
        *("di", "da", "del", "della", "dello", "dos", "das", "do"),
        *("el", "al", "mac", "mc", "o", "st", "saint", "sint"),
    )
)
# French elisions: "l'architecte" is also "architecte".
ELISIONS = frozenset(("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"))
_NON_WORD = re.compile(r"[\W_]+")  # "_" too: PostgreSQL's parser splits words there
_WORD_SPLIT = re.compile(r"[\s\-‐-―/]+")
_PIECES = re.compile(r"[^\w']+|_+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A number starting with "+" or "0", with the separators people type:
# "+32 470 11 22 33", "0470/11.22.33", "0032 470 112233" (eight digits or more).
_PHONE = re.compile(r"(?<![\w+])(?:\+|0)\d?(?:[\s./()-]{0,3}\d){6,}(?!\w)")


def _word(text: str) -> str:
    return _NON_WORD.sub("", text)[:MAX_TERM_CHARS]


def _words(text: str) -> list[str]:
    return [w[:MAX_TERM_CHARS] for w in _NON_WORD.split(text) if w]


def glued(words: list[str]) -> list[str]:
    """Each run of particles glued to the word after it: [van, den, bossche] → [vandenbossche]."""
    out, run = [], []
    for word in words:
        if word in PARTICLES:
            run.append(word)
            continue
        if run:
            out.append("".join([*run, word])[:MAX_TERM_CHARS])
            run = []
    return out


def text_terms(text: str) -> list[str]:
    """Terms of free text (organisation, job title, project description): elisions dropped."""
    return list(_text_terms(text or ""))


@functools.lru_cache(maxsize=65_536)
def _text_terms(text: str) -> tuple[str, ...]:
    # Cached: organisations, job titles and cities repeat across a rebuild.
    terms = []
    for word in fold(text).split():
        if "'" in word:
            head, _, tail = word.partition("'")
            if _word(head) in ELISIONS:
                word = tail
        terms.extend(_words(word))
    return tuple(terms)


def name_words(*parts: str) -> list[str]:
    """The words of a name as a person would type them apart: "D'Hondt" → [dhondt]."""
    return [word for part in parts for word in _name_part_words(part or "")]


@functools.lru_cache(maxsize=65_536)
def _name_part_words(part: str) -> tuple[str, ...]:
    # Cached: first names, family names and organisations repeat across a rebuild.
    return tuple(w for w in (_word(w) for w in _WORD_SPLIT.split(fold(part))) if w)


def name_terms(*parts: str) -> list[str]:
    """Terms of a name: words, apostrophes joined and dropped, particles glued both ways."""
    return list(dict.fromkeys(t for part in parts for t in _name_part_terms(part or "")))


@functools.lru_cache(maxsize=65_536)
def _name_part_terms(part: str) -> tuple[str, ...]:
    # Cached: first and last names repeat across a rebuild.
    raw = [w for w in _WORD_SPLIT.split(fold(part)) if _word(w)]
    words = [_word(w) for w in raw]
    terms = list(words)  # d'hondt → dhondt
    for word in raw:
        if "'" in word:
            terms.extend(_words(word.split("'", 1)[1]))  # → hondt
    terms.extend(glued(words))  # van den bossche → vandenbossche
    if len(words) > 1:
        terms.append("".join(words)[:MAX_TERM_CHARS])  # jean-luc → jeanluc
    return tuple(terms)


def name_keys(*parts: str) -> list[str]:
    """The whole name, words sorted, spelt apart and with its particles glued.

    A query whose words are exactly one of these is an exact full-name match,
    in any order: "lefevre helene" is "Hélène Lefèvre".
    """
    if len(parts) == 1:
        return list(_one_part_keys(parts[0] or ""))
    words = name_words(*parts)
    return _keys(words) if words else []


@functools.lru_cache(maxsize=16_384)
def _one_part_keys(part: str) -> tuple[str, ...]:
    # Cached: organisations' names repeat across a rebuild.
    words = list(_name_part_words(part))
    return tuple(_keys(words)) if words else ()


def _keys(words: list[str]) -> list[str]:
    return list(dict.fromkeys([" ".join(sorted(words)), " ".join(sorted(_glue_runs(words)))]))


def _glue_runs(words: list[str]) -> list[str]:
    """The words with each run of particles glued to the next word."""
    out, run = [], []
    for word in words:
        if word in PARTICLES:
            run.append(word)
        else:
            out.append("".join([*run, word]))
            run = []
    return out + run


def email_terms(email: str) -> tuple[list[str], list[str]]:
    """(contact terms, text terms) of an address: whole and local part as single terms,
    and the words of both parts as plain text."""
    folded = fold(email).strip()
    if "@" not in folded:
        return [], []
    local, _, domain = folded.rpartition("@")
    contact = [_word(folded), _word(local)]
    return [t for t in dict.fromkeys(contact) if t], _words(local) + _words(domain)


def _phone_forms(number: phonenumbers.PhoneNumber) -> list[str]:
    """E.164 digits first (32470112233), then national (470112233), then with the trunk 0."""
    national = str(number.national_number)
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return [f"{number.country_code}{national}", national, re.sub(r"\D", "", formatted)]


def _parse_phone(text: str) -> phonenumbers.PhoneNumber | None:
    text = text.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None


def phone_terms(phone: str) -> list[str]:
    """E.164 digits, national digits with and without the trunk 0, of a stored phone.

    People's phones are stored as digits in international form without "+"
    (`people.normalize.normalize_phone`); anything else is read as typed.
    """
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 6:
        return []
    text = phone.strip()
    if digits.startswith("32") and not text.startswith("0") and 10 <= len(digits) <= 11:
        # Belgian (most of the directory): no parsing needed, the trunk prefix is 0.
        return [digits, digits[2:], "0" + digits[2:]]
    number = _parse_phone(text if text.startswith(("0", "+")) else "+" + digits)
    forms = [*(_phone_forms(number) if number else []), digits]
    return list(dict.fromkeys(f for f in forms if len(f) >= 6))


def display_phone(phone: str) -> str:
    """A stored phone (international digits) as people read it: +32 470 11 22 33."""
    number = _parse_phone("+" + phone.lstrip("+")) if phone else None
    if number is None:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_query_forms(typed: str) -> list[str]:
    """What a typed phone number may be stored as: as a Belgian or international
    number (E.164 first, national with and without the trunk 0), and as typed."""
    digits = re.sub(r"\D", "", typed)
    number = _parse_phone(typed)
    forms = [*(_phone_forms(number) if number else []), digits]
    if digits.startswith("00"):
        forms.append(digits[2:])
    return list(dict.fromkeys(f for f in forms if len(f) >= 6))


@dataclass(frozen=True)
class Unit:
    """One thing the user typed, and the terms that count as a match for it.

    `words` are matched in every field, exactly, as prefixes, with typos and
    stems; `contact` terms (emails, phones) only in the contact field, exactly
    or as prefixes. Every unit must match (or, in the relaxed pass, most).
    """

    text: str
    words: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()

    @property
    def word(self) -> str:
        """The word as typed (folded): the one typos and stems are computed from."""
        return self.words[0] if self.words else ""

    @property
    def particle(self) -> bool:
        """A particle typed as a word of its own ("de", "van"): weak evidence (see scoring)."""
        return self.word in PARTICLES


@dataclass(frozen=True)
class ParsedQuery:
    units: tuple[Unit, ...]
    keys: tuple[str, ...]  # an exact full name, email or phone: see name_keys

    @property
    def terms(self) -> list[str]:
        """Every word and contact term, for highlights."""
        return list(dict.fromkeys(t for u in self.units for t in (*u.words, *u.contact)))


def parse_query(query: str) -> ParsedQuery:
    """The units of a user's query, never interpreted as syntax.

    Operators, quotes and brackets are just separators; control characters
    are dropped; the query is cut to a sane length and number of units.
    """
    text = fold(str(query or "")[:MAX_QUERY_CHARS])
    units: list[Unit] = []
    keys: list[str] = []
    for match in _EMAIL.finditer(text):
        contact, _text = email_terms(match.group())
        if contact:
            units.append(Unit(match.group(), contact=tuple(contact)))
            keys.append(contact[0])
    text = _EMAIL.sub(" ", text)
    for match in _PHONE.finditer(text):
        if len(re.sub(r"\D", "", match.group())) < 8:
            continue  # a year, a postal code: plain words
        forms = phone_query_forms(match.group())
        units.append(Unit(match.group(), contact=tuple(forms)))
        keys.append(forms[0])
        text = text.replace(match.group(), " ", 1)
    contacts = bool(units)
    words: list[str] = []
    alternatives: list[list[str]] = []
    # Apostrophes inside a word join it (d'hondt → dhondt, like names); any
    # other punctuation separates words ("jean-luc" → jean, luc).
    for piece in _PIECES.split(text):
        piece = piece.strip("'")
        joined = _word(piece)
        if not joined:
            continue
        alts = [joined]
        head, apostrophe, tail = piece.partition("'")
        if apostrophe and _word(head) in ELISIONS and _word(tail):
            alts.append(_word(tail))  # l'architecte → architecte
        words.append(joined)
        alternatives.append(alts)
    # A run of particles and the word after it may be written glued.
    run: list[int] = []
    for i, word in enumerate(words):
        if word in PARTICLES:
            run.append(i)
            continue
        if run:
            glue = "".join(words[j] for j in [*run, i])[:MAX_TERM_CHARS]
            for j in [*run, i]:
                alternatives[j].append(glue)
            run = []
    seen = set()
    for word, alts in zip(words, alternatives, strict=True):
        if word not in seen:
            seen.add(word)
            units.append(Unit(word, words=tuple(dict.fromkeys(alts))))
    if not contacts and words:
        keys += _keys(words)
    return ParsedQuery(tuple(units[:MAX_QUERY_TERMS]), tuple(dict.fromkeys(keys)))


def query_terms(query: str) -> list[str]:
    """The words of a user's query (the first term of each unit), never syntax."""
    return [u.word or u.contact[0] for u in parse_query(query).units]


_STEMMERS = [snowballstemmer.stemmer(language) for language in ("french", "dutch", "english")]


def stems(term: str) -> list[str]:
    """French, Dutch and English stems of a folded term (other than the term itself)."""
    return list(_stems(term))


@functools.lru_cache(maxsize=65_536)
def _stems(term: str) -> tuple[str, ...]:
    # Cached: preparing a rebuild stems the same words again and again.
    if len(term) < 4 or term.isdigit():
        return ()
    return tuple(sorted({stemmer.stemWord(term) for stemmer in _STEMMERS} - {term, ""}))


def with_stems(terms: list[str]) -> list[str]:
    """The terms followed by their stems, without repeats."""
    return list(_with_stems(tuple(terms)))


@functools.lru_cache(maxsize=16_384)
def _with_stems(terms: tuple[str, ...]) -> tuple[str, ...]:
    # Cached: job titles and roles repeat across a rebuild.
    return tuple(dict.fromkeys([*terms, *(s for t in terms for s in _stems(t))]))
