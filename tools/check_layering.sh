#!/usr/bin/env bash
# check_layering.sh: enforces the dependency direction of DESIGN.md section 1.
#
# Usage: tools/check_layering.sh [REPO_ROOT]   (default: the repository that holds this script)
#
# Scans the #include lines of C++ sources (.h .hh .hpp .cc .cpp .cxx .ipp .inc) and the link
# dependencies of CMake files (target_link_libraries, and the DEPS / PRIVATE_DEPS of recoup_library,
# recoup_executable and recoup_test) under core/ sim/ scenarios/ live/ cli/ bench/ python/.
# Folders that do not exist are skipped; tests/ and tools/ may depend on anything.
#
#   core/       includes and links only core/, the C++ standard library, Eigen and a time-zone
#               library (<date/...>, <cctz/...>); and none of the standard headers for threads,
#               I/O to files or the console, clocks or random numbers (<thread>, <iostream>, ...).
#   sim/        never depends on live/, scenarios/ or the consumers (cli/ bench/ python/ tests/ tools/).
#   scenarios/  never depends on live/ or the consumers.
#   live/       never depends on sim/ or scenarios/ (the production binary carries no simulation
#               code), nor on the consumers.
#   cli/        never depends on live/ (nor bench/ python/ tests/ tools/).
#   bench/ python/  never depend on live/.
# Everywhere: include paths are written from the repository root, never with "../".
#
# Output: one line per violation, "path:line: <rule> (<offending text>)", then a summary line.
# Exit status: 0 clean, 1 violations found, 2 usage error.
set -euo pipefail

check_tools_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/check_common.sh
source "$check_tools_dir/check_common.sh"
check_enter_root check_layering "$@"

dirs=()
for d in core sim scenarios live cli bench python; do
  [ -d "$d" ] && dirs+=("$d")
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "check_layering: OK (no layered folders under $(pwd))"
  exit 0
fi

files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(
  find "${dirs[@]}" -type f \( -name '*.h' -o -name '*.hh' -o -name '*.hpp' -o -name '*.cc' \
    -o -name '*.cpp' -o -name '*.cxx' -o -name '*.ipp' -o -name '*.inc' \
    -o -name 'CMakeLists.txt' -o -name '*.cmake' \) -print0 | LC_ALL=C sort -z)

if [ ${#files[@]} -eq 0 ]; then
  echo "check_layering: OK (0 files)"
  exit 0
fi

read -r -d '' AWK_PROGRAM <<'AWK' || true
function layer_of(path,   i) {
  i = index(path, "/")
  return i ? substr(path, 1, i - 1) : path
}
function trim(s) {
  sub(/^[ \t]+/, "", s)
  sub(/[ \t\r]+$/, "", s)
  return s
}
function report(line, rule, text) {
  printf "%s:%d: %s (%s)\n", FILENAME, line, rule, text
}
# Is `word` one of the space-separated words of `list`?
function listed(word, list) {
  return index(" " list " ", " " word " ") > 0
}
# Why a dependency of `from` on `to` is banned, when it is worth saying.
function why(from, to) {
  if (from == "live" && (to == "sim" || to == "scenarios"))
    return " (the production binary carries no simulation code)"
  if (to == "live") return " (only the live adapter binary carries live code)"
  return ""
}
function is_tz_or_eigen(path) {
  return path ~ /^(Eigen|unsupported\/Eigen|date|cctz)\//
}

BEGIN {
  forbid["core"] = "sim live scenarios python bench cli tools tests"
  forbid["sim"] = "live scenarios cli bench python tests tools"
  forbid["scenarios"] = "live cli bench python tests tools"
  forbid["live"] = "sim scenarios cli bench python tests tools"
  forbid["cli"] = "live bench python tests tools"
  forbid["bench"] = "live"
  forbid["python"] = "live"

  std_headers = "algorithm any array atomic barrier bit bitset charconv chrono cinttypes climits " \
    "clocale cmath codecvt compare complex concepts condition_variable coroutine csetjmp csignal " \
    "cstdarg cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype cassert cctype " \
    "cerrno cfenv cfloat deque exception execution expected filesystem flat_map flat_set format " \
    "forward_list fstream functional future generator initializer_list iomanip ios iosfwd " \
    "iostream istream iterator latch limits list locale map mdspan memory memory_resource mutex " \
    "new numbers numeric optional ostream print queue random ranges ratio regex " \
    "scoped_allocator semaphore set shared_mutex source_location span spanstream sstream stack " \
    "stacktrace stdexcept stdfloat stop_token streambuf string string_view strstream syncstream " \
    "system_error thread tuple type_traits typeindex typeinfo unordered_map unordered_set " \
    "utility valarray variant vector version " \
    "assert.h ctype.h errno.h fenv.h float.h inttypes.h limits.h locale.h math.h setjmp.h " \
    "signal.h stdarg.h stddef.h stdint.h stdio.h stdlib.h string.h time.h uchar.h wchar.h wctype.h"
  # Threads, file and console I/O, clocks, randomness: none of it in core (DESIGN.md sections 1, 3).
  core_banned_std = "thread mutex shared_mutex future atomic condition_variable semaphore latch " \
    "barrier stop_token execution random fstream filesystem iostream syncstream print ctime time.h"

  tll_keywords = "PUBLIC PRIVATE INTERFACE LINK_PUBLIC LINK_PRIVATE LINK_INTERFACE_LIBRARIES " \
    "debug optimized general"
  recoup_keywords = "SOURCES ALIAS INTERFACE DEPS PRIVATE_DEPS"
}

FNR == 1 {
  layer = layer_of(FILENAME)
  is_cmake = (FILENAME ~ /(^|\/)CMakeLists\.txt$/ || FILENAME ~ /\.cmake$/)
  # CMake tokenizer state, reset per file.
  depth = 0; inq = 0; had_quote = 0; word = ""; word_line = 0; last_word = ""; cmd = ""; ntok = 0
}

# ---------------------------------------------------------------- C++ sources: #include lines.
!is_cmake && /^[ \t]*#[ \t]*include[ \t]*[<"]/ {
  line = $0
  sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
  angled = substr(line, 1, 1) == "<"
  path = substr(line, 2)
  end = index(path, angled ? ">" : "\"")
  if (end == 0) next
  path = substr(path, 1, end - 1)
  text = trim($0)
  target = layer_of(path)

  if (path ~ /(^|\/)\.\.\//) {
    report(FNR, "include paths are written from the repository root, not relative", text)
    next
  }
  if (layer in forbid && listed(target, forbid[layer]) && index(path, "/") > 0) {
    report(FNR, layer " must not include " target "/" why(layer, target), text)
    next
  }
  if (layer != "core") next
  if (angled) {
    if (listed(path, core_banned_std)) {
      report(FNR, "core must not include <" path "> (no I/O, threads, clocks or RNG in core)", text)
    } else if (!listed(path, std_headers) && !is_tz_or_eigen(path)) {
      report(FNR, "core includes only std, Eigen and a time-zone library", text)
    }
  } else if (target != "core" && !is_tz_or_eigen(path)) {
    report(FNR, "core includes only core/ headers, std, Eigen and a time-zone library", text)
  }
  next
}

# ---------------------------------------------------------------- CMake: link dependencies.
function check_dep(dep, line,   rest, w) {
  if (dep == "") return
  if (layer == "core") {
    if (dep ~ /^recoup(::|_|-)core([_:-]|$)/) return
    if (dep ~ /^(Eigen3::|date::|cctz::)/) return
    if (match(dep, /^recoup(::|_|-)[a-z0-9]+/)) {
      w = substr(dep, RSTART, RLENGTH)
      sub(/^recoup(::|_|-)/, "", w)
      report(line, "core must not link " w, dep)
    } else {
      report(line, "core links only core targets, Eigen and a time-zone library", dep)
    }
    return
  }
  if (!(layer in forbid)) return
  rest = dep
  while (match(rest, /recoup(::|_|-)[a-z0-9]+/)) {
    w = substr(rest, RSTART, RLENGTH)
    rest = substr(rest, RSTART + RLENGTH)
    sub(/^recoup(::|_|-)/, "", w)
    if (listed(w, forbid[layer])) {
      report(line, layer " must not link " w why(layer, w), dep)
      return
    }
  }
}
function end_command(   k, t, mode) {
  if (cmd == "target_link_libraries") {
    for (k = 2; k <= ntok; k++) {
      if (!listed(tok[k], tll_keywords)) check_dep(tok[k], tok_line[k])
    }
  } else if (cmd == "recoup_library" || cmd == "recoup_executable" || cmd == "recoup_test") {
    mode = 0
    for (k = 2; k <= ntok; k++) {
      t = tok[k]
      if (t == "DEPS" || t == "PRIVATE_DEPS") mode = 1
      else if (listed(t, recoup_keywords)) mode = 0
      else if (mode) check_dep(t, tok_line[k])
    }
  }
  cmd = ""; ntok = 0
}
function flush_word() {
  if (word == "" && !had_quote) return
  if (depth > 0) {
    tok[++ntok] = word
    tok_line[ntok] = word_line
  } else {
    last_word = word
  }
  word = ""; had_quote = 0
}

is_cmake {
  s = $0
  n = length(s)
  for (i = 1; i <= n; i++) {
    c = substr(s, i, 1)
    if (inq) {
      if (c == "\\") { word = word substr(s, i, 2); i++; continue }
      if (c == "\"") { inq = 0; continue }
      word = word c
      continue
    }
    if (c == "#") break
    if (c == "\"") {
      if (word == "") word_line = FNR
      inq = 1; had_quote = 1
      continue
    }
    if (c == " " || c == "\t" || c == "\r") { flush_word(); continue }
    if (c == "(") {
      if (depth == 0) {
        flush_word()
        cmd = tolower(last_word); last_word = ""; ntok = 0
        tok[++ntok] = cmd; tok_line[ntok] = FNR
      } else {
        flush_word()
      }
      depth++
      continue
    }
    if (c == ")") {
      flush_word()
      if (depth > 0) depth--
      if (depth == 0) end_command()
      continue
    }
    if (word == "") word_line = FNR
    word = word c
  }
  if (inq) word = word "\n"
  else flush_word()
}
AWK

check_report check_layering "DESIGN.md section 1"
