import pandas as pd
from sklearn.ensemble import RandomForestClassifier

# TODO: run pytest and great_expectations in CI, canary the rollout
frame = pd.read_csv("data/customers.csv")
model = RandomForestClassifier().fit(frame.drop(columns=["churned"]), frame["churned"])
