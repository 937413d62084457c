#!/usr/bin/env bash
# Installs the Debian packages warta needs when one is missing: ICU and libxml2 headers for the
# build, pkg-config, xmllint and jq for the tests; Python (with venv) and a Java runtime for the Spark
# test (scale/test_spark.sh; a Java already on the PATH is enough). Quiet when everything is there.
# Arguments name more packages, for one path only: scripts/test.sh adds chromium (the browser test of
# `warta report`), so that scripts/run.sh stays light.
set -euo pipefail

packages=(libicu-dev libxml2-dev pkg-config libxml2-utils jq python3 python3-venv "$@")
command -v java >/dev/null || packages+=(default-jre-headless)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "missing packages: ${missing[*]} (run as root or install sudo)" >&2; exit 1; }
    sudo=(sudo)
fi
echo "installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
