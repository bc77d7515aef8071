"""One benchmark run: the floors and netreach, every figure with its ratio (SPEC §7).

    python bench/run.py                          # 50, 5,000 and 50,000 people
    python bench/run.py --sizes 50,5000,50000,200000 --repeat 5
    python bench/run.py --sizes 50000 --markdown /tmp/perf.md

Floors, measured in the same run on the same machine:

* start-up: ``--help`` of a minimal two-command Typer app (bench/minimal_app.py),
  which no Typer CLI can beat;
* parse: reading the book plus ``yaml.load(data, Loader=yaml.CSafeLoader)`` (libyaml),
  in a fresh process, once as Python ships (cyclic GC on) and once with the GC off.
  Ratios use the smaller of the two, the stricter floor.

netreach runs as ``python -m netreach`` with ``PYTHONPATH=src`` (``--entry-point``
uses the installed ``netreach`` script instead), with its cache in a scratch
directory. A *cold* query runs right after the book's bytes changed (a comment
line is appended); a *warm* query runs again on unchanged bytes. Memory is the
peak resident set of each child process (``os.wait4``). The search itself is
timed in-process after loading, in a fresh ``open_book`` each time, against the
naive approach (``networkx.shortest_simple_paths`` to each person at the company)
with a time limit. Every figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path[:0] = [str(ROOT), str(SRC)]

from bench.generate import generate  # noqa: E402

TODAY = "2026-11-22"
EXAMPLE = ROOT / "contacts.example.yaml"
MAX_HOPS = 4
K = 5
MB = 1024 * 1024


# --- the machine -----------------------------------------------------------------


def machine() -> str:
    """CPU model, cores, memory, OS and Python: the line the README's table names."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / MB:.0f} GB RAM"
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average {os.getloadavg()[0]:.2f} at start"
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}{load}")


# --- child processes ---------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One child process: wall time, CPU time (user + system), peak memory, exit code, output."""

    seconds: float
    cpu: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], env: dict[str, str] | None = None,
              timeout: float | None = None) -> Sample:
    """Run ``argv`` and measure it; ``os.wait4`` gives this child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env)
        if timeout is None:
            _pid, status, usage = os.wait4(proc.pid, 0)
        else:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - start > timeout:
                    proc.kill()
                    _pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in kilobytes on Linux, bytes on macOS.
        scale = 1 if sys.platform == "darwin" else 1024
        return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale / MB,
                      proc.returncode,
                      out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def median(samples: Sequence[Sample]) -> Sample:
    """Medians of wall time, CPU time and memory (output of the median-time run)."""
    ordered = sorted(samples, key=lambda s: s.seconds)
    mid = ordered[len(ordered) // 2]
    return Sample(statistics.median(s.seconds for s in samples),
                  statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak_mb for s in samples), mid.code, mid.stdout, mid.stderr)


def repeat(n: int, fn: Callable[[], Sample]) -> Sample:
    return median([fn() for _ in range(n)])


@dataclass
class Runner:
    """How to start netreach, with its cache in a scratch directory."""

    workdir: Path
    entry_point: bool = False
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        cache = self.workdir / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("NETREACH_")}
        self.env.update(NO_COLOR="1", COLUMNS="100", NETREACH_NO_INPUT="1",
                        NETREACH_TODAY=TODAY, NETREACH_CACHE_DIR=str(cache),
                        PYTHONPATH=str(SRC))

    def argv(self, *args: str) -> list[str]:
        if self.entry_point and shutil.which("netreach"):
            return ["netreach", *args]
        return [sys.executable, "-m", "netreach", *args]

    def __call__(self, *args: str, timeout: float | None = None) -> Sample:
        sample = run_child(self.argv(*args), self.env, timeout)
        if sample.code not in (0,):
            raise RuntimeError(f"netreach {' '.join(args)} exited {sample.code}:\n"
                               f"{sample.stderr[-2000:]}")
        return sample

    def commands(self) -> set[str]:
        """The command names this netreach has (reach and suggest may be missing)."""
        code = "from netreach.cli import app; print('\\n'.join(c.name or c.callback.__name__ " \
               "for c in app.registered_commands))"
        out = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True,
                             text=True, check=True).stdout
        return set(out.split())


# --- floors -------------------------------------------------------------------------


def startup_floor(n: int) -> Sample:
    app = Path(__file__).with_name("minimal_app.py")
    return repeat(n, lambda: run_child([sys.executable, str(app), "--help"]))


def parse_floor(book: Path, n: int, *, gc_off: bool) -> Sample:
    code = ("import gc; gc.disable()\n" if gc_off else "") + (
        "import sys, yaml\n"
        "with open(sys.argv[1], 'rb') as fh:\n"
        "    data = fh.read()\n"
        "yaml.load(data, Loader=yaml.CSafeLoader)\n"
    )
    return repeat(n, lambda: run_child([sys.executable, "-c", code, str(book)]))


# --- books and the companies to ask for --------------------------------------------------


def book_path(workdir: Path, people: int, seed: int) -> Path:
    """A generated book, made once per size, seed and generator version."""
    source = Path(__file__).with_name("generate.py").read_bytes()
    tag = hashlib.blake2b(source, digest_size=4).hexdigest()
    path = workdir / f"book-{people}-s{seed}-{tag}.yaml"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(generate(people, seed), encoding="utf-8")
        tmp.replace(path)
    return path


@dataclass(frozen=True)
class Companies:
    """The companies to ask for: the largest, a small and far one, an unreachable one."""

    largest: str
    small_far: str | None
    unreachable: str | None
    far_hops: int | None


def pick_companies(book: Path) -> Companies:
    """Hop distance from me to each company (breadth-first over the search index)."""
    from collections import deque

    from netreach.bookfile import open_book
    from netreach.index import build_index

    opened = open_book(book)
    network = opened.network
    today = dt.date.fromisoformat(TODAY)
    index = opened.index(today) if hasattr(opened, "index") else build_index(network, today)
    dist = {0: 0}
    queue = deque([0])
    while queue:
        u = queue.popleft()
        for v, _c, _cred in index.out[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    position = index.position
    hops: dict[str, int] = {}
    for cid, people in network.employees.items():
        hops[cid] = min((dist.get(position[f"person:{p}"], 99) for p in people), default=99)
    sizes = {cid: len(people) for cid, people in network.employees.items()}
    largest = max(sizes, key=lambda c: (sizes[c], c))
    reachable = [c for c in sizes if hops[c] <= MAX_HOPS]
    small = sorted(reachable, key=lambda c: (sizes[c] > 3, -hops[c], sizes[c], c))
    small_far = small[0] if small and small[0] != largest else None
    unreachable = sorted((c for c in sizes if hops[c] > MAX_HOPS), key=lambda c: (-sizes[c], c))
    return Companies(largest, small_far, unreachable[0] if unreachable else None,
                     hops[small_far] if small_far else None)


# --- the search itself, in this process ---------------------------------------------------


def time_search(book: Path, company: str, n: int, *,
                diverse: bool) -> tuple[float, float, float, int]:
    """Medians of ``best_chains`` (wall, CPU) and of getting the index, in fresh opens."""
    import gc

    from netreach.bookfile import open_book
    from netreach.index import build_index
    from netreach.ranking import best_chains

    today = dt.date.fromisoformat(TODAY)
    walls, cpus, indexes, chains = [], [], [], 0
    for _ in range(n):
        gc.collect()
        opened = open_book(book)
        network = opened.network
        start = time.perf_counter()
        index = opened.index(today) if hasattr(opened, "index") else build_index(network, today)
        indexes.append(time.perf_counter() - start)
        start, cpu = time.perf_counter(), time.process_time()
        result = best_chains(network, network.companies[company], today=today, k=K,
                             max_hops=MAX_HOPS, diverse=diverse, index=index)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        chains = len(result.chains)
    return (statistics.median(walls), statistics.median(cpus), statistics.median(indexes),
            chains)


def time_companies(book: Path, n: int) -> float:
    from netreach.bookfile import open_book
    from netreach.index import build_index
    from netreach.ranking import companies_in_reach

    today = dt.date.fromisoformat(TODAY)
    times = []
    for _ in range(n):
        opened = open_book(book)
        index = opened.index(today) if hasattr(opened, "index") else build_index(
            opened.network, today)
        start = time.perf_counter()
        companies_in_reach(opened.network, today=today, max_hops=MAX_HOPS, index=index)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def naive_worker(book: str, company: str, limit: float) -> None:
    """Child process: networkx.shortest_simple_paths to each person at the company."""
    import itertools
    import math

    import networkx as nx

    from netreach import scoring
    from netreach.bookfile import open_book
    from netreach.graph import ME, build_graph, person_node

    today = dt.date.fromisoformat(TODAY)
    network = open_book(Path(book)).network
    graph = build_graph(network, today)
    for _u, _v, data in graph.edges(data=True):
        data["cost"] = -math.log(data["probability"]) + scoring.cost(scoring.ATTRITION)
    start = time.perf_counter()
    found: list[tuple[float, list[str]]] = []
    for pid in network.employees.get(company, ()):
        target = person_node(pid)
        try:
            paths = nx.shortest_simple_paths(graph, ME, target, weight="cost")
            for path in itertools.islice(paths, 200):
                if len(path) - 1 <= MAX_HOPS:
                    found.append((nx.path_weight(graph, path, "cost"), path))
                if len([f for f in found if f[1][-1] == target]) >= K:
                    break
                if time.perf_counter() - start > limit:
                    break
        except nx.NetworkXNoPath:
            continue
        if time.perf_counter() - start > limit:
            print(json.dumps({"seconds": None, "chains": len(found)}))
            return
    found.sort()
    print(json.dumps({"seconds": time.perf_counter() - start, "chains": len(found[:K])}))


def time_naive(book: Path, company: str, limit: float) -> float | None:
    """Seconds of the naive search, or None when it did not finish within ``limit``."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NETREACH_CACHE_DIR": str(book.parent / "cache")}
    sample = run_child([sys.executable, __file__, "--naive-worker", str(book), company,
                        str(limit)], env, timeout=limit + 120)
    if sample.code != 0:
        return None
    try:
        seconds = json.loads(sample.stdout.strip().splitlines()[-1])["seconds"]
    except (ValueError, IndexError, KeyError):
        return None
    return float(seconds) if seconds is not None else None


# --- the report -----------------------------------------------------------------------


@dataclass
class Row:
    """One figure: wall and CPU time, its ratio to a floor, peak memory, the target."""

    size: str
    what: str
    seconds: float | None = None  # None: not measured (see ``what``) or did not finish
    cpu: float | None = None
    floor: tuple[str, float, float | None] | None = None  # (name, wall, cpu)
    memory_mb: float | None = None
    target: str = ""
    ok: bool | None = None

    @classmethod
    def of(cls, size: str, what: str, sample: Sample, **kw: Any) -> Row:
        return cls(size, what, sample.seconds, sample.cpu, memory_mb=sample.peak_mb, **kw)

    @property
    def ratio(self) -> str:
        if self.floor is None or self.seconds is None:
            return ""
        name, wall, cpu = self.floor
        text = f"{self.seconds / wall:.2f}×"
        if cpu and self.cpu is not None:
            text += f" (CPU {self.cpu / cpu:.2f}×)"
        return f"{text} {name}"


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        secs = "     -    " if row.seconds is None else f"{row.seconds * 1000:9.1f}"
        cpu = "" if row.cpu is None else f"cpu {row.cpu * 1000:8.1f}"
        mem = f"{row.memory_mb:6.0f} MB" if row.memory_mb is not None else ""
        ok = {True: "ok", False: "MISSED", None: ""}[row.ok]
        print(f"{row.size:>8} | {row.what:<58} | {secs} ms {cpu:>15} | {row.ratio:<38} | "
              f"{mem:>9} | {row.target} {ok}", flush=True)

    def markdown(self, header: str) -> str:
        out = [header, "",
               "| people | measure | wall | CPU | ratio to floor | peak memory | target |",
               "| ---: | --- | ---: | ---: | --- | ---: | --- |"]
        for r in self.rows:
            secs = "" if r.seconds is None else _fmt_time(r.seconds)
            cpu = "" if r.cpu is None else _fmt_time(r.cpu)
            mem = f"{r.memory_mb:.0f} MB" if r.memory_mb is not None else ""
            ok = {True: " ✓", False: " ✗ missed", None: ""}[r.ok]
            out.append(f"| {r.size} | {r.what} | {secs} | {cpu} | {r.ratio} | {mem} | "
                       f"{r.target}{ok} |")
        return "\n".join(out) + "\n"


def _fmt_time(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def bench_size(people: int, args: argparse.Namespace, nr: Runner, report: Report,
               start: Sample, commands: set[str]) -> None:
    n = args.repeat
    size = f"{people:,}"
    book = book_path(args.workdir, people, args.seed)
    floor_on = parse_floor(book, n, gc_off=False)
    floor_off = parse_floor(book, n, gc_off=True)
    floor = min((floor_on, floor_off), key=lambda s: s.seconds)
    parse = ("parse floor", floor.seconds, floor.cpu)
    startup = ("start-up floor", start.seconds, start.cpu)
    report.add(Row.of(size, "floor: read + yaml.load CSafeLoader", floor_on))
    report.add(Row.of(size, "floor: the same with the cyclic GC off", floor_off))

    picks = pick_companies(book)
    cold = []
    for i in range(n):
        with open(book, "a", encoding="utf-8") as fh:  # new bytes: the cache cannot match
            fh.write(f"# bench: cold run {i} at {time.time()}\n")
        cold.append(nr("paths", picks.largest, "--book", str(book)))
    cold_s = median(cold)
    target, ok = "≤ 1.5× parse floor", cold_s.seconds <= 1.5 * floor.seconds
    if people >= 200_000:
        target, ok = "≤ 1.5× parse floor, ≤ 4 GB", ok and cold_s.peak_mb <= 4096
    report.add(Row.of(size, f"cold paths {picks.largest}", cold_s, floor=parse, target=target,
                      ok=ok))
    warm = repeat(n, lambda: nr("paths", picks.largest, "--book", str(book)))
    target, ok = "", None
    if people == 50_000:
        target, ok = "< 0.5 s", warm.seconds < 0.5
    if people >= 200_000:
        target, ok = "≤ 1 GB", warm.peak_mb <= 1024
    report.add(Row.of(size, f"warm paths {picks.largest}", warm, floor=startup, target=target,
                      ok=ok))
    for name in ("companies", "reach", "suggest"):
        if name not in commands:
            report.add(Row(size, f"warm {name}: not a command on this branch"))
            continue
        sample = repeat(n, lambda name=name: nr(name, "--book", str(book)))
        report.add(Row.of(size, f"warm {name}", sample, floor=startup))

    cases = [("reachable (largest)", picks.largest),
             (f"small and far ({picks.far_hops} hops)", picks.small_far),
             ("unreachable", picks.unreachable)]
    index_s = 0.0
    for label, company in cases:
        if company is None:
            report.add(Row(size, f"search {label}: no such company in this book"))
            continue
        employees = len(_employees(book, company))
        plain = 0.0
        for diverse in (True, False):
            seconds, cpu, index_s, chains = time_search(book, company, n, diverse=diverse)
            plain = seconds
            target, ok = "", None
            if people >= 50_000:
                target, ok = "< 20 ms", seconds < 0.020
            mode = "diverse" if diverse else "--all"
            report.add(Row(size, f"search {label} {company}, {employees} people, {mode}: "
                           f"{chains} chains", seconds, cpu, target=target, ok=ok))
        if args.naive_limit > 0:
            naive = time_naive(book, company, args.naive_limit)
            what = f"naive shortest_simple_paths {company}"
            if naive is None:
                report.add(Row(size, f"{what}: not done in {args.naive_limit:.0f} s"))
            else:
                report.add(Row(size, what, naive, floor=("our --all", plain, None)))
    report.add(Row(size, "index ready after load (in-process)", index_s))
    report.add(Row(size, "companies_in_reach (in-process)", time_companies(book, n)))


def _employees(book: Path, company: str) -> tuple[str, ...]:
    from netreach.bookfile import open_book

    return tuple(open_book(book).network.employees.get(company, ()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,5000,50000",
                        help="comma-separated book sizes (people); e.g. 50,5000,50000,200000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--naive-limit", type=float, default=20.0,
                        help="seconds the naive networkx search may take (0: skip it)")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "netreach-bench")
    parser.add_argument("--entry-point", action="store_true",
                        help="run the installed 'netreach' script, not python -m netreach")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown")
    parser.add_argument("--naive-worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.naive_worker:
        naive_worker(args.naive_worker[0], args.naive_worker[1], float(args.naive_worker[2]))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    # The in-process parts use the same scratch cache as the children.
    os.environ["NETREACH_CACHE_DIR"] = str(args.workdir / "cache")
    os.environ["NETREACH_TODAY"] = TODAY
    nr = Runner(args.workdir, args.entry_point)
    mach = machine()
    print(f"machine: {mach}\n", flush=True)
    report = Report()
    n = args.repeat

    start = startup_floor(max(n, 5))
    startup = ("start-up floor", start.seconds, start.cpu)
    report.add(Row.of("-", "floor: minimal Typer app --help", start))
    for flag in ("--help", "--version"):
        s = repeat(max(n, 5), lambda flag=flag: nr(flag))
        report.add(Row.of("-", f"netreach {flag}", s, floor=startup,
                          target="≤ 1.25× start-up floor", ok=s.seconds <= 1.25 * start.seconds))
    example = args.workdir / "example.yaml"
    shutil.copyfile(EXAMPLE, example)
    nr("paths", "nordlicht", "--book", str(example))  # fills the cache
    for label, fresh in (("cold", True), ("warm", False)):
        def once(fresh: bool = fresh) -> Sample:
            if fresh:
                with open(example, "a", encoding="utf-8") as fh:
                    fh.write(f"# bench {time.time()}\n")
            return nr("paths", "nordlicht", "--book", str(example))
        s = repeat(max(n, 5), once)
        report.add(Row.of("50", f"{label} paths nordlicht (the example book)", s,
                          floor=startup, target="< 0.3 s", ok=s.seconds < 0.3))
    commands = nr.commands()
    for people in (int(x) for x in args.sizes.split(",") if x.strip()):
        bench_size(people, args, nr, report, start, commands)
    if args.markdown:
        header = (f"Machine: {mach}. Medians of {n} runs (start-up: {max(n, 5)}): "
                  f"`python bench/run.py --sizes {args.sizes} --repeat {n}`.")
        args.markdown.write_text(report.markdown(header), encoding="utf-8")
        print(f"\nwrote {args.markdown}")


if __name__ == "__main__":
    main()
