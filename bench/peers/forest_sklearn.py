#!/usr/bin/python3
"""scikit-learn's side of the random-forest comparison, on the rows Galen's harness wrote.

    dotnet run -c Release --project bench/Galen.Bench -- harness forest /tmp/galen-bench --rows 50000 --features 50
    /usr/bin/python3 bench/peers/forest_sklearn.py /tmp/galen-bench --rows 50000 --features 50
    /usr/bin/python3 bench/peers/forest_sklearn.py /tmp/galen-bench --summary

bench/peers/forest_compare.sh runs both sides alternately and prints the summary.

Same rows (forest-ROWS-FEATURES.x.f32 / .y.u8), same split (first 80% train, last 20% test),
and the same parameters Galen's harness takes: --trees (n_estimators), --depth (max_depth,
"none" for unlimited), --min-leaf (min_samples_leaf), --max-features (max_features: sqrt, log2,
all, a fraction such as 0.3, or a count), --max-leaves (max_leaf_nodes), --threads (n_jobs).
Appends wall-clock seconds, CPU seconds (user + sys of every thread of this process:
RandomForestClassifier's n_jobs uses threads) and test AUROC to forest-sklearn.csv.

--summary pairs the two files' rows for each configuration and prints medians: the time ratio
Galen/sklearn (target <= 1.0) by wall clock and by CPU, and the AUROC difference (target
|diff| <= 0.005).
"""
import argparse
import csv
import os
import statistics
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("folder", nargs="?", default="/tmp/galen-bench")
parser.add_argument("--rows", type=int, default=50000)
parser.add_argument("--features", type=int, default=50)
parser.add_argument("--trees", type=int, default=100)
parser.add_argument("--depth", default="none")
parser.add_argument("--min-leaf", type=int, default=1)
parser.add_argument("--max-features", default="sqrt")
parser.add_argument("--max-leaves", default="none")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--repeats", type=int, default=1)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--bins", type=int, default=256)  # Galen's option; ignored here
parser.add_argument("--summary", action="store_true")
args = parser.parse_args()

KEY = ["rows", "features", "trees", "depth", "min_leaf", "max_features", "max_leaves", "threads"]


def summary(folder):
    def read(name):
        path = os.path.join(folder, name)
        return list(csv.DictReader(open(path))) if os.path.exists(path) else []

    galen, peer = read("forest-galen.csv"), read("forest-sklearn.csv")
    configurations = sorted({tuple(r[k] for k in KEY) for r in peer})
    for config in configurations:
        g = [r for r in galen if tuple(r[k] for k in KEY) == config and r["engine"] == "forest"]
        s = [r for r in peer if tuple(r[k] for k in KEY) == config]
        if not g or not s:
            continue

        def median(rows, field):
            return statistics.median(float(r[field]) for r in rows)

        print(", ".join(f"{k}={v}" for k, v in zip(KEY, config)) + f"  ({len(g)} Galen runs, {len(s)} sklearn runs)")
        print(f"  Galen  : wall {median(g, 'wall_seconds'):8.2f} s   cpu {median(g, 'cpu_seconds'):8.2f} s   AUROC {median(g, 'test_auroc'):.4f}")
        print(f"  sklearn: wall {median(s, 'wall_seconds'):8.2f} s   cpu {median(s, 'cpu_seconds'):8.2f} s   AUROC {median(s, 'test_auroc'):.4f}")
        print(f"  time ratio Galen/sklearn: wall {median(g, 'wall_seconds') / median(s, 'wall_seconds'):.2f}, "
              f"cpu {median(g, 'cpu_seconds') / median(s, 'cpu_seconds'):.2f}; "
              f"AUROC diff {median(g, 'test_auroc') - median(s, 'test_auroc'):+.4f}")


if args.summary:
    summary(args.folder)
    raise SystemExit(0)

import sklearn  # noqa: E402  (only needed for a run)
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

stem = os.path.join(args.folder, f"forest-{args.rows}-{args.features}")
X = np.fromfile(stem + ".x.f32", dtype="<f4").reshape(args.rows, args.features)
y = np.fromfile(stem + ".y.u8", dtype=np.uint8).astype(int)
cut = args.rows * 4 // 5


def max_features(text):
    if text in ("sqrt", "log2"):
        return text
    if text == "all":
        return None
    return float(text) if "." in text else int(text)


depth = None if args.depth in ("none", "null") else int(args.depth)
leaves = None if args.max_leaves in ("none", "null") else int(args.max_leaves)
results = os.path.join(args.folder, "forest-sklearn.csv")
if not os.path.exists(results):
    with open(results, "w") as f:
        f.write("rows,features,trees,depth,min_leaf,max_features,max_leaves,threads,wall_seconds,cpu_seconds,test_auroc\n")

for _ in range(args.repeats):
    model = RandomForestClassifier(n_estimators=args.trees, max_depth=depth, min_samples_leaf=args.min_leaf,
                                   max_features=max_features(args.max_features), max_leaf_nodes=leaves,
                                   n_jobs=args.threads, random_state=args.seed)
    cpu, wall = time.process_time(), time.perf_counter()
    model.fit(X[:cut], y[:cut])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    auroc = roc_auc_score(y[cut:], model.predict_proba(X[cut:])[:, 1])
    with open(results, "a") as f:
        f.write(f"{args.rows},{args.features},{args.trees},{args.depth},{args.min_leaf},{args.max_features},{args.max_leaves},{args.threads},{wall:.3f},{cpu:.3f},{auroc:.6f}\n")
    print(f"scikit-learn {sklearn.__version__}: rows={args.rows} features={args.features} trees={args.trees} depth={args.depth} "
          f"min_leaf={args.min_leaf} max_features={args.max_features} n_jobs={args.threads} wall_seconds={wall:.2f} cpu_seconds={cpu:.2f} test_auroc={auroc:.4f}")
