import pandas as pd
import pandera as pa

from fraud.features import FORBIDDEN_COLUMNS, build_features

SCHEMA = pa.DataFrameSchema({"amount": pa.Column(float, pa.Check.ge(0)), "hour": pa.Column(int, pa.Check.in_range(0, 23))})


def test_no_forbidden_columns_reach_the_model():
    frame = pd.DataFrame({"customer_id": [1], "amount": [10.0], "hour": [3], "email": ["a@b.c"]})
    assert not FORBIDDEN_COLUMNS & set(build_features(frame).columns)


def test_input_schema():
    SCHEMA.validate(pd.DataFrame({"amount": [1.0], "hour": [4]}))
