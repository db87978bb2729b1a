"""The relevance index: every organisation's relevance to every idea of one snapshot."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
from scipy import sparse

from workshop.language import ALL, Resources, concepts_of_word, is_common, tokens
from workshop.network.message import UnknownIdea
from workshop.network.relevance.concepts import CONCEPT_BASIS, concept_vectors
from workshop.network.relevance.explain import Explanations
from workshop.network.relevance import hubs
from workshop.network.relevance.feedback import LearnedWords, Verdicts
from workshop.network.relevance.labels import NEED_MET, label_match, stems, word_key
from workshop.network.relevance.named import NAMED_ALONE, named_matrices
from workshop.network.relevance.score import COMMITTED_BONUS, RELEVANCE_WEIGHTS
from workshop.network.relevance.text import TEXT_FLOOR, TEXT_FULL, character_vectors, text_vectors
from workshop.network.snapshot import FitVerdictRecord, IdeaRecord, NetworkSnapshot

__all__ = ["FIT_FLOOR", "RelevanceIndex", "relevance_inputs"]

# A member's fit in a constellation is its relevance against the idea's most relevant
# organisation not yet committed, or against this, whichever is higher (see fit_scale).
FIT_FLOOR = 0.5
# How many relevant organisations are kept per idea for the constellation search.
KEEP_PER_IDEA = 40
GRAMS_FULL = 0.15
_CHUNK = 512


def relevance_inputs(snapshot: NetworkSnapshot) -> tuple:
    """What a :class:`~workshop.network.relevance.RelevanceIndex` reads from a snapshot:
    two snapshots with equal inputs have the same relevance.

    >>> relevance_inputs(NetworkSnapshot()) == relevance_inputs(NetworkSnapshot(ties=()))
    True

    Notes
    -----
    O(1) to build; comparing two is linear in the records.
    """
    return (
        snapshot.organisations,
        snapshot.ideas,
        snapshot.commitments,
        snapshot.notes,
        snapshot.verdicts,
        snapshot.declined,
        snapshot.word_associations,
        snapshot.concept_words,
    )


class RelevanceIndex(Explanations):
    """Relevance of every organisation to every idea of one snapshot.

    Built once per snapshot; :meth:`ranked` gives an idea's relevant organisations
    best first, :meth:`explain` the evidence for one pair.

    Parameters
    ----------
    snapshot : NetworkSnapshot

    Examples
    --------
    >>> from workshop.network.snapshot import Capability, OrganisationRecord
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(
    ...         OrganisationRecord(1, "Bygdegården", "association", "nonprofit", "Ramsberg", "Leader Bergslagen",
    ...                            offers=frozenset({Capability("premises", "storkök")}), description="Bygdegård med kök."),
    ...         OrganisationRecord(2, "Fiskeklubben", "association", "nonprofit", "Ramsberg", "Leader Bergslagen",
    ...                            description="Fiskevård i sjöarna.")),
    ...     ideas=(IdeaRecord(10, "Matlag i köket", 1, "Ramsberg", "Leader Bergslagen",
    ...                       needs=frozenset({Capability("premises", "kök")})),))
    >>> index = RelevanceIndex(snapshot)
    >>> [organisation for organisation, score in index.ranked(10)]  # the fishing club has no basis
    [1]
    >>> index.explain(10, 1).met
    ((Capability(category='premises', label='kök'), Capability(category='premises', label='storkök')),)

    Notes
    -----
    Building is linear in the text of the snapshot (TF-IDF) plus O(N·O) label
    matches for N distinct need labels and O distinct offer labels. Ranking every
    idea multiplies sparse matrices a chunk of 512 ideas at a time: O(I·n) time for I
    ideas and n organisations, O(512·n) memory; about 1 s for 10 000 ideas and 3000
    organisations on a 2-core machine.
    """

    def __init__(self, snapshot: NetworkSnapshot, resources: Resources = ALL) -> None:
        self.snapshot = snapshot
        if snapshot.concept_words and resources.concepts:
            # The words coordinators added to the thesaurus, beside the file's.
            resources = replace(resources, added_words=snapshot.concept_words)
        self.resources = resources
        self.organisations = {o.id: o for o in snapshot.organisations}
        self.ideas = {i.id: i for i in snapshot.ideas}
        self.org_ids = [o.id for o in snapshot.organisations]
        self.org_pos = {o: p for p, o in enumerate(self.org_ids)}
        self.idea_ids = [i.id for i in snapshot.ideas]
        self.idea_pos = {i: p for p, i in enumerate(self.idea_ids)}
        self.committed: dict[int, set[int]] = defaultdict(set)
        self.ideas_of: dict[int, list[int]] = defaultdict(list)
        for c in snapshot.commitments:
            if c.idea_id in self.ideas and c.organisation_id in self.organisations:
                if c.organisation_id not in self.committed[c.idea_id]:
                    self.ideas_of[c.organisation_id].append(c.idea_id)
                self.committed[c.idea_id].add(c.organisation_id)
        self.notes_about_org: dict[int, list[str]] = defaultdict(list)
        self.notes_about_idea: dict[int, list[str]] = defaultdict(list)
        for note in snapshot.notes:
            if note.organisation_id in self.organisations:
                self.notes_about_org[note.organisation_id].append(note.text)
            if note.idea_id in self.ideas:
                self.notes_about_idea[note.idea_id].append(note.text)
        # What the facilitators' verdicts taught the process (workshop.network.relevance.feedback).
        # An invitation answered "Nej tack" counts as "passar inte", said by the organisation itself,
        # so it overrides a facilitator's "passar" (later records win in Verdicts).
        self.verdicts = Verdicts(snapshot.verdicts + tuple(FitVerdictRecord(i, o, False) for i, o in snapshot.declined))
        self.learned = LearnedWords(snapshot.word_associations)
        self._build_text()
        self._build_named()
        self._build_needs()
        self._ranked: dict[int, tuple[tuple[int, float], ...]] = {}
        self._hub: np.ndarray | None = None

    # --- building ------------------------------------------------------------------

    def idea_text(self, idea: IdeaRecord) -> str:
        parts = [idea.title, idea.title, idea.description, " ".join(sorted(idea.themes))]
        parts += [n.label for n in sorted(idea.needs)] + self.notes_about_idea.get(idea.id, [])
        return " ".join(parts)

    def _profile_sources(self, organisation_id: int) -> list[tuple[str, str]]:
        o = self.organisations[organisation_id]
        sources = [("description", o.description)] + [("offer", c.label) for c in sorted(o.offers)]
        for idea_id in self.ideas_of.get(organisation_id, ()):
            idea = self.ideas[idea_id]
            sources.append(("history", f"{idea.title} {' '.join(sorted(idea.themes))}"))
        sources += [("note", text) for text in self.notes_about_org.get(organisation_id, ())]
        return sources

    def _profile_stems(self, organisation_id: int, history: dict[int, list[str]]) -> list[str]:
        """The folded words of a profile; the ideas it committed to count once each word, so
        that an organisation with many past ideas does not look more like every new one.
        ``history`` caches each past idea's words (title and themes)."""
        o = self.organisations[organisation_id]
        own = tokens(o.description)
        for c in sorted(o.offers):
            own += tokens(c.label)
        past: dict[str, None] = {}
        for idea_id in self.ideas_of.get(organisation_id, ()):
            if idea_id not in history:
                idea = self.ideas[idea_id]
                history[idea_id] = tokens(f"{idea.title} {' '.join(sorted(idea.themes))}")
            past.update(dict.fromkeys(history[idea_id]))
        for text in self.notes_about_org.get(organisation_id, ()):
            own += tokens(text)
        return own + list(past)

    def _build_text(self) -> None:
        idea_docs = [tokens(self.idea_text(self.ideas[i])) for i in self.idea_ids]
        history: dict[int, list[str]] = {}
        org_docs = [self._profile_stems(o, history) for o in self.org_ids]
        counts: list[dict[str, int]] = []
        self.idea_vectors, self.org_vectors, self.idf = text_vectors(idea_docs, org_docs, self.resources, concept_counts=counts)
        self.idea_concepts, self.org_concepts = concept_vectors(counts[: len(idea_docs)], counts[len(idea_docs) :], self.resources)
        self.org_concepts_t = np.ascontiguousarray(self.org_concepts.T)
        idea_raw = [self._idea_words(self.ideas[i]) + " " + " ".join(n.label for n in sorted(self.ideas[i].needs)) for i in self.idea_ids]
        org_raw = [self._own_words(o) + " " + " ".join(c.label for c in sorted(self.organisations[o].offers)) for o in self.org_ids]
        self.idea_grams, self.org_grams = character_vectors(idea_raw, org_raw)
        self.org_grams_t = self.org_grams.T.tocsr()
        self.org_vectors_t = self.org_vectors.T.tocsr()

    def _own_words(self, organisation_id: int) -> str:
        o = self.organisations[organisation_id]
        return " ".join([o.name, o.description] + self.notes_about_org.get(organisation_id, []))

    def _idea_words(self, idea: IdeaRecord) -> str:
        return " ".join([idea.title, idea.description] + self.notes_about_idea.get(idea.id, []))

    def _name_words(self, text: str) -> list[str]:
        """The words of ``text`` that could name an organisation, as compared (lemmas): an
        everyday word ("alla", "gärna", "behöver", "företagen") never names anyone, nor a
        thing of the thesaurus ("ladan", "vandrarhem": the text evidence counts those)."""
        common, things = self.resources.common_words, self.resources.concepts
        return [
            word_key(w, self.resources)
            for w in tokens(text)
            if not ((common and is_common(w)) or (things and concepts_of_word(w, self.resources.added_words)))
        ]

    def _build_named(self) -> None:
        """Sparse (ideas × words) and (words × organisations) matrices of the rare words
        by which an idea can name an organisation; their product is the ``named`` sum."""
        places = {o.locality for o in self.snapshot.organisations} | {o.leader_area for o in self.snapshot.organisations}
        places |= {i.locality for i in self.snapshot.ideas} | {i.leader_area for i in self.snapshot.ideas}
        # (Only what relevance_inputs compares: an index is reused while they are equal.)
        resources = self.resources
        place_stems = {s for place in places if place for s in stems(place, resources)}
        org_words = [{s for s in self._name_words(self._own_words(o)) if len(s) >= 4} - place_stems for o in self.org_ids]
        idea_texts = [self._idea_words(self.ideas[idea_id]) for idea_id in self.idea_ids]
        idea_words = [set(self._name_words(text)) for text in idea_texts]
        self.name_column, self.name_weight, self.named_orgs, self.named_ideas = named_matrices(idea_words, org_words, idea_texts, resources)

    def _build_needs(self) -> None:
        need_labels = sorted({n for i in self.snapshot.ideas for n in i.needs})
        offer_labels = sorted({c for o in self.snapshot.organisations for c in o.offers})
        self.need_index = {n: k for k, n in enumerate(need_labels)}
        table = np.zeros((len(need_labels), len(offer_labels) + 1), dtype=np.float32)  # last column: no offer
        for a, need in enumerate(need_labels):
            for b, offer in enumerate(offer_labels):
                table[a, b] = max(label_match(need, offer, self.resources), self.learned.match(need, offer))
        self.match_table = table
        self.offer_index = {c: k for k, c in enumerate(offer_labels)}
        # best[need, organisation]: the best match of any of the organisation's offers
        self.best = np.zeros((len(need_labels), len(self.org_ids)), dtype=np.float32)
        if need_labels:
            for p, organisation_id in enumerate(self.org_ids):
                offers = [self.offer_index[c] for c in self.organisations[organisation_id].offers]
                if offers:
                    self.best[:, p] = table[:, offers].max(axis=1)
        self.met_any = self.best >= NEED_MET
        self.met_any_float = self.met_any.astype(np.float32)
        codes: dict[str, int] = {}

        def code(place: str | None) -> int:
            return codes.setdefault(place, len(codes)) if place else -1

        self.org_locality = np.array([code(o.locality) for o in self.snapshot.organisations], dtype=np.int64)
        self.org_area = np.array([code(o.leader_area) for o in self.snapshot.organisations], dtype=np.int64)
        self.idea_locality = np.array([code(self.ideas[i].locality) for i in self.idea_ids], dtype=np.int64)
        self.idea_area = np.array([code(self.ideas[i].leader_area) for i in self.idea_ids], dtype=np.int64)

    # --- ranking -------------------------------------------------------------------

    def _place_rows(self, positions: list[int]) -> np.ndarray:
        """Dense (ideas × organisations) place: 1 in the idea's locality, 0.5 elsewhere in its area.

        It depends only on the idea's locality and area, so each pair of them is worked
        out once and the ideas' rows are gathered from those."""
        pairs = list(zip(self.idea_locality[positions].tolist(), self.idea_area[positions].tolist()))
        distinct = sorted(set(pairs))
        table = np.zeros((len(distinct), len(self.org_ids)))
        for row, (locality, area) in enumerate(distinct):
            same_locality = (self.org_locality == locality) & (locality >= 0)
            table[row, same_locality] = 1.0
            table[row, (self.org_area == area) & (area >= 0) & ~same_locality] = 0.5
        number = {pair: row for row, pair in enumerate(distinct)}
        return table[[number[pair] for pair in pairs]]

    def hub_reference(self) -> np.ndarray:
        """Each organisation's CSLS reference (:mod:`~.hubs`): the mean of its
        :data:`~.hubs.HUB_K` highest relevance scores over every idea of the process (without
        the commitment bonus and the reduction itself; 0 where it has no basis)."""
        if self._hub is None:
            chunks = (self._scores(list(range(start, min(start + _CHUNK, len(self.idea_ids)))), content_only=True) for start in range(0, len(self.idea_ids), _CHUNK))
            reference = hubs.hub_reference(chunks)
            self._hub = np.zeros(len(self.org_ids)) if reference is None else reference
        return self._hub

    def _scores(self, positions: list[int], named_dense: bool = True, content_only: bool = False) -> tuple[np.ndarray, ...]:
        """Dense (ideas × organisations) need, text, place, committed, relevance and named
        scores (``named`` is ``None`` unless ``named_dense``: ranking reads only the relevance);
        with ``content_only`` one array, the relevance before the hub reduction and the
        commitment bonus, 0 without a basis (what :meth:`hub_reference` averages)."""
        n = len(self.org_ids)
        m = len(positions)
        text = (self.idea_vectors[positions] @ self.org_vectors_t).toarray() if n else np.zeros((m, 0))
        # Few organisations are named by an idea: kept sparse, as (row, column, value) triples.
        product = (self.named_ideas[positions] @ self.named_orgs).tocoo() if n else sparse.coo_matrix((m, 0), dtype=np.float32)
        product.sum_duplicates()
        named_rows, named_columns = product.row, product.col
        named_values = np.minimum(product.data, np.float32(1.0))
        need = np.zeros((m, n), dtype=np.float32)
        met = np.zeros((m, n), dtype=bool)
        if self.best.shape[0]:
            rows, columns, values = [], [], []
            for row, p in enumerate(positions):
                labels = [self.need_index[c] for c in self.ideas[self.idea_ids[p]].needs]
                if not labels:
                    continue
                rows += [row] * len(labels)
                columns += labels
                values += [1.0 / len(labels)] * len(labels)
            averaging = sparse.csr_matrix((values, (rows, columns)), shape=(m, self.best.shape[0]), dtype=np.float32)
            need = np.asarray(averaging @ self.best)
            met = np.asarray((averaging @ self.met_any_float) > 0)
        place = self._place_rows(positions)
        committed = np.zeros((m, n), dtype=bool)
        for row, p in enumerate(positions):
            for organisation_id in self.committed.get(self.idea_ids[p], ()):
                committed[row, self.org_pos[organisation_id]] = True
        about = self.idea_concepts[positions] @ self.org_concepts_t if n else np.zeros((m, 0), dtype=np.float32)
        grams = (self.idea_grams[positions] @ self.org_grams_t).toarray() if n else np.zeros((m, 0))
        basis = met | (text >= TEXT_FLOOR) | (about >= CONCEPT_BASIS)
        basis |= committed
        w = RELEVANCE_WEIGHTS
        # In place, in a fixed order: these arrays are ideas × organisations.
        score = need.astype(np.float64)
        score *= w["need"]
        if n:
            share = text / np.maximum(np.float32(TEXT_FULL), text.max(axis=1, keepdims=True))  # noqa
            np.minimum(share, 1.0, out=share)
            # An idea that lists no needs gives the need's weight to the text: nobody meets a
            # need there, and the profile is then what tells a partner from the rest.
            no_needs = np.array([not self.ideas[self.idea_ids[p]].needs for p in positions], dtype=bool)
            share *= np.where(no_needs, np.float32(w["text"] + w["need"]), np.float32(w["text"]))[:, None]
            score += share
        score += w["concept"] * about
        if n:
            score += w["grams"] * grams / np.maximum(GRAMS_FULL, grams.max(axis=1, keepdims=True))
        if hubs.HUB_WEIGHT and n and not content_only:
            # CSLS (relevance/hubs.py): what an organisation brings to every idea tells this one
            # nothing. Floored at 0, so a basis is never lost: the reduction only reorders.
            score -= hubs.HUB_WEIGHT * self.hub_reference()
            np.maximum(score, 0.0, out=score)
        score += w["place"] * place
        named_part = named_values.astype(np.float64) * w["named"]
        named_part[~basis[named_rows, named_columns]] *= NAMED_ALONE
        score[named_rows, named_columns] += named_part
        if content_only:
            return np.where(basis, score, 0.0)
        score[committed] += COMMITTED_BONUS
        np.round(score, 6, out=score)
        basis[named_rows[named_values > 0], named_columns[named_values > 0]] = True
        self.verdicts.apply(score, basis, committed, [self.idea_ids[p] for p in positions], self.org_pos)
        score[~basis] = -1.0
        if not named_dense:
            return need, text, place, committed, score, None
        named = np.zeros((m, n), dtype=np.float32)
        named[named_rows, named_columns] = named_values
        return need, text, place, committed, score, named

    def prepare(self, idea_ids: Iterable[int] | None = None) -> None:
        """Rank the given ideas (all by default) in chunks; :meth:`ranked` then looks them up."""
        wanted = [self.idea_pos[i] for i in (self.idea_ids if idea_ids is None else idea_ids) if i in self.idea_pos]
        wanted = [p for p in wanted if self.idea_ids[p] not in self._ranked]
        keep = min(KEEP_PER_IDEA, len(self.org_ids))
        ids = np.array(self.org_ids, dtype=np.int64)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            score = self._scores(chunk, named_dense=False)[4]
            if keep == 0:
                for p in chunk:
                    self._ranked[self.idea_ids[p]] = ()
                continue
            top = np.argpartition(-score, keep - 1, axis=1)[:, :keep] if keep < score.shape[1] else np.tile(np.arange(score.shape[1]), (len(chunk), 1))
            for row, p in enumerate(chunk):
                columns = top[row][score[row, top[row]] >= 0]
                # best first; equal scores: lowest id first
                columns = columns[np.lexsort((ids[columns], -score[row, columns]))]
                self._ranked[self.idea_ids[p]] = tuple(zip(ids[columns].tolist(), score[row, columns].tolist()))

    def ranked(self, idea_id: int) -> tuple[tuple[int, float], ...]:
        """The relevant organisations for ``idea_id`` and their scores, best first (at most 40)."""
        if idea_id not in self.ideas:
            raise UnknownIdea(idea_id)
        if idea_id not in self._ranked:
            self.prepare([idea_id])
        return self._ranked[idea_id]

    def fit_scale(self, idea_id: int) -> float:
        """What a relevance is measured against in a constellation's ``fit``: the best
        score of an organisation not committed to the idea, at least :data:`FIT_FLOOR`.

        The relevance scores of one idea only rank its organisations; against the best
        of them, the one the idea most clearly calls for counts fully, and a weak basis
        weighs little next to it. The floor keeps an idea whose best is weak from making
        it look strong.
        """
        committed = self.committed.get(idea_id, set())
        ranked = self.ranked(idea_id)
        others = [score for organisation, score in ranked if organisation not in committed]
        if not others and len(ranked) >= KEEP_PER_IDEA:  # more committed than kept: look at everyone
            others = [score for organisation, score in self.scores_for(idea_id).items() if organisation not in committed]
        return max([FIT_FLOOR] + others)

    def scores_for(self, idea_id: int) -> dict[int, float]:
        """Every organisation's relevance score for one idea (-1 without a basis)."""
        if idea_id not in self.ideas:
            raise UnknownIdea(idea_id)
        row = self._scores([self.idea_pos[idea_id]], named_dense=False)[4][0]
        return {o: float(row[p]) for p, o in enumerate(self.org_ids)}

    def rank_of(self, idea_id: int, organisation_id: int) -> int | None:
        """1 for the most relevant organisation; ``None`` when it has no basis."""
        scores = self.scores_for(idea_id)
        own = scores.get(organisation_id, -1.0)
        if own < 0:
            return None
        return 1 + sum(1 for o, s in scores.items() if s > own or (s == own and o < organisation_id))
