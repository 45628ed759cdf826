"""Write tagged text as a TimeML document (TIMEX3 inline) or as JSON records."""

from __future__ import annotations

import json
import re
from datetime import date
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

from ...errors import ConfigError
from ...records import to_jsonable
from .tagger import tag_with_anchors

# characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/FFFF)
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """XML-escape ``text``; characters XML cannot carry become U+FFFD so the document stays valid."""
    return _escape(_NOT_XML.sub("\ufffd", text))


def _attrs(tid: str, t, anchor_tid: str | None = None) -> str:
    parts = [f"tid={quoteattr(tid)}", f"type={quoteattr(t.type)}", f"value={quoteattr(t.value)}"]
    if t.mod:
        parts.append(f"mod={quoteattr(t.mod)}")
    if t.quant:
        parts.append(f"quant={quoteattr(t.quant)}")
    if t.freq:
        parts.append(f"freq={quoteattr(t.freq)}")
    if t.anchor in ("dct", "narrative") and t.type in ("DATE", "TIME"):
        parts.append('temporalFunction="true"')
        if t.anchor == "dct":
            parts.append('anchorTimeID="t0"')
        elif anchor_tid:
            parts.append(f"anchorTimeID={quoteattr(anchor_tid)}")
    return " ".join(parts)


def to_timeml(text: str, dct: date | None, timexes, doc_id: str = "", anchors=None) -> str:
    """A TimeML document: DCT as ``t0`` (CREATION_TIME), the text with inline TIMEX3 tags."""
    out = ['<?xml version="1.0" ?>\n<TimeML>\n']
    if doc_id:
        out.append(f"<DOCID>{escape(doc_id)}</DOCID>\n")
    if dct is not None:
        out.append('<DCT><TIMEX3 tid="t0" type="DATE" value="%s" temporalFunction="false" '
                   'functionInDocument="CREATION_TIME">%s</TIMEX3></DCT>\n' % (dct.isoformat(), dct.isoformat()))
    out.append("<TEXT>")
    pos = 0
    anchors = anchors or [None] * len(timexes)
    for i, (t, a) in enumerate(zip(timexes, anchors), start=1):
        out.append(escape(text[pos:t.start]))
        anchor_tid = f"t{a + 1}" if a is not None else None
        out.append(f"<TIMEX3 {_attrs(f't{i}', t, anchor_tid)}>{escape(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    out.append(escape(text[pos:]))
    out.append("</TEXT>\n</TimeML>\n")
    return "".join(out)


def render(text: str, dct: date | None, fmt: str) -> str:
    """``text`` with its time expressions as TimeML (``fmt="timeml"``) or JSON records (``"json"``)."""
    timexes, anchors = tag_with_anchors(text, dct)
    if fmt == "timeml":
        return to_timeml(text, dct, timexes, anchors=anchors)
    if fmt == "json":
        return json.dumps(to_jsonable(timexes), indent=2, ensure_ascii=False) + "\n"
    raise ConfigError(f"unknown format {fmt!r}: use 'timeml' or 'json'")
