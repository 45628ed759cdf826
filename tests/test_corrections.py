"""Corrections that stick: storyline.reconcile.corrections (pure), the corrections file, the
`storyline correct` commands on the demo build (re-applied by build and add), and the web app's
correction route."""

from __future__ import annotations

import json
import shutil
import warnings

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from storyline.cli import main
from storyline.reconcile import corrections as co
from storyline.reconcile.entities import reconcile
from storyline.records import Correction, Entity, Event, EventDate, Evidence, Finding, Mention
from storyline.store import CORRECTIONS_NAME, append_correction, read_corrections


def m(doc, start, text, label="PERSON"):
    return Mention(doc=doc, start=start, end=start + len(text), text=text, label=label)


MENTIONS = [
    m("d1", 0, "Conrad Murray"), m("d1", 40, "Murray"), m("d2", 0, "Jacko"), m("d2", 30, "Jacko"),
    m("d1", 80, "Stargate"), m("d2", 60, "Stargate"), m("d3", 0, "Michael Jackson"), m("d3", 30, "Jackson"),
    m("d4", 0, "Jackson"), m("d4", 20, "Jackson", "ORG"),
]


def corrected(*cs: Correction, mentions=MENTIONS):
    entities, index = reconcile(mentions)
    return co.apply_to_entities(entities, index, mentions, cs)


def by_name(entities):
    return {e.name: e for e in entities}


def test_merge_folds_mentions_names_and_counts_into_the_target():
    ents, _ = reconcile(MENTIONS)
    mj = by_name(ents)["Michael Jackson"]
    ents2, index, (out,) = corrected(Correction(1, "merge", target=mj.id, name="Michael Jackson",
                                                others=("whatever-id",), other_names=("Jacko",)))
    e = by_name(ents2)["Michael Jackson"]
    assert out.status == "applied" and "Jacko" in e.aliases and e.mentions == mj.mentions + 2
    assert "Jacko" not in by_name(ents2)
    assert {index[("d2", 0, 5)], index[("d2", 30, 35)], index[("d3", 0, 15)]} == {e.id}


def test_split_takes_the_mentions_written_one_way_out_into_their_own_entity():
    ents, index, (out,) = corrected(Correction(1, "split", name="Michael Jackson", value="Jackson"))
    names = by_name(ents)
    assert out.status == "applied"
    assert names["Michael Jackson"].mentions == 1 and "Jackson" not in names["Michael Jackson"].aliases
    assert names["Jackson"].mentions == 3
    assert index[("d3", 30, 37)] == index[("d4", 0, 7)] == names["Jackson"].id != index[("d3", 0, 15)]


def test_rename_keeps_the_id_and_the_old_name_as_an_alias():
    before = by_name(reconcile(MENTIONS)[0])["Stargate"]
    ents, index, _ = corrected(Correction(1, "rename", target=before.id, name="Stargate", value="Stargate project"))
    after = by_name(ents)["Stargate project"]
    assert after.id == before.id and "Stargate" in after.aliases and index[("d1", 80, 88)] == after.id


def test_retype_and_reject():
    ents, index, outs = corrected(Correction(1, "retype", name="Stargate", value="PRODUCT"),
                                  Correction(2, "reject", name="Conrad Murray"))
    names = by_name(ents)
    assert names["Stargate"].type == "PRODUCT"
    assert "Conrad Murray" not in names and ("d1", 0, 13) not in index and ("d1", 40, 46) not in index
    assert [o.status for o in outs] == ["applied", "applied"]


def test_a_correction_finds_its_entity_by_name_or_alias_when_the_id_changed_and_says_when_it_cannot():
    _, _, outs = corrected(Correction(1, "retype", target="ent_gone", name="Murray", value="ORG"),
                           Correction(2, "reject", target="ent_gone", name="Nobody Here"))
    assert outs[0].status == "applied"  # "Murray" is an alias of Conrad Murray only
    assert outs[1].status == "unmatched" and "Nobody Here" in outs[1].detail


def test_undo_takes_a_correction_out_and_the_list_says_so():
    cs = [Correction(1, "reject", name="Stargate"), Correction(2, "undo", undoes=1)]
    ents, _, outs = corrected(*cs)
    assert "Stargate" in by_name(ents) and outs == []
    lines = co.listing(cs, [])
    assert "undone by #2" in lines[0] and "undo #1" in lines[1]


def test_corrections_apply_in_the_order_they_were_made():
    # rename then merge by the new name; given in reverse order, the result is the same
    cs = (Correction(2, "merge", name="Conrad Murray 2", other_names=("Jacko",), others=("x",)),
          Correction(1, "rename", name="Conrad Murray", value="Conrad Murray 2"))
    ents, _, outs = corrected(*cs)
    assert by_name(ents)["Conrad Murray 2"].mentions == 4 and all(o.status == "applied" for o in outs)


@settings(max_examples=30, deadline=None)
@given(st.permutations(MENTIONS))
def test_corrected_entities_do_not_depend_on_mention_order(perm):
    cs = (Correction(1, "merge", name="Conrad Murray", others=("x",), other_names=("Jacko",)),
          Correction(2, "split", name="Michael Jackson", value="Jackson"))
    want = corrected(*cs)
    got = corrected(*cs, mentions=list(perm))
    assert sorted(got[0], key=lambda e: e.id) == sorted(want[0], key=lambda e: e.id) and got[1] == want[1]


def _event(eid, *spans):
    return Event(id=eid, date=EventDate(None, None, None), summary=eid,
                 evidence=tuple(Evidence(d, s, e, "x") for d, s, e in spans))


def test_a_rejected_event_stays_rejected_when_a_new_report_changes_its_id():
    c = Correction(1, "reject", kind="event", target="evt_old", spans=(("d1", 0, 10), ("d2", 5, 20)))
    grown = _event("evt_new", ("d1", 0, 10), ("d2", 5, 20), ("d3", 0, 9))
    other = _event("evt_other", ("d1", 0, 10), ("d4", 0, 9), ("d5", 0, 9))
    kept, (out,) = co.reject_items([grown, other], "event", [c])
    assert [e.id for e in kept] == ["evt_other"] and out.status == "applied"
    f = Finding(id="fnd_1", kind="single_source", summary="s", evidence=(Evidence("d9", 1, 2, "x"),))
    kept, (out,) = co.reject_items([f], "finding", [Correction(2, "reject", kind="finding", target="fnd_gone",
                                                               spans=(("d8", 0, 1),))])
    assert kept == [f] and out.status == "unmatched"


def test_the_corrections_file_numbers_records_and_survives_a_torn_line(tmp_path):
    a = append_correction(tmp_path, Correction(0, "reject", name="A"))
    with open(tmp_path / CORRECTIONS_NAME, "a") as f:
        f.write('{"n": 2, "op": "rej')  # a write cut short by a crash
    b = append_correction(tmp_path, Correction(0, "retype", name="B", value="ORG"))
    records, problems = read_corrections(tmp_path)
    assert (a.n, b.n) == (1, 2) and [r.name for r in records] == ["A", "B"]
    assert len(problems) == 1 and f"{CORRECTIONS_NAME}:2" in problems[0]


# ---------------------------------------------------------------- the demo build, end to end


@pytest.fixture
def demo_out(demo_build, tmp_path):
    out = tmp_path / "dossier"
    shutil.copytree(demo_build[0], out)
    return out


def _dossier(out):
    return json.loads((out / "dossier.json").read_text())


def _entity(d, name):
    return next((e for e in d["entities"] if e["name"] == name), None)


@pytest.mark.model
def test_correct_commands_change_the_dossier_and_survive_rebuild_and_add(demo_out, demo_dir, tmp_path):
    run = CliRunner().invoke
    d0 = _dossier(demo_out)
    person = next(e for e in d0["entities"] if e["type"] == "PERSON" and e["aliases"])
    org = next(e for e in d0["entities"] if e["type"] == "ORG" and e["mentions"] >= 3)
    small = next(e for e in d0["entities"] if e["type"] == "ORG" and e["id"] != org["id"] and e["mentions"] <= 2)
    key = next(e for e in d0["events"] if e["key"])
    for args in (["retype", str(demo_out), org["name"], "product"],
                 ["split", str(demo_out), person["name"], person["aliases"][0]],
                 ["merge", str(demo_out), org["name"], small["id"]],
                 ["reject", str(demo_out), "--event", key["id"]]):
        r = run(main, ["correct", *args])
        assert r.exit_code == 0 and ": applied" in r.output, (args, r.output)

    def check(d):
        assert _entity(d, org["name"])["type"] == "PRODUCT"
        assert small["name"] in _entity(d, org["name"])["aliases"] and _entity(d, small["name"]) is None
        assert _entity(d, person["aliases"][0]) is not None
        assert person["aliases"][0] not in _entity(d, person["name"])["aliases"]
        assert key["id"] not in {e["id"] for e in d["events"]}
        docs = {x["id"]: x["text"] for x in d["documents"]}
        assert all(docs[ev["doc"]][ev["start"]:ev["end"]] == ev["text"] for e in d["entities"] for ev in e["evidence"])
        assert [o["status"] for o in d["meta"]["corrections"]] == ["applied"] * 4

    check(_dossier(demo_out))
    r = run(main, ["build", str(demo_dir), "--manifest", str(demo_dir / "manifest.csv"), "--out", str(demo_out),
                   "--quiet"])
    assert r.exit_code == 0, r.output
    check(_dossier(demo_out))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text(f"{org['name']} said on Monday that it had signed a new agreement with "
                                     f"{person['name']}. The agreement runs for three years, the company said.\n")
    r = run(main, ["add", str(demo_out), str(extra), "--quiet"])
    assert r.exit_code == 0 and "1 new" in r.output, r.output
    check(_dossier(demo_out))

    r = run(main, ["correct", "undo", str(demo_out)])  # the last one: the event rejection
    assert r.exit_code == 0 and "undo #4" in r.output
    assert key["id"] in {e["id"] for e in _dossier(demo_out)["events"]}
    listed = run(main, ["correct", "list", str(demo_out)]).output
    assert "[undone by #5]" in listed and listed.count("[applied") == 3


@pytest.mark.model
def test_correct_refuses_what_it_cannot_do_with_the_reason(demo_out):
    run = CliRunner().invoke
    name = _dossier(demo_out)["entities"][0]["name"]
    for args, reason in ((["reject", str(demo_out), "Nobody At All"], "no entity 'Nobody At All'"),
                         (["retype", str(demo_out), name, "SPACESHIP"], "unknown entity type"),
                         (["split", str(demo_out), name, "Zebra"], "is never written 'Zebra'"),
                         (["undo", str(demo_out)], "no correction to undo")):
        r = run(main, ["correct", *args])
        assert r.exit_code == 1 and reason in r.output, (args, r.output)
    assert not (demo_out / CORRECTIONS_NAME).exists()


@pytest.mark.model
def test_the_web_app_corrects_only_from_its_own_pages(demo_out):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from storyline.web.app import create_app

    client = TestClient(create_app([demo_out]))
    ent = next(e for e in _dossier(demo_out)["entities"] if e["type"] == "ORG")
    body = {"op": "rename", "target": ent["id"], "value": "Renamed Co"}
    assert client.post("/corrections.json", content=json.dumps(body), headers={"content-type": "text/plain"}
                       ).status_code in (400, 403)
    r = client.post("/corrections.json", json=body, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = client.post("/corrections.json", json={**body, "op": "explode"})
    assert r.status_code == 400
    r = client.post("/corrections.json", json=body)
    assert r.status_code == 200 and r.json()["status"] == "applied"
    page = client.get(f"/entities/{ent['id']}.json").json()
    assert page["entity"]["name"] == "Renamed Co" and ent["name"] in page["entity"]["aliases"]
    assert page["corrections"][0]["state"] == "applied"
    assert "Renamed Co" in client.get(f"/entities/{ent['id']}").text
    r = client.post("/corrections.json", json={"op": "undo"})
    assert r.status_code == 200 and client.get(f"/entities/{ent['id']}.json").json()["entity"]["name"] == ent["name"]
