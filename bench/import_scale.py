"""Benchmark: imports at scale, time and peak memory (issue 17).

    python bench/import_scale.py                       # both scenarios, this tree
    python bench/import_scale.py --src /tmp/old/src    # the same files, another tree
    python bench/import_scale.py --only vcard --keep /tmp/bench-scale

Scenarios (seeded: the same bytes every run):

* ``vcard``: one 25,000-card vCard 3.0 file (names, ORG, TITLE, EMAIL, TEL, a
  NOTE of a few hundred characters), about 20 MB, imported into an empty book.
* ``via``: ten friends' LinkedIn exports of 5,000 rows each (50,000 connections
  drawn from a pool of 30,000 people, so they overlap), imported one after the
  other with ``--via FRIEND``. One person in fifty shares name *and* company
  with another (a namesake) but has a profile URL of their own. After the run
  the book must hold one person for every distinct profile URL.
* ``csv``: one 50,000-row LinkedIn export imported as my own contacts.

Every import runs as a subprocess; wall time, user+sys CPU time and the peak
resident memory of that process (``wait4``) are reported. The floor is
``netreach --version`` measured in the same run.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Ana", "Ben", "Chloé", "Dana", "Eli", "Farah", "Greta", "Hugo", "Inès", "Jan", "Kofi",
         "Lea", "Mira", "Niklas", "Omar", "Paula", "Ravi", "Søren", "Tobias", "Yuki", "Zoë",
         "Michael", "Björn", "Çağla", "Łucja", "Mehmet", "Siobhán", "Wei", "Yusuf", "Laura"]
LAST = ["Müller", "Schmidt", "Kim", "Costa", "Nair", "Okafor", "Jansen", "Tanaka", "Braun",
        "Fischer", "Weber", "Haddad", "Mensah", "Romero", "Lang", "Hoffmann", "Petersen"]
SYLLABLES = ["an", "be", "ca", "da", "el", "fi", "go", "ha", "in", "jo", "ka", "lu", "ma",
             "ne", "or", "pa", "ri", "sa", "to", "ul", "vi", "wa", "yo", "zu"]
TITLES = ["Data Engineer", "Engineering Manager", "Senior SRE", "Head of Talent", "Recruiter",
          "CTO", "Product Designer", "Geschäftsführer", "Directrice technique", "Analyst"]
FRIENDS = [f"friend-{i}" for i in range(10)]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _pool(size: int, seed: int) -> list[tuple[str, str, str, str, str]]:
    """(first, last, company, title, url) for ``size`` people; 1 in 50 a namesake."""
    rng = random.Random(seed)
    companies = [f"{_word(rng, 2)} {rng.choice(['GmbH', 'AG', 'Inc.', 'Labs', ''])}".strip()
                 for _ in range(size // 25)]
    people: list[tuple[str, str, str, str, str]] = []
    for i in range(size):
        if people and rng.random() < 0.02:
            first, last, company, _t, _u = rng.choice(people)  # same name, same company
        else:
            first, last = rng.choice(FIRST), f"{rng.choice(LAST)} {_word(rng, 2)}"
            company = rng.choice(companies)
        url = f"https://www.linkedin.com/in/p{i:06d}-{rng.randrange(1 << 30):x}"
        people.append((first, last, company, rng.choice(TITLES), url))
    return people


def linkedin_csv(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """A LinkedIn Connections.csv (with its Notes: preamble) of ``rows``."""
    out = io.StringIO()
    out.write('Notes:\r\n"When exporting your connection data, ..."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    for first, last, company, title, url in rows:
        writer.writerow([first, last, url, "", company, title, "15 Mar 2024"])
    return out.getvalue().encode("utf-8")


def vcard_file(cards: int, seed: int) -> bytes:
    """``cards`` vCard 3.0 cards, about 800 bytes each."""
    rng = random.Random(seed)
    note = ("Met at a meetup; talked about data platforms, hiring and the move to "
            "Kubernetes. " * 4).strip()
    parts = []
    for i in range(cards):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)} {_word(rng, 2)}"
        parts.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last}\r\nN:{last};{first};;;\r\n"
            f"ORG:{_word(rng, 2)} GmbH;Engineering\r\nTITLE:{rng.choice(TITLES)}\r\n"
            f"EMAIL;TYPE=INTERNET:p{i}@example.com\r\nTEL;TYPE=CELL:+49 30 {i:07d}\r\n"
            f"UID:urn:uuid:{rng.randrange(1 << 64):016x}\r\n"
            f"NOTE:{note} #{i}\r\nCATEGORIES:Friends,Work\r\nEND:VCARD\r\n")
    return "".join(parts).encode("utf-8")


def book_with_friends() -> str:
    """A small book: me and the ten friends whose exports are imported."""
    lines = ["netreach: 1", "me:", "  name: Alex Rivera", "people:"]
    for i, fid in enumerate(FRIENDS):
        lines += [f"  {fid}:", f"    name: Friend Number{i}", "    closeness: 4"]
    return "\n".join(lines) + "\n"


def run(src: Path, *args: str | Path) -> tuple[float, float, float, str]:
    """(wall s, user+sys s, peak RSS MB, stderr) of one ``netreach`` subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETREACH_")}
    env.update(PYTHONPATH=str(src), NO_COLOR="1", NETREACH_NO_INPUT="1")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "netreach", *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"netreach {' '.join(map(str, args))} failed ({proc.returncode}):\n"
                         f"{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err


def _report(label: str, size: int, runs: list[tuple[float, float, float, str]],
            floor: float) -> None:
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    rss = max(r[2] for r in runs)
    print(f"{label}: file {size / 1e6:.1f} MB; median wall {wall:.2f} s "
          f"({wall / floor:.0f}x start-up), CPU {cpu:.2f} s, peak RSS {rss:.0f} MB")
    print(f"  {runs[-1][3].splitlines()[0] if runs[-1][3] else ''}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the netreach to run")
    parser.add_argument("--only", choices=["vcard", "via", "csv"], action="append")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    only = set(args.only or ["vcard", "via", "csv"])
    work = args.keep or Path(tempfile.mkdtemp(prefix="netreach-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    book = work / "contacts.yaml"
    floor = statistics.median(run(args.src, "--version")[0] for _ in range(3))
    print(f"src: {args.src}; floor (netreach --version): {floor:.2f} s")
    if "vcard" in only:
        vcf = work / "contacts.vcf"
        vcf.write_bytes(vcard_file(25_000, 1))
        runs = []
        for _ in range(args.repeat):
            book.write_text("netreach: 1\nme:\n  name: Alex Rivera\n", encoding="utf-8")
            runs.append(run(args.src, "import", "vcard", vcf, "--book", book))
        _report("vcard 25,000 cards", vcf.stat().st_size, runs, floor)
    if "csv" in only:
        rows = _pool(50_000, 3)
        own = work / "Connections.csv"
        own.write_bytes(linkedin_csv(rows))
        runs = []
        for _ in range(args.repeat):
            book.write_text("netreach: 1\nme:\n  name: Alex Rivera\n", encoding="utf-8")
            runs.append(run(args.src, "import", "linkedin", own, "--book", book))
        _report("linkedin 50,000 rows", own.stat().st_size, runs, floor)
    if "via" in only:
        pool = _pool(30_000, 2)
        rng = random.Random(5)
        files = []
        urls: set[str] = set()
        for fid in FRIENDS:
            rows = rng.sample(pool, 5_000)
            urls.update(r[4] for r in rows)
            path = work / f"{fid}.csv"
            path.write_bytes(linkedin_csv(rows))
            files.append((fid, path))
        book.write_text(book_with_friends(), encoding="utf-8")
        runs = []
        total = time.perf_counter()
        for fid, path in files:
            runs.append(run(args.src, "import", "linkedin", path, "--via", fid, "--book", book))
        total = time.perf_counter() - total
        size = sum(p.stat().st_size for _f, p in files)
        print(f"via: ten exports, 50,000 connections, {len(urls):,} distinct profile URLs; "
              f"all ten imports {total:.1f} s wall, {sum(r[1] for r in runs):.1f} s CPU, "
              f"peak RSS {max(r[2] for r in runs):.0f} MB (last import "
              f"{runs[-1][0]:.2f} s into a book of {book.stat().st_size / 1e6:.1f} MB; "
              f"files {size / 1e6:.1f} MB)")
        text = book.read_text(encoding="utf-8")
        written = set(re.findall(r"^    url: (\S+)$", text, re.MULTILINE))
        kept = len(urls & written)
        people = text.count("\n    name: ")
        print(f"  people in the book: {people:,}; distinct URLs kept as a person's url: "
              f"{kept:,} of {len(urls):,}")
        print(f"  last import: {runs[-1][3].splitlines()[0]}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
