import lightgbm as lgb
import numpy as np

SEED = 20241123


def train(features, labels, params=None):
    np.random.seed(SEED)
    params = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 63, "seed": SEED, **(params or {})}
    model = lgb.train(params, lgb.Dataset(features, labels), num_boost_round=400)
    return model
