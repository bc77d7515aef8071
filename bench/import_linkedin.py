"""Benchmark: import a 10,000-row LinkedIn Connections.csv into the example book.

    python bench/import_linkedin.py            # 10,000 rows, seed 1
    python bench/import_linkedin.py 50000 --seed 2 --keep /tmp/bench-io

Generates a realistic export (seeded: the same bytes every run): LinkedIn's
``Notes:`` preamble, CRLF line ends, quoted commas and doubled quotes, non-ASCII
names, about one email in eight, a few hundred companies, some of them the
example book's own. Then it times ``netreach import linkedin`` end to end, as a
subprocess, into a copy of ``contacts.example.yaml``; a second import of the same
file (which must change nothing); and, as floors measured in the same run,
``netreach --version`` (start-up) and ``netreach validate`` of the resulting book
(a cold load of a book that size). Wall times on a busy machine swing; the
ratios and the CPU time are the figures to compare.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "contacts.example.yaml"
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n'
    "\r\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]
SYLLABLES = ["an", "be", "ca", "da", "el", "fi", "go", "ha", "in", "jo", "ka", "lu", "ma",
             "ne", "or", "pa", "qu", "ri", "sa", "to", "ul", "vi", "wa", "xe", "yo", "zu"]
FIRST = ["Ana", "Ben", "Chloé", "Dana", "Eli", "Farah", "Greta", "Hugo", "Inès", "Jan", "Kofi",
         "Lea", "Mira", "Niklas", "Omar", "Paula", "Ravi", "Søren", "Tobias", "Yuki", "Zoë",
         "Ahmet", "Björn", "Çağla", "Đorđe", "Łucja", "Mehmet", "Siobhán", "Wei", "Yusuf"]
COMPANY_WORDS = ["Nord", "Licht", "Data", "Werk", "Cloud", "Kiez", "Bank", "Helio", "Maps",
                 "Quell", "Code", "Tram", "Line", "Lumen", "Labs", "Bright", "Cart", "Fjord"]
EXAMPLE_COMPANIES = ["Nordlicht Energy", "Kiezbank AG", "Helio Maps", "Spreewald Cloud",
                     "Datawerk Consulting"]
TITLES = ["Data Engineer", "Engineering Manager, Platform", "Senior SRE", 'Head of "Fun"',
          "Recruiter", "CTO", "Product Manager", "Analyst, Risk & Compliance", "Founder"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(rows: int, seed: int = 1) -> bytes:
    """The bytes of a LinkedIn Connections.csv with ``rows`` connections."""
    rng = random.Random(seed)
    companies = [f"{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_WORDS).lower()} "
                 f"{_word(rng, 2)}" for _ in range(max(10, rows // 30))]
    companies += [f"{_word(rng, 2)}, {_word(rng, 2)} & Partners" for _ in range(20)]
    out = io.StringIO()
    out.write(PREAMBLE)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    seen: set[str] = set()
    for i in range(rows):
        first = rng.choice(FIRST)
        last = _word(rng, rng.randint(2, 4))
        while f"{first} {last}" in seen:
            last = _word(rng, rng.randint(3, 5))
        seen.add(f"{first} {last}")
        slug = f"{first}-{last}-{i:x}".lower()
        email = f"{slug}@example.com" if rng.random() < 0.125 else ""
        company = (rng.choice(EXAMPLE_COMPANIES) if rng.random() < 0.05
                   else rng.choice(companies) if rng.random() < 0.95 else "")
        day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(5000))
        writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}", email, company,
                         rng.choice(TITLES), f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"])
    return out.getvalue().encode("utf-8")


CPU: list[float] = []  # CPU seconds of the last run (less sensitive to a busy machine)


def _netreach(*args: str | Path, env: dict[str, str]
              ) -> tuple[float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "netreach", *map(str, args)], env=env,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime]
    if proc.returncode != 0:
        raise SystemExit(f"netreach {' '.join(map(str, args))} failed:\n{proc.stderr}")
    return elapsed, proc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (best kept)")
    parser.add_argument("--keep", type=Path, help="keep the files in this directory")
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETREACH_")}
    env.update(PYTHONPATH=str(ROOT / "src"), NO_COLOR="1", NETREACH_NO_INPUT="1")
    work = args.keep or Path(tempfile.mkdtemp(prefix="netreach-bench-io-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "Connections.csv"
    source.write_bytes(generate(args.rows, args.seed))
    first: list[float] = []
    again: list[float] = []
    cpu_first: list[float] = []
    summary = ""
    book = work / "contacts.yaml"
    for _ in range(args.repeat):
        shutil.copyfile(EXAMPLE, book)
        elapsed, proc = _netreach("import", "linkedin", source, "--book", book, env=env)
        first.append(elapsed)
        cpu_first.append(CPU[0])
        summary = proc.stderr.splitlines()[0]
        elapsed, proc = _netreach("import", "linkedin", source, "--book", book, env=env)
        again.append(elapsed)
        if " 0 added, 0 updated," not in proc.stderr.splitlines()[0]:
            raise SystemExit(f"re-import changed the book: {proc.stderr.splitlines()[0]}")
    startup = min(_netreach("--version", env=env)[0] for _ in range(args.repeat))
    validate = min(_netreach("validate", "--book", book, env=env)[0] for _ in range(args.repeat))
    best, best_again = min(first), min(again)
    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}")
    print(f"file: {args.rows:,} rows, {source.stat().st_size / 1e6:.1f} MB (seed {args.seed})")
    print(f"result: {summary}")
    print(f"book after import: {book.stat().st_size / 1e6:.1f} MB")
    print(f"import (end to end):   {best:6.2f} s  (median {statistics.median(first):.2f} s)  "
          f"= {best / validate:4.1f}x a cold validate, {best / startup:5.1f}x start-up")
    print(f"import CPU time:       {min(cpu_first):6.2f} s  (user + system)")
    print(f"re-import (no change): {best_again:6.2f} s  = {best_again / validate:4.1f}x a cold "
          "validate")
    print(f"floor: netreach --version {startup:.2f} s; validate of the imported book "
          f"{validate:.2f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
