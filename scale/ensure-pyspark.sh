#!/usr/bin/env bash
# Prints the path of a Python that has PySpark (pinned version), installing it into a virtualenv under
# ${WARTA_CACHE:-~/.cache/warta} when missing. Java comes from scripts/ensure-packages.sh.
set -euo pipefail
VERSION=3.5.3
VENV="${WARTA_CACHE:-$HOME/.cache/warta}/spark-venv-$VERSION"
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$VERSION')" 2>/dev/null; then
    echo "installing pyspark $VERSION into $VENV" >&2
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$VERSION" >&2
fi
echo "$VENV/bin/python"
