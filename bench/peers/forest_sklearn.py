#!/usr/bin/python3
"""scikit-learn's side of the random-forest comparison, on the rows Galen wrote.

    dotnet run -c Release --project bench/Galen.Bench -- harness forest /tmp/galen-bench 50000 50
    /usr/bin/python3 bench/peers/forest_sklearn.py /tmp/galen-bench

Same split (first 80% train, last 20% test), 100 trees, and the leaf limit (the depth limit
FastForest offers), minimum leaf size and feature fraction per split that Galen used (read
from forest-galen.txt; defaults 2048, 5, 0.3), 2 jobs. Prints
both training times, the ratio Galen/sklearn (target <= 1.0) and both test AUROCs (target
|diff| <= 0.005).
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/galen-bench"
data = np.loadtxt(f"{folder}/forest.csv", delimiter=",", skiprows=1, dtype=np.float32)
X, y = data[:, :-1], data[:, -1].astype(int)
cut = len(y) * 4 // 5
galen_seconds, galen_auroc, leaves, min_leaf, fraction = (float(v) for v in open(f"{folder}/forest-galen.txt").read().split(","))
model = RandomForestClassifier(n_estimators=100, max_leaf_nodes=int(leaves), min_samples_leaf=int(min_leaf), max_features=fraction, n_jobs=2, random_state=0)
start = time.perf_counter()
model.fit(X[:cut], y[:cut])
seconds = time.perf_counter() - start
auroc = roc_auc_score(y[cut:], model.predict_proba(X[cut:])[:, 1])
print(f"scikit-learn {sklearn.__version__}: rows={len(y)} features={X.shape[1]} leaves<={int(leaves)} min_leaf={int(min_leaf)} max_features={fraction} train_seconds={seconds:.2f} test_auroc={auroc:.4f}")
print(f"Galen FastForest:     train_seconds={galen_seconds:.2f} test_auroc={galen_auroc:.4f}")
print(f"time ratio Galen/sklearn = {galen_seconds / seconds:.2f}; AUROC diff = {galen_auroc - auroc:+.4f}")
