"""Highlights computed in Python, identically for every backend.

Words of a displayed field are folded like the index terms; a word matching
a query term (as a prefix, or within one typo for longer terms) is wrapped
in <mark>. Everything else is escaped: text from CRMs never reaches a page
as HTML.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .normalize import fold

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def _edits_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def matches(word: str, terms: list[str]) -> bool:
    """Does a displayed word match one of the (normalized) query terms?"""
    # Folding dominates highlight time: fold each displayed word once.
    full = fold(word)
    folded = full.replace("'", "")
    after_elision = full.split("'", 1)[1] if "'" in full else None
    for term in terms:
        if folded.startswith(term):
            return True
        if after_elision is not None and after_elision.startswith(term):
            return True
        if len(term) >= 4 and (
            _edits_at_most_one(term, folded) or _edits_at_most_one(term, folded[: len(term)])
        ):
            return True
    return False


def highlight(text: str, terms: list[str]) -> SafeString | None:
    """`text` escaped with matching words in <mark>, or None when nothing matches."""
    if not text or not terms:
        return None
    out, last, found = [], 0, False
    for match in _WORD.finditer(text):
        if matches(match.group(), terms):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
            found = True
    if not found:
        return None
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece is escaped above)
