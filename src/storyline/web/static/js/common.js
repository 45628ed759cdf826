/* Small helpers shared by the pages. All article content goes through
   textContent (never innerHTML), so markup in articles stays inert text. */
(function () {
  "use strict";
  const params = new URLSearchParams(window.location.search);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "href") node.setAttribute("href", safeHref(v));
      else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  // Only same-site paths and http(s) links: never javascript: or data: URLs.
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith("/") && !s.startsWith("//")) return s;
    try {
      const u = new URL(s);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : "#";
    } catch (e) { return "#"; }
  }

  // A link to one of our pages that keeps the current dossier (?d=).
  function link(path, extra) {
    const q = new URLSearchParams();
    if (params.get("d")) q.set("d", params.get("d"));
    for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  }

  const SEASONS = { SP: "Spring", SU: "Summer", FA: "Autumn", AU: "Autumn", WI: "Winter" };
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function dayLabel(iso) {
    const [y, m, d] = iso.split("-");
    return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  }

  // "12 Mar 2024", "Jan 2024", "Summer 2024", "2023", or the day range.
  function dateLabel(date, precision) {
    if (date && !date.start && date.end) {  // no time of its own: when it was first reported
      return `${date.value === "PRESENT_REF" ? "as of" : "reported by"} ${dayLabel(date.end)}`;
    }
    if (!date || !date.start) return "undated";
    const v = date.value || "";
    if (precision === "day") return dayLabel(date.start);
    if (precision === "month") return `${MONTHS[Number(v.slice(5, 7)) - 1]} ${v.slice(0, 4)}`;
    if (precision === "season") return `${SEASONS[v.slice(5)] || v.slice(5)} ${v.slice(0, 4)}`;
    if (precision === "quarter" || precision === "half") return `${v.slice(5)} ${v.slice(0, 4)}`;
    if (precision === "year") return v;
    return date.end && date.end !== date.start ? `${dayLabel(date.start)} – ${dayLabel(date.end)}` : dayLabel(date.start);
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body && body.error ? body.error.message : `HTTP ${r.status}`);
    return body;
  }

  // Selects with class "autosubmit" submit their form when changed.
  document.addEventListener("change", (e) => {
    if (e.target.classList && e.target.classList.contains("autosubmit")) e.target.form.submit();
  });

  // Replace a node's children, skipping null/false (replaceChildren would print "null").
  function fill(node, ...children) {
    node.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  // Record a correction (POST /corrections.json, JSON only: the server refuses anything else)
  // and resolve to the server's answer, or reject with its error message.
  async function correct(body) {
    const r = await fetch(link("/corrections.json"), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const out = await r.json();
    if (!r.ok) throw new Error(out && out.error ? out.error.message : `HTTP ${r.status}`);
    if (out.status !== "applied") throw new Error(`${out.summary}: ${out.status}`);
    return out;
  }

  // Buttons with data-reject="event|finding" and data-ref=ID reject that item after a confirmation,
  // then reload the page (the dossier is rebuilt without it).
  document.addEventListener("click", (e) => {
    const b = e.target.closest ? e.target.closest("button[data-reject]") : null;
    if (!b) return;
    if (!window.confirm(`Reject this ${b.dataset.reject}? It leaves the dossier (storyline correct undo restores it).`)) return;
    b.disabled = true;
    b.textContent = "Rebuilding…";
    correct({ op: "reject", kind: b.dataset.reject, target: b.dataset.ref })
      .then(() => window.location.reload())
      .catch((err) => { b.disabled = false; b.textContent = `Not rejected: ${err.message}`; });
  });

  window.SL = { el, fill, link, dateLabel, dayLabel, getJSON, params, safeHref, correct };
})();
