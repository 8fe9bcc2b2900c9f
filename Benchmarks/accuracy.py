#!/usr/bin/env python3
"""Measure how well `preflight gate` agrees with hand labels of real repositories, and how fast it is.

    python3 Benchmarks/accuracy.py PREFLIGHT LABELS.json CHECKOUTS_DIR [--json OUT] [--details] [--runs N]
                                   [--map MAP.json] [--floor-patterns FILE]

LABELS.json is a list of repositories, each `{"name": …, "commit": …, "labels": {KEY: {"score": 0|0.5|1,
"borderline": null|true|"why", "evidence": [paths], "note": text}}}` (the format of the labelled corpus; `repo`,
`commit`, `evidence`, `note` and `borderline` are optional, other fields are ignored). CHECKOUTS_DIR/<name> is a checkout of
the repository at `commit` (checked when given). For each one this runs `PREFLIGHT gate <checkout> --format json`
and compares every labelled item's points with its label.

Label keys name rubric items, in one of three ways, tried in this order:
  1. `--map MAP.json`, a JSON object from label key to item id (`{"schema": "data-1"}`);
  2. the item id itself (`"data-1"`), so a team that writes its own rubric can label a few of its repositories by
     that rubric's ids and calibrate it;
  3. the corpus's keys D1…D7, M1…M7, I1…I7, Mo1…Mo7 for data-1…, model-…, infra-…, monitor-….
A key that names no item of the gate's report is an error.

Printed, per repository: the tool's total and the label total (both over the labelled items), the gate's exit
status, the number of disagreements, and the median times of the gate and of the search floor with their ratio.
With --details, every disagreement: points and label (and whether it is borderline), the label's evidence and note,
and the gate's own evidence for the item (the satisfied proofs of the level it earned; where it earned less than
the label, the unmet leaves of the levels it missed). Then the summary, overall and per section of the rubric:
  rho               Spearman rank correlation of the repositories' totals (average ranks for ties)
  items_agree       share of items whose points equal the label, within 0.5 where the label is borderline
  points_precision  sum of min(points, label) / sum of points
  points_recall     sum of min(points, label) / sum of labels
  false_full        items given full points (1) where the label is 0
A ratio with nothing to divide by (rho of constant totals, precision with no points) is null, printed "n/a".
--json OUT writes all of it, keys sorted, so that two runs can be diffed (set SOURCE_DATE_EPOCH to fix the
gate's evaluation time; only the timing fields then change from run to run).

Timing: after the run that is scored, the gate and the search floor of the bench README, one ripgrep pass with 31
case-insensitive evidence keywords over the checkout's tracked files,
    git ls-files -z | xargs -0 -s 1000000 rg -c -i -f floor-patterns.txt >/dev/null
run in turn, pair by pair (gate, floor, gate, floor, …), --runs pairs (default 3; 0 skips timing), and their
medians are quoted. rg's errors (a snapshot that lacks large files) and exit status are ignored. Without rg on
PATH the floor is "no rg" and the gate is still timed.

Exit status: 0 when every repository was scored; 2 on bad input (file:line:column for a label or map entry), a
missing checkout, a checkout at another commit than its labels, or a gate that gives no JSON report.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# A copy of ../shared/bench/floor-patterns.txt, the 31 keywords of the search floor in ../shared/bench/README.md
# (tools, practices, CI systems), one ripgrep pattern a line; kept byte for byte so the floor stays comparable.
DEFAULT_FLOOR_PATTERNS = os.path.join(HERE, "floor-patterns.txt")
CORPUS_KEY = re.compile(r"(Mo|D|M|I)([0-9]+)")
CORPUS_SECTIONS = {"D": "data", "M": "model", "I": "infra", "Mo": "monitor"}
GATE_TIMEOUT = 600
SHORT = 160


class InputError(Exception):
    """Bad input or a repository that cannot be scored: the message is printed and the exit status is 2."""


# --- JSON with positions, for errors at file:line:column -------------------------------------------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class LocatedJSON:
    """A JSON document and the offset of every value in it, keyed by its path (a tuple of keys and indices)."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, encoding="utf-8") as handle:
                self.text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot read it: {error}")
        self.offsets = {}
        self.key_offsets = {}
        try:
            self.value, end = self._parse(0, ())
            end = _SPACE.match(self.text, end).end()
            if end != len(self.text):
                raise json.JSONDecodeError("Extra data", self.text, end)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}")

    def where(self, location, key=False):
        """`file:line:column` of the value at `location` (with `key`, of its key in the object that holds it)."""
        offset = (self.key_offsets if key else self.offsets).get(tuple(location), 0)
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return f"{self.path}:{line}:{column}"

    def _parse(self, index, location):
        text = self.text
        index = _SPACE.match(text, index).end()
        self.offsets[location] = index
        if text.startswith("{", index):
            value, index = {}, _SPACE.match(text, index + 1).end()
            if text.startswith("}", index):
                return value, index + 1
            while True:
                if not text.startswith('"', index):
                    raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, index)
                key_at = index
                key, index = json.decoder.scanstring(text, index + 1)
                if key in value:
                    self.key_offsets[location + (key,)] = key_at
                    raise InputError(f"{self.where(location + (key,), key=True)}: duplicate key {key!r}")
                self.key_offsets[location + (key,)] = key_at
                index = _SPACE.match(text, index).end()
                if not text.startswith(":", index):
                    raise json.JSONDecodeError("Expecting ':' delimiter", text, index)
                value[key], index = self._parse(index + 1, location + (key,))
                index = _SPACE.match(text, index).end()
                if text.startswith(",", index):
                    index = _SPACE.match(text, index + 1).end()
                elif text.startswith("}", index):
                    return value, index + 1
                else:
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
        if text.startswith("[", index):
            value, index = [], _SPACE.match(text, index + 1).end()
            if text.startswith("]", index):
                return value, index + 1
            while True:
                element, index = self._parse(index, location + (len(value),))
                value.append(element)
                index = _SPACE.match(text, index).end()
                if text.startswith(",", index):
                    index += 1
                elif text.startswith("]", index):
                    return value, index + 1
                else:
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, index)
        return _DECODER.raw_decode(text, index)


# --- Labels -----------------------------------------------------------------------------------------------------

def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def load_labels(path):
    """The labelled repositories of a labels file, checked field by field."""
    document = LocatedJSON(path)
    repositories = document.value
    if not isinstance(repositories, list) or not repositories:
        raise InputError(f"{document.where(())}: expected a non-empty list of repositories")
    names = set()
    checked = []
    for index, repository in enumerate(repositories):
        at = (index,)
        if not isinstance(repository, dict):
            raise InputError(f"{document.where(at)}: repository {index}: expected an object, got {repository!r}")
        name = repository.get("name")
        if not isinstance(name, str) or not name or name in (".", "..") or "/" in name:
            raise InputError(f"{document.where(at + ('name',))}: repository {index}: name: expected a folder name "
                             f"under CHECKOUTS_DIR, got {name!r}")
        if name in names:
            raise InputError(f"{document.where(at + ('name',))}: name: {name!r} is labelled twice")
        names.add(name)
        for field in ("repo", "commit"):
            if field in repository and not isinstance(repository[field], str):
                raise InputError(f"{document.where(at + (field,))}: {name}: {field}: expected a string, "
                                 f"got {repository[field]!r}")
        labels = repository.get("labels")
        if not isinstance(labels, dict) or not labels:
            raise InputError(f"{document.where(at + ('labels',))}: {name}: labels: expected a non-empty object "
                             f"of item labels, got {labels!r}")
        items = {}
        for key, label in labels.items():
            items[key] = check_label(document, at + ("labels", key), name, key, label)
        checked.append({"name": name, "repo": repository.get("repo"), "commit": repository.get("commit"),
                        "labels": items, "at": at})
    return document, checked


def check_label(document, at, name, key, label):
    where = lambda field=None: document.where(at + ((field,) if field else ()))
    if not isinstance(label, dict):
        raise InputError(f"{where()}: {name}: labels.{key}: expected an object with a score, got {label!r}")
    score = label.get("score")
    if not is_number(score) or score < 0:
        raise InputError(f"{where('score' if 'score' in label else None)}: {name}: labels.{key}.score: "
                         f"expected a number of points (0, 0.5, 1), got {score!r}")
    borderline = label.get("borderline")
    if not (borderline is None or isinstance(borderline, bool) or (isinstance(borderline, str) and borderline.strip())):
        raise InputError(f"{where('borderline')}: {name}: labels.{key}.borderline: expected null, true, false or "
                         f"the reason it is borderline, got {borderline!r}")
    evidence = label.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(path, str) for path in evidence):
        raise InputError(f"{where('evidence')}: {name}: labels.{key}.evidence: expected a list of paths, "
                         f"got {evidence!r}")
    note = label.get("note", "")
    if not isinstance(note, str):
        raise InputError(f"{where('note')}: {name}: labels.{key}.note: expected text, got {note!r}")
    test = label.get("test")
    return {"score": float(score), "borderline": bool(borderline), "evidence": evidence, "note": note,
            "borderline_reason": borderline if isinstance(borderline, str) else None,
            "test": test if isinstance(test, str) else None}


def load_map(path):
    """`--map`: label key → item id."""
    document = LocatedJSON(path)
    if not isinstance(document.value, dict):
        raise InputError(f"{document.where(())}: expected an object from label key to item id")
    for key, item in document.value.items():
        if not isinstance(item, str) or not item:
            raise InputError(f"{document.where((key,))}: {key}: expected an item id, got {item!r}")
    return document


def corpus_item(key):
    """The rubric id of a corpus key (D1 → data-1), else None."""
    match = CORPUS_KEY.fullmatch(key)
    return f"{CORPUS_SECTIONS[match.group(1)]}-{match.group(2)}" if match else None


def resolve(key, report_items, mapping):
    """The item id a label key names, and how (map, id, corpus); None when it names no item of the report."""
    if mapping is not None and key in mapping.value:
        return mapping.value[key] if mapping.value[key] in report_items else None, "map"
    if key in report_items:
        return key, "id"
    item = corpus_item(key)
    return (item, "corpus") if item in report_items else (None, None)


# --- The gate's report ------------------------------------------------------------------------------------------

def report_items(report):
    """Item id → item of a JSON report."""
    items = {}
    for section in report.get("scorecard", {}).get("sections", []):
        for item in section.get("items", []):
            items[item["id"]] = dict(item, section=item.get("section", section.get("id")))
    return items


def leaves(node, satisfied):
    """The leaves of a rule tree that explain its outcome: with `satisfied`, the holding leaves of a holding rule;
    otherwise the failing leaves of a failing rule (`all`/`any` are followed, anything else is a leaf)."""
    if node is None or (node.get("outcome") == "satisfied") != satisfied:
        return []
    if node.get("probe") in ("all", "any") and node.get("children"):
        return [leaf for child in node["children"] for leaf in leaves(child, satisfied)]
    return [node]


def proof_text(proof):
    where = proof.get("path", "")
    if "line" in proof:
        where += f":{proof['line']}"
    text = " ".join(str(proof.get("text", "")).split())
    return f"{where} {text}".strip()[:SHORT]


def short(text):
    text = " ".join(str(text).split())
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def gate_evidence(item, label):
    """What the gate saw for an item: the satisfied leaves of the level it earned and, where it earned less than
    the label, the unmet leaves of the level the label asks for (manual below full points, else automated and
    manual) that it did not earn."""
    earned = item.get("level")
    satisfied = []
    if earned and earned in item:
        for leaf in leaves(item[earned], True):
            proofs = leaf.get("proofs") or []
            satisfied.append({"level": earned, "probe": leaf.get("probe"), "message": short(leaf.get("message", "")),
                              "proofs": [proof_text(proof) for proof in proofs[:3]], "proofs_total": len(proofs)})
    unmet = []
    if float(item["points"]) < label:
        # A label below full points asks for the manual level: what the automated rule lacks is beside the point.
        wanted = ["manual"] if label < float(item.get("maxPoints", 1)) and item.get("manual") else ["automated", "manual"]
        for level in wanted:
            if level == earned:
                break
            for leaf in leaves(item.get(level), False):
                unmet.append({"level": level, "probe": leaf.get("probe"), "outcome": leaf.get("outcome"),
                              "message": short(leaf.get("message", ""))})
    return {"level": earned, "outcome": item.get("outcome"), "satisfied": satisfied, "unmet": unmet,
            "problems": [short(problem) for problem in item.get("problems") or []]}


def run_gate(preflight, checkout, name):
    try:
        run = subprocess.run([preflight, "gate", checkout, "--format", "json"], capture_output=True, text=True,
                             timeout=GATE_TIMEOUT)
    except OSError as error:
        raise InputError(f"{preflight}: cannot run it: {error}")
    except subprocess.TimeoutExpired:
        raise InputError(f"{name}: the gate ran past {GATE_TIMEOUT} s")
    try:
        report = json.loads(run.stdout)
        if not isinstance(report, dict) or "scorecard" not in report:
            raise ValueError
    except ValueError:
        raise InputError(f"{name}: the gate gave no JSON report (exit {run.returncode}): {short(run.stderr) or '-'}")
    return run.returncode, report


def head_commit(checkout):
    run = subprocess.run(["git", "-C", checkout, "rev-parse", "HEAD"], capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


# --- Timing -----------------------------------------------------------------------------------------------------

def elapsed_ms(argv, cwd=None):
    """Wall time of one run. The wait blocks (`subprocess.run(timeout=…)` polls at growing intervals, which
    rounds short runs up to 16, 32, 64 ms); a timer kills a run past the timeout."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(GATE_TIMEOUT, process.kill)
    watchdog.start()
    process.wait()
    watchdog.cancel()
    return (time.perf_counter() - start) * 1000


def search_floor(patterns):
    """The search floor of the bench README: one `rg -i` pass with `patterns` over the tracked files (run in the
    checkout)."""
    return ["sh", "-c", f"git ls-files -z | xargs -0 -s 1000000 rg -c -i -f {shlex.quote(patterns)} >/dev/null"]


def read_floor():
    """The read floor of the bench README: every tracked byte read once (run in the checkout)."""
    return ["sh", "-c", "git ls-files -z | xargs -0 -s 1000000 cat >/dev/null"]


def timing(preflight, checkout, patterns, runs, is_git):
    """Medians of `runs` gate/floor pairs, run in turn."""
    result = {"runs": runs, "gate_ms": None, "floor_ms": None, "ratio": None}
    if runs == 0:
        return dict(result, status="skipped")
    floor = None
    if shutil.which("rg") is None:
        status = "no rg"
    elif not is_git:
        status = "no git work tree"
    else:
        status = "measured"
        floor = search_floor(patterns)
    gate, searched = [], []
    for _ in range(runs):
        gate.append(elapsed_ms([preflight, "gate", checkout, "--format", "json"]))
        if floor:
            searched.append(elapsed_ms(floor, cwd=checkout))
    result.update(status=status, gate_ms=round(statistics.median(gate), 1))
    if searched:
        floor_ms = statistics.median(searched)
        result.update(floor_ms=round(floor_ms, 1), ratio=round(statistics.median(gate) / floor_ms, 2) if floor_ms else None)
    return result


# --- Metrics ----------------------------------------------------------------------------------------------------

def average_ranks(values):
    """0-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2
        start = end + 1
    return ranks


def spearman(xs, ys):
    """Pearson correlation of the average ranks; None when either side is constant (or fewer than two)."""
    if len(xs) < 2:
        return None
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    covariance = sum((x - mx) * (y - my) for x, y in zip(rx, ry))
    spread = (sum((x - mx) ** 2 for x in rx) * sum((y - my) ** 2 for y in ry)) ** 0.5
    return covariance / spread if spread else None


def agrees(points, label, borderline):
    return abs(points - label) <= (0.5 if borderline else 0.0)


def ratio(numerator, denominator):
    return round(numerator / denominator, 3) if denominator else None


def metrics(items, repositories):
    """The summary of scored items (dicts with repository, points, label, borderline) over `repositories`."""
    tool = {name: 0.0 for name in repositories}
    label = {name: 0.0 for name in repositories}
    agree = false_full = 0
    matched = awarded = deserved = 0.0
    for item in items:
        tool[item["repository"]] += item["points"]
        label[item["repository"]] += item["label"]
        agree += item["agree"]
        false_full += item["points"] == 1.0 and item["label"] == 0.0
        matched += min(item["points"], item["label"])
        awarded += item["points"]
        deserved += item["label"]
    rho = spearman([tool[name] for name in repositories], [label[name] for name in repositories])
    return {"rho": None if rho is None else round(rho, 3), "items_agree": ratio(agree, len(items)),
            "points_precision": ratio(matched, awarded), "points_recall": ratio(matched, deserved),
            "false_full": false_full, "items": len(items), "agree": agree, "points": round(awarded, 6),
            "labels": round(deserved, 6), "matched": round(matched, 6)}


def summary_line(summary):
    keys = ("rho", "items_agree", "points_precision", "points_recall", "false_full")
    return " ".join(f"{key}={'n/a' if summary[key] is None else summary[key]}" for key in keys)


# --- The run ----------------------------------------------------------------------------------------------------

def score_repository(args, labels_file, mapping, repository):
    name = repository["name"]
    checkout = os.path.join(args.checkouts, name)
    if not os.path.isdir(checkout):
        hint = f": fetch {repository['repo']} and check out {repository['commit']}" if repository["repo"] else ""
        raise InputError(f"{labels_file.where(repository['at'])}: {name}: no checkout at {checkout}{hint}")
    head = head_commit(checkout)
    commit = repository["commit"]
    if commit and head != commit and not (head and len(commit) >= 7 and head.startswith(commit)):
        raise InputError(f"{labels_file.where(repository['at'] + ('commit',))}: {name}: the checkout is at "
                         f"{head or 'no git commit'}, the labels are for {commit}")
    status, report = run_gate(args.preflight, checkout, name)
    items = report_items(report)
    scored, disagreements, resolved = [], [], {}
    for key, label in repository["labels"].items():
        item_id, how = resolve(key, items, mapping)
        if item_id is None:
            if how == "map":
                raise InputError(f"{mapping.where((key,))}: {key}: item {mapping.value[key]!r} is not in the gate's "
                                 f"report for {name} (items: {', '.join(sorted(items))})")
            raise InputError(f"{labels_file.where(repository['at'] + ('labels', key), key=True)}: {name}: label key {key!r} "
                             f"names no item of the gate's report (items: {', '.join(sorted(items))}); "
                             f"use the item ids, the corpus keys D1…Mo7 or --map")
        if item_id in resolved:
            raise InputError(f"{labels_file.where(repository['at'] + ('labels', key), key=True)}: {name}: label keys "
                             f"{resolved[item_id]!r} and {key!r} both name item {item_id}")
        resolved[item_id] = key
        item = items[item_id]
        if not is_number(item.get("points")):
            raise InputError(f"{name}: item {item_id} has no points in the gate's report: {item.get('points')!r}")
        points = float(item["points"])
        record = {"repository": name, "item": item_id, "key": key, "section": item["section"], "points": points,
                  "label": label["score"], "borderline": label["borderline"],
                  "agree": agrees(points, label["score"], label["borderline"])}
        scored.append(record)
        if not record["agree"]:
            disagreements.append(dict(record, title=item.get("title") or label["test"],
                                      label_evidence=label["evidence"], label_note=label["note"],
                                      borderline_reason=label["borderline_reason"],
                                      gate=gate_evidence(item, label["score"])))
    scored.sort(key=lambda record: record["item"])
    disagreements.sort(key=lambda record: record["item"])
    sections = {}
    for record in scored:
        totals = sections.setdefault(record["section"], {"points": 0.0, "labels": 0.0})
        totals["points"] += record["points"]
        totals["labels"] += record["label"]
    result = {"name": name, "repo": repository["repo"], "commit": head, "exit": status,
              "tool_total": round(sum(record["points"] for record in scored), 6),
              "label_total": round(sum(record["label"] for record in scored), 6),
              "disagree": len(disagreements),
              "sections": {section: {key: round(value, 6) for key, value in totals.items()}
                           for section, totals in sections.items()},
              "items": [{key: record[key] for key in ("item", "key", "section", "points", "label", "borderline", "agree")}
                        for record in scored],
              "disagreements": [{key: value for key, value in record.items() if key not in ("repository", "agree")}
                                for record in disagreements],
              "timing": timing(args.preflight, checkout, args.floor_patterns, args.runs, head is not None)}
    return result, scored, [section for section in dict.fromkeys(item["section"] for item in items.values())
                            if section in sections]


def number(value):
    return f"{value:g}"


def print_repository(result, details):
    clock_data = result["timing"]
    if clock_data["status"] == "skipped":
        clock = "timing skipped"
    else:
        floor = f"{clock_data['floor_ms']:.0f} ms" if clock_data["floor_ms"] is not None else clock_data["status"]
        clock = f"gate {clock_data['gate_ms']:.0f} ms  floor {floor}"
        if clock_data["ratio"] is not None:
            clock += f"  ratio {clock_data['ratio']:.2f}"
    print(f"{result['name']:40} tool {number(result['tool_total']):>5}  label {number(result['label_total']):>5}  "
          f"exit {result['exit']}  disagree {result['disagree']:>2}  {clock}")
    if not details:
        return
    for entry in result["disagreements"]:
        mark = ""
        if entry["borderline"]:
            mark = f" (borderline: {entry['borderline_reason']})" if entry["borderline_reason"] else " (borderline)"
        key = f" ({entry['key']})" if entry["key"] != entry["item"] else ""
        print(f"    {entry['item']}{key}  points {number(entry['points'])}  label {number(entry['label'])}{mark}"
              f"  {entry['title'] or ''}")
        print(f"        label evidence: {', '.join(entry['label_evidence']) or '-'}")
        if entry["label_note"]:
            print(f"        label note: {entry['label_note']}")
        gate = entry["gate"]
        for leaf in gate["satisfied"]:
            proofs = "; ".join(leaf["proofs"]) + (f"; … {leaf['proofs_total']} in all"
                                                  if leaf["proofs_total"] > len(leaf["proofs"]) else "")
            print(f"        gate holds ({leaf['level']}, {leaf['probe']}): {leaf['message']}"
                  + (f"  [{proofs}]" if proofs else ""))
        for leaf in gate["unmet"]:
            print(f"        gate lacks ({leaf['level']}, {leaf['probe']}, {leaf['outcome']}): {leaf['message']}")
        for problem in gate["problems"]:
            print(f"        gate problem: {problem}")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Compare `preflight gate` with hand labels and time it against "
                                                 "the search floor.")
    parser.add_argument("preflight", help="the preflight binary")
    parser.add_argument("labels", help="labels file (the corpus's format)")
    parser.add_argument("checkouts", help="folder holding a checkout per labelled repository, by name")
    parser.add_argument("--json", metavar="OUT", help="write every number to OUT as JSON (sorted keys)")
    parser.add_argument("--details", action="store_true", help="print every disagreement with its evidence")
    parser.add_argument("--runs", type=int, default=3, metavar="N", help="gate/floor pairs to time (default 3; 0: none)")
    parser.add_argument("--map", metavar="MAP.json", help="JSON object from label key to rubric item id")
    parser.add_argument("--floor-patterns", default=DEFAULT_FLOOR_PATTERNS, metavar="FILE",
                        help="ripgrep patterns of the search floor (default: Benchmarks/floor-patterns.txt)")
    args = parser.parse_args(argv)
    if args.runs < 0:
        parser.error(f"--runs: expected 0 or more pairs, got {args.runs}")
    args.floor_patterns = os.path.abspath(args.floor_patterns)
    if args.runs and not os.path.isfile(args.floor_patterns):
        parser.error(f"--floor-patterns: no file at {args.floor_patterns}")
    if not (os.path.isfile(args.preflight) and os.access(args.preflight, os.X_OK)):
        parser.error(f"PREFLIGHT: no executable at {args.preflight}")
    args.preflight = os.path.abspath(args.preflight)
    return args


def main(argv):
    args = parse_arguments(argv)
    try:
        labels_file, repositories = load_labels(args.labels)
        mapping = load_map(args.map) if args.map else None
        results, scored, order = [], [], {}
        for repository in repositories:
            result, items, sections = score_repository(args, labels_file, mapping, repository)
            order.update(dict.fromkeys(sections))
            print_repository(result, args.details)
            sys.stdout.flush()
            results.append(result)
            scored.extend(items)
    except InputError as error:
        print(f"accuracy: {error}", file=sys.stderr)
        return 2
    names = [result["name"] for result in results]
    summary = metrics(scored, names)
    sections = {section: metrics([item for item in scored if item["section"] == section], names)
                for section in order}
    print(summary_line(summary))
    for section, numbers in sections.items():
        print(f"  {section:12} {summary_line(numbers)}")
    if args.json:
        document = {"summary": summary, "sections": sections, "repositories": results,
                    "settings": {"preflight": args.preflight, "labels": os.path.abspath(args.labels),
                                 "map": args.map and os.path.abspath(args.map),
                                 "runs": args.runs, "floor_patterns": args.floor_patterns}}
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True, ensure_ascii=False)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
