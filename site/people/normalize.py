"""Normalization shared by identity resolution, imports and search.

Identity rules are deliberately simple and explainable to staff: two records
share a person when their normalized email is the same. Normalization trims,
applies Unicode NFKC and case-folds; dots and plus tags are significant
(``jan.peeters@`` and ``janpeeters@`` are different mailboxes for most
providers, and guessing otherwise would merge strangers).
"""

import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

# C0/C1 control characters except tab/newline, which are folded to spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every C0/C1 control, tab and newline included: folded text is single-line.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(_LETTERS)
    for mark in _APOSTROPHES[1:]:
        text = text.replace(mark, "'")
    return _CONTROL_OR_SPACE.sub(" ", text)


_fold_cached = functools.lru_cache(maxsize=65_536)(_fold)


def clean_text(value: object, max_length: int) -> str:
    """A single-line, NFC-normalized string without control characters, cut to `max_length`."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    if text.isprintable():
        # The usual case, and the same result: no control character, and no
        # whitespace but the plain space (a sync cleans a million of these).
        return (" ".join(text.split()) if "  " in text else text.strip())[:max_length]
    text = _CONTROL.sub("", text)
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


def normalize_email(value: object) -> str:
    """Trim, NFKC and case-fold an email address; '' when it is not a valid address."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    text = _CONTROL.sub("", text)
    if len(text) > 254:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def normalize_name(value: str) -> str:
    """Accent-free, case-folded, punctuation-free name used to spot possible duplicates."""
    text = re.sub(r"[^\w]+", " ", fold(value))
    return _SPACE.sub(" ", text).strip()


def normalize_phone(value: object) -> str:
    """Digits of a phone number in international form when it is Belgian-local ('0…' → '32…')."""
    digits = re.sub(r"\D", "", str(value or ""))
    if str(value or "").strip().startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0") and not digits.startswith("00"):
        digits = "32" + digits[1:]
    return digits if 6 <= len(digits) <= 15 else ""
