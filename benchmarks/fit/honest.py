"""An honest measure of the suggestions: the app next to plain baselines (issue 20).

For every idea with a planted partner (the no-cue process: its hand-planted partners;
the demo and the synthetic planted processes: one committed organisation hidden, three
seeds averaged), each ranking suggests organisations not committed to the idea:

* the app: the members of its ranked constellations, best first, then the rest of
  its pool (:func:`benchmarks.fit.evaluation.suggested_members`);
* each baseline (:mod:`benchmarks.fit.baselines`): everyone, best first.

``recall@5`` is the share of ideas with a planted partner among the members of the
app's top five constellations; each baseline is given, idea by idea, **the same number
of suggested members** as the app's top five constellations hold (at least one), so
a ranking is not rewarded for suggesting more. ``R@5 members`` is the plain recall
among the first five suggested organisations. ``MRR`` is the mean of 1 / rank of the
first planted partner in the whole list (0 when the app never suggests it; the
baselines rank everyone). ``hub share`` (no-cue process only): ideas whose best
constellation holds a hub that is neither committed nor planted.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from workshop.db import create_store
from workshop.demo import load_demo
from workshop.docsections import write_section
from workshop.network.constellations import all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.snapshot import NetworkSnapshot
from workshop.services.network import read_snapshot

from ..synthetic import planted_snapshot
from . import no_cue
from .baselines import BASELINES, random_ranking
from .evaluation import hide_one_commitment, suggested_members

__all__ = ["Score", "score", "app_suggestions", "evaluate", "run", "render", "write", "SECTION"]

SECTION = "evaluate-fit-honest"
TOP = 5
HIDE_SEEDS = (0, 1, 2)
RANDOM_SEEDS = tuple(range(10))
PLANTED = ((60, 1), (200, 2), (300, 3))
RANKINGS = ("app", *BASELINES, "random")


@dataclass(frozen=True)
class Score:
    ideas: int
    recall: float  # among as many suggested members as the app's top five constellations hold
    recall_at_5: float  # among the first five suggested members
    mrr: float


def score(rankings: dict[int, list[int]], truth: dict[int, frozenset[int]], budget: dict[int, int]) -> Score:
    """Recall at each idea's budget, recall among five, and MRR of the planted partners.

    Examples
    --------
    >>> score({1: [4, 2, 7], 2: [1, 2, 3, 5, 6, 9]}, {1: frozenset({2}), 2: frozenset({9, 8})}, {1: 1, 2: 6})
    Score(ideas=2, recall=0.5, recall_at_5=0.5, mrr=0.3333333333333333)
    """
    ranks = []
    for idea_id, partners in truth.items():
        ranked = rankings.get(idea_id, [])
        ranks.append((next((pos for pos, o in enumerate(ranked, start=1) if o in partners), None), max(1, budget.get(idea_id, 0))))
    n = len(ranks) or 1
    return Score(
        ideas=len(ranks),
        recall=sum(1 for r, k in ranks if r is not None and r <= k) / n,
        recall_at_5=sum(1 for r, _ in ranks if r is not None and r <= 5) / n,
        mrr=sum(1 / r for r, _ in ranks if r is not None) / n,
    )


def _committed(snapshot: NetworkSnapshot) -> dict[int, set[int]]:
    committed: dict[int, set[int]] = {}
    for c in snapshot.commitments:
        committed.setdefault(c.idea_id, set()).add(c.organisation_id)
    return committed


def app_suggestions(snapshot: NetworkSnapshot) -> tuple[dict[int, list[int]], dict[int, int], dict[int, tuple[int, ...]]]:
    """The app's suggested members per idea, how many its top five constellations hold,
    and its best constellation's members."""
    results = all_constellations(build_organisation_graph(snapshot), snapshot, k=TOP)
    committed = _committed(snapshot)
    lists, budget, best = {}, {}, {}
    for idea_id, result in results.items():
        own = committed.get(idea_id, set())
        lists[idea_id] = suggested_members(result, own)
        budget[idea_id] = len({m for c in result.candidates[:TOP] for m in c.members if m not in own})
        best[idea_id] = result.candidates[0].members if result.candidates else ()
    return lists, budget, best


def _mean(scores: list[Score]) -> Score:
    return Score(scores[0].ideas, mean(s.recall for s in scores), mean(s.recall_at_5 for s in scores), mean(s.mrr for s in scores))


def evaluate(snapshot: NetworkSnapshot, truth: dict[int, frozenset[int]]) -> dict:
    """Every ranking's :class:`Score` on ``snapshot`` against ``truth``, and the app's mean budget."""
    truth = {i: p for i, p in truth.items() if p}
    lists, budget, best = app_suggestions(snapshot)
    scores = {"app": score(lists, truth, budget)}
    for name, ranking in BASELINES.items():
        scores[name] = score(ranking(snapshot), truth, budget)
    scores["random"] = _mean([score(random_ranking(snapshot, seed=s), truth, budget) for s in RANDOM_SEEDS])
    return {"scores": scores, "budget": mean(max(1, budget.get(i, 0)) for i in truth) if truth else 0.0, "best": best}


def _held_out(snapshot: NetworkSnapshot) -> dict:
    runs = []
    for seed in HIDE_SEEDS:
        left, hidden = hide_one_commitment(snapshot, seed=seed)
        runs.append(evaluate(left, {i: frozenset({o}) for i, o in hidden.items()}))
    return {
        "scores": {name: _mean([run["scores"][name] for run in runs]) for name in RANKINGS},
        "budget": mean(run["budget"] for run in runs),
    }


def learning(truth: no_cue.PlantedTruth, seeds: tuple[int, ...] = HIDE_SEEDS) -> dict | None:
    """What "passar" verdicts teach the rest of the process (issue 20): the planted partners
    of half of the ideas (seeded) are marked "passar", and the app is measured on the other
    half, before and after; averaged over ``seeds``. ``None`` when the code has no feedback."""
    try:  # a checkout from before the verdicts (``--checkout``) has neither
        from workshop.network.relevance.feedback import confirmed_pairs
        from workshop.network.snapshot import FitVerdictRecord, WordAssociationRecord
    except ImportError:
        return None
    snapshot = truth.snapshot
    organisations = {o.id: o for o in snapshot.organisations}
    ideas = {i.id: i for i in snapshot.ideas}
    before, after = [], []
    for seed in seeds:
        taught = set(random.Random(seed).sample(sorted(ideas), len(ideas) // 2))
        verdicts = tuple(FitVerdictRecord(i, o, True) for i in sorted(taught) for o in sorted(truth.partners[i]))
        pairs = Counter(pair for v in verdicts for pair in confirmed_pairs(ideas[v.idea_id].needs, organisations[v.organisation_id].offers))
        learnt = replace(snapshot, verdicts=verdicts, word_associations=tuple(WordAssociationRecord(n, o, c) for (n, o), c in sorted(pairs.items())))
        rest = {i: p for i, p in truth.partners.items() if i not in taught}
        for target, state in ((before, snapshot), (after, learnt)):
            lists, budget, _best = app_suggestions(state)
            target.append(score(lists, rest, budget))
    return {"before": _mean(before), "after": _mean(after), "ideas": len(ideas) - len(ideas) // 2}


def _demo_snapshot() -> NetworkSnapshot:
    with tempfile.TemporaryDirectory() as folder:
        store = create_store(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        try:
            load_demo(store)
            return read_snapshot(store)
        finally:
            store.engine.dispose()


def _hub_share(truth: no_cue.PlantedTruth, best: dict[int, tuple[int, ...]]) -> float:
    """Share of ideas whose best constellation holds a hub neither committed nor planted."""
    committed = _committed(truth.snapshot)
    hubs = {o for o, role in truth.roles.items() if role == "hub"}
    return sum(
        1
        for idea_id, members in best.items()
        if any(m in hubs and m not in committed.get(idea_id, set()) and m not in truth.partners[idea_id] for m in members)
    ) / len(truth.snapshot.ideas)


def run(*, planted: bool = True) -> dict:
    """The no-cue process, the held-out one, the demo and (unless ``planted`` is false) the planted processes."""
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "rows": [], "targets": []}
    sets = (
        (no_cue.DATA, "no cue, by hand"),
        (no_cue.HELDOUT, "held out, no cue, by hand"),
        (no_cue.HELDOUT2, "second held out, no cue, by hand"),
        (no_cue.HELDOUT3, "third held out, no cue, by hand"),
        (no_cue.HELDOUT4, "fourth held out, no cue, by hand"),
        (no_cue.HELDOUT5, "fifth held out, no cue, by hand"),
    )
    for path, kind in sets:
        hand = no_cue.load(path)
        found = evaluate(hand.snapshot, hand.partners)
        share = _hub_share(hand, found["best"])
        results["rows"].append((f"{kind} ({len(hand.snapshot.organisations)} organisations, {len(hand.snapshot.ideas)} ideas)", found))
        results["targets"].append((f"`{path.name}`", found, share))
    truth = no_cue.load()
    results["hub_share"] = results["targets"][0][2]
    results["learning"] = learning(truth)
    demo = _demo_snapshot()
    results["rows"].append((f"demo ({len(demo.organisations)} organisations, {len(demo.ideas)} ideas), one hidden", _held_out(demo)))
    if planted:
        for size, seed in PLANTED:
            process = planted_snapshot(size, seed=seed)
            label = f"planted, {size} organisations, {len(process.snapshot.ideas)} ideas, one hidden (names homes)"
            results["rows"].append((label, _held_out(process.snapshot)))
    return results


def render(results: dict, *, commit: str | None = None) -> str:
    head = " | ".join(f"{name} R@5 | MRR" for name in RANKINGS)
    lines = [
        "## Honest fit: the app next to plain baselines (issue 20)",
        "",
        f"Written by `python -m workshop evaluate-fit` ({results['when']}"
        + (f", code at {commit}" if commit else "")
        + "); code in `benchmarks/fit/`, see its README.",
        "",
        "*R@5*: a planted partner among the members of the app's top 5 constellations; every baseline gets,",
        "idea by idea, as many suggested members as those constellations hold (mean in *members*). *MRR*: mean",
        "1/rank of the first planted partner in the whole list (0 when the app never suggests it). Baselines",
        "compare the idea's title, description and needs with the organisation's name, description and offers.",
        "The no-cue process (`benchmarks/fit/no_cue_process.toml`, written by hand) never names a partner,",
        "its place or its trade in the idea; the relevance model's weights were chosen on it, so it is a tuning",
        "set. The held-out process (`benchmarks/fit/heldout_process.toml`) was written later, by hand, without",
        "sight of the model's vocabulary: an idea shares no content word, stem or compound part with its partner;",
        "round 3 of issue 20 diagnosed it and chose two weights on it with the no-cue set, so it is now a",
        "development set. The second held-out process (`heldout2_process.toml`, same rules) was written and",
        "committed before round 3 changed anything; the third (`heldout3_process.toml`, same rules, new topics) was",
        "written and committed before round 4 changed anything; the fourth (`heldout4_process.toml`, same rules) was written",
        "before its author read the thesaurus or any other set's ideas and committed before round 5 changed anything: with",
        "the second, the honest figure, never tuned on. The fifth (`heldout5_process.toml`, same rules, needs written as",
        "situations) was committed before round 6 changed anything; its author then wrote the everyday situations of the",
        "thesaurus (`data/vocabulary/situations.toml`), so read its figure as an upper bound. The demo and planted rows",
        "hide one committed organisation (three seeds), and the planted ideas name their partners' homes.",
        "",
        f"| process | ideas | members | {head} |",
        "| --- | ---: | ---: | " + " | ".join("---: | ---:" for _ in RANKINGS) + " |",
    ]
    for label, found in results["rows"]:
        scores = found["scores"]
        cells = " | ".join(f"{scores[name].recall:.2f} | {scores[name].mrr:.2f}" for name in RANKINGS)
        lines.append(f"| {label} | {scores['app'].ideas} | {found['budget']:.1f} | {cells} |")
    lines.append("")
    for name, found, share in results["targets"]:
        scores = found["scores"]
        lexical = max(scores[n].recall for n in ("char n-gram TF-IDF", "word TF-IDF", "BM25"))
        app = scores["app"]
        lines += [
            f"Targets on {name}: recall@5 ≥ 0.85: {app.recall:.2f} {'✅' if app.recall >= 0.85 else '❌'}; "
            f"MRR ≥ 0.6: {app.mrr:.2f} {'✅' if app.mrr >= 0.6 else '❌'}; "
            f"≥ 0.1 above the best lexical baseline ({lexical:.2f}): {'✅' if app.recall >= lexical + 0.1 else '❌'}; "
            f"a hub in the best group of ≤ 10 % of ideas: {100 * share:.0f} % "
            f"{'✅' if share <= 0.10 else '❌'}. Among the first five suggested members (R@5 members): "
            + ", ".join(f"{n} {scores[n].recall_at_5:.2f}" for n in RANKINGS)
            + ".",
            "",
        ]
    lines.pop()
    taught = results.get("learning")
    if taught:
        lines += [
            "",
            f"**Learning from verdicts** (no-cue process): the planted partners of half of the ideas marked \"passar\" "
            f"(three seeded halves), the app measured on the other {taught['ideas']}: recall@5 "
            f"{taught['before'].recall:.2f} → {taught['after'].recall:.2f}, MRR {taught['before'].mrr:.2f} → "
            f"{taught['after'].mrr:.2f} (words confirmed in one idea meeting another idea's needs).",
        ]
    return "\n".join(lines)


def write(path: Path | str, section: str) -> None:
    write_section(path, SECTION, section)
