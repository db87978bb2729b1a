"""The evidence for one organisation and one idea: what the relevance index found, in words."""

from __future__ import annotations

import numpy as np

from workshop.language import STOPWORDS, Match, tokens
from workshop.text import word_key as fold_word
from workshop.language.words import WORD
from workshop.network.message import UnknownIdea
from workshop.network.relevance.labels import NEED_MET, label_meaning, word_key, word_match
from workshop.network.relevance.score import Relevance
from workshop.network.relevance.text import TEXT_MIN, everyday
from workshop.network.snapshot import Capability, IdeaRecord

__all__ = ["Explanations"]


class Explanations:
    """:meth:`explain` for :class:`~workshop.network.relevance.index.RelevanceIndex`, which
    holds the arrays and word indexes it reads (its scores, names, texts and idf)."""

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
            concept=float(self.idea_concepts[self.idea_pos[idea_id]] @ self.org_concepts[p]),
        )

    def _names(self, idea: IdeaRecord, organisation_id: int) -> tuple[str, ...]:
        """The idea's rare words that name the organisation, as the idea wrote them, rarest first."""
        own = set(self._name_words(self._own_words(organisation_id)))
        found: dict[str, str] = {}
        for word in WORD.findall(self._idea_words(idea)):
            key = word_key(fold_word(word), self.resources)
            if key in self.name_column and key in own and key not in found:
                found[key] = word
        return tuple(found[key] for key in sorted(found, key=lambda key: (-self.name_weight[key], key)))

    def _shared_words(self, idea: IdeaRecord, organisation_id: int) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
        """The profile's words the idea shares (or a compound of them), rarest first, and
        the profile's words that meet one of the idea's by meaning (a concept of the
        thesaurus or a synonym) with that word of the idea; never an everyday word."""
        common = self.resources.common_words
        added = self.resources.added_words
        idea_words = {w: None for w in tokens(self.idea_text(idea)) if len(w) >= 3 and not (common and everyday(w, added))}
        found: dict[str, tuple[float, str, str]] = {}
        meant: dict[str, tuple[float, str, str, str]] = {}
        for source, text in self._profile_sources(organisation_id):
            if source in ("offer", "history"):
                continue  # offers and past ideas have clauses of their own
            for word in WORD.findall(text):
                folded = fold_word(word)
                if folded in STOPWORDS or len(folded) < 3 or (common and everyday(folded, added)):
                    continue
                key = word_key(folded, self.resources)
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

