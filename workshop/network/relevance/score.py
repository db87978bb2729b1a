"""The relevance score of one organisation for one idea, and the evidence behind it as reasons."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workshop.language import Match, lemma
from workshop.text import word_key as fold_word
from workshop.network.message import Message
from workshop.network.relevance.concepts import CONCEPT_BASIS
from workshop.network.relevance.labels import label_words
from workshop.network.relevance.named import NAMED_ALONE
from workshop.network.relevance.text import TEXT_FLOOR, TEXT_FULL, TEXT_MIN
from workshop.network.snapshot import Capability

__all__ = ["RELEVANCE_WEIGHTS", "relevance_score", "Relevance"]

# Weights of the relevance score of an organisation with a basis (see relevance_score).
# Being named by the idea weighs most: among thirty organisations about the same thing in
# the same villages, the one at the place the idea names is the one it means. ``concept``
# (what the two are about by the thesaurus's concepts, a cosine) and ``grams`` (character
# n-grams as the plain baseline reads them, against the idea's best) were added in round 3
# of issue 20, each measured on the hand-written processes (docs/constellations.md).
RELEVANCE_WEIGHTS = {"need": 0.25, "text": 0.20, "place": 0.10, "named": 0.45, "concept": 0.20, "grams": 0.20}
# Committed organisations rank above every other, whatever their profile says.
COMMITTED_BONUS = 1.0


def relevance_score(
    need: float,
    text: float,
    place: float,
    committed: bool,
    basis: bool,
    best_text: float = 0.0,
    named: float = 0.0,
    needs: bool = True,
    concept: float = 0.0,
    grams: float = 0.0,
) -> float:
    """The ranking value of one organisation for one idea; 0 without a basis.

    ``0.25·need + 0.20·text / max(TEXT_FULL, best_text) + 0.10·place + 0.45·named
    + 0.20·concept + 0.20·grams``, plus 1 when committed (``grams`` is already the share of
    the idea's best, see :class:`~workshop.network.relevance.RelevanceIndex`); ``best_text`` is the highest text similarity any
    organisation has to the idea; for an idea that lists no needs (``needs`` false) the
    text weighs 0.45 (the need's weight is the text's); ``basis`` says whether a need is met or the profile
    is about the same thing: without it, being named counts :data:`NAMED_ALONE` of
    its weight (and is then the only basis). :class:`~workshop.network.relevance.RelevanceIndex`
    lowers the need, text, concept and grams part by the organisation's hub reference first
    (:mod:`~workshop.network.relevance.hubs`); this function is the score without it.

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
    >>> relevance_score(need=0.0, text=0.0, place=0.5, committed=False, basis=True, concept=1.0, grams=0.5)
    0.35
    """
    if not (basis or committed or named > 0):
        return 0.0
    w = RELEVANCE_WEIGHTS
    text_weight = w["text"] + (0.0 if needs else w["need"])
    value = w["need"] * need + text_weight * min(1.0, text / max(TEXT_FULL, best_text)) + w["place"] * place
    value += w["named"] * named * (1.0 if basis or committed else NAMED_ALONE)
    value += w["concept"] * concept + w["grams"] * grams
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
    concept: float = 0.0

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
            same = dict(label_words(need.label)).keys() == dict(label_words(offer.label)).keys()
            clauses.append(Message("fit.why.offers" if same else "fit.why.offers_for", {"offer": offer.label, "need": need.label}))
        if self.history:
            clauses.append(Message("fit.why.history", {"title": self.history}))
        by_source: dict[str, list[str]] = defaultdict(list)
        named = {lemma(fold_word(name)) for name in self.names}
        for word, source in self.words:
            if lemma(fold_word(word)) not in named:  # already said: the idea names it
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
        about = self.text >= (TEXT_FLOOR if self.relevant else TEXT_MIN) or (self.relevant and self.concept >= CONCEPT_BASIS)
        if not clauses[int(self.committed):] and about:
            clauses.append(Message("fit.why.similar", {}))
        if self.place >= 1.0 and locality:
            clauses.append(Message("fit.why.locality", {"locality": locality}))
        elif self.place > 0 and area:
            clauses.append(Message("fit.why.area", {"area": area}))
        return tuple(clauses)

