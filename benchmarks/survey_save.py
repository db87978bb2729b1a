"""What one survey answer costs, and the maturity analysis at a municipality's scale.

``python benchmarks/survey_save.py [--companies 300] [--saves 60] [--postgres URL] [--write-docs]``

Per database (a temporary SQLite file; PostgreSQL when ``--postgres`` is given): the median
and 95th percentile of :func:`save_answer` by code (what every tap on the phone costs: the
throttle check, the row locked, the answer written), of :func:`open_survey` (every rerun of
the survey page) and of :func:`submit`. Then, on ``--companies`` demo companies with their
demo surveys: reading the records and computing the three aggregates, the needs per point
and the matches (what the coordinator's page does per run). Prints JSON; ``--write-docs``
puts a table into docs/benchmarks.md between ``<!-- survey:start -->`` and ``<!-- survey:end -->``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2), "runs": len(ordered)}


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(url: str, companies: int, saves: int) -> dict:
    from tests.factories import coordinator_token, make_company
    from workshop.companies import assessments, maturity
    from workshop.companies.demo_surveys import load_demo_assessments
    from workshop.companies.questions import survey
    from workshop.db import create_store
    from workshop.services.reference import ensure_reference_data

    store = create_store(url)
    ensure_reference_data(store)
    token = coordinator_token(store)
    company = make_company(store, "Mätbolaget")
    questions = [q for q in survey().questions if q.type == "scale"]
    save, opened, submitted = [], [], []
    for n in range(saves):
        code = assessments.create_self_link(store, token, company).code if n % 20 == 0 else code
        save.append(_timed(lambda: assessments.save_answer(store, code, questions[n % len(questions)].id, n % 6)))
        opened.append(_timed(lambda: assessments.open_survey(store, code)))
        if n % 20 == 19:
            submitted.append(_timed(lambda: assessments.submit(store, code)))
    points = ["Ramsberg", "Lindesberg", "Frövi", "Fellingsbro", "Storå"]
    ids = [make_company(store, f"Demo {i}", development_point=points[i % 5], size_class=("0", "1-4", "5-9", "10-19")[i % 4], sni_codes=(("56100", "43210", "62010", "01110")[i % 4],))
           for i in range(companies)]
    load_demo_assessments(store, ids)
    analysis = []
    for _ in range(5):
        def run():
            records = assessments.maturity_records(store, token)
            for grouping in maturity.GROUPINGS:
                maturity.aggregates(records, grouping)
            maturity.common_needs(records)
            maturity.matches(records)
        analysis.append(_timed(run))
    store.engine.dispose()
    return {"save_answer": _ms(save), "open_survey": _ms(opened), "submit": _ms(submitted), f"analysis_{companies}_companies": _ms(analysis)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--postgres")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    results = {"load_average": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = measure(f"sqlite:///{folder}/bench.sqlite3", args.companies, args.saves)
    if args.postgres:
        from tests.conftest import _reset_postgres

        _reset_postgres(args.postgres)
        results["postgresql"] = measure(args.postgres, args.companies, args.saves)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(results, indent=1))
    if args.write_docs:
        from workshop.docsections import write_section

        rows = ["| database | what | median | 95th percentile | runs |", "|---|---|---|---|---|"]
        for db in ("sqlite", "postgresql"):
            for what, figures in results.get(db, {}).items():
                rows.append(f"| {db} | {what.replace('_', ' ')} | {figures['median_ms']} ms | {figures['p95_ms']} ms | {figures['runs']} |")
        section = "\n".join([
            "## Digital-maturity survey: one answer, and the analysis", "",
            "`python benchmarks/survey_save.py --write-docs` (add `--postgres URL` for PostgreSQL). Each tap on the survey page is one "
            "`save_answer` by code, then a rerun that calls `open_survey`; the coordinator's page computes the analysis on every run.", "",
            *rows, "",
            f"Load average (1, 5, 15 min) before: {results['load_average']}, after: {results['load_average_after']} (2 cores shared with other work).",
        ])
        write_section(ROOT / "docs" / "benchmarks.md", "survey", section)


if __name__ == "__main__":
    main()
