#!/usr/bin/env python3
"""Benchmark `preflight gate` against the floors of ../shared/bench/README.md, on synthetic and real repositories.

    python3 Benchmarks/bench.py [--sizes 1000,10000,100000] [--repo PATH]… [--runs 5] [--json benchmark.json]
                                [--preflight BINARY] [--floor-patterns FILE]

Without --preflight it builds the release binary as it is shipped (`--static-swift-stdlib`, which needs the Debian
packages libcurl4-openssl-dev and libxml2-dev). It generates synthetic model repositories of the --sizes (tracked
files; Benchmarks/generate_repo.py, cached under $TMPDIR/preflight-bench; `--sizes ""` for none) and takes each
--repo, a git checkout (repeatable). On each it times, over the same tracked files with a warm cache:

  gate          PREFLIGHT gate PATH -q (the repository's preflight.yaml if any, else the bundled rubric)
  search floor  git ls-files -z | xargs -0 -s 1000000 rg -c -i -f floor-patterns.txt >/dev/null
                (one ripgrep pass with the 31 case-insensitive evidence keywords of Benchmarks/floor-patterns.txt)
  read floor    git ls-files -z | xargs -0 -s 1000000 cat >/dev/null

run in turn (gate, search floor, read floor, gate, …) after one warm-up round, --runs rounds, so that a noisy
machine slows them alike; medians are quoted. Printed: one row per repository with files, MiB, the three medians,
gate / search floor, and the gate's peak RSS. Then, on the largest synthetic repository, the gate with twice the
rules (each item copied with a changed pattern) against the bundled rubric, and startup times. Needs ripgrep
(Debian package `ripgrep`).

--json FILE (default benchmark.json) writes:
  repositories  a list, one object per row: name (`synthetic-N` or the --repo path as given), files, bytes,
                preflightMilliseconds, floorMilliseconds (the search floor), ratio (preflight / search floor),
                readFloorMilliseconds, peakRSSMiB (the gate's), floorPeakRSSMiB (the search floor's), runs
  doubledRules, doubledRulesNewWords   (with synthetic sizes) files, milliseconds, singleMilliseconds, ratioToSingle
  startup       versionMilliseconds, validateMilliseconds (medians of 20 runs)
  patterns      the number of search floor keywords;  cores  os.cpu_count()
Milliseconds are rounded to 0.1, ratios to 0.01.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from accuracy import DEFAULT_FLOOR_PATTERNS, read_floor, search_floor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "preflight")


def doubled_rubric(path, fresh_patterns=False):
    """The bundled rubric with every item twice. The copies' content patterns differ, so they are separate queries
    over the same files: with `fresh_patterns` they look for words no file holds (only the selection and the
    prefilter cost anything); otherwise they add an alternative to the original (the same files are searched twice)."""
    import copy
    import yaml
    with open(os.path.join(ROOT, "Rubrics", "ml-test-score.yaml")) as handle:
        rubric = yaml.safe_load(handle)

    def vary(node):
        if isinstance(node, dict):
            if fresh_patterns:
                return {key: ("zzq" + "vx_never_present" if key == "contains" else vary(value)) for key, value in node.items()}
            return {key: (value + "|zzq" + "vx" if key == "contains" else vary(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [vary(value) for value in node]
        return node

    for section in rubric["sections"]:
        copies = [vary(copy.deepcopy(item)) for item in section["items"]]
        for item in copies:
            item["id"] += "-twin"
        section["items"] += copies
    rubric["id"] = "ml-test-score-doubled"
    with open(path, "w") as handle:
        yaml.safe_dump(rubric, handle, sort_keys=False)
    return path


def timed(command, cwd=None, check=True):
    """Wall seconds and peak RSS (MiB) of one run of `command`. The floors' exit status is not checked: xargs
    says 123 when one rg batch matched nothing."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if check and code not in (0, 1, 2):
        sys.exit(f"{' '.join(command)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(commands, runs):
    """Median wall time and peak RSS of each (command, cwd, check), run in turn after a warm-up round (the page
    cache then holds the files for every contender), so that a noisy machine slows them alike."""
    samples = [[] for _ in commands]
    for round_ in range(runs + 1):
        for index, (command, cwd, check) in enumerate(commands):
            sample = timed(command, cwd, check)
            if round_ > 0:
                samples[index].append(sample)
    return [(statistics.median(s[0] for s in runs_), max(s[1] for s in runs_)) for runs_ in samples]


def synthetic(size, cache):
    path = os.path.join(cache, f"repo-{size}")
    if not os.path.isdir(os.path.join(path, ".git")):
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {size} files…", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_repo.py"), path, "--files", str(size)],
                       check=True)
    return path


def tracked(path):
    """The number of tracked files and their bytes (files missing from the checkout count 0)."""
    listing = subprocess.run(["git", "-C", path, "ls-files", "-z"], capture_output=True)
    if listing.returncode != 0:
        sys.exit(f"{path}: not a git checkout")
    files = [name for name in listing.stdout.split(b"\0") if name]
    total = 0
    for name in files:
        try:
            total += os.path.getsize(os.path.join(os.fsencode(path), name))
        except OSError:
            pass
    return len(files), total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repo", action="append", default=[], help="a git checkout to time (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="benchmark.json")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "preflight-bench"))
    parser.add_argument("--preflight", help="the binary to time, instead of building the release binary")
    parser.add_argument("--floor-patterns", default=DEFAULT_FLOOR_PATTERNS)
    arguments = parser.parse_args()
    if not shutil.which("rg"):
        sys.exit("ripgrep is missing: apt-get install ripgrep")
    binary = arguments.preflight
    if binary is None:
        build = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "preflight"],
                               cwd=ROOT, stdout=subprocess.DEVNULL)
        if build.returncode != 0:
            sys.exit("the release build failed; a static build needs: apt-get install libcurl4-openssl-dev libxml2-dev")
        binary = BINARY
    binary = os.path.abspath(binary)
    patterns = os.path.abspath(arguments.floor_patterns)
    with open(patterns) as handle:
        keywords = len([line for line in handle.read().splitlines() if line])
    os.makedirs(arguments.cache, exist_ok=True)
    sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    targets = [(f"synthetic-{size}", synthetic(size, arguments.cache)) for size in sizes]
    targets += [(path, os.path.abspath(path)) for path in arguments.repo]

    results = {"startup": {}, "repositories": []}
    for name, command in [("version", [binary, "--version"]), ("validate", [binary, "validate", "ml-test-score"])]:
        (seconds, _), = interleaved([(command, None, True)], 20)
        results["startup"][name + "Milliseconds"] = round(seconds * 1000, 1)

    width = max([len("repository")] + [len(name) for name, _ in targets])
    print(f"{'repository':<{width}} {'files':>7} {'MiB':>6} {'gate ms':>8} {'search floor ms':>15} {'ratio':>5} "
          f"{'read floor ms':>13} {'peak RSS MiB':>12}")
    for name, path in targets:
        files, total = tracked(path)
        (gate, rss), (floor, floor_rss), (read, _) = interleaved(
            [([binary, "gate", path, "-q"], None, True), (search_floor(patterns), path, False),
             (read_floor(), path, False)], arguments.runs)
        row = {"name": name, "files": files, "bytes": total, "preflightMilliseconds": round(gate * 1000, 1),
               "floorMilliseconds": round(floor * 1000, 1), "ratio": round(gate / floor, 2),
               "readFloorMilliseconds": round(read * 1000, 1), "peakRSSMiB": round(rss, 1),
               "floorPeakRSSMiB": round(floor_rss, 1), "runs": arguments.runs}
        results["repositories"].append(row)
        print(f"{name:<{width}} {files:>7} {total / 1048576:>6.1f} {gate * 1000:>8.0f} {floor * 1000:>15.0f} "
              f"{row['ratio']:>5.2f} {read * 1000:>13.0f} {rss:>12.1f}", flush=True)
    if sizes:
        # Twice the rules, on the largest synthetic repository: the three rubrics run in turn.
        largest = max(sizes)
        path = synthetic(largest, arguments.cache)
        variants = {"single": [],
                    "doubledRules": ["--rubric", doubled_rubric(os.path.join(arguments.cache, "doubledRules.yaml"))],
                    "doubledRulesNewWords": ["--rubric", doubled_rubric(
                        os.path.join(arguments.cache, "doubledRulesNewWords.yaml"), True)]}
        medians = dict(zip(variants, (median for median, _ in interleaved(
            [([binary, "gate", path, "-q"] + extra, None, True) for extra in variants.values()], arguments.runs))))
        single = medians["single"]
        for name in ["doubledRules", "doubledRulesNewWords"]:
            doubled = medians[name]
            results[name] = {"files": tracked(path)[0], "milliseconds": round(doubled * 1000, 1),
                             "singleMilliseconds": round(single * 1000, 1), "ratioToSingle": round(doubled / single, 2)}
            what = "looking for words no file holds" if name.endswith("NewWords") else "searching the same files twice"
            print(f"twice the rules ({what}) on synthetic-{largest}: {doubled * 1000:.0f} ms, "
                  f"{doubled / single:.2f}× the bundled rubric")
    print(f"preflight --version {results['startup']['versionMilliseconds']} ms, "
          f"validate ml-test-score {results['startup']['validateMilliseconds']} ms")
    results["patterns"] = keywords
    results["cores"] = os.cpu_count()
    with open(arguments.json, "w") as handle:
        json.dump(results, handle, indent=2)
    print(f"wrote {arguments.json}")


if __name__ == "__main__":
    main()
