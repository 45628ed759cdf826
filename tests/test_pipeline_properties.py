"""Property: on any generated pile of articles, every offset in the dossier slices to its text,
and the dossier does not depend on the order the files come in."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from storyline import pipeline
from storyline.records import to_jsonable

pytestmark = pytest.mark.model

ORGS = ["Siemens", "Nokia", "Philips", "Ericsson", "Unilever", "Heineken"]
PEOPLE = ["Anna Berg", "Tomas Lind", "Maria Costa", "John Park"]
AMOUNTS = ["$1 billion", "at least $650 million", "over €2.5 billion", "$5-7 billion", "tens of billions of dollars",
           "$37.5 billion annually", "about 300 million euros"]
DATES = ["in 2019", "last year", "in early 2024", "last summer", "on March 3, 2021", "this month", "by 2029"]
VERBS = ["invested", "paid", "committed", "raised", "lost"]

sentence = st.builds(
    lambda org, other, person, amount, when, verb, quote: (
        f"{org} {verb} {amount} in {other} {when}, {person} said. "
        + (f'"{quote} matters," said {person}. ' if quote else "")
    ),
    st.sampled_from(ORGS), st.sampled_from(ORGS), st.sampled_from(PEOPLE), st.sampled_from(AMOUNTS),
    st.sampled_from(DATES), st.sampled_from(VERBS), st.sampled_from(["", "The deal", "Trust"]),
)
article = st.lists(sentence, min_size=1, max_size=4).map(lambda xs: "\n\n".join(xs))


def _check_offsets(d):
    texts = {doc.id: doc.text for doc in d.documents}
    for item in [*d.amounts, *d.quotes]:
        assert texts[item.doc][item.start:item.end] == item.text
    for record in [*d.events, *d.findings, *d.relations]:
        for ev in record.evidence:
            assert texts[ev.doc][ev.start:ev.end] == ev.text


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(article, min_size=1, max_size=3, unique=True), st.randoms(use_true_random=False))
def test_offsets_slice_and_order_does_not_matter(tmp_path_factory, articles, rnd):
    folder = tmp_path_factory.mktemp("pile")
    paths = []
    for i, text in enumerate(articles):
        p = folder / f"a{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    first = pipeline.build(paths).dossier
    _check_offsets(first)
    shuffled = paths[:]
    rnd.shuffle(shuffled)
    second = pipeline.build(shuffled).dossier
    strip = lambda d: {k: v for k, v in to_jsonable(d).items() if k != "meta"}
    assert strip(first) == strip(second)
