"""Just enough SOQL for the simulator: SELECT fields FROM object [WHERE …] [ORDER BY …] [LIMIT n].

Conditions: comparisons (=, !=, <, <=, >, >=) of a field with a string,
number, boolean, null or datetime literal; ``IN (…)``; AND, OR and
parentheses. Relationship fields (``Account.Name``) are read through dicts.
"""

import datetime as dt
import re
from dataclasses import dataclass

from .base import compare

TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:\\.|[^'\\])*')|(?P<datetime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"
    r"|(?P<number>\d+(?:\.\d+)?)|(?P<op><=|>=|!=|=|<|>|\(|\)|,)|(?P<word>[A-Za-z_][\w.]*))"
)


class SOQLError(ValueError):
    pass


@dataclass
class Query:
    fields: list[str]
    sobject: str
    where: object
    order: list[tuple[str, bool]]
    limit: int | None


def tokens(text: str) -> list[tuple[str, object]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise SOQLError(f"unexpected token at {pos}")
        pos = match.end()
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif kind == "datetime":
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif kind == "number":
            value = float(value)
        out.append((kind, value))
    return out


def parse(text: str) -> Query:
    toks = tokens(text)
    i = 0

    def peek_word(*words):
        return i < len(toks) and toks[i][0] == "word" and toks[i][1].upper() in words

    def take(kind=None, value=None):
        nonlocal i
        if i >= len(toks):
            raise SOQLError("unexpected end")
        k, v = toks[i]
        if (kind and k != kind) or (value and str(v).upper() != value):
            raise SOQLError(f"expected {value or kind}, got {v}")
        i += 1
        return v

    take("word", "SELECT")
    fields = [take("word")]
    while toks[i] == ("op", ","):
        take("op")
        fields.append(take("word"))
    take("word", "FROM")
    sobject = take("word")
    where = None
    if peek_word("WHERE"):
        take()

        def expr():
            left = term()
            while peek_word("OR"):
                take()
                left = ("or", left, term())
            return left

        def term():
            left = factor()
            while peek_word("AND"):
                take()
                left = ("and", left, factor())
            return left

        def factor():
            nonlocal i
            if toks[i] == ("op", "("):
                take()
                inner = expr()
                take("op", ")")
                return inner
            field = take("word")
            if peek_word("IN"):
                take()
                take("op", "(")
                values = [literal()]
                while toks[i] == ("op", ","):
                    take()
                    values.append(literal())
                take("op", ")")
                return ("in", field, values)
            op = take("op")
            return ("cmp", field, op, literal())

        def literal():
            k, v = toks[i]
            take()
            if k == "word":
                lowered = v.lower()
                if lowered in ("true", "false"):
                    return lowered == "true"
                if lowered == "null":
                    return None
                raise SOQLError(f"bad literal {v}")
            return v

        where = expr()
    order = []
    if peek_word("ORDER"):
        take()
        take("word", "BY")
        while True:
            field = take("word")
            ascending = True
            if peek_word("ASC", "DESC"):
                ascending = take().upper() == "ASC"
            order.append((field, ascending))
            if i < len(toks) and toks[i] == ("op", ","):
                take()
                continue
            break
    limit = None
    if peek_word("LIMIT"):
        take()
        limit = int(take("number"))
    if i != len(toks):
        raise SOQLError("trailing input")
    return Query(fields, sobject, where, order, limit)


def value_of(row: dict, field: str):
    value = row
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def matches(row: dict, node) -> bool:
    if node is None:
        return True
    kind = node[0]
    if kind == "and":
        return matches(row, node[1]) and matches(row, node[2])
    if kind == "or":
        return matches(row, node[1]) or matches(row, node[2])
    if kind == "in":
        return value_of(row, node[1]) in node[2]
    _, field, op, want = node
    return compare(value_of(row, field), op, want)
