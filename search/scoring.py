"""How results are ranked: one table, read by both backends.

Every unit of the query (a word, an email, a phone number) earns the points
of the best way it matches an entry; an entry's score is the sum over units,
plus bonuses. The database backend turns the table into one SQL CASE per unit,
the Elasticsearch backend into one `dis_max` of `constant_score` clauses per
unit, so both give the same scores (tested on result sets and order).

| a unit matches         | person name | project title | organisation, place | contact | text |
| ---------------------- | ----------- | ------------- | ------------------- | ------- | ---- |
| as a whole word        | 10          | 7             | 7                   | 7       | 4    |
| as a word's beginning  | 5           | 3             | 3                   | 3       | 2    |
| by a stem (fr, nl, en) | –           | –             | –                   | –       | 3    |
| with one typo          | 3           | 2             | 2                   | –       | –    |
| with two typos         | 2           | 1             | 1                   | –       | –    |

"Organisation, place" is the organisation, every name of the city and of the
country; "contact" an email address or phone number; "text" the job title,
projects, roles, a project's description.

A particle typed as a word of its own ("de", "van", "la"…) is weak evidence
(half the directory has one): it earns `PARTICLE` wherever it matches, and its
word glued to the next one (see `normalize`) carries the name.

Bonuses: the whole name in any order, the whole email or the whole phone
number, the whole name of the person's organisation (`EXACT_KEY`); a person
before a project on equal words (`PERSON`).
In the relaxed pass (when not every unit can match), every matched unit
also earns `RELAXED_UNIT`, so entries matching more units always come first.
Equal scores are ordered by how complete and recent the entry's data is
(`quality`, computed at index time), then by name.

Typos (both backends, the same rule): none for words of up to three
letters, one edit for four letters, two from five; the first letter must be
right; a swap of two neighbouring letters is one edit; at most
`MAX_EXPANSIONS` close words are tried per unit and field.
"""

import datetime as dt

EXACT, PREFIX, STEM, TYPO1, TYPO2 = "exact", "prefix", "stem", "typo1", "typo2"
FIELDS = ("name", "key", "contact", "text")
TYPO_FIELDS = ("name", "key")

# (kind or None for every kind, field) → {how: points}. A project's name is its title.
POINTS: dict[tuple[str | None, str], dict[str, int]] = {
    ("person", "name"): {EXACT: 10, PREFIX: 5, TYPO1: 3, TYPO2: 2},
    ("project", "name"): {EXACT: 7, PREFIX: 3, TYPO1: 2, TYPO2: 1},
    (None, "key"): {EXACT: 7, PREFIX: 3, TYPO1: 2, TYPO2: 1},
    (None, "contact"): {EXACT: 7, PREFIX: 3},
    (None, "text"): {EXACT: 4, STEM: 3, PREFIX: 2},
}
EXACT_KEY = 20
PERSON = 1
PARTICLE = 1
RELAXED_UNIT = 100
KINDS = ("person", "project")

PREFIX_LENGTH = 1  # typos: the first letter must be right
MAX_EXPANSIONS = 50


def max_edits(term: str) -> int:
    """How many typos (edits) a query word of this length may carry."""
    if term.isdigit() or len(term) <= 3:
        return 0
    return 1 if len(term) == 4 else 2


def branches(kind: str, offset: int = 0, particle: bool = False) -> list[tuple[int, str, str]]:
    """(points, field, how) for an entry of `kind`, the best first: a unit scores the first
    that matches. A particle typed alone scores `PARTICLE` wherever it matches."""
    rows = []
    for (row_kind, field), hows in POINTS.items():
        if row_kind in (None, kind):
            rows += [
                ((PARTICLE if particle else points) + offset, field, how)
                for how, points in hows.items()
            ]
    return sorted(rows, key=lambda row: -row[0])


def quality(filled: int, fields: int, modified: dt.datetime | None, now: dt.datetime) -> float:
    """How complete (70 %) and recent (30 %, fading over five years) an entry's data is, 0–1.

    Only ever breaks ties between equal scores; rounded so both backends order alike.
    """
    completeness = filled / fields if fields else 0.0
    recency = 0.0
    if modified is not None:
        age = max(0.0, (now - modified).total_seconds() / 86400)
        recency = max(0.0, 1 - age / (5 * 365))
    return round(0.7 * completeness + 0.3 * recency, 3)


def osa_distance(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps of neighbours as one edit (optimal string alignment),
    as Lucene's fuzzy query counts it; anything above `limit` is `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
