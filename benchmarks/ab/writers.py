"""The load test (30 participants) on a fresh SQLite file, RUNS times: submissions/s and CPU per submission.

``python benchmarks/ab/writers.py [RUNS] [URL]`` from the tree to measure.
"""
import sys, os, time, tempfile, statistics
import pathlib
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
import benchmarks  # the generators and the load test from this tree, whichever tree is measured
sys.path.insert(0, os.getcwd())  # workshop from the tree to measure
from workshop.db import create_store
from workshop.services.reference import ensure_reference_data
from benchmarks.load import run_load
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
url = sys.argv[2] if len(sys.argv) > 2 else None
res = []
for r in range(runs):
    u = url or f"sqlite:///{tempfile.mkdtemp(prefix='pbload-')}/load.sqlite3"
    store = create_store(u)
    ensure_reference_data(store)
    l0 = os.getloadavg()[0]
    c = time.process_time()
    rep = run_load(store, participants_count=30)
    cpu = time.process_time() - c
    print(f"{rep.throughput:.0f}/s  {rep.submissions} subs {rep.seconds:.2f}s cpu/sub {cpu/rep.submissions*1000:.2f} ms refused {rep.refused_votes} ok {rep.ok} load {l0:.2f}->{os.getloadavg()[0]:.2f}", flush=True)
    res.append((rep.throughput, cpu/rep.submissions*1000))
    store.engine.dispose()
if runs > 1: print("median", statistics.median(r[0] for r in res), "cpu/sub median", round(statistics.median(r[1] for r in res),2))
