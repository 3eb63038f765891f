"""Throughput: plain spaCy against `eventcoder extract` with the local and the Dask engine.

Usage:
    .venv/bin/python benchmarks/throughput.py [--data ../shared/data/synthetic_stories.jsonl]
        [--limit N] [--workers 2] [--cases plain,local,dask]
    .venv/bin/python benchmarks/throughput.py --profile 400    # where the local engine's time goes

Each case runs in its own process, watched with psutil for peak memory (RSS) per process:
(a) plain: `nlp.pipe` over the same texts with the same model and batch size;
(b) local: `eventcoder extract DATA --db fresh.duckdb` (store written, clusters updated);
(c) dask:  the same with `--engine dask --workers N` (a local cluster, one thread per worker).
Rates count the coding phase only (model loading and cluster start-up excluded; the store
writes and Parquet loads included); the wall time of the whole command is printed too.
Goals (issue 6): b/a >= 0.8, c/b >= 1.7 on 2 cores, peak memory <= 1.5 GB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "synthetic_stories.jsonl"
WRITER_STAGE = "store write (DuckDB, own thread)"
SUMMARY = re.compile(r"(\d+) documents coded, (\d+) events, (\d+) failed \(([\d.]+) s")
PLAIN = """
import json, sys, time
from eventcoder.nlp import load_pipeline
from eventcoder.settings import Settings
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
texts = texts[:int(sys.argv[2])] if int(sys.argv[2]) else texts
settings = Settings()
nlp = load_pipeline(settings.model)
started = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=settings.batch_size):
    pass
print(json.dumps({"documents": len(texts), "seconds": time.perf_counter() - started}))
"""


@dataclass
class Case:
    """One measured run."""

    name: str
    documents: int = 0
    seconds: float = 0.0  # coding phase
    wall: float = 0.0  # whole command
    events: int = 0
    peak: dict[str, int] = field(default_factory=dict)  # process label -> peak RSS bytes

    def rate(self, words: int) -> tuple[float, float]:
        """Documents and words per second of the coding phase."""
        return self.documents / self.seconds, words / self.seconds


class MemoryWatch:
    """Samples the RSS of a process and its children until stopped; the peak of each."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    label = self._label(process)
                except psutil.Error:
                    continue
                if rss > self.peak.get(process.pid, ("", 0))[1]:
                    self.peak[process.pid] = (label, rss)
            time.sleep(self.interval)

    def _label(self, process: psutil.Process) -> str:
        if process.pid == self.root.pid:
            return "main"
        command = " ".join(process.cmdline())
        return "worker" if "spawn_main" in command or "forkserver" in command else "helper"

    def stop(self) -> dict[str, int]:
        """Stop sampling; peak RSS by label (workers numbered)."""
        self._stop.set()
        self._thread.join()
        result: dict[str, int] = {}
        workers = 0
        for _pid, (label, rss) in sorted(self.peak.items()):
            if label == "worker":
                workers += 1
                label = f"worker {workers}"
            if label != "helper":
                result[label] = rss
        return result


def _run(name: str, command: list[str], cwd: Path) -> tuple[Case, str, str]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    watch = MemoryWatch(process.pid)
    out, err = process.communicate()
    case = Case(name, wall=time.perf_counter() - started, peak=watch.stop())
    if process.returncode not in (0, 1):
        raise SystemExit(f"{name} failed ({process.returncode}):\n{err[-3000:]}")
    return case, out, err


def plain(data: Path, limit: int, cwd: Path) -> Case:
    """(a) nlp.pipe alone."""
    case, out, _ = _run("a plain nlp.pipe", [sys.executable, "-c", PLAIN, str(data), str(limit)],
                        cwd)
    result = json.loads(out.splitlines()[-1])
    case.documents, case.seconds = result["documents"], result["seconds"]
    return case


def extract(name: str, data: Path, cwd: Path, extra: list[str]) -> Case:
    """(b) and (c): the eventcoder command on the same data, into a fresh store."""
    exe = shutil.which("eventcoder", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "eventcoder"]
    db = cwd / f"{name.split()[0]}.duckdb"
    case, _, err = _run(name, [*command, "extract", str(data), "--db", str(db), "--published",
                               "2024-01-15", *extra], cwd)
    found = SUMMARY.search(err)
    if not found:
        raise SystemExit(f"{name}: no summary line in:\n{err[-3000:]}")
    case.documents, case.events = int(found[1]), int(found[2])
    case.seconds = float(found[4])
    return case


def _subset(data: Path, limit: int, folder: Path) -> tuple[Path, int]:
    lines = [line for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:limit] if limit else lines
    path = folder / "input.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, sum(len(json.loads(line)["text"].split()) for line in lines)


def report(cases: dict[str, Case], words: int, workers: int) -> None:
    """Print the table and the ratios."""
    print(f"cores: {os.cpu_count()}, documents: {next(iter(cases.values())).documents}, "
          f"words: {words}, dask workers: {workers}")
    print(f"{'case':24} {'docs/s':>8} {'words/s':>9} {'coding s':>9} {'wall s':>8}  peak RSS")
    for case in cases.values():
        docs, wps = case.rate(words)
        peaks = ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in case.peak.items())
        print(f"{case.name:24} {docs:8.1f} {wps:9.0f} {case.seconds:9.1f} {case.wall:8.1f}  "
              f"{peaks}")
    rates = {k: c.rate(words)[0] for k, c in cases.items()}
    if "plain" in rates and "local" in rates:
        print(f"b/a = {rates['local'] / rates['plain']:.2f} (goal >= 0.8)")
    if "local" in rates and "dask" in rates:
        print(f"c/b = {rates['dask'] / rates['local']:.2f} (goal >= 1.7)")
    walls = {k: c.documents / c.wall for k, c in cases.items()}
    if "local" in walls and "dask" in walls:
        print(f"c/b on wall time (start-up included) = {walls['dask'] / walls['local']:.2f}")


class StageTimer:
    """Wall time spent inside wrapped functions, by stage (exclusive of nested stages)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.stack: list[str] = []

    def _add(self, stage: str, started: float, nested_before: float) -> None:
        spent = time.perf_counter() - started
        nested = self.seconds.get("_nested_" + stage, 0.0) - nested_before
        self.seconds[stage] = self.seconds.get(stage, 0.0) + spent - nested
        if self.stack:
            parent = "_nested_" + self.stack[-1]
            self.seconds[parent] = self.seconds.get(parent, 0.0) + spent

    def wrap(self, stage: str, fn):  # type: ignore[no-untyped-def]
        """`fn`, timed as `stage`."""
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            before = self.seconds.get("_nested_" + stage, 0.0)
            self.stack.append(stage)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.stack.pop()
                self._add(stage, started, before)
        return timed

    def wrap_iterator(self, stage: str, fn):  # type: ignore[no-untyped-def]
        """`fn` returning an iterator, each step timed as `stage`."""
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            iterator = iter(fn(*args, **kwargs))
            while True:
                started = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self._add(stage, started, self.seconds.get("_nested_" + stage, 0.0))
                    return
                self._add(stage, started, self.seconds.get("_nested_" + stage, 0.0))
                yield item
        return timed


def profile_stages(data: Path, limit: int) -> None:
    """Code `limit` documents with the local engine into an in-memory store, timing every
    stage; then the ten most costly eventcoder functions under cProfile."""
    import cProfile
    import pstats

    import duckdb

    from eventcoder import __version__, pipeline
    from eventcoder.cli.extract import LOCAL_PARTITION
    from eventcoder.engine import ExtractJob, LocalEngine, job, local
    from eventcoder.ingest import read_inputs
    from eventcoder.settings import Settings
    from eventcoder.store import EventStore, duckdb_store

    timer = StageTimer()
    for name, stage in (("find_times", "times"), ("find_quotes", "quotes"),
                        ("code_document", "coding (predicates, lexicon)")):
        if hasattr(pipeline, name):
            setattr(pipeline, name, timer.wrap(stage, getattr(pipeline, name)))
    pipeline.parse_texts = timer.wrap_iterator("parse (spaCy nlp.pipe)", pipeline.parse_texts)
    pipeline.Pipeline._event = timer.wrap("events (dates, places, ids)",  # type: ignore
                                          pipeline.Pipeline._event)
    local.build_batch = timer.wrap("store rows (to_json, Arrow)", local.build_batch)
    duckdb_store.EventStore.write_batch = timer.wrap(  # type: ignore
        WRITER_STAGE, duckdb_store.EventStore.write_batch)
    job.update_clusters = timer.wrap("event clusters", job.update_clusters)
    started = time.perf_counter()
    nlp_pipeline = pipeline.Pipeline(Settings())
    load = time.perf_counter() - started
    nlp_pipeline.resolver.resolve = timer.wrap("actors", nlp_pipeline.resolver.resolve)
    nlp_pipeline.places.find = timer.wrap("places", nlp_pipeline.places.find)
    items = list(read_inputs([str(data)]))[:limit]
    store = EventStore(duckdb.connect(":memory:"), __version__)
    extract_job = ExtractJob(LocalEngine(nlp_pipeline), version=__version__, store=store,
                             partition_size=LOCAL_PARTITION)
    started = time.perf_counter()
    extract_job.run(extract_job.plan(items))
    total = time.perf_counter() - started
    stages = {k: v for k, v in timer.seconds.items() if not k.startswith("_")}
    # The store is written in a thread of its own, overlapping the rest: not part of the sum.
    in_main = sum(v for k, v in stages.items() if k != WRITER_STAGE)
    stages["other (job, annotate glue)"] = total - in_main
    print(f"{len(items)} documents in {total:.1f} s ({len(items) / total:.1f} docs/s); "
          f"pipeline load {load:.1f} s")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:32} {seconds:7.2f} s  {100 * seconds / total:5.1f} %  "
              f"{1000 * seconds / len(items):6.1f} ms/doc")
    profiler = cProfile.Profile()
    subset = items[:max(1, limit // 4)]
    fresh = EventStore(duckdb.connect(":memory:"), __version__)
    profiled = ExtractJob(LocalEngine(nlp_pipeline), version=__version__, store=fresh)
    profiler.runcall(lambda: profiled.run(profiled.plan(subset)))
    stats = pstats.Stats(profiler)
    own = [(func, row) for func, row in stats.stats.items()  # type: ignore[attr-defined]
           if "eventcoder" in func[0] and "throughput" not in func[0]]
    print(f"cProfile on {len(subset)} documents, eventcoder functions by own time:")
    for (path, line, name), row in sorted(own, key=lambda item: -item[1][2])[:12]:
        short = path.split("src/eventcoder/")[-1]
        print(f"  {row[2]:6.2f} s own {row[3]:6.2f} s cum  {short}:{line} {name}")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N documents (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", default="plain,local,dask")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="instead: time each stage of the local engine on N documents")
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"no data at {args.data}")
    if args.profile:
        profile_stages(args.data, args.profile)
        return
    unknown = set(args.cases.split(",")) - {"plain", "local", "dask"}
    if unknown:
        parser.error(f"unknown cases {sorted(unknown)}: use plain, local, dask")
    with tempfile.TemporaryDirectory(prefix="eventcoder-bench-") as tmp:
        folder = Path(tmp)
        data, words = _subset(args.data, args.limit, folder)
        cases: dict[str, Case] = {}
        for name in args.cases.split(","):
            if name == "plain":
                cases[name] = plain(data, 0, folder)
            elif name == "local":
                cases[name] = extract("b local engine", data, folder, [])
            elif name == "dask":
                cases[name] = extract(f"c dask, {args.workers} workers", data, folder,
                                      ["--engine", "dask", "--workers", str(args.workers)])
            print(f"{name}: done in {cases[name].wall:.0f} s", file=sys.stderr, flush=True)
        report(cases, words, args.workers)


if __name__ == "__main__":
    main()
