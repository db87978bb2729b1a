"""Where the garbage collector spends an analysis at 3000 organisations, by generation (``gc.callbacks``).

``python benchmarks/ab/gc_time.py`` from the tree to measure.
"""
import sys, time, os, gc
import pathlib
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
import benchmarks  # the generators and the load test from this tree, whichever tree is measured
sys.path.insert(0, os.getcwd())  # workshop from the tree to measure
from benchmarks.synthetic import synthetic_snapshot
from workshop.services import analysis
spent = {0:0.0,1:0.0,2:0.0}; count={0:0,1:0,2:0}; start=[0]
def cb(phase, info):
    if phase == "start": start[0] = time.perf_counter()
    else: spent[info["generation"]] += time.perf_counter()-start[0]; count[info["generation"]] += 1
p = synthetic_snapshot(3000)
gc.callbacks.append(cb)
prev=None
for r in range(2):
    for g in spent: spent[g]=0; count[g]=0
    c = time.process_time()
    a = analysis.refresh(p, revision=1)
    print(f"cpu {time.process_time()-c:.2f} gc {sum(spent.values()):.2f}s", {g:(count[g], round(spent[g],2)) for g in spent}, f"load {os.getloadavg()[0]:.2f}", flush=True)
    prev=a
