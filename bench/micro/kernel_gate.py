#!/usr/bin/env python3
"""Runs the kernel micro-benchmarks and checks the budgets of DESIGN.md section 6 as ratios measured
in the same run:
  - hold model at N = 1e3, 1e5, 1e6: >= 0.8x the bare std::priority_queue loop at the same N;
  - M/M/c (lam 90, mu 1, c 100): >= 3 M customers/s on one core.
Usage: kernel_gate.py BENCH_BINARY [--min-time SECONDS] [--repetitions K]
Prints a table; exits 1 when a budget is missed, 2 when the benchmark could not run.
"""
import sys

import gate_common

HOLD_RATIO = 0.8
MMC_CUSTOMERS_PER_S = 3e6


def main():
    args = gate_common.parse_args(__doc__, repetitions=5)
    medians = gate_common.medians(args, "kernel_gate", "BM_(BarePriorityQueue|HoldModel|Mmc)")
    if medians is None:
        return 2
    failed = False
    gate_common.header()
    for n in ("1000", "100000", "1000000"):
        hold = medians.get(f"BM_HoldModel/{n}")
        bare = medians.get(f"BM_BarePriorityQueue/{n}")
        if not hold or not bare:
            print(f"kernel_gate: missing hold/bare results for N={n}", file=sys.stderr)
            return 2
        ratio = hold["items_per_second"] / bare["items_per_second"]
        ok = ratio >= HOLD_RATIO
        failed |= not ok
        gate_common.row(f"hold model N={n} >= 0.8x bare heap", hold["items_per_second"],
                        bare["items_per_second"], ok)
    for name, b in sorted(medians.items()):
        if not name.startswith("BM_Mmc"):
            continue
        rate = b["customers_per_s"]
        gated = name.endswith("erlang_a:0")
        ok = rate >= MMC_CUSTOMERS_PER_S or not gated
        failed |= not ok
        label = ("M/M/c >= 3 M customers/s" if gated else "M/M/c+M (not gated)")
        gate_common.row(label, rate, MMC_CUSTOMERS_PER_S, ok)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
