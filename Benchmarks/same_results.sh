#!/bin/sh
# Checks that two preflight binaries give byte-identical reports: for each repository,
#   SOURCE_DATE_EPOCH=1764547200 BINARY gate REPO --format json
# with each binary; prints each repository as "same" or "DIFFERENT" (with the first lines of the diff).
#   Benchmarks/same_results.sh OLD_BINARY NEW_BINARY REPO...
# Exit status 0 when every report is the same, 1 when one differs, 2 on bad usage.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY REPO..." >&2
    exit 2
fi
old=$1 new=$2
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for repo in "$@"; do
    SOURCE_DATE_EPOCH=1764547200 "$old" gate "$repo" --format json >"$scratch/old.json" 2>"$scratch/old.err"
    old_exit=$?
    SOURCE_DATE_EPOCH=1764547200 "$new" gate "$repo" --format json >"$scratch/new.json" 2>"$scratch/new.err"
    new_exit=$?
    if [ "$old_exit" = "$new_exit" ] && cmp -s "$scratch/old.json" "$scratch/new.json" \
        && cmp -s "$scratch/old.err" "$scratch/new.err"; then
        echo "same       $repo (exit $old_exit, $(wc -c <"$scratch/old.json") bytes)"
    else
        echo "DIFFERENT  $repo (exit $old_exit, then $new_exit)"
        diff "$scratch/old.json" "$scratch/new.json" | head -20
        diff "$scratch/old.err" "$scratch/new.err" | head -5
        status=1
    fi
done
exit $status
