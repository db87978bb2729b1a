"""How relevant each organisation is to an idea, from everything the process knows.

Five kinds of evidence, each between 0 and 1:

* ``need``: the idea's needs against the organisation's offers, matched by meaning
  rather than by equal strings. Labels are cut into words, lemmatised
  (:mod:`workshop.language`: "köket" → "kök") and compared word by word, with Swedish
  compounds read by their head ("storkök" is a kind of "kök", so it meets a need for a
  kitchen), and words of one concept of the domain thesaurus or synonyms meeting at a
  lower value ("vandrarhem" meets "övernattning"), so "kök i bygdegården", "köket" and
  "storkök" all meet each other. A need is *met* by an
  offer scoring at least :data:`NEED_MET`; an offer of another category counts at
  :data:`CROSS_CATEGORY` of its value (a kitchen is not the money to build one).
* ``text``: the idea's title, description, themes, needs and the notes about it,
  against the organisation's profile: its description, offers, the ideas it has
  committed to and the tacit-knowledge notes about it. TF-IDF over lemmas,
  their character 4-grams and compound heads, and, at reduced weight, the thesaurus
  concepts and synonyms they have, so compounds, inflections and other words for the
  same thing still meet; cosine similarity.
* ``named``: the idea names the organisation: its title, description or the notes
  about it share a rare word (a farm, a hall, a hill: "på Kvarnbacken"; never an everyday
  word such as "alla" or "behöver", nor a thing of the thesaurus) with the
  organisation's own name, description or the notes about it. A word counts
  ``1 / d`` for the ``d`` organisations that have it (at most :data:`NAMED_MAX_SHARE`
  of them, and at most :data:`NAMED_MAX_ORGANISATIONS`; a word used by more than that
  share of the ideas is vocabulary, not a name), summed and capped at 1; the
  process's localities and Leader areas are left to ``place``. Topic words are shared
  by many, so only what picks out an organisation counts here.
* ``place``: 1 in the idea's locality, 0.5 elsewhere in its Leader area, else 0.
* ``committed``: the organisation has said it wants to take part.

An organisation is *relevant* to an idea only with a basis tied to that idea: it has
committed, it meets at least one need, its profile is about the same thing (``text``
at least :data:`TEXT_FLOOR`), or the idea names it. Place alone is never a basis: being
in the village does not make a fishing club a partner for a digital archive (being
the place the idea names does). The
relevance score (:func:`relevance_score`) ranks the relevant ones; everyone else has
no score and is never suggested.

Everything runs offline: the lexicons are vendored under ``data/vocabulary/`` or ship
in simplemma's wheel, nothing is downloaded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import snowballstemmer
from scipy import sparse
from sklearn.preprocessing import normalize

from workshop.network.feedback import LearnedWords, Verdicts
from workshop.language import ALL, AddedWords, STOPWORDS, CONCEPT_MATCH, Match, Resources, concepts_of, concepts_of_text, concepts_of_word, is_common, lemma, synonyms, term_match, tokens
from workshop.language.words import WORD, compound
from workshop.network.graph import Message, UnknownIdea
from workshop.network.snapshot import Capability, IdeaRecord, NetworkSnapshot
from workshop.text import word_key

__all__ = [
    "NEED_MET",
    "CROSS_CATEGORY",
    "TEXT_MIN",
    "TEXT_FLOOR",
    "TEXT_FULL",
    "NAMED_MAX_ORGANISATIONS",
    "NAMED_MAX_SHARE",
    "NAMED_ALONE",
    "NAMED_LOWER",
    "RELEVANCE_WEIGHTS",
    "FIT_FLOOR",
    "stems",
    "label_match",
    "relevance_score",
    "Relevance",
    "RelevanceIndex",
]

# A need counts as met by an offer at this match (half of a two-word need, or a compound head).
NEED_MET = 0.5
# An offer of another category than the need is worth this share of its match.
CROSS_CATEGORY = 0.6
# Text similarity (cosine) from which the profile alone is a basis (short texts written in
# everyday words share little: at 0.12, half the partners of the no-cue process had none);
# the similarity at which it counts fully (when several profiles go beyond it, they count
# relative to the most similar one); and from which a reason may say "the profile is
# about the same thing" and a past idea is "similar".
TEXT_FLOOR = 0.02
TEXT_FULL = 0.15
TEXT_MIN = 0.12
# Weight of a character 4-gram feature against a whole stem's, before normalising.
NGRAM_WEIGHT = 0.35
# A word of the idea names an organisation when at most this many organisations (and at
# most this share of them) have it in their own name, description or notes.
NAMED_MAX_ORGANISATIONS = 10
NAMED_MAX_SHARE = 0.25
# A word the idea writes in lower case (or only first in a sentence) may be a thing rather
# than a name ("en snickare", "anställda"): it names at this share of a capitalised one.
NAMED_LOWER = 0.5
# Named but nothing else ties it to the idea (no need met, another topic): it counts this share.
NAMED_ALONE = 0.3
# Weights of the relevance score of an organisation with a basis (see relevance_score).
# Being named by the idea weighs most: among thirty organisations about the same thing in
# the same villages, the one at the place the idea names is the one it means.
RELEVANCE_WEIGHTS = {"need": 0.25, "text": 0.20, "place": 0.10, "named": 0.45}
# Committed organisations rank above every other, whatever their profile says.
COMMITTED_BONUS = 1.0
# A member's fit in a constellation is its relevance against the idea's most relevant
# organisation not yet committed, or against this, whichever is higher (see fit_scale).
FIT_FLOOR = 0.5
# How many relevant organisations are kept per idea for the constellation search.
KEEP_PER_IDEA = 40
_CHUNK = 512

_WORD = WORD
_STOPWORDS = STOPWORDS
# Expanded terms in the text evidence weigh this much of a word the two texts share: a
# concept of the domain thesaurus both speak of ("vandrarhem", "övernattning"), a
# synonym in Viggo Kann's list, a compound's head ("elcykel" also speaks of "cykel").
CONCEPT_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.25
HEAD_WEIGHT = 0.25
# In a need such as "kök i bygdegården" the words after a preposition only qualify the rest.
_PREPOSITIONS = frozenset("i på för vid med till av från om under åt hos".split())
_QUALIFIER_WEIGHT = 0.5


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


_fold = word_key


def _key(word: str, resources: Resources = ALL) -> str:
    """How a folded word is compared: its lemma, or its Snowball stem without lemmas."""
    return lemma(word) if resources.lemmas else _stem(word)


def stems(text: str, resources: Resources = ALL) -> list[str]:
    """The lemmas of the content words of ``text``, in order (Snowball stems when
    ``resources`` has no lemmas).

    Examples
    --------
    >>> stems("Köket i bygdegården")
    ['kök', 'bygdegård']
    >>> stems("Lokala råvaror och caféet")
    ['lokal', 'råvara', 'cafe']
    >>> stems("Lokala råvaror och caféet", Resources(lemmas=False))
    ['lokal', 'råvar', 'cafeet']
    """
    return [_key(w, resources) for w in tokens(text)]


def _stem_match(need: str, offer: str) -> float:
    """How well an offered stem meets a needed one: equal, a compound and its head
    (a "storkök" is a "kök"; a "kök" only partly a "storkök"), or a shared start."""
    if need == offer:
        return 1.0
    if len(need) >= 3 and offer.endswith(need):
        return 0.9  # a Swedish compound is a kind of its last part: the offer is more specific
    if len(offer) >= 3 and need.endswith(offer):
        return 0.6  # the need is more specific than the offer
    short, long = (need, offer) if len(need) <= len(offer) else (offer, need)
    if len(short) >= 4 and long.startswith(short):
        return 0.5  # the first part only says what it is for: skogsmaskiner are not skog
    return 0.0


@lru_cache(maxsize=65536)
def _label_words(label: str) -> tuple[tuple[str, float], ...]:
    """A label's folded words with their weight: 1, or 0.5 after the first preposition."""
    terms: dict[str, float] = {}
    weight = 1.0
    for word in _WORD.findall(_fold(label)):
        if word in _PREPOSITIONS:
            weight = _QUALIFIER_WEIGHT
            continue
        if word in _STOPWORDS or len(word) < 2:
            continue
        terms[word] = max(terms.get(word, 0.0), weight)
    return tuple(terms.items())


@lru_cache(maxsize=262144)
def word_match(need: str, offer: str, resources: Resources = ALL) -> Match:
    """How well an offered folded word meets a needed one (:func:`workshop.language.term_match`
    on their lemmas; without lemmas, Snowball stems compared by their endings, and the
    thesaurus and synonyms looked up by lemma)."""
    if resources.lemmas:
        return term_match(lemma(need), lemma(offer), resources)
    value = _stem_match(_stem(need), _stem(offer))
    found = Match(value, "same" if value == 1.0 else "kind_of") if value else Match(0.0)
    if resources.concepts or resources.synonyms:
        meaning = term_match(lemma(need), lemma(offer), resources)
        if meaning.kind in ("concept", "synonym") and meaning.value > found.value:
            return meaning
    return found


@lru_cache(maxsize=65536)
def _label_concepts(label: str, added: AddedWords = ()) -> frozenset[str]:
    """The concepts a label speaks of, from its words before any preposition (a hall is
    not what "kök i bygdegården" asks for)."""
    main = [w for w, weight in _label_words(label) if weight == 1.0]
    return concepts_of_text([lemma(w) for w in main] + main, added)


@lru_cache(maxsize=262144)
def label_meaning(need: Capability, offer: Capability, resources: Resources = ALL) -> Match:
    """How well ``offer`` meets ``need`` and how: the :class:`~workshop.language.Match`
    behind :func:`label_match` (its kind is the weakest word match that counted, or
    ``concept`` when the two labels meet through a concept of the thesaurus)."""
    need_words = _label_words(need.label)
    offer_words = _label_words(offer.label)
    if not need_words or not offer_words:
        return Match(0.0)
    total = sum(weight for _, weight in need_words)
    value = 0.0
    kinds: set[str] = set()
    concept = None
    for n, weight in need_words:
        best = max((word_match(n, o, resources) for o, _ in offer_words), key=lambda m: m.value)
        value += weight * best.value
        if best.value and weight == 1.0:
            kinds.add(best.kind)
            concept = concept or best.concept
    value /= total
    kind = next((k for k in ("synonym", "concept", "first_part", "part_of", "kind_of", "same") if k in kinds), "none")
    if resources.concepts and value < CONCEPT_MATCH:
        # "någon som kan sy" and "textilslöjd och symaskiner" meet as wholes
        shared = _label_concepts(need.label, resources.added_words) & _label_concepts(offer.label, resources.added_words)
        if shared:
            value = CONCEPT_MATCH
            if not kinds & {"same", "kind_of", "part_of"}:  # the words themselves did not meet
                kind, concept = "concept", min(shared)
    factor = 1.0 if need.category == offer.category else CROSS_CATEGORY
    return Match(round(value * factor, 6), kind, concept)


def label_match(need: Capability, offer: Capability, resources: Resources = ALL) -> float:
    """How well ``offer`` meets ``need``, between 0 and 1.

    Each word of the need looks for its best word in the offer (:func:`word_match`:
    the same lemma 1, an offered compound of the needed word 0.9, a needed compound of
    the offered word 0.6, one concept of the thesaurus 0.8, synonyms 0.5, a shared first
    part 0.4); the match is the weighted mean over the need's words (words after a
    preposition, as in "kök i bygdegården", weigh half), at least 0.8 when the two labels
    speak of one concept, times :data:`CROSS_CATEGORY` when the categories differ.

    Examples
    --------
    >>> kitchen = Capability("premises", "storkök")
    >>> label_match(Capability("premises", "kök"), kitchen)
    0.9
    >>> label_match(Capability("premises", "kök i bygdegården"), Capability("premises", "köket"))
    0.8
    >>> label_match(Capability("premises", "kök i bygdegården"), Capability("premises", "samlingslokal")) < NEED_MET
    True
    >>> label_match(Capability("premises", "kök i bygdegården"), kitchen) >= NEED_MET
    True
    >>> label_match(Capability("resource", "lokala råvaror"), Capability("premises", "samlingslokal")) < NEED_MET
    True
    >>> label_match(Capability("premises", "övernattning"), Capability("premises", "vandrarhem med 20 bäddar"))
    0.8
    >>> label_match(Capability("premises", "mobiltäckning"), Capability("premises", "taktäckning"))
    0.0

    Notes
    -----
    O(a·b) for labels of a and b words.
    """
    return label_meaning(need, offer, resources).value


def relevance_score(
    need: float, text: float, place: float, committed: bool, basis: bool, best_text: float = 0.0, named: float = 0.0, needs: bool = True
) -> float:
    """The ranking value of one organisation for one idea; 0 without a basis.

    ``0.25·need + 0.20·text / max(TEXT_FULL, best_text) + 0.10·place + 0.45·named``,
    plus 1 when committed; ``best_text`` is the highest text similarity any
    organisation has to the idea; for an idea that lists no needs (``needs`` false) the
    text weighs 0.45 (the need's weight is the text's); ``basis`` says whether a need is met or the profile
    is about the same thing: without it, being named counts :data:`NAMED_ALONE` of
    its weight (and is then the only basis).

    Examples
    --------
    >>> relevance_score(need=1.0, text=0.4, place=1.0, committed=False, basis=True)
    0.55
    >>> relevance_score(need=1.0, text=0.4, place=1.0, committed=False, basis=True, named=1.0)
    1.0
    >>> relevance_score(need=0.0, text=0.0, place=1.0, committed=False, basis=False, named=1.0)
    0.235
    >>> relevance_score(need=0.0, text=0.0, place=1.0, committed=False, basis=False)
    0.0
    >>> relevance_score(need=0.0, text=0.4, place=1.0, committed=False, basis=True, needs=False)
    0.55
    """
    if not (basis or committed or named > 0):
        return 0.0
    w = RELEVANCE_WEIGHTS
    text_weight = w["text"] + (0.0 if needs else w["need"])
    value = w["need"] * need + text_weight * min(1.0, text / max(TEXT_FULL, best_text)) + w["place"] * place
    value += w["named"] * named * (1.0 if basis or committed else NAMED_ALONE)
    return round(value + (COMMITTED_BONUS if committed else 0.0), 6)


@dataclass(frozen=True)
class Relevance:
    """One organisation's relevance to one idea, and the evidence for it.

    ``met`` holds (need, offer) pairs where the offer meets the need; ``words`` the
    idea's words that the profile shares (as the organisation wrote them), with where
    they come from (``description``, ``offer``, ``history`` or ``note``); ``history``
    the title of the most similar idea it committed to before, if similar enough;
    ``names`` the rare words by which the idea names it (as the idea wrote them).
    """

    idea_id: int
    organisation_id: int
    score: float
    need: float
    text: float
    place: float
    committed: bool
    relevant: bool
    met: tuple[tuple[Capability, Capability], ...] = ()
    words: tuple[tuple[str, str], ...] = ()
    history: str | None = None
    named: float = 0.0
    names: tuple[str, ...] = ()
    meanings: tuple[tuple[str, str, str], ...] = ()
    met_how: tuple[Match, ...] = ()

    def reasons(self, locality: str | None, area: str | None, role: str | None = None) -> tuple[Message, ...]:
        """Why it is there, as catalog messages to join into one sentence."""
        clauses: list[Message] = []
        if self.committed:
            clauses.append(Message(f"fit.why.committed.{role or 'partner'}", {}))
        if self.names:
            clauses.append(Message("fit.why.named", {"names": ", ".join(self.names[:2])}))
        for k, (need, offer) in enumerate(self.met[:2]):
            how = self.met_how[k] if k < len(self.met_how) else Match(1.0, "same")
            if how.kind in ("concept", "synonym"):  # "erbjuder vandrarhem – idén behöver övernattning"
                clauses.append(Message("meaning.why.offers_for", {"offer": offer.label, "need": need.label}))
                continue
            same = dict(_label_words(need.label)).keys() == dict(_label_words(offer.label)).keys()
            clauses.append(Message("fit.why.offers" if same else "fit.why.offers_for", {"offer": offer.label, "need": need.label}))
        if self.history:
            clauses.append(Message("fit.why.history", {"title": self.history}))
        by_source: dict[str, list[str]] = defaultdict(list)
        named = {lemma(_fold(name)) for name in self.names}
        for word, source in self.words:
            if lemma(_fold(word)) not in named:  # already said: the idea names it
                by_source[source].append(word)
        for source in ("description", "note"):
            if by_source.get(source):
                clauses.append(Message(f"fit.why.words.{source}", {"words": ", ".join(by_source[source][:3])}))
        said = {source for source in by_source}
        for word, source, idea_word in self.meanings:
            if source not in said:  # one clause per source: "beskrivningen tar upp vandrarhem – idén talar om övernattning"
                said.add(source)
                clauses.append(Message(f"meaning.why.words.{source}", {"word": word, "idea_word": idea_word}))
        # Nothing else to say: the profile is its basis (a member is never left without a reason).
        if not clauses[int(self.committed):] and self.text >= (TEXT_FLOOR if self.relevant else TEXT_MIN):
            clauses.append(Message("fit.why.similar", {}))
        if self.place >= 1.0 and locality:
            clauses.append(Message("fit.why.locality", {"locality": locality}))
        elif self.place > 0 and area:
            clauses.append(Message("fit.why.area", {"area": area}))
        return tuple(clauses)


class RelevanceIndex:
    """Relevance of every organisation to every idea of one snapshot.

    Built once per snapshot; :meth:`ranked` gives an idea's relevant organisations
    best first, :meth:`explain` the evidence for one pair.

    Parameters
    ----------
    snapshot : NetworkSnapshot

    Examples
    --------
    >>> from workshop.network.snapshot import OrganisationRecord
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
        # What the facilitators' verdicts taught the process (workshop.network.feedback).
        self.verdicts = Verdicts(snapshot.verdicts)
        self.learned = LearnedWords(snapshot.word_associations)
        self._build_text()
        self._build_named()
        self._build_needs()
        self._ranked: dict[int, tuple[tuple[int, float], ...]] = {}

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
        resources = self.resources
        vocabulary: dict[str, int] = {}
        rows, columns = [], []
        for row, doc in enumerate(idea_docs + org_docs):
            features = _features(doc, resources)
            for feature in features:
                columns.append(vocabulary.setdefault(feature, len(vocabulary)))
            rows.extend([row] * len(features))
        documents = len(idea_docs) + len(org_docs)
        if not vocabulary:  # no text at all yet, e.g. a brand-new process
            empty = sparse.csr_matrix((0, 1), dtype=np.float32)
            self.idea_vectors = sparse.csr_matrix((len(idea_docs), 1), dtype=np.float32) if idea_docs else empty
            self.org_vectors = sparse.csr_matrix((len(org_docs), 1), dtype=np.float32) if org_docs else empty
            self.idf = {}
            self.org_vectors_t = self.org_vectors.T.tocsr()
            return
        counts = sparse.csr_matrix(
            (np.ones(len(columns), dtype=np.float32), (rows, columns)), shape=(documents, len(vocabulary)), dtype=np.float32
        )
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=len(vocabulary))
        names = [None] * len(vocabulary)
        for feature, column in vocabulary.items():
            names[column] = feature
        # Features found in more than a tenth of the documents (and at least 20) tell little
        # about what one is about, and make the similarity products dense and slow (a
        # concept of the thesaurus too: kept however common, it made ranking 10 000 ideas
        # three times slower for the same recall).
        max_df = max(0.1, 20 / documents)
        keep = df <= max_df * documents
        idf = np.log((1 + documents) / (1 + df)) + 1.0  # scikit-learn's smooth idf
        scale = np.array([_FEATURE_WEIGHTS.get(name[:2], NGRAM_WEIGHT) for name in names], dtype=np.float32)
        weights = (idf * scale * keep).astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        matrix = normalize(counts @ sparse.diags(weights))
        matrix.eliminate_zeros()
        self.idea_vectors = matrix[: len(idea_docs)].tocsr()
        self.org_vectors = matrix[len(idea_docs) :].tocsr()
        self.idf = {name: float(idf[column]) for column, name in enumerate(names) if name.startswith("w:") and keep[column]}
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
            _key(w, self.resources)
            for w in tokens(text)
            if not ((common and is_common(w)) or (things and concepts_of_word(w, self.resources.added_words)))
        ]

    def _build_named(self) -> None:
        """Sparse (ideas × words) and (words × organisations) matrices of the rare words
        by which an idea can name an organisation; their product is the ``named`` sum."""
        places = {o.locality for o in self.snapshot.organisations} | {o.leader_area for o in self.snapshot.organisations}
        places |= {i.locality for i in self.snapshot.ideas} | {i.leader_area for i in self.snapshot.ideas}
        # (Only what constellations.relevance_inputs compares: an index is reused while they are equal.)
        resources = self.resources
        place_stems = {s for place in places if place for s in stems(place, resources)}
        org_words = [{s for s in self._name_words(self._own_words(o)) if len(s) >= 4} - place_stems for o in self.org_ids]
        organisations_with: dict[str, int] = defaultdict(int)
        for words in org_words:
            for word in words:
                organisations_with[word] += 1
        idea_words = {idea_id: set(self._name_words(self._idea_words(self.ideas[idea_id]))) for idea_id in self.idea_ids}
        ideas_with: dict[str, int] = defaultdict(int)
        for words in idea_words.values():
            for word in words:
                if word in organisations_with:
                    ideas_with[word] += 1
        limit = min(NAMED_MAX_ORGANISATIONS, max(1, int(NAMED_MAX_SHARE * len(self.org_ids))))
        # A word that many ideas use ("föreningarna", "bygden") is vocabulary, not a name.
        idea_limit = max(2, int(NAMED_MAX_SHARE * len(self.idea_ids)))
        rare = (w for w, d in organisations_with.items() if d <= limit and ideas_with[w] <= idea_limit)
        self.name_column = {w: k for k, w in enumerate(sorted(rare))}
        self.name_weight = {w: 1.0 / organisations_with[w] for w in self.name_column}
        rows, columns, values = [], [], []
        for row, words in enumerate(org_words):
            for word in words:
                if word in self.name_column:
                    rows.append(row)
                    columns.append(self.name_column[word])
                    values.append(self.name_weight[word])
        width = max(1, len(self.name_column))
        self.named_orgs = sparse.csr_matrix((values, (columns, rows)), shape=(width, len(self.org_ids)), dtype=np.float32)
        rows, columns, values = [], [], []
        for row, idea_id in enumerate(self.idea_ids):
            capitalised = None
            for word in idea_words[idea_id]:
                if word in self.name_column:
                    if capitalised is None:
                        capitalised = _capitalised(self._idea_words(self.ideas[idea_id]), resources)
                    rows.append(row)
                    columns.append(self.name_column[word])
                    values.append(1.0 if word in capitalised else NAMED_LOWER)
        self.named_ideas = sparse.csr_matrix(
            (np.array(values, dtype=np.float32), (rows, columns)), shape=(len(self.idea_ids), width), dtype=np.float32
        )

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

    def _scores(self, positions: list[int], named_dense: bool = True) -> tuple[np.ndarray, ...]:
        """Dense (ideas × organisations) need, text, place, committed, relevance and named
        scores (``named`` is ``None`` unless ``named_dense``: ranking reads only the relevance)."""
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
        basis = met | (text >= TEXT_FLOOR)
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
        score += w["place"] * place
        named_part = named_values.astype(np.float64) * w["named"]
        named_part[~basis[named_rows, named_columns]] *= NAMED_ALONE
        score[named_rows, named_columns] += named_part
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

    # --- explaining ----------------------------------------------------------------

    def explain(self, idea_id: int, organisation_id: int) -> Relevance:
        """The evidence for one organisation and one idea."""
        if idea_id not in self.ideas:
            raise UnknownIdea(idea_id)
        idea = self.ideas[idea_id]
        organisation = self.organisations[organisation_id]
        p = self.org_pos[organisation_id]
        need, text, place, committed, score, named = (array[0, p] for array in self._scores([self.idea_pos[idea_id]]))
        met, how = [], []
        for n in sorted(idea.needs, key=lambda c: (c.category, c.label)):
            best = max(((self._met_by(n, offer), offer) for offer in sorted(organisation.offers)), default=(None, None), key=lambda pair: pair[0].value)
            if best[1] is not None and best[0].value >= NEED_MET:
                met.append((n, best[1]))
                how.append(best[0])
        words, meanings = self._shared_words(idea, organisation_id)
        return Relevance(
            idea_id=idea_id,
            organisation_id=organisation_id,
            score=float(max(score, 0.0)),
            need=float(need),
            text=float(text),
            place=float(place),
            committed=bool(committed),
            relevant=bool(score >= 0),
            met=tuple(met),
            words=words,
            history=self._history(idea, organisation_id),
            named=float(named),
            names=self._names(idea, organisation_id) if named > 0 else (),
            meanings=meanings,
            met_how=tuple(how),
        )

    def _names(self, idea: IdeaRecord, organisation_id: int) -> tuple[str, ...]:
        """The idea's rare words that name the organisation, as the idea wrote them, rarest first."""
        own = set(self._name_words(self._own_words(organisation_id)))
        found: dict[str, str] = {}
        for word in _WORD.findall(self._idea_words(idea)):
            key = _key(_fold(word), self.resources)
            if key in self.name_column and key in own and key not in found:
                found[key] = word
        return tuple(found[key] for key in sorted(found, key=lambda key: (-self.name_weight[key], key)))

    def _shared_words(self, idea: IdeaRecord, organisation_id: int) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
        """The profile's words the idea shares (or a compound of them), rarest first, and
        the profile's words that meet one of the idea's by meaning (a concept of the
        thesaurus or a synonym) with that word of the idea; never an everyday word."""
        common = self.resources.common_words
        added = self.resources.added_words
        idea_words = {w: None for w in tokens(self.idea_text(idea)) if len(w) >= 3 and not (common and _everyday(w, added))}
        found: dict[str, tuple[float, str, str]] = {}
        meant: dict[str, tuple[float, str, str, str]] = {}
        for source, text in self._profile_sources(organisation_id):
            if source in ("offer", "history"):
                continue  # offers and past ideas have clauses of their own
            for word in _WORD.findall(text):
                folded = _fold(word)
                if folded in _STOPWORDS or len(folded) < 3 or (common and _everyday(folded, added)):
                    continue
                key = _key(folded, self.resources)
                if key in found or key in meant:
                    continue
                best = max(
                    ((max(word_match(folded, other, self.resources), word_match(other, folded, self.resources), key=lambda m: m.value), other) for other in idea_words),
                    key=lambda pair: pair[0].value,
                    default=(Match(0.0), ""),
                )
                if best[0].value >= 0.9:
                    found[key] = (self.idf.get(f"w:{key}", 1.0), word.lower(), source)
                elif best[0].kind in ("concept", "synonym"):
                    meant[key] = (self.idf.get(f"w:{key}", 1.0), word.lower(), source, best[1])
        words = sorted(found.values(), key=lambda item: (-item[0], item[1]))[:4]
        meanings = sorted(meant.values(), key=lambda item: (-item[0], item[1]))[:4]
        return tuple((word, source) for _, word, source in words), tuple((word, source, other) for _, word, source, other in meanings)

    def _met_by(self, need: Capability, offer: Capability) -> Match:
        """How ``offer`` meets ``need``: by meaning, or by what the facilitators' verdicts taught."""
        meaning = label_meaning(need, offer, self.resources)
        learned = self.learned.match(need, offer)
        return Match(learned, "learned") if learned > meaning.value else meaning

    def _history(self, idea: IdeaRecord, organisation_id: int) -> str | None:
        others = [i for i in self.ideas_of.get(organisation_id, ()) if i != idea.id]
        if not others:
            return None
        own = self.idea_vectors[self.idea_pos[idea.id]]
        rows = self.idea_vectors[[self.idea_pos[i] for i in others]]
        similarity = (rows @ own.T).toarray().ravel()
        best = int(np.argmax(similarity))
        return self.ideas[others[best]].title if similarity[best] >= TEXT_MIN else None


def _everyday(word: str, added: AddedWords = ()) -> bool:
    """An everyday word that explains nothing ("alla", "behöver", "företagen"); an everyday
    word of the thesaurus ("kök", "cykel") still says what a profile is about."""
    return is_common(word) and not concepts_of_word(word, added)


_SENTENCE = re.compile(r"(?:^|[.!?:;]\s+|\n)")


def _capitalised(text: str, resources: Resources = ALL) -> set[str]:
    """The lemmas of the words ``text`` writes with a capital inside a sentence, as names are
    written in Swedish ("på Kvarnbacken", "Företagarföreningen samordnar"); a sentence's first
    word says nothing.

    >>> sorted(_capitalised("Skördefest på Kvarnbacken. Vi vill vara i ladan hos Eriksson."))
    ['eriksson', 'kvarnbacken']
    """
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        for position, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if position and word[0].isupper():
                found.add(_key(_fold(word), resources))
    return found


# Weight of each kind of feature against a whole word's (before normalising); character
# 4-grams weigh NGRAM_WEIGHT.
_FEATURE_WEIGHTS = {"w:": 1.0, "h:": HEAD_WEIGHT, "c:": CONCEPT_WEIGHT, "s:": SYNONYM_WEIGHT}


def _features(words: list[str], resources: Resources = ALL) -> list[str]:
    """A document's features, from its folded words: each word's lemma (``w:``) and the
    lemma's character 4-grams with word boundaries, so that compounds sharing a head or
    a first part ("storkök", "kök") share features; with lemmas, a compound's head
    (``h:``); the concepts of the thesaurus it belongs to (``c:``, phrases such as
    "sova över" included); its synonyms (``s:``, content words only).

    >>> _features(["kök"], Resources(synonyms=False, concepts=False))
    ['w:kök', ' kök', 'kök ']
    >>> "c:accommodation" in _features(["vandrarhemmet"])
    True
    """
    features: list[str] = []
    for word in words:
        features.extend(_word_features(word, resources))
    if resources.concepts:
        features.extend(f"c:{key}" for key in _phrase_concepts(tuple(lemma(w) for w in words), resources.added_words))
    return features


def _phrase_concepts(words: tuple[str, ...], added: AddedWords = ()) -> frozenset[str]:
    """The concepts that only a phrase of several words names ("sova över", "laga mat")."""
    return concepts_of_text(words, added) - frozenset(k for w in words for k in concepts_of(w, added))


@lru_cache(maxsize=131072)
def _word_features(word: str, resources: Resources = ALL) -> tuple[str, ...]:
    key = _key(word, resources)
    padded = f" {key} "
    features = [f"w:{key}"]
    features += [padded] if len(padded) <= 4 else [padded[i : i + 4] for i in range(len(padded) - 3)]
    if resources.lemmas:
        parts = compound(key)
        if parts:  # a simple word's head is the word itself, already there
            features.append(f"h:{parts[1]}")
    base = lemma(word)
    if resources.concepts:
        features += [f"c:{concept}" for concept in sorted(concepts_of_word(word, resources.added_words))]
    if resources.synonyms and len(base) > 3 and not is_common(word):
        others = synonyms(base)
        if others:
            features += [f"s:{other}" for other in sorted(others | {base})]
    return tuple(features)
