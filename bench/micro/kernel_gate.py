#!/usr/bin/env python3
"""Runs the kernel micro-benchmarks and checks the budgets of DESIGN.md section 6 as ratios measured
in the same run:
  - hold model at N = 1e3, 1e5, 1e6: >= 0.8x the bare std::priority_queue loop at the same N;
  - M/M/c (lam 90, mu 1, c 100): >= 3 M customers/s on one core.
Usage: kernel_gate.py BENCH_BINARY [--min-time SECONDS] [--repetitions K]
Prints a table; exits 1 when a budget is missed, 2 when the benchmark could not run.
"""
import argparse
import json
import subprocess
import sys

HOLD_RATIO = 0.8
MMC_CUSTOMERS_PER_S = 3e6


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--min-time", type=float, default=0.5)
    ap.add_argument("--repetitions", type=int, default=3)
    args = ap.parse_args()
    cmd = [args.binary, "--benchmark_format=json", f"--benchmark_min_time={args.min_time}",
           f"--benchmark_repetitions={args.repetitions}", "--benchmark_report_aggregates_only=true",
           "--benchmark_filter=BM_(BarePriorityQueue|HoldModel|Mmc)",
           "--benchmark_enable_random_interleaving=true"]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"kernel_gate: could not run {args.binary}: {e}", file=sys.stderr)
        return 2
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b
    failed = False
    print(f"{'budget':<42} {'measured':>14} {'reference':>14} {'ratio':>7}  ok")
    for n in ("1000", "100000", "1000000"):
        hold = medians.get(f"BM_HoldModel/{n}")
        bare = medians.get(f"BM_BarePriorityQueue/{n}")
        if not hold or not bare:
            print(f"kernel_gate: missing hold/bare results for N={n}", file=sys.stderr)
            return 2
        ratio = hold["items_per_second"] / bare["items_per_second"]
        ok = ratio >= HOLD_RATIO
        failed |= not ok
        print(f"{'hold model N=' + n + ' >= 0.8x bare heap':<42} {hold['items_per_second']:>12.3e}/s "
              f"{bare['items_per_second']:>12.3e}/s {ratio:>7.2f}  {'yes' if ok else 'NO'}")
    for name, b in sorted(medians.items()):
        if not name.startswith("BM_Mmc"):
            continue
        rate = b["customers_per_s"]
        gated = name.endswith("erlang_a:0")
        ok = rate >= MMC_CUSTOMERS_PER_S or not gated
        failed |= not ok
        label = ("M/M/c >= 3 M customers/s" if gated else "M/M/c+M (not gated)")
        print(f"{label:<42} {rate:>12.3e}/s {MMC_CUSTOMERS_PER_S:>12.3e}/s {rate / MMC_CUSTOMERS_PER_S:>7.2f}  "
              f"{'yes' if ok else 'NO'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
