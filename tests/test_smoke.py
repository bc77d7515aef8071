"""The example book loads and the basic commands answer."""

from __future__ import annotations


def test_example_book_validates(invoke, example_book):
    res = invoke("validate", "--book", example_book)
    assert res.code == 0, res.stderr
    assert "ok: 50 people" in res.stderr
    assert res.stdout == ""


def test_version(run):
    res = run("--version")
    assert res.code == 0
    assert res.stdout.startswith("netreach ")
