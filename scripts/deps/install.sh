#!/usr/bin/env bash
# Installs what kofu needs, skipping what is already there: the Debian 12 packages (debian.txt), Node.js when it is
# missing, and the npm package of the interoperability test (tests/interop/jose, pinned by its package-lock.json).
# Usage: scripts/deps/install.sh [--tools]
#   --tools   also install the lint and fuzzing tools (debian-tools.txt)
# Works as root or through sudo. Prints nothing when everything is present.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lists=("$here/debian.txt")
for arg in "$@"; do
  case "$arg" in
    --tools) lists+=("$here/debian-tools.txt") ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

wanted=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)
missing=()
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# Node.js (Debian's nodejs and npm) unless a Node.js with npm is already there, as on machines with NodeSource's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi

install_npm_packages() {
  local dir="$here/../../tests/interop/jose"
  [[ -d "$dir/node_modules/jose" ]] && return 0
  echo "Installing the npm packages of tests/interop/jose"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

if [[ ${#missing[@]} -eq 0 ]]; then
  install_npm_packages
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "install.sh: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_npm_packages
