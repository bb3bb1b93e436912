"""Reads a results file with h5py and pandas, as a user would (docs/results.md).

The file comes from recoup_write_sample_results (write_sample_results.cc), whose path ctest passes in
RECOUP_WRITE_SAMPLE_RESULTS. The sample's outcomes follow simple arithmetic of (seed, account, day),
recomputed here, so the values are checked, not only the schema.
"""

import os
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

ACCOUNTS = 6
DAYS = 4
SEEDS = [1, 2, 3]
ARMS = [-1, 0, 1]


def table(f, path):
    """A table of the results file as a DataFrame (strings decoded)."""
    g = f[path]
    cols = {}
    for name in g.attrs["columns"]:
        ds = g[name]
        cols[name] = ds.asstr()[()] if h5py.check_string_dtype(ds.dtype) else ds[()]
    return pd.DataFrame(cols)


def labels(ds):
    return dict(zip(ds.attrs["label_codes"], ds.attrs["labels"]))


def expected_run(seed):
    """Per arm: dials, right-party contacts, promises and amount recovered of the sample run."""
    out = {arm: {"dials": 0, "rpc": 0, "promises": 0, "recovered": 0.0, "contacts": 0}
           for arm in (0, 1)}
    spoke = set()
    for day in range(DAYS):
        for a in range(1, ACCOUNTS + 1):
            e = out[a % 2]
            e["contacts"] += 1
            if a in spoke:
                continue
            e["dials"] += 1
            if (a + day + seed) % 3 == 0:
                spoke.add(a)
                e["rpc"] += 1
                if (a + seed) % 2 == 0:
                    e["promises"] += 1
                    e["recovered"] += 50.0
    return out


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    writer = os.environ.get("RECOUP_WRITE_SAMPLE_RESULTS")
    if not writer:
        pytest.fail("RECOUP_WRITE_SAMPLE_RESULTS is not set (run through ctest)")
    directory = tmp_path_factory.mktemp("results")
    path = directory / "sample.h5"
    done = subprocess.run([writer, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in directory.iterdir()) == ["sample.h5"]  # no temporary left
    with h5py.File(path, "r") as f:
        yield f


def test_manifest(results):
    a = results.attrs
    assert a["schema_version"] == 1
    assert a["scenario_name"] == "sample"
    assert a["scenario_text"].startswith("name: sample")
    assert a["seed"] == 1 and a["replications"] == 3
    assert a["version"] == "0.1.0" and a["git_revision"] == "0123456789abcdef"
    assert a["command_line"].startswith("recoup_write_sample_results ")
    assert a["start_date"] == "2026-02-02" and a["horizon_days"] == DAYS
    assert list(a["arm_names"]) == ["champion", "challenger"]
    assert a["currency_decimals"] == 2 and a["events"] == 1


def test_every_table_has_equal_columns(results):
    groups = ["/kpis/definitions", "/kpis/summary", "/kpis/daily", "/accounts", "/events/contacts",
              "/compliance/audits", "/compliance/violations", "/compliance/by_rule", "/comparison"]
    for path in groups:
        g = results[path]
        lengths = {name: g[name].shape[0] for name in g.attrs["columns"]}
        assert set(lengths) == set(g.keys()), path
        assert set(lengths.values()) == {g.attrs["rows"]}, path
        for name in g.attrs["columns"]:
            assert "description" in g[name].attrs, (path, name)


def test_kpi_tables(results):
    defs = table(results, "/kpis/definitions")
    assert defs["name"].is_unique
    assert defs["daily"].dtype == bool
    summary = table(results, "/kpis/summary")
    assert len(summary) == len(SEEDS) * len(ARMS) * len(defs)
    assert set(summary["kpi"]) == set(defs["name"])
    units = dict(zip(defs["name"], defs["unit"]))
    assert all(summary["unit"] == summary["kpi"].map(units))

    wide = summary.pivot_table(index=["replication", "arm"], columns="kpi", values="value",
                               dropna=False)
    for r, seed in enumerate(SEEDS):
        exp = expected_run(seed)
        for arm in (0, 1):
            row = wide.loc[(r, arm)]
            e = exp[arm]
            late = 1 if (r == 0 and arm == 1) else 0  # the deliberate late text
            assert row["contacts"] == e["contacts"] + late
            assert row["contacts_call"] == e["dials"]
            assert row["rpc_rate"] == pytest.approx(e["rpc"] / e["dials"])
            assert row["ptp_rate"] == pytest.approx(e["promises"] / e["rpc"] if e["rpc"] else 0)
            assert row["amount_recovered"] == pytest.approx(e["recovered"])
            assert row["compliance_violations"] == late
            assert row["accounts_placed"] == 3
        assert wide.loc[(r, -1)]["contacts"] == 0
    # The AI arm works cheaper calls (0.60 vs 4.50 per dial).
    assert (wide.xs(0, level="arm")["cost_per_contact"] <
            wide.xs(1, level="arm")["cost_per_contact"]).all()

    daily = table(results, "/kpis/daily")
    assert len(daily) == len(SEEDS) * len(ARMS) * DAYS
    daily_names = list(defs.loc[defs["daily"], "name"])
    assert list(daily.columns) == ["replication", "seed", "arm", "day", "date"] + daily_names
    assert sorted(set(daily["date"])) == ["2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05"]
    arm0 = daily[(daily["replication"] == 0) & (daily["arm"] == 0)]
    assert list(arm0["accounts_contacted_per_day"]) == [3, 3, 3, 3]
    totals = daily.groupby(["replication", "arm"])["contacts"].sum()
    assert totals.loc[(0, 1)] == wide.loc[(0, 1)]["contacts"]


def test_contact_events(results):
    contacts = table(results, "/events/contacts")
    audits = table(results, "/compliance/audits")
    assert list(contacts.groupby("replication").size()) == list(audits["rows_seen"])
    offset_ns = contacts["local_offset_s"].astype("int64") * 10**9  # int32: widen first
    assert (contacts["local_ns"] == contacts["utc_ns"] + offset_ns).all()
    assert contacts["right_party_contact"].dtype == bool
    channel = labels(results["/events/contacts/channel"])
    assert channel[0] == "call" and channel[1] == "sms"
    outcome = labels(results["/events/contacts/outcome"])
    contacts["outcome_name"] = contacts["outcome"].map(outcome)
    assert set(contacts["outcome_name"]) == {"conversation", "no_answer", "sent"}
    # Rows are numbered per replication from 0, as the audit numbers them.
    for _, g in contacts.groupby("replication"):
        assert list(g["row"]) == list(range(len(g)))
    # Every call starts at 10:0x New York time.
    calls = contacts[contacts["channel"] == 0]
    local = pd.to_datetime(calls["local_ns"], unit="ns")
    assert set(local.dt.hour) == {10}


def test_compliance_tables(results):
    violations = table(results, "/compliance/violations")
    assert len(violations) == 1
    v = violations.iloc[0]
    assert v["replication"] == 0 and v["rule_id"] == "RF-TIME" and v["account"] == 1
    assert labels(results["/compliance/violations/rule"])[v["rule"]] == "RF-TIME"
    contacts = table(results, "/events/contacts")
    row = contacts[(contacts["replication"] == 0) & (contacts["row"] == v["row"])].iloc[0]
    assert row["account"] == 1 and row["channel"] == 1
    assert pd.to_datetime(row["local_ns"], unit="ns").hour == 22
    by_rule = table(results, "/compliance/by_rule")
    assert by_rule.to_dict("records") == [
        {"replication": 0, "arm": 1, "rule_id": "RF-TIME", "violations": 1}]
    audits = table(results, "/compliance/audits")
    assert list(audits["violating_rows"]) == [1, 0, 0]


def test_accounts(results):
    accounts = table(results, "/accounts")
    assert len(accounts) == len(SEEDS) * ACCOUNTS
    assert (accounts["placed"] == 100000).all()  # minor units
    assert (accounts["collected"] + accounts["balance"] == accounts["placed"]).all()
    state = labels(results["/accounts/state"])
    assert set(accounts["state"].map(state)) <= {"open", "on_plan"}
    summary = table(results, "/kpis/summary")
    recovered = summary[summary["kpi"] == "amount_recovered"].groupby("replication")["value"].sum()
    assert list(accounts.groupby("replication")["collected"].sum() / 100) == list(recovered)


def test_comparison(results):
    cmp = table(results, "/comparison")
    defs = table(results, "/kpis/definitions")
    assert list(cmp["kpi"]) == list(defs["name"])
    assert (cmp["champion_arm"] == 0).all() and (cmp["challenger_arm"] == 1).all()
    assert (cmp["replications"] == 3).all()
    finite = cmp[np.isfinite(cmp["half_width"])]
    assert len(finite) > 0
    assert ((finite["ci_low"] <= finite["difference"]) &
            (finite["difference"] <= finite["ci_high"])).all()
    assert np.allclose(cmp["difference"], cmp["challenger_mean"] - cmp["champion_mean"],
                       equal_nan=True)
    contacts = cmp.set_index("kpi").loc["contacts"]
    assert contacts["difference"] == pytest.approx(1 / 3)  # the one late text in replication 0


def test_write_error_names_the_path(tmp_path):
    writer = os.environ["RECOUP_WRITE_SAMPLE_RESULTS"]
    path = tmp_path / "missing" / "sample.h5"
    done = subprocess.run([writer, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert str(path) in done.stderr
    assert list(tmp_path.iterdir()) == []
