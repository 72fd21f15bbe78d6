"""Golden values for Galen's preprocessing tests, computed by scikit-learn 1.2.1 (Debian python3-sklearn).

Run: /usr/bin/python3 bench/peers/preprocessing_golden.py > tests/Galen.Data.Tests/Fixtures/preprocessing-golden.json
Each imputer / scaler is fitted on the train rows only and then applied to the train and test rows.
"""
import json

import numpy as np
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer, KNNImputer, SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(7)
n_train, n_test = 40, 12
latent = rng.normal(size=(n_train + n_test, 2))
X = np.column_stack([
    50 + 10 * latent[:, 0] + rng.normal(size=n_train + n_test),
    1.2 + 0.3 * latent[:, 1] + 0.05 * rng.normal(size=n_train + n_test),
    120 - 8 * latent[:, 0] + 5 * latent[:, 1] + rng.normal(size=n_train + n_test),
    np.round(rng.uniform(0, 3, size=n_train + n_test)),  # a few repeated values, for most-frequent
    7 + latent[:, 1] + 0.1 * rng.normal(size=n_train + n_test),
]).round(3)
mask = rng.uniform(size=X.shape) < 0.2
mask[:n_train, 4] = False  # column 4 is complete in training but not in test
mask[n_train:, 4] = rng.uniform(size=n_test) < 0.4
X[mask] = np.nan
X = X.astype(np.float32).astype(np.float64)  # Galen's feature matrices are float32
train, test = X[:n_train], X[n_train:]


def both(model):
    model.fit(train)
    return {"train": model.transform(train).tolist(), "test": model.transform(test).tolist()}


def nan_to_none(value):
    if isinstance(value, dict):
        return {k: nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nan_to_none(v) for v in value]
    return None if value != value else value


golden = {
    "train": train.tolist(),
    "test": test.tolist(),
    "mean_with_indicators": both(SimpleImputer(strategy="mean", add_indicator=True)),
    "median": both(SimpleImputer(strategy="median")),
    "most_frequent": both(SimpleImputer(strategy="most_frequent")),
    "standard_scaler": both(StandardScaler()),
    "knn_3": both(KNNImputer(n_neighbors=3)),
    "iterative_ridge": both(IterativeImputer(estimator=Ridge(alpha=1.0), max_iter=10, tol=1e-3,
                                             initial_strategy="mean", imputation_order="ascending",
                                             random_state=0)),
    "quantiles_0.05_0.95": np.nanquantile(train, [0.05, 0.95], axis=0).tolist(),
}
print(json.dumps(nan_to_none(golden), indent=1))
