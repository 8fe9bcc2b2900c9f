"""Train the model. import shap is only prose here."""
from __future__ import annotations

import numpy as np, pandas as pd
import sklearn.model_selection as ms
from sklearn.model_selection import (GridSearchCV as G,
                                     train_test_split)
from . import utils
from ..data import load  # import lime
try:
    import shap
except ImportError:
    shap = None

explain = importlib.import_module("captum.attr")


@dataclass(frozen=True)
class Config:
    seed: int = 1


def train(config: Config) -> float:
    np.random.seed(config.seed)
    x, y = train_test_split(load(), test_size=0.2)
    search = G(estimator, {"C": [1, 10]}, cv=ms.KFold(3)) \
        .fit(x, y)
    message = f"score {search.best_score_:.3f}"
    return search.best_score_
