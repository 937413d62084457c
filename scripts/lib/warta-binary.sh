# Sourced by the news-set scripts: sets `binary` (the warta binary: $WARTA, else a release build made
# here) and `work` (a temporary folder removed on exit). Runs from the repository root.
binary="${WARTA:-}"
if [ -z "$binary" ]; then
    swift build -c release --product warta >/dev/null
    binary=.build/release/warta
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
