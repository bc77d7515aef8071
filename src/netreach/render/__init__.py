"""Renderers: functions from results to text. Only this package and the CLI use rich."""
