#!/usr/bin/env python3
"""Runs the end-to-end benchmark (recoup_bench_macro: the default scenario's champion arm, one core)
at a small and a large portfolio and checks the budget of the simulated-operation issue:
  - the large run (1 M accounts x 180 days by default) in <= 60 s of wall time;
  - <= 1 KB of peak resident memory per account at the large size;
  - time and memory linear in accounts: the large run's wall time is at most 1.25 x (large / small
    accounts) x the small run's, and its bytes per account at most 1.25 x the small run's;
  - no compliance violation in either run.
Each size runs in its own process (peak RSS is per process). Run it on a quiet machine: wall time is
an absolute figure. The 1 M run needs about 2.5 GB of memory.
Usage: macro_gate.py BENCH_BINARY [--small N] [--large N] [--days D]
Prints a table; exits 1 when the budget is missed, 2 when the benchmark could not run.
"""
import argparse
import json
import subprocess
import sys

WALL_BUDGET_S = 60.0
BYTES_PER_ACCOUNT_BUDGET = 1024.0
LINEARITY_SLACK = 1.25


def run(binary, accounts, days):
    """The benchmark's JSON line for one size, or None (after a message) if it failed."""
    cmd = [binary, "--accounts", str(accounts), "--days", str(days)]
    try:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError) as e:
        detail = getattr(e, "stderr", "") or ""
        print(f"macro_gate: could not run {' '.join(cmd)}: {e} {detail.strip()}", file=sys.stderr)
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--small", type=int, default=100_000, help="accounts of the small run")
    ap.add_argument("--large", type=int, default=1_000_000, help="accounts of the large run")
    ap.add_argument("--days", type=int, default=180)
    args = ap.parse_args()
    if not 0 < args.small < args.large or args.days < 1:
        ap.error("need 0 < --small < --large and --days >= 1")

    small = run(args.binary, args.small, args.days)
    large = run(args.binary, args.large, args.days) if small is not None else None
    if small is None or large is None:
        return 2

    print(f"{'accounts':>10} {'days':>5} {'wall s':>8} {'events':>12} {'events/s':>10} "
          f"{'peak RSS MB':>12} {'B/account':>10} {'violations':>10}")
    for r in (small, large):
        print(f"{r['accounts']:>10} {r['days']:>5} {r['wall_s']:>8.1f} {r['events']:>12} "
              f"{r['events_per_s']:>10.0f} {r['peak_rss_kb'] / 1024:>12.0f} "
              f"{r['bytes_per_account']:>10.0f} {r['violations']:>10}")

    scale = args.large / args.small
    checks = [
        (f"wall time at {args.large} accounts <= {WALL_BUDGET_S:.0f} s", large["wall_s"],
         WALL_BUDGET_S),
        (f"bytes per account at {args.large} <= {BYTES_PER_ACCOUNT_BUDGET:.0f}",
         large["bytes_per_account"], BYTES_PER_ACCOUNT_BUDGET),
        (f"wall time x{scale:g} accounts <= {LINEARITY_SLACK} x {scale:g} x small",
         large["wall_s"], LINEARITY_SLACK * scale * small["wall_s"]),
        (f"bytes per account <= {LINEARITY_SLACK} x small", large["bytes_per_account"],
         LINEARITY_SLACK * small["bytes_per_account"]),
        ("compliance violations = 0", small["violations"] + large["violations"], 0),
    ]
    print()
    print(f"{'budget':<52} {'measured':>10} {'limit':>10} {'ratio':>6}  ok")
    ok_all = True
    for label, measured, limit in checks:
        ok = measured <= limit
        ok_all = ok_all and ok
        ratio = f"{measured / limit:6.2f}" if limit else "     -"
        print(f"{label:<52} {measured:>10.1f} {limit:>10.1f} {ratio}  {'yes' if ok else 'NO'}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
