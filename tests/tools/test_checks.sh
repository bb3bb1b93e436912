#!/usr/bin/env bash
# Tests of tools/check_layering.sh and tools/check_determinism.sh.
#
# Usage: tests/tools/test_checks.sh REPO_ROOT CASE      (CASE "list" prints the case names)
#
# Each case either runs a script on the real repository (it must pass), or builds a minimal tree in a
# temporary directory (core/base and core/CMakeLists.txt copied from the repository, checked clean
# first), plants one kind of violation at a known place and requires that the script exits 1 AND
# names the planted path:line. Cases that plant something allowed require exit 0. So a script that
# always passes, always fails, or crashes (exit 2+) fails these tests.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPO_ROOT CASE" >&2
  exit 2
fi
repo=$(cd "$1" && pwd)
case_name=$2
layering="$repo/tools/check_layering.sh"
determinism="$repo/tools/check_determinism.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/recoup-test-checks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tree="$tmp/tree"

fail() {
  echo "FAIL [$case_name]: $*" >&2
  exit 1
}

# Runs a check script on a root; sets $out (stdout+stderr) and $rc.
run() {
  local script=$1 root=$2
  set +e
  out=$(bash "$script" "$root" 2>&1)
  rc=$?
  set -e
  printf -- '--- %s %s (exit %d)\n%s\n' "$(basename "$script")" "$root" "$rc" "$out"
}

expect_pass() {
  run "$1" "$2"
  [ "$rc" -eq 0 ] || fail "expected exit 0 from $(basename "$1"), got $rc"
}

# expect_fail SCRIPT ROOT PATH:LINE... : exit 1 and every PATH:LINE named at the start of a line.
expect_fail() {
  local script=$1 root=$2
  shift 2
  run "$script" "$root"
  [ "$rc" -eq 1 ] || fail "expected exit 1 from $(basename "$script"), got $rc"
  local where patterns=()
  for where in "$@"; do
    grep -q -F -e "$where: " <<<"$out" || fail "output does not name $where"
    patterns+=(-e "$where: ")
  done
  # Nothing but the planted places and the summary line is reported.
  local extra
  extra=$(grep -v -F "${patterns[@]}" <<<"$out" | grep -v -E '^check_(layering|determinism): ' || true)
  [ -z "$extra" ] || fail "unexpected output lines: $extra"
}

# A minimal tree: the real core/base sources and core/CMakeLists.txt, which must pass both checks.
make_tree() {
  mkdir -p "$tree/core"
  cp -R "$repo/core/base" "$tree/core/base"
  cp "$repo/core/CMakeLists.txt" "$tree/core/CMakeLists.txt"
  expect_pass "$layering" "$tree"
  expect_pass "$determinism" "$tree"
}

# plant FILE LINE... : writes the lines to $tree/FILE (creating folders), one per line, so that the
# n-th argument is on line n.
plant() {
  local file=$tree/$1
  shift
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$@" >"$file"
}

# append FILE LINE : appends to an existing file and prints the new line's number.
append() {
  local file=$tree/$1
  printf '%s\n' "$2" >>"$file"
  wc -l <"$file" | tr -d ' '
}

cases=(
  layering.repo_passes
  layering.core_includes_sim
  layering.core_includes_boost
  layering.core_includes_thread_and_io
  layering.core_includes_third_party_quoted
  layering.core_links_sim
  layering.core_links_boost
  layering.live_includes_sim
  layering.live_links_sim
  layering.live_links_sim_multiline
  layering.python_and_bench_use_live
  layering.sim_scenarios_cli_directions
  layering.relative_include
  layering.allowed_dependencies_pass
  layering.bad_root
  determinism.repo_passes
  determinism.random_device_in_sim
  determinism.steady_clock_in_core
  determinism.unordered_map_in_scenarios
  determinism.every_ban
  determinism.opt_out_with_reason_passes
  determinism.opt_out_empty_reason_fails
  determinism.comments_and_strings_ignored
  determinism.allowed_constructs_pass
  determinism.bad_root
)

case "$case_name" in
  list)
    printf '%s\n' "${cases[@]}"
    exit 0
    ;;

  # ------------------------------------------------------------------------------- layering
  layering.repo_passes)
    expect_pass "$layering" "$repo"
    # With no argument the script checks the repository it lives in.
    set +e; out=$(bash "$layering" 2>&1); rc=$?; set -e
    [ "$rc" -eq 0 ] || fail "default root: exit $rc: $out"
    grep -q 'files scanned' <<<"$out" || fail "default root: no summary line: $out"
    ;;
  layering.core_includes_sim)
    make_tree
    plant core/x.h '// planted' '#pragma once' '#include "sim/kernel/kernel.h"'
    expect_fail "$layering" "$tree" core/x.h:3
    grep -q -F '#include "sim/kernel/kernel.h"' <<<"$out" || fail "offending text not shown"
    ;;
  layering.core_includes_boost)
    make_tree
    line=$(append core/base/time.cc '#include <boost/random/mersenne_twister.hpp>')
    plant core/y.h '#include <hdf5.h>' '#include <H5Cpp.h>' '#include <curl/curl.h>' \
      '#include <yaml-cpp/yaml.h>' '#include <nlohmann/json.hpp>' '#include <CLI/CLI.hpp>' \
      '#include <pybind11/pybind11.h>' '#include <benchmark/benchmark.h>' '#include <gtest/gtest.h>'
    expect_fail "$layering" "$tree" "core/base/time.cc:$line" core/y.h:1 core/y.h:2 core/y.h:3 \
      core/y.h:4 core/y.h:5 core/y.h:6 core/y.h:7 core/y.h:8 core/y.h:9
    ;;
  layering.core_includes_thread_and_io)
    make_tree
    plant core/z.cc '#include <thread>' '#include <mutex>' '#include <future>' '#include <atomic>' \
      '#include <condition_variable>' '#include <random>' '#include <fstream>' \
      '#include <filesystem>' '#include <iostream>' '  #  include <ctime>'
    expect_fail "$layering" "$tree" core/z.cc:1 core/z.cc:2 core/z.cc:3 core/z.cc:4 core/z.cc:5 \
      core/z.cc:6 core/z.cc:7 core/z.cc:8 core/z.cc:9 core/z.cc:10
    ;;
  layering.core_includes_third_party_quoted)
    make_tree
    plant core/q.cc '#include "core/base/status.h"' '#include "gtest/gtest.h"' \
      '#include "live/http/server.h"' '#include "tests/util.h"'
    expect_fail "$layering" "$tree" core/q.cc:2 core/q.cc:3 core/q.cc:4
    ;;
  layering.core_links_sim)
    make_tree
    line=$(append core/CMakeLists.txt 'recoup_library(recoup_core_x ALIAS recoup::core_x SOURCES x.cc')
    append core/CMakeLists.txt '  DEPS recoup::core_base Eigen3::Eigen # recoup::sim in a comment' >/dev/null
    append core/CMakeLists.txt '  recoup::sim_kernel)' >/dev/null
    expect_fail "$layering" "$tree" "core/CMakeLists.txt:$((line + 2))"
    ;;
  layering.core_links_boost)
    make_tree
    line=$(append core/CMakeLists.txt 'target_link_libraries(recoup_core_base PRIVATE Boost::headers)')
    expect_fail "$layering" "$tree" "core/CMakeLists.txt:$line"
    ;;
  layering.live_includes_sim)
    make_tree
    plant live/http/client.cc '#include "live/http/client.h"' '' '#include "core/base/status.h"' \
      '#include "sim/kernel/kernel.h"' '#include "scenarios/loader.h"'
    expect_fail "$layering" "$tree" live/http/client.cc:4 live/http/client.cc:5
    ;;
  layering.live_links_sim)
    make_tree
    plant live/CMakeLists.txt '# live: the adapter' \
      'recoup_library(recoup_live ALIAS recoup::live SOURCES a.cc DEPS recoup::core)' \
      'target_link_libraries(recoup_live PRIVATE recoup::sim)'
    expect_fail "$layering" "$tree" live/CMakeLists.txt:3
    ;;
  layering.live_links_sim_multiline)
    make_tree
    plant live/api/CMakeLists.txt 'target_link_libraries(recoup_live_api' '  PUBLIC recoup::core' \
      '  PRIVATE "recoup::sim_kernel")' \
      'recoup_executable(recoup-live SOURCES main.cc DEPS recoup::live_api' \
      '  recoup::scenarios)'
    expect_fail "$layering" "$tree" live/api/CMakeLists.txt:3 live/api/CMakeLists.txt:5
    ;;
  layering.python_and_bench_use_live)
    make_tree
    plant python/CMakeLists.txt \
      'recoup_library(recoup_python ALIAS recoup::python SOURCES m.cc DEPS recoup::core recoup::live)'
    plant python/module.cc '#include "core/base/status.h"' '#include "live/api/decision_api.h"'
    plant bench/macro/CMakeLists.txt 'target_link_libraries(recoup_bench_macro PRIVATE recoup_live_http)'
    plant bench/macro/e2e.cc '#include "sim/kernel/kernel.h"' '#include "live/http/client.h"'
    expect_fail "$layering" "$tree" python/CMakeLists.txt:1 python/module.cc:2 \
      bench/macro/CMakeLists.txt:1 bench/macro/e2e.cc:2
    ;;
  layering.sim_scenarios_cli_directions)
    make_tree
    plant sim/kernel/x.h '#include "core/base/time.h"' '#include "live/http/client.h"' \
      '#include "scenarios/schema.h"'
    plant scenarios/runner.cc '#include "sim/kernel/kernel.h"' '#include "live/api/x.h"'
    plant cli/main.cc '#include "scenarios/runner.h"' '#include "sim/kernel/kernel.h"' \
      '#include "live/api/x.h"'
    plant sim/CMakeLists.txt 'recoup_library(recoup_sim_x ALIAS recoup::sim_x INTERFACE' \
      '  DEPS recoup::core recoup::scenarios)'
    expect_fail "$layering" "$tree" sim/kernel/x.h:2 sim/kernel/x.h:3 scenarios/runner.cc:2 \
      cli/main.cc:3 sim/CMakeLists.txt:2
    ;;
  layering.relative_include)
    make_tree
    plant sim/world/a.cc '#include "../../live/x.h"'
    expect_fail "$layering" "$tree" sim/world/a.cc:1
    ;;
  layering.allowed_dependencies_pass)
    make_tree
    plant core/segmentation/score.h '#include <Eigen/Dense>' '#include <unsupported/Eigen/CXX11/Tensor>' \
      '#include <date/tz.h>' '#include <cctz/time_zone.h>' '#include <cstdio>' '#include <chrono>' \
      '#include <vector>' '#include <stdint.h>' '#include "core/base/money.h"' \
      '// #include "sim/kernel/kernel.h" is a comment, not an include' \
      '/* thread_local and <thread> in a comment */'
    plant core/segmentation/CMakeLists.txt \
      'recoup_library(recoup_core_segmentation ALIAS recoup::core_segmentation SOURCES score.cc' \
      '  DEPS recoup::core_base Eigen3::Eigen PRIVATE_DEPS recoup_core_ports)'
    plant sim/kernel/kernel.h '#include <boost/random.hpp>' '#include <thread>' '#include "core/base/time.h"'
    plant sim/CMakeLists.txt 'target_link_libraries(recoup_sim_kernel PUBLIC recoup::core Boost::headers)'
    plant scenarios/loader.cc '#include "sim/kernel/kernel.h"' '#include <yaml-cpp/yaml.h>'
    plant live/main.cc '#include "core/workflow/call.h"' '#include <boost/asio.hpp>' '#include <thread>'
    plant live/CMakeLists.txt 'recoup_executable(recoup-live SOURCES main.cc DEPS recoup::core Threads::Threads)'
    plant cli/main.cc '#include "scenarios/runner.h"' '#include "sim/kernel/kernel.h"'
    plant bench/CMakeLists.txt 'recoup_executable(recoup_bench SOURCES b.cc DEPS recoup::sim benchmark::benchmark)'
    plant python/m.cc '#include "sim/kernel/kernel.h"' '#include <pybind11/pybind11.h>'
    plant tests/live/parity_test.cc '#include "live/api/x.h"' '#include "sim/kernel/kernel.h"'
    plant tests/CMakeLists.txt 'recoup_test(parity SOURCES p.cc DEPS recoup::live recoup::sim)'
    expect_pass "$layering" "$tree"
    ;;
  layering.bad_root)
    run "$layering" "$tmp/does-not-exist"
    [ "$rc" -eq 2 ] || fail "expected exit 2 for a missing root, got $rc"
    ;;

  # ---------------------------------------------------------------------------- determinism
  determinism.repo_passes)
    expect_pass "$determinism" "$repo"
    set +e; out=$(bash "$determinism" 2>&1); rc=$?; set -e
    [ "$rc" -eq 0 ] || fail "default root: exit $rc: $out"
    grep -q 'files scanned' <<<"$out" || fail "default root: no summary line: $out"
    ;;
  determinism.random_device_in_sim)
    make_tree
    plant sim/world/x.cc '#include <random>' '' 'unsigned Seed() { return std::random_device{}(); }'
    expect_fail "$determinism" "$tree" sim/world/x.cc:3
    ;;
  determinism.steady_clock_in_core)
    make_tree
    line=$(append core/base/time.cc 'auto planted = std::chrono::steady_clock::now();')
    expect_fail "$determinism" "$tree" "core/base/time.cc:$line"
    ;;
  determinism.unordered_map_in_scenarios)
    make_tree
    plant scenarios/catalog.h '#include <unordered_map>' '#include <string>' \
      'struct Catalog {' '  std::unordered_map<std::string, int> by_name;' '};'
    expect_fail "$determinism" "$tree" scenarios/catalog.h:4
    ;;
  determinism.every_ban)
    make_tree
    bans=(
      'std::random_device rd;'
      'int a = std::rand();'
      'int b = rand();'
      'void Seed() { srand(42); }'
      'auto t0 = std::chrono::steady_clock::now();'
      'auto t1 = std::chrono::system_clock::now();'
      'auto t2 = std::chrono::high_resolution_clock::now();'
      'auto t3 = Clock::now();'
      'long t4 = time(nullptr);'
      'long t5 = time(NULL);'
      'long t6 = std::time(nullptr);'
      'long t7 = time(0);'
      'int g = gettimeofday(&tv, nullptr);'
      'int h = clock_gettime(CLOCK_MONOTONIC, &ts);'
      'const char* e = getenv("SEED");'
      'const char* e2 = std::getenv("SEED");'
      'std::unordered_map<int, int> m;'
      'std::unordered_set<int> s;'
      'std::unordered_multimap<int, int> mm;'
      'std::unordered_multiset<int> ms;'
      'std::normal_distribution<double> normal(0.0, 1.0);'
      'std::default_random_engine engine;'
      'std::shuffle(v.begin(), v.end(), engine);'
      'long c = std::clock();'
    )
    plant sim/bans.cc "${bans[@]}"
    expected=()
    for i in "${!bans[@]}"; do expected+=("sim/bans.cc:$((i + 1))"); done
    expect_fail "$determinism" "$tree" "${expected[@]}"
    n=$(grep -c '^sim/bans.cc:' <<<"$out")
    [ "$n" -eq "${#bans[@]}" ] || fail "expected ${#bans[@]} violations, got $n"
    ;;
  determinism.opt_out_with_reason_passes)
    make_tree
    plant sim/org/index.h '#include <unordered_map>' \
      'std::unordered_map<long, int> index_;  // determinism: allow(lookup only, never iterated)' \
      'auto t = std::chrono::steady_clock::now();  // determinism: allow(progress display only)'
    expect_pass "$determinism" "$tree"
    ;;
  determinism.opt_out_empty_reason_fails)
    make_tree
    plant sim/org/index.h '#include <unordered_map>' \
      'std::unordered_map<long, int> ok_;  // determinism: allow(lookup only)' \
      'std::unordered_map<long, int> index_;  // determinism: allow()' \
      'auto t = std::chrono::steady_clock::now();  // determinism: allow(   )' \
      'std::unordered_set<long> seen_;  // determinism: allowed because I said so' \
      'int fine = 0;  // determinism: allow()'
    expect_fail "$determinism" "$tree" sim/org/index.h:3 sim/org/index.h:4 sim/org/index.h:5 \
      sim/org/index.h:6
    ;;
  determinism.comments_and_strings_ignored)
    make_tree
    plant sim/kernel/notes.cc '// std::random_device and steady_clock::now() are banned here' \
      'int x = 1;  // not getenv("HOME"), not rand()' \
      '/* a block comment: std::unordered_map<int, int> m;' \
      '   time(nullptr), system_clock */ int y = 2;' \
      'const char* kHelp = "set RECOUP_SEED, never getenv(\"X\") or rand()";' \
      "char q = '\"'; int z = 3;  // a quote in a char literal does not start a string"
    expect_pass "$determinism" "$tree"
    ;;
  determinism.allowed_constructs_pass)
    make_tree
    plant sim/kernel/ok.cc 'thread_local int frames = 0;' \
      'auto days = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29};' \
      'int operand(int); int runtime(int); int x = runtime(0); int y = operand(1);' \
      'auto a = rng.rand(); auto b = gen->rand();' \
      'Timestamp Now() const { return executor_->Now(); }' \
      "constexpr long kBig = 1'000'000'000; std::map<int, int> ordered;" \
      'boost::random::uniform_int_distribution<int> d(0, 9); std::mt19937_64 engine(42);'
    plant live/clock.cc 'auto t = std::chrono::steady_clock::now();  // live/ is not scanned'
    expect_pass "$determinism" "$tree"
    ;;
  determinism.bad_root)
    run "$determinism" "$tmp/does-not-exist"
    [ "$rc" -eq 2 ] || fail "expected exit 2 for a missing root, got $rc"
    ;;

  *)
    echo "unknown case: $case_name (try: $0 REPO_ROOT list)" >&2
    exit 2
    ;;
esac
echo "PASS [$case_name]"
