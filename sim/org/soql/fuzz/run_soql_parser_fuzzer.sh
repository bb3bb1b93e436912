#!/bin/sh
# Runs the SOQL parser fuzzer for N seconds from the seed corpus in tests/sim/org/soql/corpus.
# New inputs go to a scratch directory (the checked-in corpus stays as it is). A crash, leak, timeout
# or sanitizer report makes the fuzzer exit non-zero, and so this script.
# Usage: run_soql_parser_fuzzer.sh <path to recoup_fuzz_soql_parser> [seconds, default 60]
set -eu
fuzzer=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/../../../../tests/sim/org/soql/corpus"
work=$(mktemp -d "${TMPDIR:-/tmp}/soql-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# -timeout: one input taking > 5 s is a hang; -rss_limit_mb guards against blow-ups; -max_len covers
# realistic queries. Artifacts (crashing inputs) are written to the current directory.
"$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
  -dict="$seeds/../soql.dict" -print_final_stats=1 "$work" "$seeds"
