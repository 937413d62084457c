#!/usr/bin/env bash
# Direct writes against the page cache on a slow disk (BENCHMARKS.md, round 10).
#
#   sudo bench/perf/slow_disk.sh [CORPUS] [MB_PER_S] [RUNS]
#
# Makes an ext4 file system on a loop device (a sparse 3 GB file under bench/work), throttles the
# device's writes to MB_PER_S (default 125, about an EBS gp3 volume's baseline) with the cgroup-v1
# blkio controller of the root cgroup (so that the kernel's own writeback is throttled too), and runs
# `warta run CORPUS --out ... --jobs 2` there RUNS times (default 2) each way: O_DIRECT (the default)
# and through the page cache (WARTA_DIRECT_IO=0). Prints the wall times. Needs root, losetup, mkfs.ext4
# and /sys/fs/cgroup/blkio; undoes everything on exit. CORPUS defaults to the benchmark's 20,000 articles.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=$(realpath "${1:-bench/work/perf/corpus-20000}")
rate=${2:-125}
runs=${3:-2}
warta=$(realpath .build/release/warta)
blkio=/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device
[ "$(id -u)" = 0 ] || { echo "slow_disk.sh: needs root (loop device, mount, blkio)" >&2; exit 2; }
[ -w "$blkio" ] || { echo "slow_disk.sh: no cgroup-v1 blkio throttle at $blkio" >&2; exit 2; }
[ -d "$corpus" ] || { echo "slow_disk.sh: no corpus at $corpus (make bench builds it)" >&2; exit 2; }
[ -x "$warta" ] || swift build -c release --product warta
mkdir -p bench/work
image=$(realpath bench/work)/slow-disk.img
mnt=$(mktemp -d)
loop=""
# MAJOR:MINOR of a block device, in decimal (stat prints hex).
device_of() { local hex; hex=$(stat -c '%t %T' "$1"); set -- $hex; echo "$((16#$1)):$((16#$2))"; }
cleanup() {
    [ -n "$loop" ] && echo "$(device_of "$loop") 0" > "$blkio" 2>/dev/null || true
    mountpoint -q "$mnt" && umount "$mnt"
    [ -n "$loop" ] && losetup -d "$loop"
    rm -f "$image"; rmdir "$mnt"
}
trap cleanup EXIT
truncate -s 3G "$image"
loop=$(losetup -f --show "$image")
mkfs.ext4 -q "$loop"
mount "$loop" "$mnt"
device=$(device_of "$loop")
echo "$device $((rate * 1000 * 1000))" > "$blkio"
echo "slow_disk: $loop ($device) on $mnt, writes throttled to $rate MB/s; corpus $corpus; warta --jobs 2"
for run in $(seq 1 "$runs"); do
    for way in direct buffered; do
        rm -rf "$mnt/out"; sync
        start=$(date +%s.%N)
        if [ "$way" = buffered ]; then
            WARTA_DIRECT_IO=0 "$warta" run "$corpus" --out "$mnt/out" --jobs 2 --quiet
        else
            "$warta" run "$corpus" --out "$mnt/out" --jobs 2 --quiet
        fi
        end=$(date +%s.%N)
        printf 'run %d %-8s %6.2f s\n' "$run" "$way" "$(echo "$end - $start" | bc)"
    done
done
