import numpy as np
import shap

from fraud.explain import explain_prediction
from fraud.train import train


def test_one_prediction_is_explained_feature_by_feature(sample):
    model = train(sample.features, sample.labels)
    values = explain_prediction(model, sample.features[:1])
    assert np.asarray(values).shape[-1] == sample.features.shape[1]
    assert isinstance(shap.TreeExplainer(model), shap.TreeExplainer)
