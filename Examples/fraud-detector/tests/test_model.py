import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.metrics import roc_auc_score

from fraud.train import train


def test_predictions_are_finite(sample):
    model = train(sample.features, sample.labels)
    assert np.isfinite(model.predict(sample.features)).all()


def test_beats_the_baseline(sample):
    baseline = DummyClassifier(strategy="prior").fit(sample.features, sample.labels)
    model = train(sample.features, sample.labels)
    assert roc_auc_score(sample.labels, model.predict(sample.features)) > roc_auc_score(
        sample.labels, baseline.predict_proba(sample.features)[:, 1]) + 0.1
