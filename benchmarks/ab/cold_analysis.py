"""One process: analysis.refresh from nothing at SIZE organisations, RUNS times; wall, CPU, load, peak memory.

``python benchmarks/ab/cold_analysis.py [SIZE] [RUNS]`` from the tree to measure (it imports ``workshop`` from the current directory).
"""
import sys, time, os, gc, resource, statistics
import pathlib
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
import benchmarks  # the generators and the load test from this tree, whichever tree is measured
sys.path.insert(0, os.getcwd())  # workshop from the tree to measure
from benchmarks.synthetic import synthetic_snapshot
from workshop.services import analysis
size = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
p = synthetic_snapshot(size)
for r in range(runs):
    w, c = time.perf_counter(), time.process_time()
    a = analysis.refresh(p, revision=1)
    print(f"wall {time.perf_counter()-w:.2f} cpu {time.process_time()-c:.2f} load {os.getloadavg()[0]:.2f} maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MB", flush=True)
    del a
