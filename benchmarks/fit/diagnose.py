"""Why the app misses a planted partner: ``python -m benchmarks.fit.diagnose [FILE ...]``.

For each idea of a hand-written process whose planted partner is not among the members
of the app's top five constellations, prints what the relevance model saw: the idea's
needs and the partner's offers with each need's best match (value and kind), the text
cosine, the thesaurus concepts on each side, whether the partner has a basis, its
relevance rank and score, and the organisations that outranked it with their evidence.
Ends with a count per category (:func:`category`), the table docs/constellations.md
keeps. Reading aid only: nothing here is tuned on.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from workshop.language import concepts_of_text, lemma, tokens
from workshop.network.relevance import RelevanceIndex, TEXT_FLOOR
from workshop.network.relevance.labels import label_meaning

from . import honest, no_cue

__all__ = ["category", "diagnose"]


def category(basis: bool, rank: int | None, in_pool: bool) -> str:
    """Where a missed partner was lost.

    >>> category(False, None, False)
    'no basis'
    >>> category(True, 3, True)
    'in the pool, outscored in the search'
    """
    if not basis:
        return "no basis"
    if not in_pool:
        return "basis, ranked below the pool" if rank and rank > 10 else "basis, left out of the pool"
    return "in the pool, outscored in the search"


def _concepts(text: str) -> list[str]:
    words = tokens(text)
    return sorted(concepts_of_text([lemma(w) for w in words] + words))


def diagnose(path: Path, out=sys.stdout) -> Counter:
    truth = no_cue.load(path)
    snapshot = truth.snapshot
    index = RelevanceIndex(snapshot)
    names = {o.id: o.name for o in snapshot.organisations}
    orgs = {o.id: o for o in snapshot.organisations}
    lists, budget, _best = honest.app_suggestions(snapshot)
    counts: Counter = Counter()
    for idea in snapshot.ideas:
        partners = truth.partners[idea.id]
        suggested = lists.get(idea.id, [])[: max(1, budget.get(idea.id, 0))]
        if partners & set(suggested):
            continue
        ranked = index.ranked(idea.id)
        pool = [o for o, _ in ranked[:10]]
        print(f"\n## {idea.title}  ({idea.locality})", file=out)
        print(f"   needs: {[n.label for n in sorted(idea.needs)]}; idea concepts: {_concepts(index.idea_text(idea))}", file=out)
        for partner in sorted(partners):
            ev = index.explain(idea.id, partner)
            rank = index.rank_of(idea.id, partner)
            organisation = orgs[partner]
            print(f"   partner {names[partner]}: offers {[c.label for c in sorted(organisation.offers)]}", file=out)
            print(f"     concepts: {_concepts(organisation.description + ' ' + ' '.join(c.label for c in organisation.offers))}", file=out)
            for need in sorted(idea.needs):
                best = max(((label_meaning(need, offer, index.resources), offer.label) for offer in organisation.offers), key=lambda pair: pair[0].value) if organisation.offers else None
                if best:
                    print(f"     need {need.label!r}: best {best[1]!r} {best[0].value:.2f} {best[0].kind}", file=out)
            print(f"     relevant {ev.relevant} score {ev.score:.3f} need {ev.need:.2f} text {ev.text:.3f} (floor {TEXT_FLOOR}) named {ev.named:.2f} rank {rank}", file=out)
            kind = category(ev.relevant, rank, partner in pool)
            counts[kind] += 1
            print(f"     -> {kind}", file=out)
        for other, value in ranked[:4]:
            if other in partners:
                continue
            ev = index.explain(idea.id, other)
            print(f"   above: {names[other]} {value:.3f} (need {ev.need:.2f} text {ev.text:.3f} named {ev.named:.2f} {list(ev.names)} met {[(n.label, o.label) for n, o in ev.met]})", file=out)
        print(f"   suggested: {[names[o] for o in suggested]}", file=out)
    print(f"\n{path.name}: {dict(counts)}", file=out)
    return counts


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(no_cue.DATA), str(no_cue.HELDOUT)]:
        diagnose(Path(name))
