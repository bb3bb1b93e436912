"""`recoup run` end to end: the results file is readable with h5py and pandas, has every table of
docs/results.md, and two runs with the same seed write identical datasets."""
import os
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest


def run(request, tmp_path, name, *extra):
    out = tmp_path / name
    cmd = [request.config.getoption("--recoup"), "run",
           os.path.join(request.config.getoption("--catalog"), "default.yaml"),
           "--accounts", "200", "--days", "10", "--replications", "2", "--quiet",
           "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr + done.stdout
    return out, done.stdout


def datasets(path):
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                found[name] = obj[()]
        f.visititems(visit)
    return found


def test_same_seed_gives_identical_datasets(request, tmp_path):
    a, _ = run(request, tmp_path, "a.h5", "--events")
    b, _ = run(request, tmp_path, "b.h5", "--events")
    da, db = datasets(a), datasets(b)
    assert sorted(da) == sorted(db)
    assert "events/contacts/account" in da
    for name in da:
        a, b = np.asarray(da[name]), np.asarray(db[name])
        nan_ok = a.dtype.kind == "f"
        assert np.array_equal(a, b, equal_nan=nan_ok), name


def test_other_seed_changes_results(request, tmp_path):
    a, _ = run(request, tmp_path, "a.h5")
    b, _ = run(request, tmp_path, "b.h5", "--seed", "99")
    da, db = datasets(a), datasets(b)
    assert not np.array_equal(da["kpis/summary/value"], db["kpis/summary/value"])


def test_tables_read_with_pandas(request, tmp_path):
    path, stdout = run(request, tmp_path, "r.h5")
    assert "champion" in stdout and "challenger" in stdout
    with h5py.File(path, "r") as f:
        assert f.attrs["schema_version"] == 1
        assert f.attrs["scenario_name"] in (b"default", "default")
        summary = pd.DataFrame({k: f["kpis/summary"][k][()] for k in f["kpis/summary"]})
        daily = pd.DataFrame({k: f["kpis/daily"][k][()] for k in f["kpis/daily"]})
        accounts = pd.DataFrame({k: f["accounts"][k][()] for k in f["accounts"]})
        comparison = pd.DataFrame({k: f["comparison"][k][()] for k in f["comparison"]})
    # Two replications of two arms, 10 days each; 200 accounts per replication and arm.
    assert sorted(summary["arm"].unique()) == [0, 1]
    assert len(daily) == 2 * 2 * 10
    assert len(accounts) == 2 * 2 * 200
    kpi = summary["kpi"].str.decode("utf-8") if summary["kpi"].dtype == object else summary["kpi"]
    violations = summary[kpi == "compliance_violations"]["value"]
    assert len(violations) == 4 and (violations == 0).all()
    assert len(comparison) > 0


def test_callback_calls_are_marked(request, tmp_path):
    """The calls agents make to work the callback list (staffing.callbacks) are the rows of
    /events/contacts with `callback` set: human dials, as many as the callback_calls KPI."""
    path, _ = run(request, tmp_path, "c.h5", "--events")
    with h5py.File(path, "r") as f:
        g = f["events/contacts"]
        assert g["callback"].dtype == np.bool_
        contacts = pd.DataFrame({k: g[k][()] for k in
                                 ("replication", "arm", "callback", "verdict", "agent", "channel")})
        summary = pd.DataFrame({k: f["kpis/summary"][k][()] for k in f["kpis/summary"]})
    kpi = summary["kpi"].str.decode("utf-8") if summary["kpi"].dtype == object else summary["kpi"]
    expected = summary[kpi == "callback_calls"].set_index(["replication", "arm"])["value"]
    calls = contacts[contacts["callback"] & (contacts["verdict"] == 0)]
    assert (calls["agent"] == 2).all() and (calls["channel"] == 0).all()  # human, call
    got = calls.groupby(["replication", "arm"]).size()
    assert len(expected) == 4
    for key, value in expected.items():
        assert got.get(key, 0) == value, key
    assert expected.sum() > 0
