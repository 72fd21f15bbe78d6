#!/usr/bin/python3
"""Golden values for Galen's tree growing: one scikit-learn tree, no bootstrap, every feature.

    /usr/bin/python3 bench/peers/forest_tree_golden.py

On the first 250 rows of the Wisconsin breast-cancer data (Galen's fixture, malignant = 1) every
feature has at most 250 distinct values, so Galen's 256-bin histograms hold every value apart
and its splits must be scikit-learn's: same features, same thresholds (midway between the
node's nearest values), same leaves. The one freedom is a tie: when two features split a node
equally well scikit-learn takes the first in its random feature order, Galen the first in its
own, so the trees differ where such ties occur (e.g. isolating one sample, or perimeter and area
splitting a node into the same two groups). The configurations below have no such tie on these
rows. Prints predictions on every 4th row of the data (most outside the training rows) for
tests/Galen.Learn.Tests/Trees/SklearnTreeAgreementTests.cs:
- DecisionTreeClassifier P(malignant), (max_depth, min_samples_leaf) = (4, 5) and (3, 3);
- DecisionTreeRegressor of "mean radius" on the other 29 columns, (None, 10) and (3, 5).
"""
import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

X, y = load_breast_cancer(return_X_y=True)
X = X.astype(np.float32)  # Galen's features are float32
y = 1 - y
train = slice(0, 250)
rows = list(range(0, len(y), 4))
print(f"# scikit-learn {sklearn.__version__}; rows {rows[0]}..{rows[-1]} step 4")
assert max(len(np.unique(X[train, j])) for j in range(X.shape[1])) <= 256

for depth, leaf in ((4, 5), (3, 3)):
    tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, random_state=0).fit(X[train], y[train])
    print(f"classifier max_depth={depth} min_samples_leaf={leaf}: {tree.get_n_leaves()} leaves")
    print("[" + ", ".join(f"{v:.17g}" for v in tree.predict_proba(X[rows])[:, 1]) + "]")

target = X[:, 0].astype(np.float64)
others = X[:, 1:]
for depth, leaf in ((None, 10), (3, 5)):
    tree = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=leaf, random_state=0).fit(others[train], target[train])
    print(f"regressor max_depth={depth} min_samples_leaf={leaf}: {tree.get_n_leaves()} leaves, depth {tree.get_depth()}")
    print("[" + ", ".join(f"{v:.17g}" for v in tree.predict(others[rows])) + "]")
