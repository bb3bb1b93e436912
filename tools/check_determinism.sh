#!/usr/bin/env bash
# check_determinism.sh: bans ambient inputs on paths that produce output (DESIGN.md section 3).
#
# Usage: tools/check_determinism.sh [REPO_ROOT]   (default: the repository that holds this script)
#
# Scans the C++ sources (.h .hh .hpp .cc .cpp .cxx .ipp .inc) under core/ sim/ scenarios/ (folders that
# do not exist are skipped) for:
#   - randomness not drawn from a keyed stream: std::random_device, rand(), srand(),
#     std::default_random_engine, std::*_distribution, std::shuffle / std::sample (the last three
#     are implementation-defined, so not bit-identical across standard libraries);
#   - wall and process clocks: std::time(), time(nullptr|NULL|0|&t), std::clock(), system_clock,
#     steady_clock, high_resolution_clock (and utc/tai/gps/file_clock), any `::now(`,
#     gettimeofday, clock_gettime, timespec_get;
#   - the environment: getenv, secure_getenv;
#   - unordered containers (iteration order is unspecified): unordered_map, unordered_set,
#     unordered_multimap, unordered_multiset (std:: or boost::).
# thread_local is allowed. Text inside comments and string literals is ignored, and so are #include
# lines. A line may opt out with a trailing comment naming a non-empty reason:
#     std::unordered_map<Id, int> index_;  // determinism: allow(lookup only, never iterated)
#
# Output: one line per violation, "path:line: <rule> (<offending line>)", then a summary line.
# Exit status: 0 clean, 1 violations found, 2 usage error.
set -euo pipefail

check_tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/check_common.sh
source "$check_tools_dir/check_common.sh"
check_enter_root check_determinism "$@"

dirs=()
for d in core sim scenarios; do
  [ -d "$d" ] && dirs+=("$d")
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "check_determinism: OK (no core/, sim/ or scenarios/ under $(pwd))"
  exit 0
fi

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find "${dirs[@]}" -type f \( -name '*.h' -o -name '*.hh' -o -name '*.hpp' -o -name '*.cc' \
    -o -name '*.cpp' -o -name '*.cxx' -o -name '*.ipp' -o -name '*.inc' \) -print0 |
    LC_ALL=C sort -z)

if [ ${#files[@]} -eq 0 ]; then
  echo "check_determinism: OK (0 files)"
  exit 0
fi

read -r -d '' AWK_PROGRAM <<'AWK' || true
function trim(s) {
  sub(/^[ \t]+/, "", s)
  sub(/[ \t\r]+$/, "", s)
  return s
}
function add_ban(regex, rule) {
  nbans++
  ban_re[nbans] = regex
  ban_rule[nbans] = rule
}

BEGIN {
  # Identifier boundaries are spelled out ([^A-Za-z0-9_]) because mawk has no \b; each code line is
  # padded with a space on both sides so that a match at the start or end still has a boundary.
  # The first matching ban names the violation; order the specific before the general.
  ID = "[^A-Za-z0-9_]"
  NOT_MEMBER = "[^A-Za-z0-9_.>]"
  add_ban(ID "random_device" ID, "std::random_device is ambient randomness (draw from a keyed stream)")
  add_ban(NOT_MEMBER "s?rand[ \t]*\\(", "rand()/srand() is ambient randomness (draw from a keyed stream)")
  add_ban(ID "default_random_engine" ID,
          "std::default_random_engine is implementation-defined (use a keyed stream)")
  add_ban("std::[a-z_]+_distribution" ID,
          "std:: distributions are implementation-defined (use Boost.Random through a keyed stream)")
  add_ban("std::(random_)?shuffle[ \t]*\\(|std::sample[ \t]*\\(",
          "std::shuffle/std::sample are implementation-defined (write the draw from a keyed stream)")
  add_ban(ID "(system|steady|high_resolution|utc|tai|gps|file)_clock" ID,
          "real clocks are ambient (time comes from the Executor)")
  add_ban("::now[ \t]*\\(", "::now() reads a real clock (time comes from the Executor)")
  add_ban("std::time[ \t]*\\(", "time() reads the wall clock (time comes from the Executor)")
  add_ban(NOT_MEMBER "time[ \t]*\\([ \t]*(nullptr|NULL|0|&)",
          "time() reads the wall clock (time comes from the Executor)")
  add_ban("std::clock[ \t]*\\(|" NOT_MEMBER "clock[ \t]*\\([ \t]*\\)",
          "clock() reads the process clock (time comes from the Executor)")
  add_ban(ID "(gettimeofday|clock_gettime|timespec_get)[ \t]*\\(",
          "reads a real clock (time comes from the Executor)")
  add_ban(ID "(secure_)?getenv[ \t]*\\(",
          "getenv reads the environment (pass configuration in explicitly)")
  add_ban(ID "unordered_(multi)?(map|set)" ID,
          "unordered containers iterate in unspecified order (use std::map, std::set or a sorted vector)")
}

FNR == 1 { in_block = 0 }

{
  # Split the line into code (comments and the contents of string/char literals removed) and the
  # text of a trailing // comment.
  s = $0; n = length(s); code = ""; comment = ""; i = 1
  while (i <= n) {
    if (in_block) {
      j = index(substr(s, i), "*/")
      if (j == 0) { i = n + 1; break }
      i += j + 1; in_block = 0; code = code " "
      continue
    }
    c = substr(s, i, 1); c2 = substr(s, i, 2)
    if (c2 == "/*") { in_block = 1; i += 2; continue }
    if (c2 == "//") { comment = substr(s, i + 2); break }
    if (c == "\"" || (c == "'" && !(i > 1 && substr(s, i - 1, 1) ~ /[0-9A-Fa-f]/))) {
      # A literal; a ' after a hex digit is a digit separator (1'000'000) and stays code.
      q = c; i++
      while (i <= n) {
        d = substr(s, i, 1)
        if (d == "\\") { i += 2; continue }
        if (d == q) break
        i++
      }
      i++
      code = code q q
      continue
    }
    code = code c; i++
  }
  if (code ~ /^[ \t]*#[ \t]*include/) next

  # The opt-out: "// determinism: allow(<reason>)" with a non-empty reason.
  opted_out = 0; bad_opt_out = 0
  if (match(comment, /determinism:[ \t]*allow[ \t]*\(/)) {
    reason = substr(comment, RSTART + RLENGTH)
    close_paren = index(reason, ")")
    reason = close_paren ? trim(substr(reason, 1, close_paren - 1)) : ""
    if (reason != "") opted_out = 1; else bad_opt_out = 1
  }

  padded = " " code " "
  for (k = 1; k <= nbans; k++) {
    if (padded ~ ban_re[k]) {
      if (opted_out) break
      rule = ban_rule[k]
      if (bad_opt_out) rule = rule "; the opt-out needs a reason: determinism: allow(<reason>)"
      printf "%s:%d: %s (%s)\n", FILENAME, FNR, rule, trim($0)
      bad_opt_out = 0
      break
    }
  }
  if (bad_opt_out) {
    printf "%s:%d: %s (%s)\n", FILENAME, FNR,
           "determinism opt-out without a reason: write determinism: allow(<reason>)", trim($0)
  }
}
AWK

check_report check_determinism "DESIGN.md section 3"
