/* Timeline page: vis-timeline fed from /timeline.json (same filters as the page).
   Item contents are DOM nodes built with textContent, so article text is inert. */
(function () {
  "use strict";
  const { el, fill, link, dateLabel, getJSON } = window.SL;
  const DAY = 86400000;
  const container = document.getElementById("timeline");
  const detail = document.getElementById("detail");
  const listBody = document.querySelector("#event-list tbody");
  const form = document.getElementById("filters");
  const countEl = document.getElementById("event-count");
  let data = null;
  let byId = new Map();
  let timeline = null;
  const items = new vis.DataSet();
  const groups = new vis.DataSet();

  function badge(e) {
    const n = e.n_sources;
    const cls = n >= 3 ? "src-3" : n === 2 ? "src-2" : "src-1";
    return el("span", { class: `badge ${cls}`, title: `${n} ${e.sources_word}`, text: String(n) });
  }

  function itemContent(e) {
    return el("div", { class: "tl-item", "data-event": e.id },
      badge(e),
      e.conflict ? el("span", { class: "badge conflict-badge", title: "sources conflict", text: "!" }) : null,
      el("span", { class: "tl-text", text: e.label || e.summary }));
  }

  // Two lanes: events dated by the text, and events the text gives no time of their own, drawn on
  // the day they were first reported (never as if they happened that day).
  const LANES = [
    { id: "dated", order: 0, text: "dated" },
    { id: "reported", order: 1, text: "reported by" },
  ];
  const when = (e) => e.start || e.reported;

  function toItem(e) {
    const start = new Date(when(e) + "T00:00:00");
    const point = !e.start || e.precision === "day" || !e.end || e.end === e.start;
    const item = {
      id: e.id, group: e.start ? "dated" : "reported", content: itemContent(e), start,
      className: `prec-${e.start ? e.precision : "reported"} ${e.conflict ? "is-conflict" : ""}`,
      type: point ? "point" : "range",
      rank: e.rank || Number.MAX_SAFE_INTEGER,
    };
    if (!point) item.end = new Date(new Date(e.end + "T00:00:00").getTime() + DAY);
    return item;
  }

  function filterQuery() {
    const q = new URLSearchParams();
    if (SL.params.get("d")) q.set("d", SL.params.get("d"));
    for (const name of ["entity", "type", "source", "all"]) {
      if (!form.elements[name]) continue;
      const v = form.elements[name].value;
      if (v) q.set(name, v);
    }
    return q;
  }

  function render(body) {
    data = body;
    byId = new Map(body.events.map((e) => [e.id, e]));
    countEl.textContent = String(body.count);
    // the library chooses what is drawn (body.drawn: key events first); the list has every event
    const drawn = new Set(body.drawn);
    const dated = body.events.filter((e) => drawn.has(e.id));
    const hint = document.getElementById("drawn-note");
    if (hint) hint.textContent = dated.length < body.events.length
      ? `The timeline draws ${dated.length} of these ${body.events.length} events (key events first, then the best supported); the list below has them all.` : "";
    const lanes = LANES.filter((l) => dated.some((e) => (e.start ? "dated" : "reported") === l.id));
    groups.clear();
    groups.add(lanes.map((l) => ({
      id: l.id, order: l.order, content: el("span", { class: "group-label", text: l.text }),
    })));
    items.clear();
    items.add(dated.map(toItem));
    renderList(body.events);
    windowDays = body.window;
    if (!timeline) {
      timeline = new vis.Timeline(container, items, groups, {
        // open on the window: a first draw that fits every item (background centuries away) stacks
        // them for that view, and the labels of items left of the window then overlap at its edge
        ...(windowDays ? frameWindow() : {}),
        onInitialDrawComplete: () => {
          frame();
          const wanted = container.dataset.selected;
          if (wanted && byId.has(wanted)) select(wanted);
          container.dataset.ready = "1";
        },
        stack: true,
        // stacked in rank order: a day's most important event takes the row nearest the axis
        order: (a, b) => (a.rank - b.rank) || (a.start - b.start),
        orientation: { axis: "top", item: "top" },
        zoomMin: DAY * 7,
        zoomMax: DAY * 365 * 60,
        margin: { item: { horizontal: 4, vertical: 6 }, axis: 8 },
        maxHeight: 560,
        minHeight: 260,
        groupOrder: "order",
        showCurrentTime: false,
        selectable: true,
        align: "left",
        // no clustering: measured slower to zoom than plain stacking with 2,000 events
      });
      timeline.on("select", (props) => { if (props.items.length) showDetail(props.items[0]); });
      window.SL.timeline = timeline;
    } else {
      frame();
    }
  }

  // Show every dated event, with room on the right for the last labels.
  // Open on the span the library chose (body.window: most of what is drawn, not a stray date's
  // centuries), with room on the right for the last labels.
  let windowDays = null;
  function frameWindow() {
    const lo = Date.parse(windowDays[0] + "T00:00:00"), hi = Date.parse(windowDays[1] + "T00:00:00") + DAY;
    const span = Math.max(hi - lo, DAY * 30);
    return { start: lo - span * 0.05, end: hi + span * 0.25 };
  }

  function frame() {
    if (!windowDays) return;
    const w = frameWindow();
    timeline.setWindow(w.start, w.end, { animation: false });
  }

  function renderList(events) {
    fill(listBody);
    const frag = document.createDocumentFragment();
    for (const e of events) {
      const tr = el("tr", { "data-event": e.id, tabindex: "0", class: e.conflict ? "is-conflict" : null },
        el("td", { class: "nowrap", text: dateLabel(e.date, e.precision) }),
        el("td", { class: "ev-summary", text: e.label || e.summary }),
        el("td", { text: e.type.replace(/_/g, " ") }),
        el("td", {}, badge(e), e.conflict ? el("span", { class: "badge conflict-badge", text: "!" }) : null));
      tr.addEventListener("click", () => select(e.id));
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(e.id); });
      frag.appendChild(tr);
    }
    listBody.appendChild(frag);
  }

  function select(id) {
    const e = byId.get(id);
    if (!e) return;
    if (when(e) && timeline) {
      timeline.setSelection([id]);
      // keep the zoom level; pan only when the event is out of view
      const w = timeline.getWindow(), t = Date.parse(when(e) + "T00:00:00");
      if (t < w.start.getTime() || t > w.end.getTime()) timeline.moveTo(new Date(t), { animation: false });
    }
    showDetail(id);
  }

  function showDetail(id) {
    const e = byId.get(id);
    if (!e) return;
    for (const tr of listBody.querySelectorAll("tr.selected")) tr.classList.remove("selected");
    const row = listBody.querySelector(`tr[data-event="${CSS.escape(id)}"]`);
    if (row) row.classList.add("selected");
    const ents = e.entities.map((k) => data.entities[k]).filter(Boolean);
    const byDoc = new Map();
    for (const ev of e.evidence) {
      if (!byDoc.has(ev.doc)) byDoc.set(ev.doc, []);
      byDoc.get(ev.doc).push(ev);
    }
    for (const s of e.sources) if (!byDoc.has(s)) byDoc.set(s, []);
    const blocks = [...byDoc.entries()].map(([doc, evs]) => {
      const meta = data.documents[doc] || { title: doc };
      return el("div", { class: "evidence-card" },
        el("div", { class: "evidence-source" },
          el("span", { class: "outlet", text: meta.outlet || "unknown outlet" }),
          meta.published ? el("span", { class: "muted", text: ` · ${meta.published}` }) : null),
        el("a", { class: "doc-title", href: link(`/documents/${encodeURIComponent(doc)}`), text: meta.title || doc }),
        ...(evs.length ? evs.map((ev) => el("blockquote", { class: "evidence-text", text: ev.text }))
          : [el("p", { class: "muted small", text: "Reports this event (no sentence kept)." })]));
    });
    fill(detail, 
      el("p", { class: "detail-date" },
        el("span", { class: `chip prec-${e.precision}`, text: dateLabel(e.date, e.precision) }),
        el("span", { class: "chip", text: e.type.replace(/_/g, " ") }),
        badge(e),
        el("span", { class: "muted small", text: ` ${e.sources_word}` })),
      el("h2", { class: "detail-title", text: e.label || e.summary }),
      e.conflict ? el("p", { class: "conflict-note" }, "Sources disagree about this event — see ",
        el("a", { href: link("/findings"), text: "Findings" }), ".") : null,
      ents.length ? el("div", { class: "chips" }, ...e.entities.filter((k) => data.entities[k]).map((k) =>
        el("a", { class: `chip ent ent-${(data.entities[k].type || "").toLowerCase()}`,
          href: link("/timeline", { entity: k }), text: data.entities[k].name }))) : null,
      e.amounts.length ? el("ul", { class: "amount-list" }, ...e.amounts.filter((a) => data.amounts[a]).map((a) =>
        el("li", {}, el("strong", { text: data.amounts[a].display }), el("span", { class: "muted", text: ` “${data.amounts[a].text}”` })))) : null,
      el("h3", { text: "Evidence" }),
      ...blocks,
      data.can_correct ? el("p", { class: "correct-item" },
        el("button", { type: "button", "data-reject": "event", "data-ref": e.id, text: "Reject this event" }),
        el("span", { class: "muted small", text: " not an event, or not of this story" })) : null);
  }

  async function load(pushUrl) {
    const q = filterQuery();
    if (pushUrl) history.replaceState(null, "", q.toString() ? `/timeline?${q}` : "/timeline");
    const footLink = document.querySelector(".foot a[href^='/timeline.json']");
    if (footLink) footLink.setAttribute("href", q.toString() ? `/timeline.json?${q}` : "/timeline.json");
    try {
      render(await getJSON(`/timeline.json?${q}`));
    } catch (err) {
      fill(detail, el("p", { class: "error-message", text: `Could not load events: ${err.message}` }));
    }
  }

  form.addEventListener("change", () => load(true));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  load(false);
})();
