#!/usr/bin/python3
"""scikit-learn's side of the breast-cancer comparison, on Galen's folds.

    dotnet run -c Release --project bench/Galen.Bench -- harness breast-cancer /tmp/galen-bench
    /usr/bin/python3 bench/peers/breast_cancer_sklearn.py /tmp/galen-bench

Reads folds.csv and galen.csv that the harness wrote, fits each model's scikit-learn
counterpart on the same 10 folds, and prints both pooled out-of-fold AUROCs (target: |diff| <= 0.005).
Malignant is the positive class, as in Galen.
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, LinearSVC

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/galen-bench"
X, y = load_breast_cancer(return_X_y=True)
y = 1 - y  # malignant = 1
fold = np.loadtxt(f"{folder}/folds.csv", delimiter=",", skiprows=1, dtype=int)[:, 1]

# Galen's defaults (the option records in src/Galen.Learn/Trainers/) mapped to scikit-learn. Galen's
# forest takes scikit-learn's parameters and defaults; FastForest's leaf limit maps to max_leaf_nodes.
models = {
    "logreg": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)),
    "svm": lambda: make_pipeline(StandardScaler(), LinearSVC(C=1.0, max_iter=10000)),
    "rff-svm": lambda: make_pipeline(StandardScaler(), SVC(kernel="rbf", gamma="scale", C=1.0)),
    "forest": lambda: RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0),
    "lightgbm": lambda: HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=20, early_stopping=False, random_state=0),
    "fasttree": lambda: GradientBoostingClassifier(n_estimators=200, learning_rate=0.1, max_leaf_nodes=20, min_samples_leaf=10, random_state=0),
    "fastforest": lambda: RandomForestClassifier(n_estimators=100, max_leaf_nodes=64, min_samples_leaf=2, max_features=0.3, n_jobs=2, random_state=0),
}
peer = {
    "logreg": "LogisticRegression(C=1)",
    "svm": "LinearSVC(C=1)",
    "rff-svm": "SVC(rbf, gamma=scale, C=1)",
    "forest": "RandomForestClassifier(100) (defaults)",
    "lightgbm": "HistGradientBoostingClassifier(200, lr .05)",
    "fasttree": "GradientBoostingClassifier(200, lr .1)",
    "fastforest": "RandomForestClassifier(100, 64 leaves, max_features .3)",
}

galen = {}
for line in open(f"{folder}/galen.csv").read().strip().splitlines()[1:]:
    name, auroc, seconds = line.split(",")
    galen[name] = (float(auroc), float(seconds))

print(f"scikit-learn {sklearn.__version__}; 10 folds from Galen's PatientSplits (seed 42)")
print(f"{'model':10} {'Galen AUROC':>12} {'sklearn AUROC':>14} {'diff':>8}  sklearn model")
for name, make in models.items():
    scores = np.zeros(len(y))
    start = time.perf_counter()
    for f in np.unique(fold):
        train, test = fold != f, fold == f
        model = make().fit(X[train], y[train])
        scores[test] = model.decision_function(X[test]) if not hasattr(model, "predict_proba") else model.predict_proba(X[test])[:, 1]
    auroc = roc_auc_score(y, scores)
    g = galen.get(name, (float("nan"), 0))[0]
    print(f"{name:10} {g:12.4f} {auroc:14.4f} {g - auroc:+8.4f}  {peer[name]} ({time.perf_counter() - start:.1f} s)")
