from __future__ import annotations

from collections import Counter

import pytest

from storyline.ingest import clean
from storyline.records import Document, RawDocument

PROSE = ("The regulator said on Monday that it would review the proposed merger of the two carriers, "
         "which together control most of the domestic market.")


def _clean(text: str, corpus: Counter | None = None):
    return clean.clean(RawDocument(path="a.txt", text=text), corpus)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Share", "UI label"),
        ("Not Helpful", "UI label"),
        ("3h ago", "byline"),
        ("16 minutes ago", "byline"),
        ("\u70ed\u95e8\u8d44\u8baf", "another script"),
        ("Subscribe to our newsletter for daily updates", "boilerplate"),
        ("Open the app to read the full article", "boilerplate"),
        ("Comments(12)", "boilerplate"),
    ],
)
def test_page_furniture_is_removed_with_its_reason(line, reason):
    doc = _clean(f"{PROSE}\n{line}\n{PROSE.replace('Monday', 'Tuesday')}")
    assert line not in doc.text
    (removed,) = doc.removed
    assert removed.text == line and reason.lower() in removed.reason.lower() and removed.line == 2


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Hiring wars and a messy fight for control",  # a subheading
        "In five minutes, he said he was going to raise money, according to his 2023 comments to the paper.",
        "Analysts expect the deal to close by the end of the year.",
        "Officials blamed a state-sponsored hacking group for the attack on Monday.",
        "Google said it will stop supporting the third-party cookie in Chrome next year.",
    ],
)
def test_article_text_is_kept(line):
    doc = _clean(f"{PROSE}\n{line}")
    assert line in doc.text


def test_short_line_repeated_across_documents_is_furniture():
    corpus = Counter({clean.normalize_line("Read more stories"): 3})
    doc = _clean(f"{PROSE}\nRead more stories", corpus)
    assert "Read more" not in doc.text
    assert "repeated in 3 documents" in doc.removed[0].reason


def test_repeated_and_contained_paragraphs_are_dropped():
    teaser = "The partnership between the two firms is falling apart fast, according to a newspaper report."
    text = f"{teaser}\n\n{teaser} Both sides now fight over computing power and control.\n\n{PROSE}\n\n{PROSE}"
    doc = _clean(text)
    assert doc.text.count("falling apart fast") == 1
    assert doc.text.count("review the proposed merger") == 1
    reasons = sorted(r.reason for r in doc.removed)
    assert any("contained" in r for r in reasons) and any("repeated" in r for r in reasons)


def test_glued_sentences_are_split_into_paragraphs():
    doc = _clean("The market grew quickly.Emerging Tensions and Diverging Paths\nMore text here follows now.")
    assert "grew quickly.\n\nEmerging Tensions" in doc.text


def test_dateline_is_removed_as_metadata():
    doc = _clean(f"{PROSE}\nLast Updated on November 7, 2024 2:27 pm CET")
    assert "Last Updated" not in doc.text and "dateline" in doc.removed[0].reason


def test_document_id_is_a_hash_of_the_raw_text():
    a = RawDocument(path="a.txt", text="Same text.")
    b = RawDocument(path="b.txt", text="Same text.")
    assert clean.document_id(a) == clean.document_id(b) != clean.document_id(RawDocument(path="a", text="Other."))


def _doc(i: str, text: str, published=None) -> Document:
    return Document(id=i, path=i, text=text, published=published)


def test_near_duplicate_documents_point_to_the_earliest():
    from datetime import date

    import random

    rnd = random.Random(7)
    vocab = [f"{a}{b}" for a in "bcdfghjklm" for b in ("an", "el", "ora", "ust", "ik")]
    words = [rnd.choice(vocab) for _ in range(400)]
    base = " ".join(words)
    syndicated = " ".join(words[:200] + ["syndicated"] + words[200:])
    other = " ".join(rnd.choice(vocab) for _ in range(400))
    docs = [_doc("b", syndicated, date(2024, 5, 2)), _doc("a", base, date(2024, 5, 1)), _doc("c", other)]
    assert clean.near_duplicates(docs) == {"b": "a"}
    assert clean.near_duplicates(list(reversed(docs))) == {"b": "a"}
    # signatures known beforehand (a store keeps them) give the same copies, and are not made again
    known = {d.id: clean.minhash_signature(d.text) for d in docs}
    assert clean.near_duplicates(docs, signatures=known) == {"b": "a"}
    assert clean.near_duplicates(docs, signatures={"a": known["a"]}) == {"b": "a"}
    # a signature that says "copy" is only a candidate: the exact Jaccard of the texts decides
    assert clean.near_duplicates(docs, signatures={"c": known["a"]}) == {"b": "a"}


def test_a_signature_key_names_what_the_signature_was_made_from():
    text = "one two three four five six seven"
    key = clean.signature_key(text)
    assert key == clean.signature_key(text)
    assert key != clean.signature_key(text + " eight")
    assert key != clean.signature_key(text, clean.CleanSettings(num_perm=64))
    assert len(clean.minhash_signature(text, clean.CleanSettings(num_perm=64))) == 64


def test_demo_corpus_cleaning_keeps_the_story(demo_dir):
    raws = [RawDocument(path=str(p), text=p.read_text(encoding="utf-8")) for p in sorted(demo_dir.glob("*.txt"))]
    counts = clean.line_counts(r.text for r in raws)
    docs = [clean.clean(r, counts) for r in raws]
    total_removed = sum(len(d.removed) for d in docs)
    assert total_removed >= 10
    for d in docs:
        assert "Not Helpful" not in d.text and "No comments yet" not in d.text
        for para in d.text.split("\n\n"):
            assert d.text.count(para) == 1, "no paragraph appears twice"


@pytest.mark.parametrize("line,is_credit", [
    ("(Reporting by JoAnne Allen; Editing by Vicki Allen)", True),
    ("-LRB- Reporting by JoAnne Allen ; editing by Vicki Allen -RRB-", True),
    ("Additional reporting by Jane Doe in Cairo", True),
    ("Writing by Tom Perry", True),
    ("Reporting by ProPublica found that the agency had ignored dozens of warnings about the well.", False),
    ("The reporting by local outlets was later confirmed by officials.", False),
])
def test_wire_credit_lines_are_furniture(line, is_credit):
    reason = clean.furniture_reason(clean.features(line), clean.CleanSettings(), at_edge=False)
    assert (reason == "wire credits (reporting and editing by-lines)") is is_credit


PTB = ("Jackson 's father Joe joined the Black Entertainment Television -LRB- BET -RRB- Awards show , which "
       "was changed to honor the singer .\nMr Chernoff said : `` He was n't breathing . ''\n")


def test_treebank_tokenized_text_is_detokenized_and_prose_is_left_alone():
    doc = clean.clean(RawDocument(path="t17.txt", text=PTB))
    assert doc.text == ("Jackson's father Joe joined the Black Entertainment Television (BET) Awards show, which was "
                        "changed to honor the singer.\n\nMr Chernoff said: \"He wasn't breathing.\"")
    prose = "Jackson's father said: \"He wasn't breathing.\" The show (BET) went on, and on, and on.\n"
    assert not clean.treebank_tokenized(prose) and clean.clean(RawDocument(path="p.txt", text=prose)).text == prose.strip()
    assert clean.treebank_tokenized(PTB)


@pytest.mark.parametrize("paragraph", [
    PTB.splitlines()[0], PTB.splitlines()[1],
    "I can not go , gon na stay -- and wan na see ` it ' ... right ?",
    "`` 'T is the season , '' he said ; `` Ai n't it ? '' -LRB- 5 % of $ 10 -RRB- .",
    "Rock 'n' roll 's `` King '' , they 'd say , '' ' and more 'n that : 100 % ! ''",
    "Mr. O'Neil -- who had n't -LSB- sic -RSB- spoken -- said `` no . '' '' 'Tis done . ''",
    "' Quote at start , and d 'ye lem me gim me got ta see ... ''",
    "Gİm me the GOT TA list , 't WAS said -LCB- x -RCB- # 1 ; ſo more 'N that",  # case-folded letters
])
def test_detokenize_is_nltks_treebank_detokenizer(paragraph):
    """The detokenizer runs NLTK's own rules with the standard ``re`` engine (speed): the same text
    as NLTK's ``TreebankWordDetokenizer`` gives, here on clitics, quotes, brackets and contractions,
    but for a double dash, which stays between spaces."""
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    tokens = [clean.PTB_BRACKETS.get(t, t) for t in paragraph.split()]
    assert clean.detokenize(paragraph).replace(" -- ", "--") == TreebankWordDetokenizer().detokenize(tokens)


def test_a_double_dash_stays_between_spaces_so_the_next_word_is_its_own():
    """NLTK joins " -- " to its neighbours: "(CNN)--The" was one token to the model, and the lead
    sentence's first words went into names such as "CNN)--The U.N. Security Council"."""
    text = clean.detokenize("UNITED NATIONS -LRB- CNN -RRB- -- The U.N. Security Council voted , he said -- and left .")
    assert text == "UNITED NATIONS (CNN) -- The U.N. Security Council voted, he said -- and left."


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402


_TOKENS = ["'t", "'T", "is", "WAS", "can", "NOT", "d", "'ye", "gim", "me", "gon", "na", "GOT", "ta", "lem", "more",
           "'n", "wan", "'ll", "'RE", "n't", "'s", "'", "''", "``", "`", '"', "--", "(", ")", "[", "]", "{", "}",
           "<", ">", ".", "...", ",", ";", ":", "!", "?", "#", "$", "%", "word", "İ", "gİm", "ſo", "waſ"]


@hsettings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12).map(lambda ts: " " + " ".join(ts) + " "))
def test_a_detokenizer_rule_skipped_for_lacking_its_string_could_not_have_matched(text):
    """Each rule is tried only on text that holds one of the strings any of its matches must hold
    (:func:`clean._needs`): every rule, so applied, gives what its substitution gives."""
    before, after = clean._detokenizer()
    assert sum(needs is not None for _, _, needs in before + after) >= 25
    for rule in before + after:
        rx, repl, _ = rule
        assert clean._apply([rule], text) == rx.sub(repl, text), rx.pattern


def test_containment_is_by_words_in_order_and_needs_a_longer_paragraph():
    norms = ["the council voted to close the plant",
             "on monday the council voted to close the plant after a long debate",
             "she said the council voted to close",  # its words are not all inside another in order
             "the council voted to close the plant",  # a repeat, not contained in a longer one by itself
             "council voted"]  # too short to judge
    assert clean.contained(norms) == [True, False, False, True, False]
    # a match must start and end on word boundaries ("he said ..." is not inside "she said ...")
    assert clean.contained(["he said the talks would go on", "she said the talks would go on today"]) == [False, False]


def test_containment_among_many_paragraphs_sharing_phrases():
    """Every paragraph shares a stock phrase with all the others; containment still finds exactly the
    ones inside a longer paragraph (the check is by the rarest shingle, the speed is bench_clean's)."""
    stock = "according to the ministry of health"
    norms = [f"{stock} case {i} was confirmed in region {i % 7}" for i in range(500)]
    norms.append(f"late on friday {stock} case 42 was confirmed in region 0 and sent home")
    flags = clean.contained(norms)
    assert [i for i, f in enumerate(flags) if f] == [42]


def test_a_one_line_article_with_cue_words_keeps_its_story():
    """An article on one line (no line breaks) holding cue words loses only the sentences that are
    boilerplate, never the whole article."""
    story = "The minister resigned on Monday after a week of \"protests in the capital.\" " * 10
    ads = "Readers can subscribe to our newsletter for updates. Click here to read the full article. "
    more = "Police arrested twelve people near the square, officials said. " * 5
    doc = clean.clean(RawDocument(path="one-line.txt", text=story + ads + more), None)
    assert "The minister resigned" in doc.text and "Police arrested twelve people" in doc.text
    assert "subscribe" not in doc.text and "Click here" not in doc.text
    assert '"protests in the capital." The minister' in doc.text  # closing quotes stay with their sentence
    assert {r.text for r in doc.removed} == {"Readers can subscribe to our newsletter for updates.",
                                             "Click here to read the full article."}
    assert all(r.line == 1 for r in doc.removed)
    # a short line with two cues is still furniture as a whole
    short = clean.clean(RawDocument(path="w.txt", text="Subscribe to our newsletter. Privacy policy\n" + more), None)
    assert "Subscribe" not in short.text and "Police arrested" in short.text


def test_a_short_one_line_article_with_two_cue_words_is_not_emptied():
    """A file whose only line is a short article holding two cue words (in different sentences of
    reporting) keeps its story; a one-line file of calls to action alone still cleans to nothing."""
    text = ("The city council voted on Monday to fine companies that break its cookie rules. "
            "The privacy policy of the city's website will change next year, the mayor said.")
    doc = clean.clean(RawDocument(path="short.txt", text=text), None)
    assert doc.text == text and not doc.removed
    junk = clean.clean(RawDocument(path="junk.txt", text="Subscribe to our newsletter. Read our privacy policy."), None)
    assert junk.text == ""
    assert [r.text for r in junk.removed] == ["Subscribe to our newsletter.", "Read our privacy policy."]


ARTICLE = ["The regulator fined the airline $2 million on Monday for late refunds, officials said.",
           "The airline said it would appeal the decision in court."]


@pytest.mark.parametrize("thread", [
    # a comment system's bar after each post's stamp
    ["March 1, 2011 at 5:58 pm | Reply I think they got it under control.",
     "Send in aid, not troops.",
     "March 1, 2011 at 6:02 pm | Reply No more wars."],
    # Treebank-tokenized, a post's text before its stamp, one post on its own
    ["I sincerely hope not !!! January 27 , 2011 at 7:59 pm | Report abuse | I do n't believe it ."],
    # a forum's "At <time> on <date>, <user> wrote:"
    ["At 2:10 pm on 02 Jun 2009 , ghostofsichuan wrote : As much as the government wishes to deny it .",
     "At 2:26 pm on 02 Jun 2009 , Bobsy26 wrote : This comment was removed by the moderators ."],
    # the BBC's blogs: "At <time> <date>, <user> wrote:", without the "on"
    ["At 21:14 29th Apr 2009 , DeniseCullum222 wrote : What are people buying ?",
     "At 21:58 29th Apr 2009 , Y wrote : cover this story , and do it well ."],
    # the BBC's later threads: "<day> <month> <year> - <time>" opening each post, three of them
    ["22nd January 2012 - 18:12 The government has simply ignored the observers .",
     "The monitors will only be effective if they can travel freely 22nd January 2012 - 14:06 Not again .",
     "22nd January 2012 - 12:47 What is the point of observers ?",
     "10th February 2012 - 09:01 Deeply sad news ."],
    # two posts opening their lines, a third whose stamp the post before runs into
    ["22nd January 2012 - 18:12 The government has simply ignored the observers .",
     "There is no given date when monitors have to leave 22nd January 2012 - 14:06 The League looks ineffectual .",
     "22nd January 2012 - 12:47 What is the point of observers ?"],
    # stamps closing their lines, three of them
    ["Stay out of it. March 8, 2011 at 6:19 pm", "Help them now. March 8, 2011 at 6:25 pm",
     "Who pays for this? 8 March 2011 at 18:40"],
])
def test_a_comment_thread_is_cut_from_its_first_post_to_the_end(thread):
    """Readers' posts are not reporting, and their posting stamps date no happening: from the first
    signed post on, the page is cut, each line recorded with its reason."""
    doc = _clean("\n".join(ARTICLE + thread))
    assert doc.text == "\n\n".join(ARTICLE)
    cut = [r for r in doc.removed if r.reason == clean.COMMENT_THREAD]
    assert [r.line for r in cut] == list(range(len(ARTICLE) + 1, len(ARTICLE) + len(thread) + 1))
    assert [" ".join(r.text.split()) for r in cut] == [" ".join(t.split()) for t in thread]


@pytest.mark.parametrize("lines", [
    # a reporter's sentences with a day and a clock time: not signed, not opening or closing a line
    ["The quake struck on January 12, 2010 at 4:53 pm local time, killing thousands.",
     "The vote is due on March 3, 2011 at 10:00 am, officials said."],
    # two stamps closing their lines are not yet a thread (a sentence may end with its time)
    ["The polls closed on May 6, 2010 at 10:00 pm", "Counting ended on May 7, 2010 at 4:30 am"],
    # a blog post's own stamp and byline: a reporter's post, not a reader's
    ["July 27 , 2010 - 12:48 PM | by : Jonathan Serrie The Coast Guard is responding to a new oil leak .",
     "June 28 , 2010 - 6:39 AM | by : Jonathan Serrie Gulf Coast states have launched campaigns ."],
    # a page's stamp with its zone inside a line is no post run into the next one
    ["15th January 2012 - 22:57 Troops entered the city .",
     "The statement was issued on 15th January 2012 - 22:57 GMT , officials said .",
     "15th January 2012 - 23:10 The curfew began ."],
    # a clock time and a date in a reporter's sentence, without the "on": not signed either
    ["The rig exploded at 21:49 20 April 2010 , killing 11 workers , the company said ."],
    # "at <time> on <date>" quoted in a history: not signed by anyone
    ["`` At 10.30 pm on August 4 1914 , '' Taylor continues , `` the king held a privy council . ''"],
])
def test_times_in_reporting_are_no_comment_thread(lines):
    doc = _clean("\n".join(ARTICLE + lines))
    assert not [r for r in doc.removed if r.reason == clean.COMMENT_THREAD]
    assert clean.comment_thread(ARTICLE + lines) is None


LISTING_PAGE = [
    "updated : Fri Nov 19 2010 03:22:00 Aung San Suu Kyi tells CNN's reporter that change needs a new mentality .",
    "CNN's Frederik Pleitgen reports .",
    "updated : Thu Sep 09 2010 08:11:00 CNN's Frederik Pleitgen reports on the floods in Pakistan .",
    "Poland has a history of anti-Semitism , but that's changing . updated : Fri Jul 02 2010 12:33:00 Lufthansa "
    "and the pilot union agree to suspend a strike .",
]


def test_a_page_listing_other_pages_teasers_loses_their_stamps():
    """A correspondent's video page: each teaser carries its own stamp, days and years apart; those
    lines are cut (their stamps would date other stories) and the page is recorded as a listing."""
    doc = _clean("\n".join(ARTICLE + LISTING_PAGE))
    cut = [r for r in doc.removed if r.reason == clean.LISTING]
    assert [r.line for r in cut] == [len(ARTICLE) + 1, len(ARTICLE) + 3, len(ARTICLE) + 4]
    assert "Pakistan" not in doc.text and "CNN's Frederik Pleitgen reports ." in doc.text
    assert clean.lists_other_pages(doc) and not clean.lists_other_pages(_clean("\n".join(ARTICLE)))


@pytest.mark.parametrize("stamps", [
    # a live page's own entries, stamped over a few days
    ["Updated: January 28, 2011 Protesters gathered .", "Updated: January 29, 2011 The army deployed .",
     "Updated: January 30, 2011 Curfew extended ."],
    # two teasers are no listing
    ["updated : Fri Nov 19 2010 03:22:00 One .", "updated : Thu Sep 09 2010 08:11:00 Two ."],
])
def test_a_live_page_or_two_stamps_are_no_listing(stamps):
    doc = _clean("\n".join(ARTICLE + stamps))
    assert not [r for r in doc.removed if r.reason == clean.LISTING]
    assert not clean.lists_other_pages(doc)


def test_a_page_flattened_into_one_line_keeps_its_article_before_the_comments():
    story = "The minister resigned on Monday after a week of protests in the capital, officials said. " * 8
    doc = _clean(story + "March 1, 2011 at 5:58 pm | Reply Great post. March 1, 2011 at 6:01 pm | Reply Nonsense.")
    assert doc.text == story.strip()
    assert [r.text for r in doc.removed] == ["March 1, 2011 at 5:58 pm | Reply Great post. "
                                             "March 1, 2011 at 6:01 pm | Reply Nonsense."]


@pytest.mark.parametrize("line, kept, stamp", [
    # the stamp, the site's help link, then the story
    ("12 October 2011 Last updated at 20:01 GMT Help The legal team has dropped its claim that the singer "
     "swallowed the fatal dose .",
     ["The legal team has dropped its claim that the singer swallowed the fatal dose ."],
     "12 October 2011 Last updated at 20:01 GMT Help"),
    # between the headline and the story, with a server's include error
    ("Singer was murdered for money , says sister Page last updated at 08:58 GMT , Thursday , 24 June 2010 "
     "09:58 UK -LRB- an error occurred while processing this directive -RRB- The singer's sister has claimed "
     "her brother was murdered .",
     ["Singer was murdered for money , says sister", "The singer's sister has claimed her brother was murdered ."],
     "Page last updated at 08:58 GMT , Thursday , 24 June 2010 09:58 UK -LRB- an error occurred while "
     "processing this directive -RRB-"),
    # a month in lower case, a dash before the time
    ("Last updated : 1 may , 2009 - 17:54 GMT Mexico shuts down in an attempt to slow the spread of flu .",
     ["Mexico shuts down in an attempt to slow the spread of flu ."], "Last updated : 1 may , 2009 - 17:54 GMT"),
])
def test_a_page_stamp_run_into_the_text_is_cut_and_recorded(line, kept, stamp):
    """A page's 'last updated' stamp run into its first sentence would date that sentence by when the
    page was edited; it is cut (with the site's links after it), and what stood before it (a
    headline) becomes a paragraph of its own."""
    doc = _clean("\n".join([*ARTICLE, line]))
    assert doc.text.split("\n\n") == [*ARTICLE, *kept]
    cut = [r for r in doc.removed if r.reason == clean.PAGE_STAMP]
    assert [(r.text, r.line) for r in cut] == [(stamp, len(ARTICLE) + 1)]


@pytest.mark.parametrize("line", [
    "The casualty figures , last updated at 1600 GMT on Monday , show 30 dead .",  # a reporter's words
    "-LRB- Updated 9:19 a.m. Wednesday in Cairo -RRB- Protesters gathered in the square .",  # a live page's entry
    "Updated: January 28, 2011 Protesters gathered in the square .",
    "Help arrived in the capital on 12 January 2010 at 17:00 GMT .",
    "Last Updated on November 7, 2024 2:27 pm CET",  # its own line: the dateline rule's
])
def test_no_page_stamp_is_cut_from_prose_a_live_page_entry_or_a_dateline(line):
    doc = _clean("\n".join([*ARTICLE, line]))
    assert not [r for r in doc.removed if r.reason == clean.PAGE_STAMP]
