#!/usr/bin/env bash
# Installs the Debian 12 packages kofu needs, skipping those already installed.
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
[[ ${#missing[@]} -eq 0 ]] && exit 0

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
