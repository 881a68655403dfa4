"""Dated versions of a jurisdiction's law: a scenario naming its jurisdiction
is run under the version in force at each event, and crosses amendments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from succession.api import line, simulate
from succession.cli import app
from succession.errors import InputError
from succession.load import discover, load_jurisdiction, load_scenario
from tests.helpers import said

V1 = """\
schema_version: 1
jurisdiction: zz
title: "Zedland, 2000 text"
version: "2000"
valid_from: 2000-01-01
valid_until: 2009-12-31
sources: [{id: c, title: Constitution}]
offices:
  head:
    name: Head of State
    citation: Art. 1
    causes: {permanent: [death, resignation], citation: Art. 2}
    lines:
      permanent:
        steps:
          - {id: deputy, office: deputy, mode: becomes, citation: Art. 3}
  deputy:
    name: Deputy
    citation: Art. 4
    causes: {permanent: [death, resignation], citation: Art. 2}
"""

V2 = """\
schema_version: 1
jurisdiction: zz
title: "Zedland, 2010 text"
version: "2010"
valid_from: 2010-01-01
sources: [{id: c, title: Constitution}]
offices:
  head:
    name: Head of State
    citation: Art. 1
    causes: {permanent: [death, resignation], citation: Art. 2}
    lines:
      permanent:
        steps:
          - {id: deputy, office: deputy, mode: becomes, citation: Art. 3}
          - {id: speaker, office: speaker, mode: acts, tenure: ex_officio, citation: Art. 3a (2010)}
  deputy:
    name: Deputy
    citation: Art. 4
    causes: {permanent: [death, resignation], citation: Art. 2}
  speaker:
    name: Speaker
    citation: Art. 5 (2010)
    causes: {permanent: [death, resignation], citation: Art. 2}
"""

SCENARIO = """\
schema_version: 1
title: Zedland
jurisdiction: zz
people:
  - {id: a, name: Ann}
  - {id: b, name: Bob}
  - {id: c, name: Cy}
start: 2005-01-01
holders:
  head: a
  deputy: b
  speaker: c          # the office the 2010 text creates
events:
  - {id: a-dies, date: 2006-05-01, type: death, person: a, source: {record: r}}
  - {id: b-dies, date: 2011-05-01, type: death, person: b, source: {record: r}}
expect:
  - at: 2007-01-01
    offices: {head: b, deputy: vacant}
  - at: 2010-06-01
    offices: {head: b, speaker: c}
  - at: 2011-06-01
    offices: {head: {holder: null, acting: c}, speaker: c}
"""


@pytest.fixture()
def zz(tmp_path: Path) -> Path:
    folder = tmp_path / "rules" / "zz"
    (folder / "scenarios").mkdir(parents=True)
    (folder / "2000.yaml").write_text(V1, encoding="utf-8")
    (folder / "2010.yaml").write_text(V2, encoding="utf-8")
    (folder / "scenarios" / "crossing.yaml").write_text(SCENARIO, encoding="utf-8")
    return folder


def test_a_scenario_crosses_an_amendment(zz: Path) -> None:
    loaded = load_scenario(zz / "scenarios" / "crossing.yaml")
    assert [v.rules.version for v in loaded.versions] == ["2000", "2010"]
    assert loaded.rules.rules.version == "2000"
    t = simulate(loaded)
    assert [e.kind for e in t.entries] == ["start", "event", "amendment", "event"]
    amendment = t.entries[2]
    assert amendment.instant.date().isoformat() == "2010-01-01"
    assert any("version 2010" in n for n in said(t, amendment))
    assert t.holder("head", "2007-01-01") == "b"
    assert t.state_at("2009-06-01").offices.keys() == {"head", "deputy"}
    assert t.holder("speaker", "2010-06-01") == "c"
    assert t.acting("head", "2011-06-01") == "c"
    assert t.rules_at("2009-06-01").version == "2000"
    assert t.rules_at("2011-06-01").version == "2010"
    from succession.api import check

    assert check(loaded) == []


def test_line_uses_the_version_in_force(zz: Path) -> None:
    t = simulate(load_scenario(zz / "scenarios" / "crossing.yaml"))
    assert len(line(t, "head", "2009-06-01").entries) == 1
    assert len(line(t, "head", "2010-06-01").entries) == 2
    result = CliRunner().invoke(app, ["at", str(zz / "scenarios" / "crossing.yaml"), "2009-06-01"])
    assert "Zedland, 2000 text" in result.stdout
    result = CliRunner().invoke(app, ["at", str(zz / "scenarios" / "crossing.yaml"), "2011-06-01"])
    assert "Zedland, 2010 text" in result.stdout


def test_an_event_outside_every_version_is_an_error(zz: Path) -> None:
    path = zz / "scenarios" / "early.yaml"
    path.write_text(
        SCENARIO.replace("start: 2005-01-01", "start: 1999-01-01").replace(
            "date: 2006-05-01", "date: 1999-05-01"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert (
        "no version of the law of 'zz' is in force on 1999-01-01" in info.value.problems[0].message
    )


def test_an_office_the_version_in_force_lacks_is_an_error(zz: Path) -> None:
    path = zz / "scenarios" / "speaker.yaml"
    path.write_text(
        SCENARIO.replace(
            "type: death, person: a,", "type: resignation, person: c, office: speaker,"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_scenario(path)
    problem = info.value.problems[0]
    assert "'speaker' does not exist under version '2000'" in problem.message
    assert problem.location is not None and problem.location.line == 14


def test_overlapping_versions_are_refused(zz: Path) -> None:
    (zz / "2010.yaml").write_text(
        V2.replace("valid_from: 2010-01-01", "valid_from: 2009-06-01"), encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_jurisdiction(zz)
    problem = info.value.problems[0]
    assert "overlap" in problem.message
    assert problem.hint == "end the earlier version with `valid_until: 2009-05-31`"


def test_jurisdictions_lists_versions_readings_and_scenarios(zz: Path) -> None:
    (zz / "2010-reading.yaml").write_text(
        "schema_version: 1\noverlay: 2010.yaml\njurisdiction: zz\nreading: the speaker becomes\n"
        "citation: Court ruling\nchanges:\n  - set_step: {office: head, step: speaker, mode: becomes, "
        "tenure: leaves}\n",
        encoding="utf-8",
    )
    (found,) = discover(zz.parent)
    assert found.id == "zz"
    assert [v.rules.version for v in found.versions] == ["2000", "2010"]
    assert [r.rules.reading for r in found.readings] == ["the speaker becomes"]
    assert [Path(s).name for s in found.scenarios] == ["crossing.yaml"]
    result = CliRunner().invoke(app, ["jurisdictions", str(zz.parent), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["jurisdictions"][0]
    assert data["versions"][0]["valid_until"] == "2009-12-31"
    assert data["readings"][0]["base"].endswith("2010.yaml")
    assert data["scenarios"][0]["title"] == "Zedland"
    text = CliRunner().invoke(app, ["jurisdictions", str(zz.parent)])
    assert "version 2000: 2000-01-01 to 2009-12-31" in text.stdout


def test_the_repository_jurisdictions() -> None:
    from tests.helpers import ROOT

    found = discover(ROOT / "rules")
    assert {"bo", "us"} <= {j.id for j in found}
    for j in found:
        assert not j.problems, [p.format() for p in j.problems]


def test_bolivia_across_the_2009_constitution() -> None:
    from tests.helpers import ROOT

    path = (
        ROOT / "rules" / "bo" / "scenarios" / "2006-2010-morales-across-the-new-constitution.yaml"
    )
    loaded = load_scenario(path)
    assert [v.rules.version for v in loaded.versions] == ["1967", "2009"]
    t = simulate(loaded)
    before = line(t, "president", "2009-02-06")
    after = line(t, "president", "2009-02-08")
    assert [e.step.step.draws_on for e in before.entries][-1] == "supreme_court_president"
    assert [e.step.step.draws_on for e in after.entries] == [
        "vice_president",
        "senate_president",
        "deputies_president",
    ]
    assert "supreme_court_president" not in t.state_at("2009-02-08").offices


def test_explain_shows_the_version_in_force_at_each_event() -> None:
    from tests.helpers import ROOT

    path = str(
        ROOT / "rules" / "bo" / "scenarios" / "2006-2010-morales-across-the-new-constitution.yaml"
    )
    result = CliRunner().invoke(app, ["explain", path, "president", "--at", "2009-03-01"])
    assert result.exit_code == 0, result.stderr
    assert "rules in force: version 2009" in result.stdout
    assert "morales-elected (elected) [law: version 1967]" in result.stdout
    data = json.loads(
        CliRunner()
        .invoke(app, ["explain", path, "president", "--at", "2010-02-01", "--json"])
        .stdout
    )
    assert data["rules"].startswith("version 2009")
    assert {link["version"] for link in data["holder"]["chain"]} == {"2009"}
    assert data["holder"]["chain"][0]["events"][0]["version"] == "2009"


def test_an_abolished_office_keeps_the_name_it_last_had() -> None:
    """Between a version that abolishes an office and one that creates it
    again, the office is named as it was last named, not by a later law."""
    import datetime as dt

    from succession.api import run
    from tests.helpers import ROOT

    t = run(ROOT / "rules/kr/scenarios/1960-rhee-resignation.yaml")
    by_version = {v.version: v for v in t.versions}
    old, new = by_version["1954"].offices, by_version["1960"].offices
    gone = [
        o
        for o in old
        if o not in new
        and any(o in v.offices and v.offices[o].name != old[o].name for v in t.versions)
    ]
    assert gone, "the case needs an office the 1960 text abolished and a later law renamed"
    at = dt.datetime(1960, 6, 20, 12)
    for office in gone:
        assert t.office_name(office, at) == old[office].name
