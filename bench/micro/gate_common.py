"""Shared by the benchmark gates (*_gate.py): run a Google Benchmark binary with repetitions, randomly
interleaved so that a slow spell of a shared machine hits a benchmark and its reference alike, and
return the median of each benchmark by run name."""
import argparse
import json
import subprocess
import sys


def parse_args(doc, repetitions):
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--min-time", type=float, default=0.5)
    ap.add_argument("--repetitions", type=int, default=repetitions)
    return ap.parse_args()


def medians(args, name, benchmark_filter=None):
    """The median aggregate of every benchmark, by run name; None (after a message) if the run failed."""
    cmd = [args.binary, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
           f"--benchmark_repetitions={args.repetitions}", "--benchmark_report_aggregates_only=true",
           "--benchmark_enable_random_interleaving=true"]
    if benchmark_filter:
        cmd.append(f"--benchmark_filter={benchmark_filter}")
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        benchmarks = json.loads(out)["benchmarks"]
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
        print(f"{name}: could not run {args.binary}: {e}", file=sys.stderr)
        return None
    return {b["run_name"]: b for b in benchmarks if b.get("aggregate_name") == "median"}


def header():
    print(f"{'budget':<44} {'measured':>14} {'reference':>14} {'ratio':>7}  ok")


def row(label, measured, reference, ok):
    print(f"{label:<44} {measured:>12.3e}/s {reference:>12.3e}/s {measured / reference:>7.2f}  "
          f"{'yes' if ok else 'NO'}")


def require(results, names, name):
    """The results of `names` in order, or None (after a message) if the run failed or one is missing."""
    if results is None:
        return None
    found = [results.get(n) for n in names]
    if not all(found):
        print(f"{name}: missing results for {', '.join(names)}", file=sys.stderr)
        return None
    return found
