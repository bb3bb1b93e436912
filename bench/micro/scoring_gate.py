#!/usr/bin/env python3
"""Runs the scoring micro-benchmarks and checks the budget of DESIGN.md section 6 as a ratio measured
in the same run:
  - batch scoring of a 1M x 32 feature matrix (BM_ScoreBatch) >= 0.5x the rate of a plain read of the
    same matrix (BM_ReadMatrix), rows per second, medians over the repetitions (9 by default, randomly interleaved).
BM_ScoreSingle, BM_ExtractFeatures and BM_SegmentAndAssign are reported, not gated.
Usage: scoring_gate.py BENCH_BINARY [--min-time SECONDS] [--repetitions K]
Prints a table; exits 1 when the budget is missed, 2 when the benchmark could not run.
"""
import argparse
import json
import subprocess
import sys

BATCH_RATIO = 0.5


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--min-time", type=float, default=0.5)
    ap.add_argument("--repetitions", type=int, default=9)
    args = ap.parse_args()
    cmd = [args.binary, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
           f"--benchmark_repetitions={args.repetitions}", "--benchmark_report_aggregates_only=true",
           "--benchmark_enable_random_interleaving=true"]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        benchmarks = json.loads(out)["benchmarks"]
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
        print(f"scoring_gate: could not run {args.binary}: {e}", file=sys.stderr)
        return 2
    medians = {b["run_name"]: b for b in benchmarks if b.get("aggregate_name") == "median"}
    read = medians.get("BM_ReadMatrix")
    batch = medians.get("BM_ScoreBatch")
    if not read or not batch:
        print("scoring_gate: missing BM_ReadMatrix / BM_ScoreBatch results", file=sys.stderr)
        return 2
    ratio = batch["items_per_second"] / read["items_per_second"]
    ok = ratio >= BATCH_RATIO
    print(f"{'budget':<44} {'measured':>14} {'reference':>14} {'ratio':>7}  ok")
    print(f"{'batch scoring 1M x 32 >= 0.5x plain read':<44} {batch['items_per_second']:>12.3e}/s "
          f"{read['items_per_second']:>12.3e}/s {ratio:>7.2f}  {'yes' if ok else 'NO'}")
    for name in ("BM_ScoreSingle", "BM_ExtractFeatures", "BM_SegmentAndAssign"):
        b = medians.get(name)
        if b:
            print(f"{name + ' (not gated)':<44} {b['items_per_second']:>12.3e}/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
