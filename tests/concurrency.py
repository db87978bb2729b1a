"""Several people pressing at the same instant: threads released together by a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable


def at_the_same_instant(actions: list[Callable[[], str]], expected: tuple[type[Exception], ...] = ()) -> list[str]:
    """Run ``actions`` in threads that all start together; return what each came to.

    An action returns a word for its outcome ("saved"); an error in ``expected`` gives its
    class name ("VoteBudgetExceeded"); any other error its ``repr``, so that a crash or a lock
    time-out fails the test that reads the outcomes instead of vanishing with its thread.
    The outcomes are in the order the actions finished.
    """
    start = threading.Barrier(len(actions), timeout=30)
    outcomes: list[str] = []

    def run(action: Callable[[], str]) -> None:
        start.wait()
        try:
            outcomes.append(action())
        except expected as error:
            outcomes.append(type(error).__name__)
        except Exception as error:  # noqa: BLE001 - see the docstring
            outcomes.append(repr(error))

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
