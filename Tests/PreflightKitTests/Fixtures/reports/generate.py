#!/usr/bin/env python3
"""Regenerate the report fixtures with the real tools, each in its own environment:

    pip install "evidently==0.4.40" "pandas<2.2" "numpy<2"   &&  python generate.py evidently-0.4
    pip install "evidently==0.7.*"                            &&  python generate.py evidently-0.7
    pip install "great_expectations==0.18.22"                 &&  python generate.py great-expectations-0.18
    pip install "great_expectations>=1,<2"                    &&  python generate.py great-expectations-1
    pip install deepchecks                                    &&  python generate.py deepchecks
    pip install pytest coverage                               &&  python generate.py junit-coverage

The data is synthetic and seeded: a reference and a current sample of transactions whose amount drifts.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def frames():
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(7)
    reference = pd.DataFrame({"amount": rng.normal(50, 10, 500), "hour": rng.integers(0, 24, 500)})
    current = pd.DataFrame({"amount": rng.normal(65, 10, 500), "hour": rng.integers(0, 24, 500)})
    return reference, current


def write(name, text):
    with open(os.path.join(HERE, name), "w") as handle:
        handle.write(text)


def evidently_04():
    from evidently.metric_preset import DataDriftPreset
    from evidently.report import Report
    from evidently.test_suite import TestSuite
    from evidently.tests import TestColumnValueMin, TestNumberOfDriftedColumns, TestShareOfMissingValues
    reference, current = frames()
    suite = TestSuite(tests=[TestNumberOfDriftedColumns(lt=1), TestShareOfMissingValues(lt=0.05),
                             TestColumnValueMin(column_name="hour", gte=0)])
    suite.run(reference_data=reference, current_data=current)
    write("evidently-0.4-testsuite-failed.json", suite.json())
    passing = TestSuite(tests=[TestShareOfMissingValues(lt=0.05), TestColumnValueMin(column_name="hour", gte=0)])
    passing.run(reference_data=reference, current_data=current)
    write("evidently-0.4-testsuite-passed.json", passing.json())
    report = Report(metrics=[DataDriftPreset()])
    report.run(reference_data=reference, current_data=current)
    write("evidently-0.4-report.json", report.json())


def evidently_07():
    from evidently import Dataset, Report
    from evidently.presets import DataDriftPreset
    reference, current = frames()
    report = Report([DataDriftPreset()], include_tests=True)
    snapshot = report.run(Dataset.from_pandas(current), Dataset.from_pandas(reference))
    write("evidently-0.7-snapshot.json", snapshot.json())


def great_expectations_018():
    import great_expectations as gx
    reference, current = frames()
    context = gx.get_context(mode="ephemeral") if hasattr(gx, "get_context") else None
    validator = context.sources.pandas_default.read_dataframe(current)
    validator.expect_column_values_to_not_be_null("amount")
    validator.expect_column_values_to_be_between("amount", min_value=0, max_value=80)
    validator.expect_column_values_to_be_between("hour", min_value=0, max_value=23)
    import json
    write("great-expectations-0.18-validation.json", json.dumps(validator.validate().to_json_dict(), indent=2))
    datasource = context.sources.add_pandas("transactions_source")
    asset = datasource.add_dataframe_asset("transactions")
    batch_request = asset.build_batch_request(dataframe=current)
    context.add_or_update_expectation_suite("transactions")
    suite_validator = context.get_validator(batch_request=batch_request, expectation_suite_name="transactions")
    suite_validator.expect_column_values_to_not_be_null("amount")
    suite_validator.expect_column_values_to_be_between("hour", min_value=0, max_value=23)
    suite_validator.save_expectation_suite(discard_failed_expectations=False)
    checkpoint = context.add_or_update_checkpoint(
        name="transactions", validations=[{"batch_request": batch_request, "expectation_suite_name": "transactions"}])
    write("great-expectations-0.18-checkpoint.json", json.dumps(checkpoint.run().to_json_dict(), indent=2))


def great_expectations_1():
    import json
    import great_expectations as gx
    reference, current = frames()
    context = gx.get_context(mode="ephemeral")
    batch = context.data_sources.add_pandas("pandas").add_dataframe_asset("transactions").add_batch_definition_whole_dataframe("all")
    suite = context.suites.add(gx.ExpectationSuite(name="transactions"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="amount"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToBeBetween(column="amount", min_value=0, max_value=80))
    definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name="transactions"))
    write("great-expectations-1-validation.json",
          json.dumps(definition.run(batch_parameters={"dataframe": current}).to_json_dict(), indent=2))
    checkpoint = context.checkpoints.add(gx.Checkpoint(name="transactions", validation_definitions=[definition]))
    write("great-expectations-1-checkpoint.json",
          json.dumps(checkpoint.run(batch_parameters={"dataframe": current}).describe_dict(), indent=2, default=str))


def deepchecks_suite():
    from deepchecks.tabular import Dataset
    from deepchecks.tabular.suites import data_integrity
    reference, current = frames()
    result = data_integrity().run(Dataset(current, cat_features=[]))
    write("deepchecks-data-integrity.json", result.to_json(with_display=False))


def junit_coverage():
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "features.py"), "w") as handle:
            handle.write("def scale(x):\n    if x < 0:\n        return 0\n    return x * 2\n")
        with open(os.path.join(directory, "test_features.py"), "w") as handle:
            handle.write("from features import scale\n\ndef test_scale():\n    assert scale(2) == 4\n\n"
                         "def test_negative():\n    assert scale(-1) == 1\n")
        run = lambda *command: subprocess.run(command, cwd=directory, check=False)
        run(sys.executable, "-m", "coverage", "run", "--source=.", "-m", "pytest", "-q", "--junitxml=junit.xml")
        run(sys.executable, "-m", "coverage", "xml", "-o", "coverage.xml")
        run(sys.executable, "-m", "coverage", "lcov", "-o", "coverage.lcov")
        for name, target in [("junit.xml", "pytest-junit.xml"), ("coverage.xml", "cobertura.xml"), ("coverage.lcov", "coverage.lcov")]:
            with open(os.path.join(directory, name)) as handle:
                text = handle.read().replace(directory, "/src")
            write(target, text)


{"evidently-0.4": evidently_04, "evidently-0.7": evidently_07, "great-expectations-0.18": great_expectations_018,
 "great-expectations-1": great_expectations_1,
 "deepchecks": deepchecks_suite, "junit-coverage": junit_coverage}[sys.argv[1]]()
