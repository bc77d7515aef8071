"""Answers from the graph: ranked chains, reach, gaps and what to join."""
