"""Fixtures of the sections suite: the commented golden book (``commented``) and
``write_book`` come from tests/conftest.py, shared with the foundation suite."""
