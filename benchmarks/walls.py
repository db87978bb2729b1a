"""What the projector benchmarks share: watching a wall's counter, timing new input, CPU of a process tree.

:mod:`benchmarks.sessions` (one server) and :mod:`benchmarks.multiserver` (servers behind
nginx) both open projector pages in Chromium, stamp in each page the moment its idea counter
changes (the browser's clock is this machine's), add ideas through the services and read the
delay to each wall.
"""

from __future__ import annotations

import time

__all__ = ["WATCH_COUNTER", "cpu_seconds", "new_input_latencies", "p95", "process_tree"]

# Evaluated in a projector page: from then on it stamps each change of its idea counter.
WATCH_COUNTER = """() => {
    window.__pbCounts = window.__pbCounts || [];
    const read = () => {
        const box = document.querySelector('.pb-counters');
        if (!box) return;
        const text = box.textContent;
        const last = window.__pbCounts[window.__pbCounts.length - 1];
        if (!last || last[1] !== text) window.__pbCounts.push([Date.now(), text]);
    };
    new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
    read();
}"""


def cpu_seconds(processes) -> float:
    """User and system CPU seconds of ``processes`` (psutil), leaving out any that ended meanwhile."""
    total = 0.0
    for p in processes:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except Exception:  # a child that ended meanwhile
            pass
    return total


def process_tree(pid: int) -> list:
    """The process ``pid`` and all its children (psutil), e.g. a Streamlit server."""
    import psutil  # lazy: only the browser benchmarks measure processes

    parent = psutil.Process(pid)
    return [parent, *parent.children(recursive=True)]


def p95(values: list[float]) -> float:
    """The 95th percentile by rank (``nan`` for no values).

    >>> p95([float(n) for n in range(1, 21)])
    19.0
    """
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else float("nan")


def new_input_latencies(add_idea, pages, writes: int, gap: float, label: str, timeout: float) -> list[float]:
    """Add ``writes`` ideas by ``add_idea(title)``; each watched page's delay in seconds until it shows each.

    A page that has not shown an idea within ``timeout`` seconds counts as ``inf``.
    """
    latencies = []
    for n in range(writes):
        written = time.time() * 1000
        add_idea(f"{label} {n} {written:.0f}")
        deadline = time.monotonic() + timeout
        for page in pages:
            seen = None
            while seen is None and time.monotonic() < deadline:
                seen = next((stamp for stamp, _ in page.evaluate("() => window.__pbCounts") if stamp >= written), None)
                if seen is None:
                    time.sleep(0.05)
            latencies.append((seen - written) / 1000 if seen is not None else float("inf"))
        time.sleep(gap)
    return latencies
