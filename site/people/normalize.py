"""Normalization shared by identity resolution, imports and search.

Identity rules are deliberately simple and explainable to staff: two records
share a person when their normalized email is the same. Normalization trims,
applies Unicode NFKC and case-folds; dots and plus tags are significant
(``jan.peeters@`` and ``janpeeters@`` are different mailboxes for most
providers, and guessing otherwise would merge strangers).

Cleaning (``clean_text``) is the one place where what a source sends
becomes storable text: control characters, invisible format characters
(right-to-left overrides and other bidirectional controls, zero-width
spaces and joiners, soft hyphens, byte-order marks), lone surrogates and
combining marks with no letter to sit on are removed. An email address is
never "repaired": one containing any of them is refused
(``email_problem``), since deleting a character can turn it into another
person's valid address.
"""

import functools
import re
import sys
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

# C0/C1 control characters except tab/newline, which are folded to spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every C0/C1 control, tab and newline included: folded text is single-line.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")
_NOT_DIGIT = re.compile(r"\D")
# Combining marks kept on one letter at most: real writing needs two or
# three; "zalgo" text stacks dozens to overflow the lines around it.
MAX_MARKS = 4
_APOSTROPHES = "'’`´ʼ"
# Letters that Unicode's NFKD leaves whole (they are letters of their own, not
# a base letter and an accent), folded as Lucene's ASCIIFoldingFilter does, so
# "Crèvecœur", "Kjærgaard" and "Sigurðsson" meet their ASCII spellings. Applied
# after case folding: only lower-case letters are needed (ß is already "ss").
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ð": "d",
        "đ": "d",
        "ł": "l",
        "ı": "i",
        "þ": "th",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ĸ": "q",
        "ɨ": "i",
        "ƀ": "b",
        "ƚ": "l",
        "ȡ": "d",
        "ȴ": "l",
        "ȵ": "n",
        "ȶ": "t",
        "ɉ": "j",
        "ɍ": "r",
        "ɏ": "y",
        "ʉ": "u",
    }
)


def fold(text: object) -> str:
    """Case-folded text without accents, every apostrophe a plain ' and controls as spaces.

    The one folding function of the project: identity resolution, spreadsheet
    headers and search (at index and query time) all compare text through it.
    Letters that do not decompose (œ æ ø ð ß ł đ ı þ …) are spelt in ASCII.
    """
    text = str(text or "")
    # Names, cities and titles repeat (a rebuild folds the same few thousand
    # again and again): short texts are remembered.
    return _fold_cached(text) if len(text) <= 200 else _fold(text)


@functools.cache
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table dropping every combining mark (912 code points).

    Built once, on the first non-ASCII text (about 80 ms): a fixed table keeps
    memory bounded whatever code points hostile text brings, and a code point
    it does not hold is kept by `translate` itself, in C.
    """
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def _fold(text: str) -> str:
    if text.isascii():
        # Most of the directory: NFKD and the letters change nothing, casefold is lower,
        # and "`" is the only ASCII apostrophe to replace (the same result, 10× faster).
        return _CONTROL_OR_SPACE.sub(" ", text.lower().replace("`", "'"))
    text = unicodedata.normalize("NFKD", text)
    text = text.translate(_combining_marks()).casefold()
    text = text.translate(_LETTERS)
    for mark in _APOSTROPHES[1:]:
        text = text.replace(mark, "'")
    return _CONTROL_OR_SPACE.sub(" ", text)


_fold_cached = functools.lru_cache(maxsize=65_536)(_fold)


def clean_text(value: object, max_length: int) -> str:
    """A single-line, NFC-normalized string of visible text, cut to `max_length`.

    Control characters, format characters (bidi controls such as U+202E,
    zero-width characters, U+FEFF, soft hyphens), lone surrogates and
    combining marks that follow no letter or digit are removed; at most
    MAX_MARKS marks stay on one letter.
    """
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isprintable():
        # The usual case, and the same result: nothing invisible, nothing to
        # compose, no whitespace but the plain space (a sync cleans millions).
        return (" ".join(text.split()) if "  " in text else text.strip())[:max_length]
    text = _CONTROL.sub("", _visible(text))
    text = unicodedata.normalize("NFC", text)
    text = _SPACE.sub(" ", text).strip()
    return text[:max_length]


# Django's check of a domain (one long regular expression) was most of the
# cost of cleaning a contact; a sync sees the same few hundred domains in
# every page. Bounded: domains come from the sources.
_domain_valid = functools.lru_cache(maxsize=4096)(EmailValidator().validate_domain_part)


class _EmailValidator(EmailValidator):
    """Django's email validator, remembering its verdict on the last few thousand domains."""

    def validate_domain_part(self, domain_part: str) -> bool:
        return _domain_valid(domain_part)


validate_email = _EmailValidator()


def _visible(text: str) -> str:
    """`text` without format characters, surrogates and lone or piled-up combining marks."""
    if text.isascii():
        return text
    kept: list[str] = []
    marks = 0
    base = False  # whether the last kept character can carry a combining mark
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cf", "Cs"):
            continue
        if category[0] == "M":
            if base and marks < MAX_MARKS:
                kept.append(char)
                marks += 1
            continue
        kept.append(char)
        marks = 0
        base = category[0] in "LN"
    return "".join(kept)


def email_problem(value: object) -> str:
    """Why `value` cannot be an email address as given ('' when it may be one).

    Characters that are invisible or control characters make it refused
    outright rather than cleaned: ``nul\x00mail@…`` must not become the valid
    ``nulmail@…``, which could be a stranger's address.
    """
    text = str(value or "").strip()
    if text.isascii() and text.isprintable():
        return ""  # the usual case: printable ASCII has no control or format character
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            return "control"
    return ""


def shown(value: object, max_length: int = 80) -> str:
    """`value` as a message may show it: invisible characters spelt out (\\x00, \\u202e)."""
    text = str(value or "")[:max_length]
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cf", "Cs")
        else char
        for char in text
    )


def normalize_email(value: object) -> str:
    """Trim, NFKC and case-fold an email address; '' when it is not a valid address.

    An address containing control or invisible characters is not valid: it is
    refused, never compacted into another address.
    """
    if not value or email_problem(value):
        # Refused, not repaired (see email_problem).
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if len(text) > 254:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def normalize_name(value: str) -> str:
    """Accent-free, case-folded, punctuation-free name used to spot possible duplicates."""
    text = _NOT_WORD.sub(" ", fold(value))
    return _SPACE.sub(" ", text).strip()


def normalize_phone(value: object) -> str:
    """Digits of a phone number in international form when it is Belgian-local ('0…' → '32…')."""
    text = str(value or "")
    digits = _NOT_DIGIT.sub("", text)
    if text.strip().startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0") and not digits.startswith("00"):
        digits = "32" + digits[1:]
    return digits if 6 <= len(digits) <= 15 else ""
