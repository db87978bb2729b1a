"""The honest fit evaluation writes its own section of docs/benchmarks.md and nothing else."""

from __future__ import annotations

import pytest

from benchmarks.fit import honest, no_cue
from workshop.db import PROJECT_ROOT
from workshop.docsections import markers


@pytest.fixture(scope="module")
def results():
    return honest.run(planted=False)


def test_the_section_holds_the_no_cue_row_next_to_every_baseline_and_leaves_the_rest(tmp_path, results):
    section = honest.render(results)
    original = (PROJECT_ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    path = tmp_path / "benchmarks.md"
    path.write_text(original, encoding="utf-8")

    honest.write(path, section)

    written = path.read_text(encoding="utf-8")
    start, end = markers(honest.SECTION)
    before, rest = written.split(start)
    inside, after = rest.split(end)
    assert before == original.split(start)[0] and after == original.split(end)[1]
    row = next(line for line in inside.splitlines() if line.startswith("| no cue, by hand"))
    assert len(row.strip("|").split("|")) == 3 + 2 * len(honest.RANKINGS)  # process, ideas, members, then R@5 and MRR each
    scores = results["rows"][0][1]["scores"]
    assert 0 <= scores["random"].recall < scores["char n-gram TF-IDF"].recall  # the lexical baseline beats chance on this set


def test_the_section_holds_the_held_out_row_with_its_own_targets(results):
    section = honest.render(results)
    row = next(line for line in section.splitlines() if line.startswith("| held out, no cue, by hand"))
    assert len(row.strip("|").split("|")) == 3 + 2 * len(honest.RANKINGS)
    assert "Targets on `heldout_process.toml`" in section
    label, found = results["rows"][1]
    assert found["scores"]["app"].ideas == len(no_cue.read(no_cue.HELDOUT)["idea"])
