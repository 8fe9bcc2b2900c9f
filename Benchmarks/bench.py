#!/usr/bin/env python3
"""Benchmark `preflight gate` against the physical floor: one ripgrep pass with the rubric's content patterns.

    python3 Benchmarks/bench.py [--sizes 1000,10000,100000] [--runs 5] [--json benchmark.json]

Builds the release binary as it is shipped (`--static-swift-stdlib`, which needs the Debian packages
libcurl4-openssl-dev and libxml2-dev), generates synthetic model repositories (Benchmarks/generate_repo.py, cached under
$TMPDIR/preflight-bench), and for each size reports the median wall time and peak memory of `preflight gate`
(bundled rubric, repository evidence only) and of `rg` with the same content patterns over the same files, run in
turn after a warm-up round. Needs ripgrep (Debian package `ripgrep`).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "release", "preflight")


def content_patterns():
    """The `contains:` regular expressions of the bundled rubric: what preflight runs over file contents."""
    import yaml
    with open(os.path.join(ROOT, "Rubrics", "ml-test-score.yaml")) as handle:
        rubric = yaml.safe_load(handle)
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("contains"), str):
                found.add(node["contains"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(rubric)
    return sorted(found)


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


def timed(command, cwd=None):
    """Wall seconds and peak RSS (MiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command, runs, cwd=None):
    timed(command, cwd)  # warm-up: the page cache holds the files for both contenders
    samples = [timed(command, cwd) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def interleaved(commands, runs):
    """Median wall time and peak RSS of each (command, cwd), run in turn after a warm-up round, so that a noisy
    machine slows them alike."""
    samples = [[] for _ in commands]
    for round_ in range(runs + 1):
        for index, (command, cwd) in enumerate(commands):
            sample = timed(command, cwd)
            if round_ > 0:
                samples[index].append(sample)
    return [(statistics.median(s[0] for s in runs_), max(s[1] for s in runs_)) for runs_ in samples]


def repository(size, cache):
    path = os.path.join(cache, f"repo-{size}")
    if not os.path.isdir(os.path.join(path, ".git")):
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {size} files…", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_repo.py"), path, "--files", str(size)], check=True)
    files = subprocess.run(["git", "-C", path, "ls-files", "-z"], capture_output=True, check=True).stdout.split(b"\0")
    total = sum(os.path.getsize(os.path.join(path, f.decode())) for f in files if f)
    return path, len([f for f in files if f]), total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="benchmark.json")
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "preflight-bench"))
    arguments = parser.parse_args()
    if not shutil.which("rg"):
        sys.exit("ripgrep is missing: apt-get install ripgrep")
    build = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "preflight"],
                           cwd=ROOT, stdout=subprocess.DEVNULL)
    if build.returncode != 0:
        sys.exit("the release build failed; a static build needs: apt-get install libcurl4-openssl-dev libxml2-dev")
    os.makedirs(arguments.cache, exist_ok=True)
    patterns = os.path.join(arguments.cache, "patterns.txt")
    with open(patterns, "w") as handle:
        handle.write("\n".join(content_patterns()) + "\n")

    results = {"startup": {}, "repositories": []}
    for name, command in [("version", [BINARY, "--version"]), ("validate", [BINARY, "validate", "ml-test-score"])]:
        seconds, _ = measure(command, 20)
        results["startup"][name + "Milliseconds"] = round(seconds * 1000, 1)

    header = f"{'files':>8} {'MiB':>7} {'preflight ms':>13} {'floor ms':>9} {'ratio':>6} {'peak RSS MiB':>13}"
    print(header)
    for size in [int(s) for s in arguments.sizes.split(",")]:
        path, files, total = repository(size, arguments.cache)
        # The floor: one pass over the same files with every content pattern (rg honours .gitignore as git does).
        (gate, rss), (floor, floor_rss) = interleaved([([BINARY, "gate", path, "-q"], None),
                                                       (["rg", "--no-messages", "--count", "-f", patterns, "."], path)], arguments.runs)
        row = {"files": files, "bytes": total, "preflightMilliseconds": round(gate * 1000, 1),
               "floorMilliseconds": round(floor * 1000, 1), "ratio": round(gate / floor, 2),
               "peakRSSMiB": round(rss, 1), "floorPeakRSSMiB": round(floor_rss, 1)}
        results["repositories"].append(row)
        print(f"{files:>8} {total / 1048576:>7.0f} {row['preflightMilliseconds']:>13} {row['floorMilliseconds']:>9} "
              f"{row['ratio']:>6} {row['peakRSSMiB']:>13}")
    # Twice the rules, on the largest repository: the three rubrics run in turn, so that a noisy machine slows them alike.
    largest = max(row["files"] for row in results["repositories"])
    path, _, _ = repository(largest, arguments.cache)
    variants = {"single": [], "doubledRules": ["--rubric", doubled_rubric(os.path.join(arguments.cache, "doubledRules.yaml"))],
                "doubledRulesNewWords": ["--rubric", doubled_rubric(os.path.join(arguments.cache, "doubledRulesNewWords.yaml"), True)]}
    medians = dict(zip(variants, (median for median, _ in interleaved([([BINARY, "gate", path, "-q"] + extra, None)
                                                                       for extra in variants.values()], arguments.runs))))
    single = medians["single"]
    for name in ["doubledRules", "doubledRulesNewWords"]:
        doubled = medians[name]
        results[name] = {"files": largest, "milliseconds": round(doubled * 1000, 1),
                         "singleMilliseconds": round(single * 1000, 1), "ratioToSingle": round(doubled / single, 2)}
        what = "looking for words no file holds" if name.endswith("NewWords") else "searching the same files twice"
        print(f"twice the rules ({what}) on {largest} files: {doubled * 1000:.0f} ms, {doubled / single:.2f}× the bundled rubric")
    print(f"preflight --version {results['startup']['versionMilliseconds']} ms, "
          f"validate ml-test-score {results['startup']['validateMilliseconds']} ms")
    results["patterns"] = len(content_patterns())
    results["cores"] = os.cpu_count()
    with open(arguments.json, "w") as handle:
        json.dump(results, handle, indent=2)
    print(f"wrote {arguments.json}")


if __name__ == "__main__":
    main()
