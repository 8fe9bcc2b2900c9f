import shap


def explain_prediction(model, row):
    """SHAP values of one transaction, for the on-call analyst."""
    return shap.TreeExplainer(model).shap_values(row)
