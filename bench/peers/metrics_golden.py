#!/usr/bin/python3
"""Golden values for the small metrics Galen.Deep added to Galen.Evaluation, from scikit-learn 1.2.

    /usr/bin/python3 bench/peers/metrics_golden.py
The arrays are pasted into tests/Galen.Evaluation.Tests/Metrics/{MultiLabelRanking,RegressionError,ClassificationAccuracy}Tests.cs.
"""
import numpy as np
from sklearn.metrics import accuracy_score, mean_absolute_error, mean_squared_error, roc_auc_score

targets = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 1]])
scores = np.array([[0.9, 0.2, 0.3], [0.4, 0.8, 0.1], [0.6, 0.3, 0.2], [0.2, 0.6, 0.7], [0.3, 0.1, 0.9], [0.5, 0.7, 0.4]])
print("macro_auroc", repr(roc_auc_score(targets, scores, average="macro")))

truth = np.array([1.5, 2.0, -0.5, 3.25, 0.0])
predicted = np.array([1.0, 2.5, 0.0, 3.0, 0.5])
print("rmse", repr(mean_squared_error(truth, predicted, squared=False)))
print("mae", repr(mean_absolute_error(truth, predicted)))

classes = np.array([0, 2, 1, 2, 0])
probabilities = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.5, 0.4, 0.1], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3]])
print("accuracy", repr(accuracy_score(classes, probabilities.argmax(axis=1))))
