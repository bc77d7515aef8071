"""The write path: each editing command, and a 1,000-row import, against a warm query.

    python bench/writes.py                          # 5,000, 30,000 and 50,000 people
    python bench/writes.py --sizes 30000 --repeat 5 --markdown /tmp/writes.md

For each size, a generated book (bench/generate.py) is validated once (its cache
written), then, in the same run and on the same machine:

* the floor: a warm ``netreach paths co-0`` (the cache answers);
* ``add``, ``link``, ``edit``, ``log`` and ``rm``, then ``me``, ``target add``,
  ``join``, ``edit COMPANY`` and ``community add``, each run ``--repeat`` times on
  the warm book, each time writing (a new name, a new tie, a new title, a new note,
  another person...), so every run is one real edit whose cache the previous one left;
* ``import linkedin --via p1`` of a 1,000-row export (bench/import_linkedin.py),
  each run on the book as generated, its cache warmed first.

Every figure is the median of the runs: wall time, CPU time (user + system, less
sensitive to a busy machine) and peak memory, each with its ratio to the floor.
Targets (issue 13): one edit at most 1.5x a warm ``paths`` and under 2x its memory
on 30,000 and 50,000 people; the import at most 5x on 30,000.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.import_linkedin import generate as linkedin_export  # noqa: E402
from bench.run import Runner, Sample, book_path, compile_sources, machine, median  # noqa: E402

EDIT_TARGET, MEMORY_TARGET, IMPORT_TARGET = 1.5, 2.0, 5.0


# Names no generated person is close to, nor each other (add refuses near-duplicates).
NEW_NAMES = ["Quillon Zarvex", "Brisa Okonkwo", "Tadeusz Fairweather", "Ximena Holtzclaw",
             "Ugo Pemberton", "Wilhelmina Ashdown", "Cosimo Bratt", "Ingrid Marchetti"]


def edits(i: int) -> dict[str, list[str]]:
    """The i-th run of each editing command: each one changes the book."""
    return {
        "add": ["add", NEW_NAMES[i % len(NEW_NAMES)], "--id", f"bench-new-{i}", "--company",
                "co-1", "--knows", f"p{i + 2}=3", "--closeness", "3"],
        "link": ["link", f"p{100 + i}", f"p{200 + i}", "--strength", "4"],
        "edit": ["edit", f"p{300 + i}", "--title", f"Lead {i}", "--closeness", "4"],
        "log": ["log", f"p{400 + i}", f"coffee {i}", "--date", "2026-11-20"],
        "rm": ["rm", f"p{500 + i}", "--yes"],
        # Me, the companies and the communities (issue 13c).
        "me": ["me", "--headline", f"Data engineer {i}"],
        "target add": ["target", "add", f"co-{10 + i}"],
        "join": ["join", f"group-{10 + i}"],
        "edit COMPANY": ["edit", f"co-{20 + i}", "--industry", f"Industry {i}"],
        "community add": ["community", "add", f"Zarvex Circle {i}", "--kind", "meetup",
                          "--id", f"bench-group-{i}"],
    }


def row(size: int, what: str, sample: Sample, floor: Sample, target: float | None) -> str:
    time_ratio = sample.seconds / floor.seconds
    cpu_ratio = sample.cpu / floor.cpu
    memory_ratio = sample.peak_mb / floor.peak_mb
    verdict = ""
    if target is not None:
        ok = min(time_ratio, cpu_ratio) <= target and (
            memory_ratio < MEMORY_TARGET or target == IMPORT_TARGET)
        verdict = "yes" if ok else "NO"
    return (f"| {size:,} | {what} | {sample.seconds:.2f} s | {time_ratio:.2f}x | "
            f"{sample.cpu:.2f} s | {cpu_ratio:.2f}x | {sample.peak_mb:.0f} MB | "
            f"{memory_ratio:.2f}x | {verdict} |")


def bench_size(size: int, args: argparse.Namespace, workdir: Path, out: Callable[[str], None],
               ) -> None:
    nr = Runner(workdir)
    book = workdir / f"writes-{size}.yaml"
    generated = book_path(workdir, size, args.seed)
    shutil.copyfile(generated, book)
    nr("validate", "--book", str(book))
    floor = median([nr("paths", "co-0", "--book", str(book)) for _ in range(args.repeat)])
    out(row(size, "warm `paths` (floor)", floor, floor, None))
    target = EDIT_TARGET if size >= 30_000 else None
    for command in edits(0):
        samples = [nr(*edits(i)[command], "--book", str(book)) for i in range(args.repeat)]
        out(row(size, f"`{command}`", median(samples), floor, target))
    export = workdir / "linkedin-1000.csv"
    export.write_bytes(linkedin_export(1000, args.seed))
    samples = []
    for _ in range(args.repeat):
        shutil.copyfile(generated, book)
        nr("validate", "--book", str(book))
        samples.append(nr("import", "linkedin", str(export), "--via", "p1", "--book",
                          str(book)))
    out(row(size, "`import linkedin --via` 1,000 rows", median(samples), floor,
            IMPORT_TARGET if size == 30_000 else None))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,30000,50000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where books and the cache go")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    compile_sources()
    lines: list[str] = []

    def out(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    out(f"Machine: {machine()}")
    out("")
    out("| people | command | wall | ×floor | CPU | ×floor | memory | ×floor | target met |")
    out("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="netreach-writes-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        for size in (int(s) for s in args.sizes.split(",")):
            bench_size(size, args, workdir, out)
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
