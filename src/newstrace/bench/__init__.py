"""Benchmarks on real data in ../shared/data; their results are kept in docs/benchmarks.md."""
