"""Which path of meaning links each planted need to its partner: ``python -m benchmarks.fit.paths [FILE ...]``.

For every idea of a hand-written process and every need it lists, the best path from the
need to the planted partner's offers, in the order the need/offer match tries them: the
same word or a compound of it (``words``), one concept of the thesaurus for a word or for
the labels as wholes (``concept``), Viggo Kann's synonyms (``synonym``), a shared first
part (``first_part``). A need that none of them links is counted by why: the need's words
belong to no concept (``no path: need outside the thesaurus``), the partner's offers belong
to none (``no path: offer outside the thesaurus``), or both belong to concepts but not the
same (``no path: different concepts``); ``+ n-grams`` marks such a need whose label shares
a character 4-gram with an offer. Counts only: a reading aid for docs/constellations.md,
never a source of words for the lexicons.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from workshop.language import ALL, Resources, concepts_of_text, lemma, tokens
from workshop.network.relevance.labels import NEED_MET, label_meaning

from . import no_cue

__all__ = ["path_of", "paths"]


def _concepts(label: str, resources: Resources) -> frozenset[str]:
    words = tokens(label)
    return concepts_of_text([lemma(w) for w in words] + words, resources.added_words)


def _grams(label: str) -> set[str]:
    return {w[i : i + 4] for w in tokens(label) if len(w) >= 4 for i in range(len(w) - 3)}


def path_of(need, offers, resources: Resources = ALL) -> str:
    """The best path from ``need`` to any of ``offers`` (capabilities), as a category.

    >>> from workshop.network.snapshot import Capability
    >>> path_of(Capability("premises", "övernattning"), [Capability("premises", "vandrarhem")])
    'concept'
    >>> path_of(Capability("premises", "kök"), [Capability("premises", "storkök")])
    'words'
    >>> path_of(Capability("competence", "mobiltäckning"), [Capability("competence", "taktäckning")])
    'no path: different concepts + n-grams'
    """
    best = max((label_meaning(need, offer, resources) for offer in offers), key=lambda m: m.value, default=None)
    if best is not None and best.value >= NEED_MET:
        return {"same": "words", "kind_of": "words", "part_of": "words"}.get(best.kind, best.kind)
    wanted = _concepts(need.label, resources)
    offered = frozenset().union(*(_concepts(o.label, resources) for o in offers)) if offers else frozenset()
    if not wanted:
        why = "no path: need outside the thesaurus"
    elif not offered:
        why = "no path: offer outside the thesaurus"
    else:
        why = "no path: different concepts"
    if any(_grams(need.label) & _grams(o.label) for o in offers):
        why += " + n-grams"
    return why


def paths(path: Path, resources: Resources = ALL) -> Counter:
    """Every planted need of the process in ``path`` counted by :func:`path_of`."""
    truth = no_cue.load(path)
    offers = {o.id: list(o.offers) for o in truth.snapshot.organisations}
    counts: Counter = Counter()
    for idea in truth.snapshot.ideas:
        for need in idea.needs:
            partner_offers = [offer for partner in truth.partners[idea.id] for offer in offers[partner]]
            counts[path_of(need, partner_offers, resources)] += 1
    return counts


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(no_cue.DATA), str(no_cue.HELDOUT), str(no_cue.HELDOUT2), str(no_cue.HELDOUT3), str(no_cue.HELDOUT4, no_cue.HELDOUT5)]:
        counts = paths(Path(name))
        print(f"{Path(name).name} ({sum(counts.values())} needs): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
