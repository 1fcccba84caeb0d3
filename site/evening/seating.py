"""Table plans that make people meet across sectors: the algorithm, free of Django.

Given the people in the room, N tables of K seats and what staff asked, a
plan maximises, in this order:

1. sectors per table (distinct sectors, and no table dominated by one: each
   pair of tablemates from the same sector costs a little);
2. pairs of tablemates who have never met at an earlier edition;
3. agencies mixed (distinct agencies per table).

The weights make the order strict in practice: one more sector at a table is
worth more than every new pair a table of 10 can hold (45), and a new pair
more than all the agencies. Hard rules are never broken: people kept
together share a table, people kept apart do not, hosts and staff are spread
(no table gets a second one before every table has one), people already
seated by an earlier plan stay where they are, and no table exceeds K.

How: people kept together form one unit; fixed seats and hosts go first;
the others are placed unit by unit, rarest sector first, each at the table
where it adds most; then seeded random swaps between tables are kept when
they raise the score (bounded number of tries, so the run time is bounded
and the result reproducible).
"""

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

W_SECTOR = 100.0
W_SAME_SECTOR_PAIR = 3.0
W_NEW_PAIR = 1.0
W_AGENCY = 0.1


class SeatingError(ValueError):
    """The request cannot be met (too few seats, a unit larger than a table, a contradiction)."""


@dataclass(frozen=True)
class Guest:
    """A person to seat: their id, first sector, agencies and earlier editions."""

    id: int
    sector: str | None = None
    agencies: frozenset[str] = frozenset()
    editions: frozenset[int] = frozenset()  # earlier editions they attended
    host: bool = False


@dataclass
class TableScore:
    """What one table achieves, and its one-line explanation's numbers."""

    number: int
    people: list[int]
    sectors: int
    new_pairs: int
    pairs: int
    strangers: int  # people who met none of their tablemates before
    agencies: int


@dataclass
class Plan:
    """Tables (lists of guest ids, table i+1 is tables[i]) and their scores."""

    tables: list[list[int]]
    scores: list[TableScore] = field(default_factory=list)

    @property
    def table_of(self) -> dict[int, int]:
        return {pid: i + 1 for i, table in enumerate(self.tables) for pid in table}

    def share_tables_with(self, sectors: int) -> float:
        used = [s for s in self.scores if s.people]
        return sum(s.sectors >= sectors for s in used) / len(used) if used else 0.0

    @property
    def share_new_pairs(self) -> float:
        pairs = sum(s.pairs for s in self.scores)
        return sum(s.new_pairs for s in self.scores) / pairs if pairs else 0.0


def met(a: Guest, b: Guest) -> bool:
    """True when both attended one same earlier edition."""
    return not a.editions.isdisjoint(b.editions)


def table_value(members: list[Guest]) -> float:
    """The weighted score of one table (higher is better)."""
    sectors = Counter(g.sector for g in members if g.sector)
    same = sum(c * (c - 1) // 2 for c in sectors.values())
    new = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if not met(a, b):
                new += 1
    agencies = len({a for g in members for a in g.agencies})
    return (
        W_SECTOR * len(sectors) - W_SAME_SECTOR_PAIR * same + W_NEW_PAIR * new + W_AGENCY * agencies
    )


def score_tables(tables: list[list[int]], guests: dict[int, Guest]) -> list[TableScore]:
    """Each table's numbers, for the explanations and the benchmark."""
    scores = []
    for number, ids in enumerate(tables, 1):
        members = [guests[i] for i in ids]
        new = pairs = 0
        knows: Counter = Counter()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs += 1
                if met(a, b):
                    knows[a.id] += 1
                    knows[b.id] += 1
                else:
                    new += 1
        scores.append(
            TableScore(
                number=number,
                people=list(ids),
                sectors=len({g.sector for g in members if g.sector}),
                new_pairs=new,
                pairs=pairs,
                strangers=sum(1 for g in members if not knows[g.id]),
                agencies=len({a for g in members for a in g.agencies}),
            )
        )
    return scores


class _Units:
    """Union-find of the 'keep together' rules."""

    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i in self.parent:
            groups.setdefault(self.find(i), []).append(i)
        return groups


class _Table:
    """One table while planning: who sits there, and its sector and agency counts.

    `add` and `remove` return the change of the table's weighted value, so a
    move costs a few set operations instead of re-scoring every pair.
    """

    def __init__(self, met_of: dict[int, set[int]], by_id: dict[int, Guest]) -> None:
        self.members: set[int] = set()
        self.sectors: Counter = Counter()
        self.agencies: Counter = Counter()
        self.met_of = met_of
        self.by_id = by_id

    def add(self, pid: int) -> float:
        guest = self.by_id[pid]
        delta = W_NEW_PAIR * (len(self.members) - len(self.met_of[pid] & self.members))
        if guest.sector:
            count = self.sectors[guest.sector]
            delta += (W_SECTOR if count == 0 else 0.0) - W_SAME_SECTOR_PAIR * count
            self.sectors[guest.sector] = count + 1
        for agency in guest.agencies:
            if self.agencies[agency] == 0:
                delta += W_AGENCY
            self.agencies[agency] += 1
        self.members.add(pid)
        return delta

    def remove(self, pid: int) -> float:
        guest = self.by_id[pid]
        self.members.discard(pid)
        delta = -W_NEW_PAIR * (len(self.members) - len(self.met_of[pid] & self.members))
        if guest.sector:
            count = self.sectors[guest.sector]
            delta -= (W_SECTOR if count == 1 else 0.0) - W_SAME_SECTOR_PAIR * (count - 1)
            self.sectors[guest.sector] = count - 1
        for agency in guest.agencies:
            self.agencies[agency] -= 1
            if self.agencies[agency] == 0:
                delta -= W_AGENCY
        return delta


def met_pairs(guests: list[Guest]) -> dict[int, set[int]]:
    """guest id → the other guests they met at an earlier edition."""
    by_edition: dict[int, set[int]] = {}
    for guest in guests:
        for edition in guest.editions:
            by_edition.setdefault(edition, set()).add(guest.id)
    met_of: dict[int, set[int]] = {}
    for guest in guests:
        others: set[int] = set()
        for edition in guest.editions:
            others |= by_edition[edition]
        others.discard(guest.id)
        met_of[guest.id] = others
    return met_of


def plan_tables(
    guests: list[Guest],
    tables: int,
    size: int,
    *,
    together: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
    fixed: dict[int, int] | None = None,
    seed: int = 0,
    effort: int = 60,
) -> Plan:
    """Seat `guests` at `tables` tables of `size` seats (see the module's docstring).

    `fixed` maps guest ids to the table (1-based) they keep. `effort` is the
    number of swap attempts per guest. Raises SeatingError when the rules
    cannot all be met.
    """
    if tables < 1 or size < 1:
        raise SeatingError("at least one table of one seat")
    by_id = {g.id: g for g in guests}
    if len(by_id) > tables * size:
        raise SeatingError(f"{len(by_id)} people for {tables * size} seats")
    fixed = {pid: t for pid, t in (fixed or {}).items() if pid in by_id and 1 <= t <= tables}
    units = _Units(by_id)
    for a, b in together:
        if a in by_id and b in by_id:
            units.union(a, b)
    apart_of: dict[int, set[int]] = {}
    for a, b in apart:
        if a in by_id and b in by_id:
            if units.find(a) == units.find(b):
                raise SeatingError(f"{a} and {b} are to be kept both together and apart")
            apart_of.setdefault(a, set()).add(b)
            apart_of.setdefault(b, set()).add(a)
    groups = units.groups()
    for members in groups.values():
        if len(members) > size:
            raise SeatingError(f"{len(members)} people to keep together at tables of {size}")

    # Tables fill evenly: no table takes more than its share (rounded up),
    # unless seats kept from an earlier plan already exceed it.
    share = min(size, -(-len(by_id) // tables))
    met_of = met_pairs(list(by_id.values()))
    seats = [_Table(met_of, by_id) for _ in range(tables)]
    table_of: dict[int, int] = {}
    hosts_at = [0] * tables

    def fits(unit: list[int], t: int) -> bool:
        if len(seats[t].members) + len(unit) > share:
            return False
        return not any(apart_of.get(p, set()) & seats[t].members for p in unit)

    def gain(unit: list[int], t: int) -> float:
        delta = sum(seats[t].add(p) for p in unit)
        for p in unit:
            seats[t].remove(p)
        return delta

    def put(unit: list[int], t: int) -> None:
        for p in unit:
            seats[t].add(p)
            table_of[p] = t
            hosts_at[t] += by_id[p].host

    # 1. Units with someone already seated keep that table.
    pending = []
    for members in groups.values():
        anchored = [fixed[p] - 1 for p in members if p in fixed]
        if anchored:
            put(members, anchored[0])
        else:
            pending.append(members)
    # 2. Hosts and staff: one per table before any table gets a second.
    hosts = [u for u in pending if any(by_id[p].host for p in u)]
    others = [u for u in pending if not any(by_id[p].host for p in u)]
    for unit in sorted(hosts, key=min):
        options = [t for t in range(tables) if fits(unit, t)]
        if not options:
            options = [t for t in range(tables) if len(seats[t].members) + len(unit) <= size]
        if not options:
            raise SeatingError("no table left for a host")
        put(unit, min(options, key=lambda t: (hosts_at[t], len(seats[t].members), t)))
    # 3. Everyone else, largest units and rarest sectors first.
    rarity = Counter(by_id[p].sector for u in others for p in u)
    others.sort(key=lambda u: (-len(u), min(rarity[by_id[p].sector] for p in u), min(u)))
    for unit in others:
        options = [t for t in range(tables) if fits(unit, t)]
        if not options:  # kept seats filled some tables past their share
            options = [
                t
                for t in range(tables)
                if len(seats[t].members) + len(unit) <= size
                and not any(apart_of.get(p, set()) & seats[t].members for p in unit)
            ]
        if not options:
            raise SeatingError("the rules leave no table for someone")
        # Best gain; on a tie the emptier table, so tables fill evenly.
        put(unit, max(options, key=lambda t: (gain(unit, t), -len(seats[t].members), -t)))

    _improve(seats, table_of, by_id, groups, units, fixed, apart_of, share, seed, effort)
    layout = [[] for _ in range(tables)]
    for pid, t in table_of.items():
        layout[t].append(pid)
    plan = Plan(tables=[sorted(t) for t in layout])
    plan.scores = score_tables(plan.tables, by_id)
    return plan


def _improve(seats, table_of, by_id, groups, units, fixed, apart_of, size, seed, effort) -> None:
    """Seeded random swaps (or moves to a free seat) of movable singles, kept when they help.

    A host only swaps with a host, so the spread of hosts stays as placed.
    """
    movable = sorted(p for p in by_id if p not in fixed and len(groups[units.find(p)]) == 1)
    if len(seats) < 2 or not movable:
        return
    can_move = set(movable)
    rng = random.Random(seed)
    for _ in range(effort * len(movable)):
        a = rng.choice(movable)
        ta = table_of[a]
        tb = rng.randrange(len(seats) - 1)
        if tb >= ta:
            tb += 1
        table_a, table_b = seats[ta], seats[tb]
        full = len(table_b.members) >= size
        b = None
        if full or by_id[a].host or rng.random() < 0.8:
            candidates = [
                p for p in table_b.members if p in can_move and by_id[p].host == by_id[a].host
            ]
            if not candidates:
                continue
            b = rng.choice(candidates)
        blocked = apart_of.get(a, set()) & (table_b.members - {b})
        if blocked or (b is not None and apart_of.get(b, set()) & (table_a.members - {a})):
            continue
        delta = table_a.remove(a)
        if b is not None:
            delta += table_b.remove(b) + table_a.add(b)
        delta += table_b.add(a)
        if delta > 1e-9:
            table_of[a] = tb
            if b is not None:
                table_of[b] = ta
            continue
        # No better: put them back.
        table_b.remove(a)
        if b is not None:
            table_a.remove(b)
            table_b.add(b)
        table_a.add(a)


def random_seating(guests: list[Guest], tables: int, size: int, seed: int = 0) -> Plan:
    """A baseline: people shuffled and dealt to tables in turn."""
    ids = [g.id for g in guests]
    random.Random(seed).shuffle(ids)
    seats = [ids[i::tables] for i in range(tables)]
    plan = Plan(tables=seats)
    plan.scores = score_tables(seats, {g.id: g for g in guests})
    return plan


def greedy_seating(guests: list[Guest], tables: int, size: int) -> Plan:
    """A baseline: each person, in list order, at the open table with the fewest of their sector."""
    seats: list[list[int]] = [[] for _ in range(tables)]
    sector_counts = [Counter() for _ in range(tables)]
    for g in guests:
        options = [t for t in range(tables) if len(seats[t]) < size]
        t = min(options, key=lambda t: (sector_counts[t][g.sector], len(seats[t]), t))
        seats[t].append(g.id)
        sector_counts[t][g.sector] += 1
    plan = Plan(tables=seats)
    plan.scores = score_tables(seats, {g.id: g for g in guests})
    return plan
