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


def _gnu_time() -> str | None:
    """GNU time, if present: it reports its child's own peak memory (``%M``)."""
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


GNU_TIME = _gnu_time()


def run_child(argv: Sequence[str], env: dict[str, str] | None = None,
              timeout: float | None = None) -> Sample:
    """Run ``argv`` and measure wall time, CPU time and peak memory.

    A child's ``ru_maxrss`` counts the pages it shared with this process before
    ``exec``, so memory comes from GNU time (which forks from a small process)
    when it is installed, else from ``os.wait4`` (then an over-estimate by the
    runner's own size, about 25 MB).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".time") as memfile:
        command = list(argv)
        if GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", memfile.name, *command]
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
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
        # ru_maxrss is in kilobytes on Linux, bytes on macOS.
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / MB
        if GNU_TIME:
            lines = memfile.read().split()
            if lines and lines[-1].isdigit():
                peak = int(lines[-1]) / 1024
        out.seek(0)
        err.seek(0)
        # CPU: wait4 counts the child and the descendants it waited for.
        return Sample(seconds, usage.ru_utime + usage.ru_stime, peak, proc.returncode,
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
        self.env = child_env()
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


def child_env() -> dict[str, str]:
    """The environment of an installed program: no NETREACH_ settings, and Python
    may use its bytecode cache (PYTHONDONTWRITEBYTECODE would make every run compile
    netreach from source, ~0.1 s, while site-packages keep their .pyc files)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("NETREACH_") and k != "PYTHONDONTWRITEBYTECODE"}
    return env


def compile_sources() -> None:
    """Write the .pyc files an installation has, so no run pays for compiling."""
    import compileall

    for folder in (SRC, ROOT / "bench"):
        compileall.compile_dir(str(folder), quiet=1)


# --- floors -------------------------------------------------------------------------

MINIMAL_APP = Path(__file__).with_name("minimal_app.py")


def startup_floor(n: int) -> Sample:
    """``--help`` of a minimal two-command Typer app."""
    return repeat(n, lambda: run_child([sys.executable, str(MINIMAL_APP), "--help"],
                                       child_env()))


def command_floor(n: int) -> Sample:
    """The same app running one of its commands: Typer also imports pydantic and builds
    a validator per parameter then (typer >= 0.20), which any Typer command pays."""
    return repeat(n, lambda: run_child([sys.executable, str(MINIMAL_APP), "hello", "x"],
                                       child_env()))


def parse_floor(book: Path, n: int, *, gc_off: bool) -> Sample:
    code = ("import gc; gc.disable()\n" if gc_off else "") + (
        "import sys, yaml\n"
        "with open(sys.argv[1], 'rb') as fh:\n"
        "    data = fh.read()\n"
        "yaml.load(data, Loader=yaml.CSafeLoader)\n"
    )
    return repeat(n, lambda: run_child([sys.executable, "-c", code, str(book)], child_env()))


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

    from netreach.cached.bookfile import open_book
    from netreach.graph.adjacency import build_index

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
    """Medians of ``best_chains`` (wall, CPU) and of getting the index, each in a fresh
    ``open_book`` (so the first touch of the cached index is counted)."""
    import gc

    from netreach.analysis.ranking import best_chains
    from netreach.cached.bookfile import open_book
    from netreach.graph.adjacency import build_index

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


def time_companies(book: Path, n: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``companies_in_reach`` after a fresh open."""
    from netreach.analysis.ranking import companies_in_reach
    from netreach.cached.bookfile import open_book
    from netreach.graph.adjacency import build_index

    today = dt.date.fromisoformat(TODAY)
    walls, cpus = [], []
    for _ in range(n):
        opened = open_book(book)
        index = opened.index(today) if hasattr(opened, "index") else build_index(
            opened.network, today)
        start, cpu = time.perf_counter(), time.process_time()
        companies_in_reach(opened.network, today=today, max_hops=MAX_HOPS, index=index)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def search_worker(book: str, n: int) -> None:
    """Child process: the companies to ask for, and the search itself timed in-process.

    A child, so that the runner stays small: a forked child's peak memory counts
    the pages it shared with its parent.
    """
    path = Path(book)
    picks = pick_companies(path)
    from netreach.cached.bookfile import open_book

    network = open_book(path).network
    cases = []
    for label, company in (("reachable (largest)", picks.largest),
                           (f"small and far ({picks.far_hops} hops)", picks.small_far),
                           ("unreachable", picks.unreachable)):
        if company is None:
            cases.append({"label": label, "company": None})
            continue
        case: dict[str, Any] = {"label": label, "company": company,
                                "employees": len(network.employees.get(company, ()))}
        for mode, diverse in (("diverse", True), ("all", False)):
            wall, cpu, index_s, chains = time_search(path, company, n, diverse=diverse)
            case[mode] = [wall, cpu, chains]
            case["index"] = index_s
        cases.append(case)
    print(json.dumps({"largest": picks.largest, "cases": cases,
                      "companies": time_companies(path, n)}))


def naive_worker(book: str, company: str, limit: float) -> None:
    """Child process: networkx.shortest_simple_paths to each person at the company."""
    import itertools
    import math

    import networkx as nx

    from netreach.cached.bookfile import open_book
    from netreach.graph import scoring
    from netreach.graph.hops import ME, build_graph, person_node

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
    env = {**child_env(), "PYTHONPATH": str(SRC), "NETREACH_CACHE_DIR": str(book.parent / "cache")}
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
               command: Sample, commands: set[str]) -> None:
    n = args.repeat
    size = f"{people:,}"
    book = book_path(args.workdir, people, args.seed)
    floor_on = parse_floor(book, n, gc_off=False)
    floor_off = parse_floor(book, n, gc_off=True)
    floor = min((floor_on, floor_off), key=lambda s: s.seconds)
    parse = ("parse floor", floor.seconds, floor.cpu)
    startup = ("command floor", command.seconds, command.cpu)
    report.add(Row.of(size, "floor: read + yaml.load CSafeLoader", floor_on))
    report.add(Row.of(size, "floor: the same with the cyclic GC off", floor_off))

    env = {**nr.env}
    worker = run_child([sys.executable, __file__, "--search-worker", str(book), str(n)], env)
    if worker.code != 0:
        raise RuntimeError(f"search worker failed:\n{worker.stderr[-2000:]}")
    found = json.loads(worker.stdout.strip().splitlines()[-1])
    largest = found["largest"]
    cold = []
    for i in range(n):
        with open(book, "a", encoding="utf-8") as fh:  # new bytes: the cache cannot match
            fh.write(f"# bench: cold run {i} at {time.time()}\n")
        cold.append(nr("paths", largest, "--book", str(book)))
    cold_s = median(cold)
    target, ok = "≤ 1.5× parse floor", cold_s.seconds <= 1.5 * floor.seconds
    if people >= 200_000:
        target, ok = "≤ 1.5× parse floor, ≤ 4 GB", ok and cold_s.peak_mb <= 4096
    report.add(Row.of(size, f"cold paths {largest}", cold_s, floor=parse, target=target,
                      ok=ok))
    warm = repeat(n, lambda: nr("paths", largest, "--book", str(book)))
    target, ok = "", None
    if people == 50_000:
        target, ok = "< 0.5 s", warm.seconds < 0.5
    if people >= 200_000:
        target, ok = "≤ 1 GB", warm.peak_mb <= 1024
    report.add(Row.of(size, f"warm paths {largest}", warm, floor=startup, target=target,
                      ok=ok))
    for name in ("companies", "reach", "suggest"):
        if name not in commands:
            report.add(Row(size, f"warm {name}: not a command on this branch"))
            continue
        sample = repeat(n, lambda name=name: nr(name, "--book", str(book)))
        report.add(Row.of(size, f"warm {name}", sample, floor=startup))

    index_s = 0.0
    for case in found["cases"]:
        label, company = case["label"], case["company"]
        if company is None:
            report.add(Row(size, f"search {label}: no such company in this book"))
            continue
        index_s = case["index"]
        for mode in ("diverse", "all"):
            wall, cpu, chains = case[mode]
            target, ok = "", None
            if people >= 50_000:
                target, ok = "< 20 ms", wall < 0.020
            report.add(Row(size, f"search {label} {company}, {case['employees']} people, "
                           f"{'diverse' if mode == 'diverse' else '--all'}: {chains} chains",
                           wall, cpu, target=target, ok=ok))
        if args.naive_limit > 0:
            naive = time_naive(book, company, args.naive_limit)
            what = f"naive shortest_simple_paths {company}"
            if naive is None:
                report.add(Row(size, f"{what}: not done in {args.naive_limit:.0f} s"))
            else:
                report.add(Row(size, what, naive, floor=("our --all", case["all"][0], None)))
    report.add(Row(size, "index ready after open (in-process)", index_s))
    wall, cpu = found["companies"]
    report.add(Row(size, "companies_in_reach (in-process)", wall, cpu))


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
    parser.add_argument("--search-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.naive_worker:
        naive_worker(args.naive_worker[0], args.naive_worker[1], float(args.naive_worker[2]))
        return
    if args.search_worker:
        search_worker(args.search_worker[0], int(args.search_worker[1]))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    nr = Runner(args.workdir, args.entry_point)
    mach = machine()
    print(f"machine: {mach}\n", flush=True)
    report = Report()
    n = args.repeat

    compile_sources()
    start = startup_floor(max(n, 5))
    startup = ("start-up floor", start.seconds, start.cpu)
    report.add(Row.of("-", "floor: minimal Typer app --help", start))
    command = command_floor(max(n, 5))
    report.add(Row.of("-", "floor: minimal Typer app running a command", command,
                      floor=startup))
    commanded = ("command floor", command.seconds, command.cpu)
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
                          floor=commanded, target="< 0.3 s", ok=s.seconds < 0.3))
    commands = nr.commands()
    for people in (int(x) for x in args.sizes.split(",") if x.strip()):
        bench_size(people, args, nr, report, command, commands)
    if args.markdown:
        header = (f"Machine: {mach}. Medians of {n} runs (start-up: {max(n, 5)}): "
                  f"`python bench/run.py --sizes {args.sizes} --repeat {n}`.")
        args.markdown.write_text(report.markdown(header), encoding="utf-8")
        print(f"\nwrote {args.markdown}")


if __name__ == "__main__":
    main()
