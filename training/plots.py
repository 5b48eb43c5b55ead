"""Evaluation figures as small PNG files: confusion matrices and calibration curves.

Figures are drawn on a :class:`matplotlib.figure.Figure` with the Agg canvas chosen inside each
function (no pyplot, no global backend switch at import), so they work headless and in threads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

#: Pixels per inch of the saved figures; with the sizes below they stay well under 100 KB.
DPI = 80
CALIBRATION_BINS = 10


def confusion_matrix_png(y_true: ArrayLike, y_pred: ArrayLike, label: str, path: str | Path) -> Path:
    """A 2×2 confusion matrix (rows: actual 0/1, columns: predicted 0/1) with counts, as PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    yt = np.asarray(y_true, dtype=np.float64).reshape(-1) == 1
    yp = np.asarray(y_pred, dtype=np.float64).reshape(-1) == 1
    cm = np.array(
        [[int((~yt & ~yp).sum()), int((~yt & yp).sum())], [int((yt & ~yp).sum()), int((yt & yp).sum())]]
    )
    fig = Figure(figsize=(3.2, 3.0), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.imshow(cm, cmap="Blues", vmin=0, vmax=max(1, int(cm.max())))
    for i in range(2):
        for j in range(2):
            colour = "white" if cm[i, j] > cm.max() / 2 else "black"
            ax.text(j, i, str(cm[i, j]), ha="center", va="center", color=colour)
    ax.set_xticks([0, 1], ["0", "1"])
    ax.set_yticks([0, 1], ["0", "1"])
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.set_title(f"{label}: confusion matrix", fontsize=9)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, format="png")
    return out


def calibration_curve_png(y_true: ArrayLike, proba: ArrayLike, label: str, path: str | Path) -> Path:
    """Reliability diagram (mean predicted vs observed rate per equal-width bin) over a histogram.

    NaN labels are ignored; empty bins are not drawn.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    y = np.asarray(y_true, dtype=np.float64).reshape(-1)
    p = np.asarray(proba, dtype=np.float64).reshape(-1)
    keep = ~np.isnan(y)
    y, p = y[keep], p[keep]
    bins = np.minimum((np.clip(p, 0.0, 1.0) * CALIBRATION_BINS).astype(np.int64), CALIBRATION_BINS - 1)
    mean_p: list[float] = []
    rate: list[float] = []
    for b in range(CALIBRATION_BINS):
        in_bin = bins == b
        if in_bin.any():
            mean_p.append(float(p[in_bin].mean()))
            rate.append(float(y[in_bin].mean()))

    fig = Figure(figsize=(3.6, 4.2), dpi=DPI)
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    top.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="perfect")
    top.plot(mean_p, rate, marker="o", linewidth=1.5, label="model")
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.set_ylabel("observed rate")
    top.set_title(f"{label}: calibration (n={y.size})", fontsize=9)
    top.legend(loc="upper left", fontsize=7)
    bottom.hist(p, bins=CALIBRATION_BINS, range=(0, 1), color="tab:blue", alpha=0.7)
    bottom.set_xlabel("predicted probability")
    bottom.set_ylabel("count")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, format="png")
    return out
