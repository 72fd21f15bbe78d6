"""Golden values for Galen.Text's SoftmaxRegression (tests/Galen.Text.Tests/Nlp/SoftmaxRegressionTests.cs).

Run with Debian's interpreter: /usr/bin/python3 bench/peers/softmax_golden.py
scikit-learn's multinomial logistic regression (lbfgs) minimises 0.5*||W||^2 + C * sum(cross-entropy)
with unpenalised intercepts: the objective Galen's implementation minimises.
"""
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

X = np.array([
    [1.0, 0.0, 0.5], [0.9, 0.1, 0.4], [0.8, 0.3, 0.0], [1.2, 0.0, 0.1],
    [0.0, 1.0, 0.2], [0.1, 0.9, 0.6], [0.3, 1.1, 0.0], [0.0, 0.8, 0.3],
    [0.2, 0.1, 1.0], [0.0, 0.3, 0.9], [0.4, 0.0, 1.2], [0.1, 0.2, 0.8],
    [0.6, 0.6, 0.6], [0.9, 0.9, 0.0],
])
y = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 1])
for C in (1.0, 10.0):
    kwargs = dict(C=C, solver="lbfgs", tol=1e-12, max_iter=100000)
    if tuple(int(v) for v in sklearn.__version__.split(".")[:2]) < (1, 5):
        kwargs["multi_class"] = "multinomial"
    model = LogisticRegression(**kwargs).fit(X, y)
    print(f"sklearn {sklearn.__version__}, C={C}")
    print("probabilities (rows 0, 4, 8, 12, 13):")
    for row in (0, 4, 8, 12, 13):
        print("  ", ", ".join(f"{p:.6f}" for p in model.predict_proba(X[row:row + 1])[0]))
