"""Quotes: direct quotes and quoted fragments, with the speaker resolved to an entity.

1. Quoted spans are found by pairing quote marks: curly ``“…”`` pairs, straight ``"`` marks
   paired left to right inside a paragraph, and the Penn Treebank marks of tokenized corpora
   (two backticks … two apostrophes, as in Timeline17). Offsets exclude the marks. Fragments of one word are
   kept only when a reporting verb governs them (scare quotes like "AI" are not quotes).
2. The attribution is read from the dependency parse of the text around the quote (the sentences
   it touches, the quoted text itself excluded): the reporting verb nearest the quote
   (``said``, ``told``, ``dismissed … as``, ``according to``…) and its subject. A subject that is a
   pronoun is resolved to the most recent person (``he``/``she``) or organisation (``it``/``they``)
   named before the quote. With no verb in the sentence, the speaker is the one of the previous
   quote when the two are parts of one split quote, else the subject of a reporting verb or the last
   person named in the previous sentence (a sentence ending with a colon introduces its quote).
3. ``said_at`` is the time expression of the attribution ("In an October 2023 interview",
   "on a February podcast"), never one inside the quoted words; ``cue`` is the verb's lemma.

Why hand-written: no maintained PyPI package does quote attribution on a spaCy parse for English
news (textacy's direct-quotation helper finds quotes but does not resolve pronouns or previous
sentences, and does not keep character offsets of fragments); this module keeps it small.
"""

from __future__ import annotations

import re

from ..reconcile.entities import PRONOUN_KINDS, RELATIVE_PRONOUNS, pronoun_antecedent
from .nlp import doc_text
from ..records import Quote, content_id

CUE_VERBS = frozenset({
    "say", "tell", "add", "write", "state", "note", "argue", "claim", "insist", "explain", "warn",
    "dismiss", "describe", "call", "label", "brand", "deride", "praise", "recall", "predict", "declare",
    "announce", "acknowledge", "admit", "concede", "respond", "reply", "answer", "ask", "post", "tweet",
    "quip", "joke", "suggest", "stress", "emphasize", "emphasise", "observe", "comment", "remark",
    "continue", "conclude", "characterize", "characterise", "term", "dub", "promise", "vow", "pledge",
    "caution", "complain", "boast", "confirm", "deny", "describe", "put", "reckon", "believe", "think",
})
SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
TIME_TYPES = frozenset({"DATE", "TIME"})

_STRAIGHT = re.compile(r'"([^"\n\u201c\u201d]{1,2000}?)"')
_MARKS = '"\u201c\u201d'
_CURLY = re.compile(r"\u201c([^\u201c\u201d]{1,2000}?)\u201d")
_PTB = re.compile(r"``((?:(?!``|'')[^\n]){1,2000}?)''")


def find_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quote marks, sorted."""
    spans = []
    for rx in (_CURLY, _STRAIGHT, _PTB):
        for m in rx.finditer(text):
            start, end = m.start(1), m.end(1)
            while start < end and (text[start].isspace() or text[start] in _MARKS):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
                end -= 1
            if end > start and any(ch.isalpha() for ch in text[start:end]):
                spans.append((start, end))
    return sorted(set(spans))


# nouns for what someone said: their possessor is the speaker ("his comments", "Nadella's remarks")
SPEECH_NOUNS = frozenset("comment remark statement interview testimony words speech post tweet letter memo "
                         "email note testimony account".split())


def _words(s: str) -> int:
    return len(s.split())


def _subject_speaker(verb, doc_id: str, entities, quote_start: int) -> tuple[str | None, str | None]:
    subj = [c for c in verb.children if c.dep_ in SUBJ]
    if not subj and verb.dep_ in ("conj", "xcomp", "advcl"):
        subj = [c for c in verb.head.children if c.dep_ in SUBJ]
    if not subj:
        # "according to X": X is the object of the preposition
        if verb.lower_ == "according":
            for prep in verb.children:
                subj.extend(g for g in prep.children if g.dep_ == "pobj")
        if not subj:
            return None, None
    head = subj[0]
    if head.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        head = verb.head  # "Sam Altman, who told reporters": the noun the relative clause hangs on
    # "according to his comments to the Journal": the speaker owns the words, not the outlet
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and head.lemma_.lower() in SPEECH_NOUNS:
        head = owner
    if head.lower_ in PRONOUN_KINDS:  # a pronoun speaker: the person or group it stands for
        entity = pronoun_antecedent(head.lower_, min(quote_start, head.idx), doc_id, entities)
        return entity, entities.name_of(entity) if entity else head.text
    sub = list(head.subtree)
    start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    entity = entities.entity_of(doc_id, head.idx, head.idx + len(head.text))
    if entity is None and head.pos_ in ("PRON", "DET", "NUM", "ADJ") and len(sub) == 1:
        return None, None  # "many dub it …", "some say …": nobody in particular
    if entity is None:
        inside = [(m.start, e) for m, e in entities.mentions_in(doc_id, start, end) if e]
        # prefer a person inside the phrase ("OpenAI chief executive Sam Altman")
        people = [x for x in inside if entities.type_of(x[1]) == "PERSON"]
        entity = (people or inside or [(0, None)])[0][1]
    if entity is None and head.pos_ == "PROPN" and hasattr(entities, "by_name"):
        entity = entities.by_name(doc_text(head.doc)[start:end], doc_id)  # a name the model did not tag
    name = entities.name_of(entity) if entity else doc_text(head.doc)[start:end]
    return entity, name


def _cue_tokens(sdoc, lo: int, hi: int, quoted: list[tuple[int, int]]):
    span = sdoc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return []
    # only the quotes that reach into the window (a document can hold hundreds)
    quoted = [(a, b) for a, b in quoted if a < span.end_char and b > span.start_char]
    out = []
    for tok in span:
        if any(a <= tok.idx < b for a, b in quoted):
            continue
        lemma = tok.lemma_.lower()
        if (tok.pos_ in ("VERB", "AUX") and lemma in CUE_VERBS) or (
                tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children)):
            out.append(tok)
    return out


def _said_at(timexes, lo: int, hi: int, quoted, anchor: int) -> str | None:
    cands = [t for t in timexes if t.type in TIME_TYPES and t.start >= lo and t.end <= hi
             and not any(a <= t.start < b for a, b in quoted)]
    if not cands:
        return None
    return min(cands, key=lambda t: (abs(t.start - anchor), t.start)).value


def extract(ann, entities) -> list[Quote]:
    """Quotes of one annotated document, in text order."""
    doc = ann.document
    text = doc.text
    sdoc = ann.spacy_doc
    spans = find_spans(text)
    if not spans or sdoc is None:
        return []
    quotes: list[Quote] = []
    prev_speaker: tuple | None = None
    prev_end = -10**9
    for start, end in spans:
        first = ann.sentence_at(start) or ann.sentence_at(max(start - 1, 0))
        last = ann.sentence_at(end - 1) or first
        if first is None:
            continue
        lo = min(first.start, start - 1)
        hi = max(last.end, end + 1)
        # attribution after the quote may run into the next sentence when the parser split there
        closes = text[end:end + 2].strip(" ,") in ("", "\u201d", '"') or text[end:end + 3].strip(" ,") == "''"
        nxt = ann.sentence_at(hi + 1) if closes else None
        if nxt is not None and len(text[hi:nxt.end]) < 60:
            hi = nxt.end
        cues = _cue_tokens(sdoc, lo, hi, spans)
        speaker = name = cue = None
        cue_at = start
        if cues:
            verb = min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
            speaker, name = _subject_speaker(verb, doc.id, entities, start)
            cue, cue_at = verb.lemma_.lower(), verb.idx
        said_at = _said_at(ann.timexes, lo, hi, spans, cue_at)
        if speaker is None and name is None:
            if prev_speaker and start - prev_end < 80 and "\n" not in text[prev_end:start]:
                speaker, name, cue, inherited_time = prev_speaker
                said_at = said_at or inherited_time
            elif (end - start) >= 0.6 * (last.end - first.start):  # the quote is the sentence
                speaker, name, cue2, said2 = _from_previous_sentence(ann, entities, first, spans, start)
                cue = cue or cue2
                said_at = said_at or said2
        if said_at is None and speaker and first.index > 0:
            # "Altman spoke on a February podcast. 'The board ...,' he said."
            prev = ann.sentences[first.index - 1]
            if any(e == speaker for _m, e in entities.mentions_in(doc.id, prev.start, prev.end)):
                said_at = _said_at(ann.timexes, prev.start, prev.end, spans, prev.end)
        if _words(text[start:end]) < 2 and speaker is None and name is None:
            continue  # a scare-quoted word, not a quote
        quotes.append(Quote(
            id=content_id("quo", doc.id, start, end),
            doc=doc.id, start=start, end=end, text=text[start:end],
            speaker=speaker, speaker_name=name, said_at=said_at, cue=cue))
        prev_speaker = (speaker, name, cue, said_at) if (speaker or name) else None
        prev_end = end
    return quotes


def _from_previous_sentence(ann, entities, sentence, spans, quote_start):
    """Speaker named in the sentence before the quote."""
    idx = sentence.index
    if idx <= 0:
        return None, None, None, None
    prev = ann.sentences[idx - 1]
    cues = _cue_tokens(ann.spacy_doc, prev.start, prev.end, spans)
    if cues:
        verb = cues[-1]
        speaker, name = _subject_speaker(verb, ann.document.id, entities, quote_start)
        if speaker or name:
            return speaker, name, verb.lemma_.lower(), _said_at(ann.timexes, prev.start, prev.end, spans, verb.idx)
    people = [(m.start, e) for m, e in entities.mentions_in(ann.document.id, prev.start, prev.end)
              if e and entities.type_of(e) == "PERSON"]
    if people:
        entity = max(people)[1]
        return entity, entities.name_of(entity), None, _said_at(ann.timexes, prev.start, prev.end, spans, prev.end)
    return None, None, None, None


__all__ = ["CUE_VERBS", "extract", "find_spans"]
