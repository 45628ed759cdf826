"""storyline.evaluate.aliases: merge precision and recall of a build's entities against a reader's gold."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.evaluate import aliases
from storyline.records import Mention


def m(doc, start, text, label="PERSON"):
    return Mention(doc=doc, start=start, end=start + len(text), text=text, label=label)


MENTIONS = [m("d1", 0, "Conrad Murray"), m("d1", 20, "Murray"), m("d2", 0, "Dr Murray"), m("d2", 20, "Murray"),
            m("d3", 0, "Jackson"), m("d3", 20, "Michael Jackson"), m("d4", 0, "Propofol"), m("d4", 20, "Colin Murray")]
GOLD = {"story": "t", "names": {"Conrad Murray": "Conrad Murray", "Murray": "Conrad Murray", "Dr Murray": "Conrad Murray",
                                "Jackson": "Michael Jackson", "Michael Jackson": "Michael Jackson", "Propofol": None,
                                "Colin Murray": "Colin Murray", "Nowhere": "X"},
        "types": {"Conrad Murray": "PERSON"}}


def ent(eid, name, etype, *ms):
    return {"id": eid, "name": name, "type": etype, "evidence": [{"doc": x.doc, "start": x.start, "end": x.end} for x in ms]}


def test_pairs_are_scored_by_the_entity_holding_most_of_each_form():
    M = MENTIONS
    entities = [ent("e1", "Conrad Murray", "PERSON", M[0], M[1], M[3]),  # "Murray": 2 of 2 here
                ent("e2", "Dr Murray", "ORG", M[2]),
                ent("e3", "Michael Jackson", "PERSON", M[4], M[5], M[7]),  # Colin Murray wrongly merged
                ent("e4", "Propofol", "PERSON", M[6])]
    r = aliases.score(M, entities, GOLD)
    # named forms: 6 -> 15 pairs; to merge: CM-Murray, CM-DrM, Murray-DrM, Jackson-MJ = 4
    assert (r["pairs_to_merge"], r["pairs_merged"], r["pairs_right"]) == (4, 4, 2)
    assert r["precision"] == 0.5 and r["recall"] == 0.5
    assert r["wrong_merges"] == ["Colin Murray + Jackson", "Colin Murray + Michael Jackson"]
    assert r["terms_kept"] == ["Propofol"] and r["missing_forms"] == ["Nowhere"]
    assert r["types_right"] == 2 and r["types_judged"] == 3  # "Dr Murray" sits in an ORG
    assert "merge precision 50 %" in aliases.report(r)


def test_a_mention_no_entity_holds_is_its_own_singleton():
    r = aliases.score(MENTIONS, [], GOLD)
    assert r["pairs_merged"] == 0 and r["recall"] == 0 and r["terms_kept"] == []


def test_the_packaged_golds_name_thirty_forms_or_more_and_say_what_they_are():
    for name in ("msft-openai", "mj", "egypt"):
        gold = aliases.load_gold(name)
        assert len(gold["names"]) >= 30 and gold["story"] and gold["about"]
        assert set(gold.get("types", {})) <= {ref for ref in gold["names"].values() if ref}


@pytest.mark.model
def test_the_demo_build_merges_its_names_as_a_reader_would(demo_build):
    out, _ = demo_build
    r = CliRunner().invoke(main, ["eval", "aliases", str(out)])
    assert r.exit_code == 0, r.output
    result = aliases.evaluate(out, aliases.load_gold("msft-openai"))
    assert result["precision"] == 1.0 and result["recall"] == 1.0 and result["forms"] >= 28
    assert {"AI", "AGI"}.isdisjoint(result["terms_kept"]) and result["types_right"] == result["types_judged"]
