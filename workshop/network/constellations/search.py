"""The exact search: each idea's pool of candidates, all its groups scored at once, the
best ``k`` kept, and what the committed group still lacks.

:class:`SearchContext` holds the indexes over one snapshot and graph that every idea
shares; :meth:`SearchContext.search_many` scores the pools of many ideas in batches
(:mod:`workshop.network.constellations.pool`) with the very arithmetic of one pool.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

import networkx as nx
import numpy as np

from workshop.network.constellations.pool import PoolFacts, PoolRow, Pool, all_groups, group_pairs
from workshop.network.constellations.results import Constellation, IdeaConstellations, MissingItem
from workshop.network.constellations.score import PARTS, TOP_VALUES, ScoreWeights, Scored, Top
from workshop.network.message import Message, UnknownIdea
from workshop.network.ownership import idea_ownership
from workshop.network.relevance import RelevanceIndex, relevance_inputs
from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import OWNER_ELIGIBLE_KINDS, SECTORS

__all__ = ["FILL_SUGGESTIONS", "PRIVATE_PERSON", "SearchContext"]

# How many organisations a missing item suggests.
FILL_SUGGESTIONS = 5

PRIVATE_PERSON = "private_person"
# Lower is a stronger claim to be the project owner.
_ROLE_RANK = {"possible_owner": 0, "initiator": 1, "partner": 2, "contributor": 3}
_NOT_COMMITTED = 9
_RANK_ROLE = {rank: role for role, rank in _ROLE_RANK.items()}
# Member fit is summed as whole multiples of 1/1024 (like the ties), so a group's
# total does not depend on the order of its members.
_FIT_QUANTUM = 1024
# Ideas scored in one batch (bounds the memory: a batch of pools of 10 holds about
# 256 x 385 values per array).
_BATCH = 256


class SearchContext:
    """Indexes over one snapshot and graph, shared by all ideas.

    Parameters
    ----------
    G : networkx.Graph
        The organisation graph (its ``strength`` gives the ties).
    snapshot : NetworkSnapshot
    relevance : RelevanceIndex, optional
        Reused when built from a snapshot with the same
        :func:`~workshop.network.relevance.relevance_inputs`; built here otherwise.

    Examples
    --------
    >>> context = SearchContext(nx.Graph(), NetworkSnapshot())
    >>> context.search_many([], k=5, max_size=4, pool_size=10, weights=ScoreWeights())
    {}
    """

    def __init__(self, G: nx.Graph, snapshot: NetworkSnapshot, relevance: RelevanceIndex | None = None) -> None:
        self.organisations: dict[int, OrganisationRecord] = {o.id: o for o in snapshot.organisations}
        self.ideas: dict[int, IdeaRecord] = {i.id: i for i in snapshot.ideas}
        # A relevance index built from another snapshot still serves when everything it
        # reads is equal (the background analysis reuses it after a tie or a vote).
        usable = relevance is not None and (relevance.snapshot is snapshot or relevance_inputs(relevance.snapshot) == relevance_inputs(snapshot))
        self.relevance = relevance if usable else RelevanceIndex(snapshot)
        # Plain dicts: networkx's adjacency views cost a function call per lookup.
        self.strengths: dict[int, dict[int, float]] = {
            a: {b: data.get("strength", 1.0) for b, data in neighbours.items() if b in self.organisations}
            for a, neighbours in G.adj.items()
            if a in self.organisations
        }
        self.private = {o.id for o in snapshot.organisations if o.kind == PRIVATE_PERSON}
        self.eligible = {o.id for o in snapshot.organisations if o.kind in OWNER_ELIGIBLE_KINDS}
        # idea -> organisation -> its strongest role (lowest rank) in that idea
        self.committed: dict[int, dict[int, int]] = defaultdict(dict)
        for c in snapshot.commitments:
            if c.organisation_id in self.organisations and c.idea_id in self.ideas:
                roles = self.committed[c.idea_id]
                roles[c.organisation_id] = min(roles.get(c.organisation_id, _NOT_COMMITTED), _ROLE_RANK.get(c.role, 3))
        # idea -> the proposer's organisation, a member of every constellation of the idea
        self.required: dict[int, int] = {
            i.id: i.proposer_id for i in snapshot.ideas if i.proposer_id in self.organisations and i.proposer_id not in self.private
        }
        self._tiebreak_rank: dict[str | None, dict[int, int]] = {}
        self._holders: dict = {}

    def idea(self, idea_id: int) -> IdeaRecord:
        try:
            return self.ideas[idea_id]
        except KeyError:
            raise UnknownIdea(idea_id) from None

    def strength(self, a: int, b: int) -> float:
        return self.strengths.get(a, {}).get(b, 0.0)

    def tiebreak(self, area: str | None, organisation_id: int) -> tuple:
        """Same Leader area as the idea first, private persons last, then lowest id."""
        local = area is not None and self.organisations[organisation_id].leader_area == area
        return (not local, organisation_id in self.private, organisation_id)

    def tiebreak_rank(self, area: str | None) -> dict[int, int]:
        if area not in self._tiebreak_rank:
            order = sorted(self.organisations, key=lambda o: self.tiebreak(area, o))
            self._tiebreak_rank[area] = {o: rank for rank, o in enumerate(order)}
        return self._tiebreak_rank[area]

    def holders(self, need) -> frozenset[int]:
        """Every organisation with an offer that meets ``need``."""
        if need not in self._holders:
            index = self.relevance
            self._holders[need] = frozenset(index.org_ids[p] for p in np.flatnonzero(index.met_any[index.need_index[need]]))
        return self._holders[need]

    def pool_order(self, idea: IdeaRecord, committed: dict[int, int], pool_size: int) -> list[int]:
        required = self.required.get(idea.id)
        first = sorted(committed, key=lambda o: (o != required, o in self.private, committed[o], o))[:pool_size]
        pool, seen = list(first), set(first)
        for organisation_id, _ in self.relevance.ranked(idea.id):
            if len(pool) >= pool_size:
                break
            if organisation_id not in seen:
                pool.append(organisation_id)
                seen.add(organisation_id)
        return pool

    def pool_facts(self, idea: IdeaRecord, order: list[int], committed: dict[int, int]) -> "PoolFacts":
        """What the search reads of a pool beyond the organisations' records: the link
        strength of every pair, and every member's fit and whether it is relevant."""
        strengths, none = self.strengths, {}
        pairs = tuple(strengths.get(a, none).get(b, 0.0) for i, a in enumerate(order) for b in order[i + 1 :])
        index = self.relevance
        scores = dict(index.ranked(idea.id))
        missing = [o for o in order if o not in scores and o not in committed]
        if missing:  # a hand-picked group may hold organisations beyond the ranked ones
            everyone = index.scores_for(idea.id)
            scores.update({o: everyone[o] for o in missing if everyone[o] >= 0})
        scale = index.fit_scale(idea.id)
        fit = tuple(
            round((1.0 if o in committed else min(1.0, scores.get(o, 0.0) / scale)) * _FIT_QUANTUM) / _FIT_QUANTUM for o in order
        )
        return PoolFacts(pairs, fit, tuple(o in committed or o in scores for o in order))

    def constellations(self, idea_id: int, *, k: int, max_size: int, pool_size: int, weights: ScoreWeights) -> IdeaConstellations:
        return self.search_many([idea_id], k=k, max_size=max_size, pool_size=pool_size, weights=weights)[idea_id]

    def search_many(
        self,
        idea_ids: list[int],
        *,
        k: int,
        max_size: int,
        pool_size: int,
        weights: ScoreWeights,
        orders: dict[int, list[int]] | None = None,
        facts: dict[int, "PoolFacts"] | None = None,
    ) -> dict[int, IdeaConstellations]:
        """Every idea's constellations; pools of the same size are scored together.

        Scoring a batch does exactly the arithmetic of scoring each pool alone (the same
        element-wise operations in the same order), so the results are the same; numpy's
        cost per call is paid once per batch instead of once per idea. ``orders`` holds
        pools already worked out by :meth:`pool_order` with the same ``pool_size``, ``facts``
        their :meth:`pool_facts`.
        """
        if max_size < 2:
            raise ValueError("a constellation has at least two members; max_size must be >= 2")
        prepared = []
        batches: dict[tuple[int, int], list[int]] = defaultdict(list)
        for idea_id in idea_ids:
            idea = self.idea(idea_id)
            committed = self.committed.get(idea_id, {})
            order = orders[idea_id] if orders is not None and idea_id in orders else self.pool_order(idea, committed, pool_size)
            known = facts.get(idea_id) if facts is not None else None
            pool = PoolRow.of(self, idea, order, committed, known) if k > 0 and len(order) >= 2 else None
            if pool is not None:
                batches[(len(order), min(max_size, len(order)))].append(len(prepared))
            prepared.append((idea, committed, order, pool))
        top: dict[int, Top] = {}
        for (p, size), members in batches.items():
            groups, sizes = all_groups(p, size)
            for start in range(0, len(members), _BATCH):
                chunk = members[start : start + _BATCH]
                pools = [prepared[i][3] for i in chunk]
                batch = Pool.evaluate_many(pools, groups, sizes, weights, group_pairs(p, size))
                top.update(zip(chunk, batch.top([pool.ids for pool in pools], k)))
        found = {}
        for position, (idea, committed, order, pool) in enumerate(prepared):
            candidates = self.from_top(idea, pool.ids, top[position], committed) if pool is not None else []
            missing = self.missing(idea, committed, order)
            state, ask = self.state(idea, committed, candidates)
            found[idea.id] = IdeaConstellations(idea.id, tuple(candidates), missing, tuple(order), state, ask)
        return found

    def state(self, idea: IdeaRecord, committed: dict[int, int], candidates: list) -> tuple[str, tuple[Message, ...]]:
        partners = [o for o in committed if o not in self.private]
        if len(partners) >= 2 and any(o in self.eligible for o in partners):
            state = "formed"
        elif candidates:
            state = "can_form"
        else:
            state = "insufficient"
        if state != "insufficient":
            return state, ()
        relevant = [o for o, _ in self.relevance.ranked(idea.id)] + [o for o in committed]
        relevant_partners = sorted({o for o in relevant if o not in self.private})
        ask = []
        if not idea.needs:
            ask.append(Message("fit.ask.needs", {}))
        for need in sorted(idea.needs):
            if not self.holders(need):
                ask.append(Message("fit.ask.need_nowhere", {"need": need.label}))
        if len(relevant_partners) < 2:
            ask.append(Message("fit.ask.partners", {"count": len(relevant_partners)}))
        if not any(o in self.eligible for o in relevant_partners):
            ask.append(Message("fit.ask.owner", {}))
        present = {self.organisations[o].sector for o in relevant_partners}
        for sector in SECTORS:
            if sector not in present:
                ask.append(Message(f"fit.ask.sector.{sector}", {}))
        return state, tuple(ask)

    def constellation(self, idea: IdeaRecord, pool: "Pool", scored: "Scored", row: int, committed: dict[int, int]) -> Constellation:
        return self.records(idea, pool, scored, np.array([row]), committed)[0]

    def records(self, idea: IdeaRecord, pool: "Pool", scored: "Scored", rows: np.ndarray, committed: dict[int, int]) -> list[Constellation]:
        """The groups at ``rows`` of ``scored`` as constellations, with owner and reason."""
        member_ids = np.sort(pool.ids[scored.groups[rows]], axis=1)
        values = [getattr(scored, name)[rows].tolist() for name in TOP_VALUES]
        return self.from_top(idea, pool.id_list, Top.of(member_ids.tolist(), scored.sizes[rows].tolist(), values), committed)

    def from_top(self, idea: IdeaRecord, ids: list[int], top: "Top", committed: dict[int, int]) -> list[Constellation]:
        """The groups of ``top`` as constellations, with owner and reason; ``ids`` are the
        pool's organisations in order, then -1 (the empty member).

        ``top`` holds Python numbers (equal to the array values), so building a record
        costs no numpy call.
        """
        area, named = idea.leader_area, idea.owner_organisation_id
        organisations, private, eligible = self.organisations, self.private, self.eligible
        # The owner: the one named for the idea, then the strongest committed role,
        # then :meth:`tiebreak` (same Leader area, not a private person, lowest id).
        # Each pool member's key is worked out once, not once per group it is in.
        owner_key = {
            m: (m != named, committed.get(m, _NOT_COMMITTED), not (area is not None and organisations[m].leader_area == area), m in private, m)
            for m in ids[:-1]
            if m in eligible
        }
        needs = len(idea.needs)
        found = []
        for position, row in enumerate(top.members):
            size = top.sizes[position]
            members = tuple(row[len(row) - size :])  # sorted, the padding (-1) first
            owner = min((m for m in members if m in owner_key), key=owner_key.__getitem__)
            reason = Message(
                "constellation.reason",
                {
                    "members": size,
                    "partners": sum(1 for m in members if m not in private),
                    "committed": sum(1 for m in members if m in committed),
                    "covered": int(top.covered[position]),
                    "needs": needs,
                    "sectors": int(top.sectors[position]),
                    "linked_pairs": int(top.linked[position]),
                    "pairs": size * (size - 1) // 2,
                    "anchored": int(top.anchored[position]),
                    "area": area or "",
                    "owner": organisations[owner].name,
                },
            )
            found.append(Constellation(members, float(top.total[position]), dict(zip(PARTS, top.parts[position])), owner, reason))
        return found

    def missing(self, idea: IdeaRecord, committed: dict[int, int], order: list[int]) -> tuple[MissingItem, ...]:
        items = []
        outside = [o for o in order if o not in committed]
        partners = [o for o in committed if o not in self.private]
        if len(partners) < 2:
            could = tuple(o for o in outside if o not in self.private)[:FILL_SUGGESTIONS]
            items.append(MissingItem(Message("constellation.missing.partners", {"count": 2 - len(partners)}), could))
        ownership = idea_ownership(
            idea.owner_organisation_id, {o: (_RANK_ROLE[r],) for o, r in committed.items()}, self.eligible, private_proposer=idea.proposed_by_private_person
        )
        if not ownership.settled:
            # Someone already committed could step up first; then the most relevant of the rest.
            could = tuple(list(ownership.could_own) + [o for o in outside if o in self.eligible])[:FILL_SUGGESTIONS]
            items.append(MissingItem(ownership.message({o: self.organisations[o].name for o in ownership.could_own}), could))
        ranked = [o for o, _ in self.relevance.ranked(idea.id)]
        for capability in sorted(idea.needs):
            holders = self.holders(capability)
            if not holders.isdisjoint(committed):
                continue
            params = {"capability": capability.label, "category": capability.category}
            if not holders:
                items.append(MissingItem(Message("constellation.missing.capability_nowhere", params), ()))
                continue
            # The most relevant holders first, then the others in tie-break order.
            closest = []
            for o in ranked:
                if o in holders and o not in committed:
                    closest.append(o)
                    if len(closest) == FILL_SUGGESTIONS:
                        break
            if len(closest) < FILL_SUGGESTIONS:
                rank = self.tiebreak_rank(idea.leader_area)
                rest = [o for o in holders if o not in committed and o not in closest]
                closest += heapq.nsmallest(FILL_SUGGESTIONS - len(closest), rest, key=rank.__getitem__)
            items.append(MissingItem(Message("constellation.missing.capability", params), tuple(closest)))
        return tuple(items)


