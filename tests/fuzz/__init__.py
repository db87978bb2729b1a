"""Fuzz tests: hostile input to every service that takes what people type.

Three properties, for each public service function that takes user input:

1. only the project's own errors come out (:class:`workshop.errors.ServiceError`);
2. a refused call writes nothing: every table and the revisions are as before;
3. valid text comes back from the read models exactly as typed, after the documented cleaning;
4. a value of a type no argument takes (bytes, floats, sets, numbers beyond any id, text
   with a lone surrogate), anywhere in a call, is refused and never stored.

The Hypothesis settings are profiles registered here and applied only to these tests
(through :func:`fuzz_settings`), so other suites using Hypothesis keep their own. The
default, ``fuzz-ci``, is derandomised: CI explores the same examples on every run and a
failure reproduces from its ``@reproduce_failure`` blob. ``fuzz-dev`` draws new examples
on each run, more of them; choose it with ``PROJEKTBEREDSKAP_FUZZ_PROFILE=fuzz-dev``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "PROJEKTBEREDSKAP_FUZZ_PROFILE"

_COMMON = {
    "deadline": None,  # a database call now and then takes a while on a busy machine
    "print_blob": True,
    "database": None,  # nothing written into the repository; the blob reproduces a failure
    # Each example restores the test's world itself (tests/fuzz/world.py), so sharing the
    # function-scoped `store` fixture between examples is deliberate.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("fuzz-ci", derandomize=True, **_COMMON)
settings.register_profile("fuzz-dev", derandomize=False, **_COMMON)

PROFILE = os.environ.get(PROFILE_VARIABLE, "fuzz-ci")


def fuzz_settings(max_examples: int = 60) -> settings:
    """These tests' settings: the chosen profile, with ``max_examples`` (four times as many under ``fuzz-dev``)."""
    scale = 4 if PROFILE == "fuzz-dev" else 1
    return settings(settings.get_profile(PROFILE), max_examples=max_examples * scale)
