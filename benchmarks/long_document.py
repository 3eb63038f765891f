"""Whole long documents: coding time and peak memory of one text of 1, 5 and 20 MB.

Usage: .venv/bin/python benchmarks/long_document.py [--sizes 1,5,20] [--data ../shared/data]

The text is the bundled demo articles (and the synthetic wire stories, when the shared data is
there) joined by paragraph breaks and repeated to the size, written under /tmp. Each size is
coded in a process of its own (so that its peak RSS is its own): the file read through the
extract command's reader (`--max-bytes` raised to fit), the pipeline's windows (Settings
.window_chars), the stitched document turned into its JSON line. CPU time per MB (wall time
too, which other work on the machine inflates) that stays flat from 1 to 20 MB shows that the
time is linear in the length; the parse's memory is bounded by
the window, so what grows is the coded result (sentences, events) held for the one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_data import SHARED_DATA, read_rows
from eventcoder import Pipeline, Settings
from eventcoder.ingest import read_inputs
from eventcoder.model import Document
from eventcoder.resources import bundled

MB = 1_000_000


def source_texts(data: Path) -> list[str]:
    """The texts repeated to build the long document."""
    demo = bundled("data", "demo", "articles.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in demo.splitlines() if line.strip()]
    stories = data / "synthetic_stories.jsonl"
    if stories.exists():
        texts += [row["text"] for row in read_rows(stories)]
    return texts


def build(path: Path, size: int, texts: list[str]) -> None:
    """Write a text of `size` bytes (ASCII-heavy news text) made of the texts, repeated."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            for text in texts:
                chunk = text.strip() + "\n\n"
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                if written >= size:
                    break


def peak_mib() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def code_one(path: Path) -> dict[str, float]:
    """Run in a child process: read and code one file; its figures."""
    pipeline = Pipeline(Settings())
    pipeline.annotate(Document(text="Iran condemned Israel.", doc_id="warm-up"))
    loaded = peak_mib()
    started, cpu = time.perf_counter(), time.process_time()
    [document] = read_inputs([str(path)], max_bytes=path.stat().st_size + 1)
    if not isinstance(document, Document):
        raise SystemExit(f"cannot read {path}: {document.reason}")
    annotated = pipeline.annotate(document)
    coded, coded_cpu = time.perf_counter(), time.process_time()
    line = json.dumps(annotated.to_json())
    done = time.perf_counter()
    return {"mb": path.stat().st_size / MB, "chars": len(document.text),
            "code_s": coded - started, "cpu_s": coded_cpu - cpu, "json_s": done - coded,
            "loaded_mib": loaded,
            "peak_mib": peak_mib(), "sentences": len(annotated.sentences),
            "events": len(annotated.events), "errors": len(annotated.errors),
            "json_mb": len(line) / MB}


def main() -> None:
    """Build the texts, code each in a child process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20", help="sizes in MB, comma-separated")
    parser.add_argument("--data", type=Path, default=SHARED_DATA)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(code_one(args.child)))
        return
    texts = source_texts(args.data)
    print(f"window {Settings().window_chars} characters; text from {len(texts)} articles",
          flush=True)
    print(f"{'MB':>6} {'chars':>11} {'coding s':>9} {'CPU s':>7} {'CPU s/MB':>9} "
          f"{'json s':>7} "
          f"{'peak RSS':>9} {'over load':>10} {'sentences':>10} {'events':>8}", flush=True)
    with tempfile.TemporaryDirectory(prefix="eventcoder-long-") as folder:
        for size in (float(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"long-{size:g}MB.txt"
            build(path, int(size * MB), texts)
            child = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                   capture_output=True, text=True, check=True)
            row = json.loads(child.stdout.splitlines()[-1])
            path.unlink()
            print(f"{row['mb']:>6.1f} {row['chars']:>11,} {row['code_s']:>9.1f} "
                  f"{row['cpu_s']:>7.1f} {row['cpu_s'] / row['mb']:>9.1f} {row['json_s']:>7.1f} "
                  f"{row['peak_mib']:>5.0f} MiB {row['peak_mib'] - row['loaded_mib']:>6.0f} MiB "
                  f"{row['sentences']:>10,} {row['events']:>8,}", flush=True)


if __name__ == "__main__":
    main()
