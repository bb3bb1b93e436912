#!/usr/bin/env bash
# Installs the Debian packages recoup needs to build, test and benchmark.
# Idempotent: asks apt only for what is missing, so a second run does nothing.
# Usage: scripts/install-deps.sh            (as root, or with sudo available)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  clang-14 libclang-rt-14-dev llvm-14
  # libraries (DEVELOPERS.md "Chosen")
  libboost-dev libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libeigen3-dev libyaml-cpp-dev
  libhdf5-dev libhdf5-cpp-103-1
  # time zones: cctz reads the IANA database that tzdata installs in /usr/share/zoneinfo
  libcctz-dev tzdata
  libssl-dev  # the mock org: TLS, JWT RS256 and HMAC (OpenSSL)
  libphonenumber-dev  # test-only: cross-checks core/compliance's area-code table
  # python bindings and the analysis stack used by tests
  python3 python3-dev pybind11-dev python3-pybind11
  python3-numpy python3-pytest python3-h5py python3-pandas
  # the mock org's load benchmark (bench/org/org_load.py): wrk drives it, nginx serves the static
  # reference file; org_load.py starts its own nginx (never the system service)
  wrk nginx
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# nginx is only a benchmark reference here: if this run installed it, do not leave Debian's system
# service running (org_load.py starts its own instance on a free port).
if [[ " ${missing[*]} " == *" nginx "* ]] && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
