"""Deterministic, grouped, stratified train/test splits and the leakage check.

Grouped: a group (exact copies, near-duplicates at Jaccard ≥ 0.85 and ``swap_of`` variants of
one résumé; :func:`training.dataset.find_duplicates`) always lands on one side, so no résumé
is trained on and tested on. Stratified: every value of every label (0, 1 and unknown, each
its own value) and every source file is spread over the two sides in proportion, as far as
the groups allow. Deterministic: the same records and seed give the same split, whatever
the order of the records.

The assignment is a greedy, deterministic version of iterative stratification (Sechidis et
al., 2011) over groups: groups are taken largest first (ties in a seeded random order) and
each goes to the side that brings the test side's counts of every (label, value) and of
records closest to ``test_size`` of the totals, each (label, value) weighted by the inverse
of its total so that rare values weigh as much as common ones.

Labels that a label file added (:mod:`training.label_files`) play no part: the split is made
on the records' own labels, and held-out records carry only those.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from training.data_report import LeakageReport, LeakItem, SplitSummary
from training.dataset import LABELS, Dataset, LabelledResume, count_labels, find_duplicates
from training.duplicates import UnionFind, near_duplicate_pairs


@dataclass(frozen=True)
class DatasetSplit:
    """A train/test split of labelled résumés.

    Attributes:
        train: the training records, in input order.
        test: the held-out records, in input order, with their own labels only (those a
            label file added are unknown; :meth:`~training.dataset.LabelledResume.own`).
        group_of: record id -> group key (records of one group are on one side).
    """

    train: tuple[LabelledResume, ...]
    test: tuple[LabelledResume, ...]
    group_of: dict[str, str]


def _strata(record: LabelledResume) -> list[str]:
    # The record's own labels: a label file's never move a record between the sides.
    own = record.own()
    values = [f"{name}={own.label(name)}" for name in LABELS]
    # The file's folder and name ("livecareer/records.jsonl"): stable across machines.
    return [*values, f"source={record.source_file.parent.name}/{record.source_file.name}"]


def _order_key(seed: int, group: str) -> str:
    return hashlib.sha256(f"{seed}\0{group}".encode()).hexdigest()


def split_dataset(
    dataset: Dataset | Sequence[LabelledResume], *, test_size: float = 0.2, seed: int = 0
) -> DatasetSplit:
    """Split records into train and test: deterministic, grouped and stratified.

    Args:
        dataset: a loaded dataset (its duplicate groups are used) or records (grouped here).
        test_size: the share of records to hold out, in (0, 1).
        seed: changes which groups are held out; the same seed gives the same split.

    Returns:
        The split. With a single group everything is in train.

    Raises:
        ValueError: ``test_size`` is not in (0, 1).
    """
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    if isinstance(dataset, Dataset):
        records, group_of = list(dataset.records), dataset.duplicates.group_of
    else:
        records = list(dataset)
        group_of = find_duplicates(records).group_of
    members: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        members[group_of.get(r.id, r.id)].append(i)

    strata = sorted({s for r in records for s in _strata(r)})
    column = {s: j for j, s in enumerate(strata)}
    keys = sorted(members, key=lambda g: (-len(members[g]), _order_key(seed, g)))
    counts = np.zeros((len(keys), len(strata) + 1))
    for row, g in enumerate(keys):
        for i in members[g]:
            for s in _strata(records[i]):
                counts[row, column[s]] += 1
        counts[row, -1] = len(members[g])
    totals = counts.sum(axis=0)
    target = test_size * totals
    weights = 1.0 / np.maximum(totals, 1.0)
    weights[-1] *= len(LABELS)  # the test size matters as much as all labels together
    in_test = np.zeros(len(keys), dtype=bool)
    held = np.zeros_like(target)
    for row in range(len(keys)):
        c = counts[row]
        # Cost change of moving this group's counts to test: Σ w·((h+c−t)² − (h−t)²).
        if float(np.dot(weights, c * (2.0 * (held - target) + c))) < 0.0:
            held += c
            in_test[row] = True
    _improve(counts, in_test, held, target, weights, np.random.default_rng(seed))
    test_groups = {g for row, g in enumerate(keys) if in_test[row]}
    train = tuple(r for r in records if group_of.get(r.id, r.id) not in test_groups)
    # Held out with its own labels only: what a label file added trains, never judges.
    test = tuple(r.own() for r in records if group_of.get(r.id, r.id) in test_groups)
    return DatasetSplit(train=train, test=test, group_of=dict(group_of))


#: Candidate partners examined per group and pass when polishing a split (bounds the work on big sets).
_MAX_CANDIDATES = 4096


def _improve(
    counts: npt.NDArray[np.float64],
    in_test: npt.NDArray[np.bool_],
    held: npt.NDArray[np.float64],
    target: npt.NDArray[np.float64],
    weights: npt.NDArray[np.float64],
    rng: np.random.Generator,
    passes: int = 3,
) -> None:
    """Polish a greedy split in place: swap a test group with a train group when that lowers the cost.

    The greedy pass decides early groups with little information; a few passes of best swaps
    bring every label's rate on each side close to the overall rate. Deterministic given ``rng``.
    """
    for _ in range(passes):
        improved = False
        for row in rng.permutation(np.flatnonzero(in_test)):
            if not in_test[row]:
                continue
            train_rows = np.flatnonzero(~in_test)
            if len(train_rows) == 0:
                return
            if len(train_rows) > _MAX_CANDIDATES:
                train_rows = np.sort(rng.choice(train_rows, _MAX_CANDIDATES, replace=False))
            diff = counts[train_rows] - counts[row]  # the test side's change if the two swap
            delta = diff @ (2.0 * weights * (held - target)) + (diff * diff) @ weights
            best = int(np.argmin(delta))
            if delta[best] < -1e-9:
                other = train_rows[best]
                held += diff[best]
                in_test[row], in_test[other] = False, True
                improved = True
        if not improved:
            return


def check_leakage(
    train: Sequence[LabelledResume], test: Sequence[LabelledResume], *, name: str = "train vs test"
) -> LeakageReport:
    """Find résumés on both sides: same id, same normalised text (or PDF), near-duplicate, swap.

    The check recomputes everything from the records themselves (it does not trust the
    groups a split was made with), so it also catches leaks between independently made sets.

    Args:
        train: one side.
        test: the other side.
        name: a label for the report.

    Returns:
        The leaks, one item per connected group of records found on both sides.
    """
    side = {r.id: "train" for r in train}
    both_ids = sorted(side.keys() & {r.id for r in test})
    for r in test:
        side.setdefault(r.id, "test")
    leaks = [LeakItem(kind="same_id", train_ids=[rid], test_ids=[rid]) for rid in both_ids]
    train_ids = {r.id for r in train}
    # Same id on both sides is reported above; tag the rest by side and position.
    everyone = [("train", r) for r in train] + [("test", r) for r in test if r.id not in train_ids]

    links: dict[str, UnionFind[int]] = {k: UnionFind(range(len(everyone))) for k in ("exact", "near", "swap")}
    by_key: dict[str, int] = {}
    index_of: dict[str, int] = {}
    for i, (_, r) in enumerate(everyone):
        index_of.setdefault(r.id, i)
        key = r.text_hash or (f"pdf:{r.pdf_sha256}" if r.pdf_sha256 else None)
        if key is not None:
            links["exact"].union(by_key.setdefault(key, i), i)
    for pair in near_duplicate_pairs([r.input_text for _, r in everyone]):
        links["near"].union(pair.a, pair.b)
    for i, (_, r) in enumerate(everyone):
        if r.swap_of is not None and r.swap_of in index_of:
            links["swap"].union(index_of[r.swap_of], i)

    reported: set[frozenset[int]] = set()
    kinds: tuple[Literal["exact", "near", "swap"], ...] = ("exact", "near", "swap")
    for kind in kinds:
        for group in links[kind].groups():
            sides = {everyone[i][0] for i in group}
            if len(sides) < 2 or frozenset(group) in reported:
                continue
            reported.add(frozenset(group))
            leaks.append(
                LeakItem(
                    kind=kind,
                    train_ids=sorted(everyone[i][1].id for i in group if everyone[i][0] == "train"),
                    test_ids=sorted(everyone[i][1].id for i in group if everyone[i][0] == "test"),
                )
            )
    return LeakageReport(name=name, train=len(train), test=len(test), leaks=leaks)


def summarise_split(split: DatasetSplit, *, test_size: float, seed: int) -> SplitSummary:
    """Sizes, label balance on each side and the leakage check of ``split``."""
    return SplitSummary(
        test_size=test_size,
        seed=seed,
        groups=len(set(split.group_of.values())),
        train_labels=count_labels(split.train),
        test_labels=count_labels(split.test),
        leakage=check_leakage(split.train, split.test, name=f"split (test_size={test_size:g}, seed={seed})"),
    )


def check_declared_splits(records: Sequence[LabelledResume], key: str = "split") -> list[LeakageReport]:
    """Leakage between the splits records declare themselves (an extra key such as ``"split"``).

    Args:
        records: records, some of which carry ``extras[key]`` (e.g. ``"train"``, ``"test"``).
        key: the extra key naming a record's split.

    Returns:
        One report per pair of declared split names (none when no record declares a split).
    """
    by_split: dict[str, list[LabelledResume]] = defaultdict(list)
    for r in records:
        value = r.extras.get(key)
        if isinstance(value, str):
            by_split[value].append(r)
    names = sorted(by_split, key=lambda name: (name != "train", name))  # train first when declared
    return [
        check_leakage(by_split[a], by_split[b], name=f"declared {key} {a} vs {b}")
        for n, a in enumerate(names)
        for b in names[n + 1 :]
    ]
