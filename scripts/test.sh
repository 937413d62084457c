#!/usr/bin/env bash
# Runs every test: installs missing packages, builds warta (the end-to-end tests run the binary),
# then runs the XCTest suite. Exits non-zero when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh
swift build
# XCTest only: an empty Swift Testing run would otherwise print the closing line ("0 tests").
swift test --disable-swift-testing "$@"
