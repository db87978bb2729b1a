"""Benchmarks, load tests, fit evaluations and the synthetic processes they run on (see README.md).

Not part of the product: this package imports ``workshop``; ``workshop`` imports it only
inside the command-line functions that run a benchmark.
"""
