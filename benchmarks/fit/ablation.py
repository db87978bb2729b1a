"""Each meaning resource's contribution on every hand-written set: ``python -m benchmarks.fit.ablation``.

Every variant runs in a process of its own (the resources are read once per process):
the thesaurus as it was before round 4 (``round 3``), the widened one (``all``), the
widened one *blind*, without every round-4 word whose lemma occurs in a held-out set
(what the widening adds through other words than the sets' own: the same helper wrote
the third held-out set and the widening), and the widened one without Kann's synonyms,
without the synonym expansion of the thesaurus, without the everyday situations (round 6;
the older and emptied thesauri run without them too), or without the thesaurus. Prints one
Markdown table: recall@5 / MRR (hub share) per set.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from . import no_cue

__all__ = ["VARIANTS", "blind_thesaurus", "main"]

HERE = Path(__file__).resolve().parent
ROUND3 = HERE / "concepts_round3.toml"
SETS = (no_cue.DATA, no_cue.HELDOUT, no_cue.HELDOUT2, no_cue.HELDOUT3, no_cue.HELDOUT4, no_cue.HELDOUT5)
VARIANTS = ("all", "no situations", "round 3 thesaurus", "blind", "no synonyms", "no synonym expansion", "no thesaurus")


def _words_of_sets() -> set[str]:
    from workshop.language import lemma, tokens

    found: set[str] = set()
    for path in (no_cue.HELDOUT, no_cue.HELDOUT2, no_cue.HELDOUT3, no_cue.HELDOUT4, no_cue.HELDOUT5):
        raw = no_cue.read(path)
        for entry in raw["organisation"] + raw["idea"]:
            text = " ".join(str(entry.get(k, "")) for k in ("name", "title", "description")) + " " + " ".join(entry.get("offers", []) + entry.get("needs", []))
            found |= {lemma(w) for w in tokens(text)} | set(tokens(text))
    return found


def blind_thesaurus() -> str:
    """The widened thesaurus without the round-4 words (single words, and phrases with such
    a word) whose lemma a held-out set uses, as TOML."""
    from workshop.language import lemma, tokens
    from workshop.language.lexicon import VOCABULARY

    now = tomllib.loads((VOCABULARY / "concepts.toml").read_text(encoding="utf-8"))
    before = tomllib.loads(ROUND3.read_text(encoding="utf-8"))
    seen = _words_of_sets()
    lines = []
    for key, entry in now.items():
        old = set(before.get(key, {}).get("words", ()))
        kept = [w for w in entry["words"] if w in old or not any(lemma(t) in seen or t in seen for t in tokens(w))]
        lines += [f"[{key}]", f"label = {json.dumps(entry['label'], ensure_ascii=False)}", "words = " + json.dumps(kept, ensure_ascii=False), ""]
    return "\n".join(lines)


def _run(variant: str) -> dict:
    """In this process: set the variant up, then measure every set."""
    import workshop.language  # noqa: F401  (loads the submodules)

    # The package re-exports the function `concepts`, which hides the module of that name.
    concepts_module = sys.modules["workshop.language.concepts"]
    lexicon = sys.modules["workshop.language.lexicon"]

    folder = Path(tempfile.mkdtemp())
    if variant == "round 3 thesaurus":
        (folder / "concepts.toml").write_text(ROUND3.read_text(encoding="utf-8"), encoding="utf-8")
        concepts_module.VOCABULARY = folder
    elif variant == "blind":
        (folder / "concepts.toml").write_text(blind_thesaurus(), encoding="utf-8")
        concepts_module.VOCABULARY = folder
    elif variant == "no thesaurus":
        (folder / "concepts.toml").write_text("[none]\nlabel = \"-\"\nwords = [\"xyzzy\"]\n", encoding="utf-8")
        concepts_module.VOCABULARY = folder
    if variant in ("round 3 thesaurus", "blind", "no thesaurus", "no situations") and hasattr(concepts_module, "SITUATIONS"):
        # The everyday situations (round 6) name concepts of the thesaurus as it is now; the
        # older or emptied thesauri are measured without them.
        concepts_module.SITUATIONS = False
    if variant == "no synonyms":
        lexicon._synonyms = lambda: {}
    if variant == "no synonym expansion" and hasattr(concepts_module, "SYNONYM_EXPANSION"):
        concepts_module.SYNONYM_EXPANSION = False
    from . import honest

    out = {}
    for path in SETS:
        truth = no_cue.load(path)
        found = honest.evaluate(truth.snapshot, truth.partners)
        app = found["scores"]["app"]
        out[path.name] = (app.recall, app.mrr, honest._hub_share(truth, found["best"]))
    return out


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--variant":
        print(json.dumps(_run(argv[1])))
        return 0
    wanted = argv or list(VARIANTS)
    print("| variant | " + " | ".join(p.name for p in SETS) + " |")
    print("| --- | " + " | ".join("---" for _ in SETS) + " |")
    for variant in wanted:
        done = subprocess.run([sys.executable, "-m", "benchmarks.fit.ablation", "--variant", variant], capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        cells = " | ".join(f"{r:.2f} / {m:.2f} ({100 * h:.0f} %)" for r, m, h in (result[p.name] for p in SETS))
        print(f"| {variant} | {cells} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
