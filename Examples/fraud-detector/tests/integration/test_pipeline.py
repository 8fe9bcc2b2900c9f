from fraud.features import build_features
from fraud.train import train


def test_pipeline_end_to_end(raw_sample):
    features = build_features(raw_sample)
    model = train(features.drop(columns=["label"]), features["label"])
    assert model.num_trees() > 0
