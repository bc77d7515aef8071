"""Bounded cost (issue 17): big files stream, binary data is stepped over, one oversized
field skips one record. Timing lives in bench/import_scale.py; here: behaviour and memory."""

from __future__ import annotations

import csv
import io
import tracemalloc

import pytest
from bench.import_scale import _pool, linkedin_csv, vcard_file

from netreach.transfer.importers import ImportFormat, parse
from netreach.transfer.importers.base import MAX_FIELD

MB = 1024 * 1024


def test_25000_cards_all_read_with_their_lines():
    data = vcard_file(25_000, 1)
    parsed = parse(ImportFormat.VCARD, data, "big.vcf")
    assert len(parsed.contacts) == 25_000 and parsed.skipped == ()
    lines = [c.line for c in parsed.contacts]
    assert lines[0] == 1 and lines == sorted(lines)
    assert data.count(b"\n", 0, data.index(b"BEGIN:VCARD", 1000)) + 1 in lines


def test_50000_rows_all_read():
    parsed = parse(ImportFormat.LINKEDIN, linkedin_csv(_pool(50_000, 3)), "big.csv")
    assert len(parsed.contacts) == 50_000


def test_a_50_mb_photo_is_stepped_over_without_being_copied():
    photo = "QUJD" * (50 * MB // 4)
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + photo +
            "\r\nNOTE:after the photo\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Folded\r\nPHOTO:data:image/jpeg;base64,\r\n" +
            "".join(f" {photo[:74]}\r\n" for _ in range(20_000)) +
            "KEY;ENCODING=b:" + photo[:1000] + "\r\nEND:VCARD\r\n")
    data = text.encode("ascii")
    del photo, text
    tracemalloc.start()
    try:
        parsed = parse(ImportFormat.VCARD, data, "photo.vcf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [c.name for c in parsed.contacts] == ["Ann Photo", "Bo Folded"]
    assert parsed.contacts[0].notes == "after the photo"
    # the decoded text is one copy of the file; the photo itself is never copied again
    assert peak < len(data) + 8 * MB, peak


def test_an_oversized_vcard_field_skips_that_card_only():
    text = ("BEGIN:VCARD\r\nFN:Ann\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nFN:Bob Long\r\nNOTE:" + "x" * (MAX_FIELD + 1) + "\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nFN:Cy\r\nNOTE:a\r\n " + "y" * (MAX_FIELD + 1) + "\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nFN:Di\r\nEND:VCARD\r\n")
    parsed = parse(ImportFormat.VCARD, text.encode(), "long.vcf")
    assert [c.name for c in parsed.contacts] == ["Ann", "Di"]
    assert [(s.line, s.name) for s in parsed.skipped] == [(6, "Bob Long"), (10, "Cy")]
    assert all("longer than" in s.reason for s in parsed.skipped)


@pytest.mark.parametrize("fmt", [ImportFormat.LINKEDIN, ImportFormat.GOOGLE])
def test_an_oversized_csv_field_skips_that_row_only(fmt: ImportFormat):
    header = (["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
               "Connected On"] if fmt is ImportFormat.LINKEDIN else
              ["First Name", "Last Name", "E-mail 1 - Value", "Notes"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    width = len(header)
    writer.writerow(["Ann", "A"] + [""] * (width - 2))
    writer.writerow(["Bob", "B"] + [""] * (width - 3) + ["z" * (MAX_FIELD + 1)])
    writer.writerow(["Cy", "C"] + [""] * (width - 2))
    parsed = parse(fmt, out.getvalue().encode(), "long.csv")
    assert [c.name for c in parsed.contacts] == ["Ann A", "Cy C"]
    assert [s.line for s in parsed.skipped] == [3]


def test_google_with_100000_columns_reads_each_row_in_one_pass():
    columns = ["First Name", "Last Name", "E-mail 1 - Value"] + [
        f"Custom Field {i} - Value" for i in range(100_000)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for i in range(200):
        writer.writerow([f"P{i}", "Q", f"p{i}@example.com"])
    parsed = parse(ImportFormat.GOOGLE, out.getvalue().encode(), "wide.csv")
    assert len(parsed.contacts) == 200 and parsed.contacts[7].emails == ("p7@example.com",)
