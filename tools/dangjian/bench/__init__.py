"""Benchmark inputs: a deterministic corpus of realistic sources, recombined from the seed articles."""
