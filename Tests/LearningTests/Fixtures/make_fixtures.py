"""Reference values from scikit-learn / numpy / scipy for QKSim's Learning tests.

Run in the peers virtualenv (scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1):
    /root/.cache/qksim-peers/bin/python make_fixtures.py
Writes into generated/. The four reference SVM cases next to this script were copied from the
project's shared reference folder and are not made here.
"""
import json
import os

import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import load_iris, load_wine
from sklearn.decomposition import PCA
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, f1_score,
                             roc_auc_score)
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.svm import SVC

OUT = "generated"
os.makedirs(OUT, exist_ok=True)


def write_csv(path, X, y=None, header=None):
    d = X.shape[1]
    names = header or [f"x{i}" for i in range(d)]
    with open(os.path.join(OUT, path), "w") as f:
        f.write(",".join(names + (["label"] if y is not None else [])) + "\n")
        for i in range(X.shape[0]):
            row = [repr(float(v)) for v in X[i]]
            if y is not None:
                row.append(repr(float(y[i])) if float(y[i]) != int(y[i]) else str(int(y[i])))
            f.write(",".join(row) + "\n")


def dump(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)


def svc_reference(svc, X_test):
    return {
        "support": svc.support_.tolist(),
        "dual_coef": svc.dual_coef_.tolist(),
        "intercept": svc.intercept_.tolist(),
        "n_support": svc.n_support_.tolist(),
        "classes": svc.classes_.astype(float).tolist(),
        "decision_ovo": np.atleast_2d(svc.decision_function(X_test)).tolist(),
        "test_predictions": svc.predict(X_test).astype(float).tolist(),
        "gamma": float(getattr(svc, "_gamma", 0.0)),
    }


# --- Multiclass SVMs -------------------------------------------------------------------------
iris = load_iris()
Xtr, Xte, ytr, yte = train_test_split(iris.data, iris.target, test_size=0.3, stratify=iris.target,
                                      random_state=3)
write_csv("iris_train.csv", Xtr, ytr)
write_csv("iris_test.csv", Xte, yte)
svc = SVC(kernel="rbf", gamma=0.5, C=1.0, tol=1e-8).fit(Xtr, ytr)
ref = svc_reference(svc, Xte)
ref["decision_ovo"] = SVC(kernel="rbf", gamma=0.5, C=1.0, tol=1e-8,
                          decision_function_shape="ovo").fit(Xtr, ytr).decision_function(Xte).tolist()
dump("iris_rbf.json", ref)

# Arbitrary label values (sorted, not contiguous) and a precomputed linear kernel.
relabel = np.array([7, -1, 3])
ytr_r, yte_r = relabel[ytr], relabel[yte]
Ktr, Kte = Xtr @ Xtr.T, Xte @ Xtr.T
np.save(os.path.join(OUT, "iris_linear_K_train.npy"), Ktr)
np.save(os.path.join(OUT, "iris_linear_K_test.npy"), Kte)
write_csv("iris_relabelled_train.csv", Xtr, ytr_r)
svc = SVC(kernel="precomputed", C=0.5, tol=1e-8, decision_function_shape="ovo").fit(Ktr, ytr_r)
dump("iris_linear_precomputed.json", svc_reference(svc, Kte))

wine = load_wine()
Wtr, Wte, wtr, wte = train_test_split(wine.data, wine.target, test_size=0.3, stratify=wine.target,
                                      random_state=5)
write_csv("wine_train_raw.csv", Wtr, wtr)
write_csv("wine_test_raw.csv", Wte, wte)
scaler = StandardScaler().fit(Wtr)
Str, Ste = scaler.transform(Wtr), scaler.transform(Wte)
write_csv("wine_train_std.csv", Str, wtr)
write_csv("wine_test_std.csv", Ste, wte)
svc = SVC(kernel="poly", degree=3, gamma="scale", coef0=1.0, C=10.0, tol=1e-8,
          class_weight={0: 1.0, 1: 2.0, 2: 0.5}, decision_function_shape="ovo").fit(Str, wtr)
dump("wine_poly_weighted.json", svc_reference(svc, Ste))
svc = SVC(kernel="rbf", gamma="scale", C=1.0, decision_function_shape="ovo").fit(Str, wtr)  # tol 1e-3
dump("wine_rbf_default_tol.json", svc_reference(svc, Ste))

# --- Preprocessing -----------------------------------------------------------------------------
mm = MinMaxScaler(feature_range=(0, np.pi)).fit(Wtr)
pca = PCA(n_components=3).fit(Str)
dump("preprocessing.json", {
    "standard_mean": scaler.mean_.tolist(), "standard_scale": scaler.scale_.tolist(),
    "standard_test": scaler.transform(Wte).tolist(),
    "minmax_test": mm.transform(Wte).tolist(),
    "pca_components": pca.components_.tolist(),
    "pca_explained_variance": pca.explained_variance_.tolist(),
    "pca_test": pca.transform(Ste).tolist(),
})

# --- Metrics -----------------------------------------------------------------------------------
rng = np.random.default_rng(17)
yb = rng.integers(0, 2, size=60).astype(float) * 3 - 1          # labels -1 / 2
scores = np.round(rng.normal(size=60) + 0.8 * (yb > 0), 1)      # rounded: many ties
pred_b = np.where(scores > 0.3, 2.0, -1.0)
ym = rng.integers(0, 4, size=80).astype(float)
pm = np.where(rng.random(80) < 0.6, ym, rng.integers(0, 4, size=80)).astype(float)
pm[pm == 3] = 2  # class 3 is never predicted: F1 of that class is 0
dump("metrics.json", {
    "binary_true": yb.tolist(), "binary_scores": scores.tolist(), "binary_pred": pred_b.tolist(),
    "binary_accuracy": accuracy_score(yb, pred_b),
    "binary_balanced_accuracy": balanced_accuracy_score(yb, pred_b),
    "binary_f1_positive_2": f1_score(yb, pred_b, pos_label=2.0),
    "binary_roc_auc": roc_auc_score(yb > 0, scores),
    "multi_true": ym.tolist(), "multi_pred": pm.tolist(),
    "multi_accuracy": accuracy_score(ym, pm),
    "multi_balanced_accuracy": balanced_accuracy_score(ym, pm),
    "multi_f1_macro": f1_score(ym, pm, average="macro", zero_division=0),
    "multi_confusion": confusion_matrix(ym, pm).tolist(),
})

# --- Kernel diagnostics --------------------------------------------------------------------------
Xd = Str[:40]
yd = np.where(wtr[:40] == 0, 1.0, -1.0)
sq = ((Xd[:, None, :] - Xd[None, :, :]) ** 2).sum(-1)
KC = np.exp(-0.02 * sq)
KQ = (1 + Xd @ Xd.T / Xd.shape[1]) ** 2


def centred(K):
    n = K.shape[0]
    H = np.eye(n) - np.ones((n, n)) / n
    return H @ K @ H


def alignment(K1, K2):
    return float((K1 * K2).sum() / np.sqrt((K1 * K1).sum() * (K2 * K2).sum()))


def psd_sqrt(K):
    w, V = np.linalg.eigh(K)
    return (V * np.sqrt(np.clip(w, 0, None))) @ V.T


def geometric_difference(KC, KQ, lam):
    n = KC.shape[0]
    KC = KC * n / np.trace(KC)
    KQ = KQ * n / np.trace(KQ)
    sQ, sC = psd_sqrt(KQ), psd_sqrt(KC)
    inv = np.linalg.inv(KC + lam * np.eye(n))
    M = sQ @ sC @ inv @ inv @ sC @ sQ
    return float(np.sqrt(np.linalg.eigvalsh((M + M.T) / 2).max()))


Y = np.outer(yd, yd)
off = KC[~np.eye(40, dtype=bool)]
dump("diagnostics.json", {
    "K_classical": KC.tolist(), "K_quantum": KQ.tolist(), "labels": yd.tolist(),
    "alignment_uncentred": alignment(KC, Y), "alignment_centred": alignment(centred(KC), centred(Y)),
    "eigenvalues_descending": np.linalg.eigvalsh(KC)[::-1].tolist(),
    "geometric_difference_lambda_0.01": geometric_difference(KC, KQ, 0.01),
    "geometric_difference_lambda_0.1": geometric_difference(KC, KQ, 0.1),
    "off_diagonal_mean": float(off.mean()), "off_diagonal_variance": float(off.var()),
})

# --- Platt scaling -------------------------------------------------------------------------------
dec = rng.normal(size=50) * 1.5
lab = np.where(dec + rng.normal(size=50) > 0, 1.0, -1.0)
n1, n0 = (lab > 0).sum(), (lab <= 0).sum()
t = np.where(lab > 0, (n1 + 1) / (n1 + 2), 1 / (n0 + 2))


def nll(ab):
    f = dec * ab[0] + ab[1]
    return np.sum(np.where(f >= 0, t * f + np.log1p(np.exp(-f)), (t - 1) * f + np.log1p(np.exp(f))))


res = minimize(nll, [0.0, np.log((n0 + 1) / (n1 + 1))], method="BFGS", options={"gtol": 1e-12})
r = np.array([[0, 0.7, 0.2], [0.3, 0, 0.45], [0.8, 0.55, 0]])
Q = np.zeros((3, 3))
for i in range(3):
    for j in range(3):
        Q[i, j] = sum(r[s, i] ** 2 for s in range(3) if s != i) if i == j else -r[j, i] * r[i, j]
KKT = np.block([[2 * Q, np.ones((3, 1))], [np.ones((1, 3)), np.zeros((1, 1))]])
p = np.linalg.solve(KKT, np.r_[np.zeros(3), 1.0])[:3]
dump("platt.json", {"decision": dec.tolist(), "labels": lab.tolist(), "A": float(res.x[0]),
                    "B": float(res.x[1]), "pairwise": r.tolist(), "coupled": p.tolist()})
