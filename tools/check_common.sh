# Sourced by the tools/check_*.sh scripts: takes the optional REPO_ROOT argument and enters it.
# Usage inside a check: check_enter_root NAME "$@"   (exits 2 on bad usage or a missing directory)
check_enter_root() {
  local name=$1
  shift
  if [ $# -gt 1 ]; then
    echo "usage: $name.sh [REPO_ROOT]" >&2
    exit 2
  fi
  local root=${1:-"$check_tools_dir/.."}
  if [ ! -d "$root" ]; then
    echo "$name: no such directory: $root" >&2
    exit 2
  fi
  cd "$root"
}

# Runs the awk program AWK_PROGRAM over the files of the `files` array, prints every violation line
# it reports and a summary, and exits 1 if there were any, else prints OK and returns.
# Usage: check_report NAME "DESIGN.md section N"   (uses the caller's `files` and `dirs` arrays)
check_report() {
  local name=$1 section=$2 output count=0
  output=$(printf '%s\0' "${files[@]}" | xargs -0 awk "$AWK_PROGRAM")
  if [ -n "$output" ]; then
    printf '%s\n' "$output"
    count=$(printf '%s\n' "$output" | wc -l)
  fi
  if [ "$count" -gt 0 ]; then
    echo "$name: $count violation(s) in ${#files[@]} files scanned ($section)"
    exit 1
  fi
  echo "$name: OK (${#files[@]} files scanned: ${dirs[*]})"
}
