#!/usr/bin/env python3
"""Runs the decision-core micro-benchmarks and checks the budget of DESIGN.md section 6:
  - the pre-contact pipeline (segment + assign + compliance verdict, risk batch-scored ahead) at
    >= 5 M accounts/s on one core (BM_PreContactPipeline; an absolute rate, so run it on a quiet machine).
BM_ComplianceCheck (whole portfolio, and 1,024 accounts that stay in cache) is reported, not gated.
Usage: core_gate.py BENCH_BINARY [--min-time SECONDS] [--repetitions K]
Prints a table; exits 1 when the budget is missed, 2 when the benchmark could not run.
"""
import sys

import gate_common

PIPELINE_ACCOUNTS_PER_S = 5e6


def main():
    args = gate_common.parse_args(__doc__, repetitions=5)
    found = gate_common.require(gate_common.medians(args, "core_gate"),
                                ["BM_PreContactPipeline", "BM_ComplianceCheck/65536",
                                 "BM_ComplianceCheck/1024"], "core_gate")
    if found is None:
        return 2
    pipeline, check, in_cache = found
    ok = pipeline["items_per_second"] >= PIPELINE_ACCOUNTS_PER_S
    gate_common.header()
    gate_common.row("pre-contact pipeline >= 5 M accounts/s", pipeline["items_per_second"],
                    PIPELINE_ACCOUNTS_PER_S, ok)
    print(f"{'compliance check alone (not gated)':<44} {check['items_per_second']:>12.3e}/s")
    print(f"{'compliance check, 1,024 accounts in cache':<44} {in_cache['items_per_second']:>12.3e}/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
