#!/usr/bin/env python3
"""How close can an off-the-shelf model get to the synthetic hospital's Bayes-optimal AUROC?

Usage (Debian's interpreter, scikit-learn 1.2):
    dotnet run -c Release --project src/Galen.Cli -- synth --patients 30000 --seed 42 --out /tmp/h30k
    /usr/bin/python3 bench/peers/synthetic_mortality_baseline.py /tmp/h30k

Reads only the MIMIC-style tables (never the ground truth, except for the labels and the true
risks used to score), builds generic first-24-hour features -- min/max/mean/last/count of every
lab and vital item, age, sex, admissions in the previous 365 days, elective admission, ICU start
and procedures in the window -- optionally adds the admission's diagnosis codes, splits patients
75/25 and reports the test AUROC of gradient boosting and logistic regression next to the AUROC of
the true risks on the same rows.
"""
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

folder = sys.argv[1]
day = pd.Timedelta(hours=24)
adm = pd.read_csv(f"{folder}/ADMISSIONS.csv", parse_dates=["ADMITTIME"])
pat = pd.read_csv(f"{folder}/PATIENTS.csv", parse_dates=["DOB"])
truth = pd.read_csv(f"{folder}/ground_truth/admissions.csv").set_index("hadm_id")
adm = adm.merge(pat, on="SUBJECT_ID").sort_values(["SUBJECT_ID", "ADMITTIME"])
adm["age"] = (adm.ADMITTIME - adm.DOB).dt.days / 365.25
adm["male"] = (adm.GENDER == "M").astype(int)
adm["elective"] = (adm.ADMISSION_TYPE == "ELECTIVE").astype(int)


def prior(group):
    t = group.ADMITTIME.values
    return pd.Series([((t < t[i]) & (t >= t[i] - np.timedelta64(365, "D"))).sum() for i in range(len(t))], index=group.index)


adm["prior"] = adm.groupby("SUBJECT_ID", group_keys=False).apply(prior)
events = pd.concat(
    pd.read_csv(f"{folder}/{name}", usecols=["HADM_ID", "ITEMID", "CHARTTIME", "VALUENUM"], parse_dates=["CHARTTIME"]).dropna(subset=["HADM_ID", "VALUENUM"])
    for name in ("LABEVENTS.csv", "CHARTEVENTS.csv"))
events["HADM_ID"] = events.HADM_ID.astype(int)
events = events.merge(adm[["HADM_ID", "ADMITTIME"]], on="HADM_ID")
events = events[(events.CHARTTIME >= events.ADMITTIME) & (events.CHARTTIME < events.ADMITTIME + day)].sort_values("CHARTTIME")
aggregates = events.groupby(["HADM_ID", "ITEMID"]).VALUENUM.agg(["min", "max", "mean", "last", "count"]).unstack("ITEMID")
aggregates.columns = [f"{a}_{b}" for a, b in aggregates.columns]
procedures = pd.read_csv(f"{folder}/PROCEDURES_ICD.csv", parse_dates=["CHARTDATE"]).merge(adm[["HADM_ID", "ADMITTIME"]], on="HADM_ID")
procedures = pd.crosstab(procedures[procedures.CHARTDATE < procedures.ADMITTIME + day].HADM_ID, procedures.ICD_CODE).add_prefix("px_")
icu = pd.read_csv(f"{folder}/ICUSTAYS.csv", parse_dates=["INTIME"]).merge(adm[["HADM_ID", "ADMITTIME"]], on="HADM_ID")
icu = icu[icu.INTIME < icu.ADMITTIME + day].assign(icu=1).set_index("HADM_ID")[["icu"]]
diagnoses = pd.read_csv(f"{folder}/DIAGNOSES_ICD.csv")
diagnoses = pd.crosstab(diagnoses.HADM_ID, diagnoses.ICD_CODE).clip(upper=1).add_prefix("dx_")

window = adm.set_index("HADM_ID")[["age", "male", "prior", "elective"]].join(aggregates).join(procedures).join(icu)
window[list(procedures.columns) + ["icu"]] = window[list(procedures.columns) + ["icu"]].fillna(0)
with_codes = window.join(diagnoses).fillna({c: 0 for c in diagnoses.columns})
y = truth.loc[window.index, "in_hospital_death"].values
p = truth.loc[window.index, "p_in_hospital_death"].values
subjects = adm.set_index("HADM_ID").loc[window.index, "SUBJECT_ID"].values
rng = np.random.RandomState(0)
unique = np.unique(subjects)
test = np.isin(subjects, rng.choice(unique, len(unique) // 4, replace=False))
print(f"admissions {len(y)}, mortality {y.mean():.3f}, test Bayes-optimal AUROC {roc_auc_score(y[test], p[test]):.3f}")
for name, features in (("first 24 h + history", window), ("first 24 h + history + admission codes", with_codes)):
    boosting = HistGradientBoostingClassifier(max_iter=500, learning_rate=0.05, l2_regularization=1.0, early_stopping=True, random_state=0)
    boosting.fit(features[~test], y[~test])
    logistic = make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(), LogisticRegression(max_iter=2000, C=0.5))
    logistic.fit(features[~test], y[~test])
    print(f"{name}: gradient boosting {roc_auc_score(y[test], boosting.predict_proba(features[test])[:, 1]):.3f}, "
          f"logistic regression {roc_auc_score(y[test], logistic.predict_proba(features[test])[:, 1]):.3f}")
