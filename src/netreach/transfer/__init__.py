"""Bringing contacts in (importers, matching, merge) and writing the network out (exporters)."""
