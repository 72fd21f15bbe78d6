#!/usr/bin/env python3
"""Golden values for the synthetic hospital's formulas (tests/Galen.Data.Tests/Synthetic/FormulaTests.cs).

Run with Debian's interpreter: /usr/bin/python3 bench/peers/synthetic_hospital_golden.py
Independent implementations: the 2021 CKD-EPI equation as published (Inker et al., NEJM 2021),
math.erfc from the C library, and the Bayesian linear-regression posterior predictive with numpy.
"""
import math

import numpy as np


def ckd_epi_2021(scr, age, female):
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    egfr = 142 * min(scr / kappa, 1) ** alpha * max(scr / kappa, 1) ** -1.200 * 0.9938 ** age
    return egfr * 1.012 if female else egfr


def predictive(prior_mean, prior_sd, noise_sd, history, t):
    x = np.array([[1.0, h[0]] for h in history]).reshape(-1, 2)
    y = np.array([h[1] for h in history])
    p0 = np.diag([1 / prior_sd[0] ** 2, 1 / prior_sd[1] ** 2])
    precision = p0 + x.T @ x / noise_sd ** 2
    cov = np.linalg.inv(precision)
    mean = cov @ (p0 @ np.array(prior_mean) + x.T @ y / noise_sd ** 2)
    row = np.array([1.0, t])
    return row @ mean, math.sqrt(noise_sd ** 2 + row @ cov @ row)


for args in [(1.0, 60, False), (0.8, 45, True), (2.5, 70, False), (0.5, 30, True)]:
    print("CKD-EPI", args, repr(ckd_epi_2021(*args)))
for x in [-2.5, -0.7, 0.0, 0.3, 1.2, 3.1, 5.5]:
    print("erfc", x, repr(math.erfc(x)))
print("predictive none", predictive([7.5, 0.1], [0.9, 0.25], 0.3, [], 1.6))
print("predictive three", predictive([7.5, 0.1], [0.9, 0.25], 0.3, [(0, 7.2), (0.5, 7.9), (1.1, 7.6)], 1.6))
print("predictive egfr", predictive([62.0, -2.5], [15, 1.5], 4.0, [(-0.8, 66), (-0.3, 61), (0.2, 60), (0.9, 52)], 1.4))
