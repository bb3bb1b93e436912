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
