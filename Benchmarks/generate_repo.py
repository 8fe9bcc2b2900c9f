#!/usr/bin/env python3
"""Generate a synthetic ML model repository for benchmarking `preflight gate`.

    python3 Benchmarks/generate_repo.py DIR --files 10000 [--seed 1]

The mix follows a typical model monorepo: Python modules and tests (55%), YAML configs (15%), Markdown (10%),
notebooks (5%), CSV (10%) and parquet (5%) data, a few large binary weight files (1 to 6 MiB, about 2 per 10,000
files), directory trees up to seven levels deep, and the evidence the bundled ML Test Score rubric looks for, in
files of its own. The result is committed into a fresh git repository in DIR.
"""
import argparse
import os
import random
import subprocess

PY_BODY = """import numpy as np
import pandas as pd


def transform_{n}(frame: pd.DataFrame) -> pd.DataFrame:
    \"\"\"Feature transform number {n}.\"\"\"
    frame = frame.copy()
    frame["f{n}"] = np.log1p(frame["amount"].clip(lower=0))
    frame["g{n}"] = frame["merchant"].astype("category").cat.codes
    return frame


class Model{n}:
    def __init__(self, depth: int = {depth}):
        self.depth = depth

    def fit(self, x, y):
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, x):
        return np.full(len(x), self.mean_)
"""

TEST_BODY = """import pandas as pd
import pytest

from features.module_{n} import transform_{n}


def test_transform_{n}_keeps_rows():
    frame = pd.DataFrame({{"amount": [1.0, 2.0], "merchant": ["a", "b"]}})
    assert len(transform_{n}(frame)) == 2
"""

CONFIG_BODY = """model:
  name: fraud-{n}
  learning_rate: 0.0{n}
  max_depth: {depth}
features:
  - amount
  - merchant
  - hour_of_day
training:
  epochs: 10
  batch_size: 256
"""

MARKDOWN_BODY = """# Component {n}

This component computes features for the fraud model. It reads transactions, joins merchant data and writes a
feature table. See the design document for the list of features and their owners.

## Running

    python -m features.module_{n} --date 2026-11-01
"""

NOTEBOOK_BODY = """{{"cells": [{{"cell_type": "code", "source": ["import pandas as pd\\n", "df = pd.read_csv('data.csv')\\n", "df.describe()"], "metadata": {{}}, "outputs": [], "execution_count": null}}], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}
"""

WORKFLOW = """name: ci
on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "0 3 * * *"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - run: pytest -q
      - run: great_expectations checkpoint run transactions
      - run: python -m scripts.integration_test --end-to-end
      - run: python -m scripts.canary --traffic-split 5
"""

EVIDENCE = {
    "monitoring/prometheus/alerts.yaml": """groups:
  - name: fraud
    rules:
      - alert: PredictionDrift
        expr: fraud_feature_drift_psi > 0.2
      - alert: ServingLatencyHigh
        expr: histogram_quantile(0.99, rate(fraud_latency_seconds_bucket[5m])) > 0.2
      - alert: ModelStale
        expr: time() - fraud_model_trained_timestamp > 7 * 86400
""",
    "schema/features.schema.json": '{"type": "object", "properties": {"amount": {"type": "number", "minimum": 0}}}\n',
    "deploy/rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: fraud\n",
    "CODEOWNERS": "* @ml-platform\n/features/ @fraud-team\n",
    "dvc.lock": "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n",
}


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)


def nested(rng, depth):
    return "/".join(f"d{rng.randrange(6)}" for _ in range(depth))


def generate(root, files, seed):
    rng = random.Random(seed)
    os.makedirs(root, exist_ok=True)
    write(os.path.join(root, ".github/workflows/ci.yml"), WORKFLOW)
    for path, text in EVIDENCE.items():
        write(os.path.join(root, path), text)
    count = 1 + len(EVIDENCE)
    n = 0
    while count < files:
        n += 1
        kind = rng.random()
        area = f"pkg{n % 50}/{nested(rng, rng.randrange(1, 6))}"
        if kind < 0.40:
            write(os.path.join(root, area, f"features/module_{n}.py"), PY_BODY.format(n=n, depth=rng.randrange(2, 12)))
        elif kind < 0.55:
            write(os.path.join(root, area, f"tests/test_module_{n}.py"), TEST_BODY.format(n=n))
        elif kind < 0.70:
            write(os.path.join(root, area, f"configs/config_{n}.yaml"), CONFIG_BODY.format(n=n, depth=rng.randrange(2, 12)))
        elif kind < 0.80:
            write(os.path.join(root, area, f"README_{n}.md"), MARKDOWN_BODY.format(n=n))
        elif kind < 0.85:
            write(os.path.join(root, area, f"notebook_{n}.ipynb"), NOTEBOOK_BODY.format(n=n))
        elif kind < 0.95:
            rows = "\n".join(f"{i},{rng.random():.6f},m{i % 97}" for i in range(rng.randrange(50, 400)))
            write(os.path.join(root, area, f"data/sample_{n}.csv"), "id,amount,merchant\n" + rows + "\n")
        elif kind < 0.9998:
            path = os.path.join(root, area, f"data/part_{n}.parquet")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(b"PAR1" + rng.randbytes(rng.randrange(2_000, 40_000)) + b"PAR1")
        else:
            path = os.path.join(root, area, f"models/weights_{n}.bin")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(rng.randbytes(rng.randrange(1 << 20, 6 << 20)))
        count += 1
    git = ["git", "-C", root, "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "init", "-q", root], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "synthetic model repository"], check=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate(arguments.directory, arguments.files, arguments.seed)
