#!/usr/bin/env python3
"""Runs the scoring micro-benchmarks and checks the budget of DESIGN.md section 6 as a ratio measured
in the same run:
  - batch scoring of a 1M x 32 feature matrix (BM_ScoreBatch) >= 0.5x the rate of a plain read of the
    same matrix (BM_ReadMatrix), rows per second, medians over the repetitions (9 by default, randomly interleaved).
BM_ScoreSingle, BM_ExtractFeatures and BM_SegmentAndAssign are reported, not gated.
Usage: scoring_gate.py BENCH_BINARY [--min-time SECONDS] [--repetitions K]
Prints a table; exits 1 when the budget is missed, 2 when the benchmark could not run.
"""
import sys

import gate_common

BATCH_RATIO = 0.5


def main():
    args = gate_common.parse_args(__doc__, repetitions=9)
    medians = gate_common.medians(args, "scoring_gate")
    found = gate_common.require(medians, ["BM_ReadMatrix", "BM_ScoreBatch"], "scoring_gate")
    if found is None:
        return 2
    read, batch = found
    ratio = batch["items_per_second"] / read["items_per_second"]
    ok = ratio >= BATCH_RATIO
    gate_common.header()
    gate_common.row("batch scoring 1M x 32 >= 0.5x plain read", batch["items_per_second"],
                    read["items_per_second"], ok)
    for name in ("BM_ScoreSingle", "BM_ExtractFeatures", "BM_SegmentAndAssign"):
        b = medians.get(name)
        if b:
            print(f"{name + ' (not gated)':<44} {b['items_per_second']:>12.3e}/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
