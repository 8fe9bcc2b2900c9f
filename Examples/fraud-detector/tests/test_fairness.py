from fairlearn.metrics import MetricFrame
from sklearn.metrics import recall_score


def test_recall_holds_on_every_country_slice(scored):
    frame = MetricFrame(metrics=recall_score, y_true=scored.label, y_pred=scored.pred, sensitive_features=scored.country)
    assert frame.by_group.min() > 0.8
