"""One normalization for indexing and querying, on every backend.

Done in Python rather than in engine analyzers so that Elasticsearch,
OpenSearch-compatible engines and the database backend all see exactly the
same terms (Wagtail's search folded accents when indexing prefixes but not
when querying them: wagtail#13005). Names:

- accents folded and case-folded: "Hélène Lefèvre" → "helene lefevre";
- French elision and apostrophes: "D'Hondt" → "dhondt" (and "hondt"), so
  "d'hondt" and "dhondt" both find it;
- particles joined: "Van den Bossche" also gives "vandenbossche".

Free text (job titles, project descriptions) is also stemmed in French, Dutch
and English with Snowball, in Python: engines differ in which language
analyzers they implement, and a project may be described in any of the three.
"""

import functools
import re

import snowballstemmer

from people.normalize import fold

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


def text_terms(text: str) -> list[str]:
    """Terms of free text (organisation, job title, project description): elisions dropped."""
    folded = _ELISION.sub("", fold(text))
    return [t for t in _NON_WORD.split(folded.replace("'", " ")) if t]


def name_terms(*parts: str) -> list[str]:
    """Terms of a person's name: folded words, apostrophes joined and dropped, particles joined."""
    terms: list[str] = []
    for part in parts:
        folded = fold(part)
        for word in re.split(r"[\s\-]+", folded):
            if not word:
                continue
            joined = _NON_WORD.sub("", word)
            if joined:
                terms.append(joined)  # d'hondt → dhondt
            if "'" in word:
                terms.extend(t for t in _NON_WORD.split(word.split("'", 1)[1]) if t)  # → hondt
        words = [_NON_WORD.sub("", w) for w in re.split(r"[\s\-]+", folded) if w]
        if len(words) > 1:
            terms.append("".join(words))  # van den bossche → vandenbossche
    return list(dict.fromkeys(t for t in terms if t))


def query_terms(query: str) -> list[str]:
    """The terms of a user's query, never interpreted as syntax.

    Operators, quotes and brackets are just separators; control characters
    are dropped; the query is cut to a sane length and number of terms.
    """
    folded = fold(str(query or "")[:MAX_QUERY_CHARS])
    folded = re.sub(r"(\w)'(\w)", r"\1\2", folded)  # d'hondt → dhondt, like names
    # A run of underscores is a word character to Python, but no word to
    # PostgreSQL's parser: it would be dropped there and kept elsewhere.
    terms = [t for t in _NON_WORD.split(folded) if t.strip("_")]
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


_STEMMERS = [snowballstemmer.stemmer(language) for language in ("french", "dutch", "english")]


@functools.lru_cache(maxsize=65_536)
def _stems(term: str) -> tuple[str, ...]:
    return tuple(sorted({stemmer.stemWord(term) for stemmer in _STEMMERS} - {term, ""}))


def stems(term: str) -> list[str]:
    """French, Dutch and English stems of a folded term (other than the term itself)."""
    if len(term) < 4 or term.isdigit():
        return []
    return list(_stems(term))  # cached: preparing a rebuild stems the same words again and again


def with_stems(terms: list[str]) -> list[str]:
    """The terms followed by their stems, without repeats."""
    return list(dict.fromkeys([*terms, *(s for t in terms for s in stems(t))]))
