/* Entities page: a vis-network graph from /entities.json. Labels are drawn on a
   canvas (plain text); the side panel is built with textContent. */
(function () {
  "use strict";
  const { el, fill, link, getJSON } = window.SL;
  const box = document.getElementById("graph");
  const detail = document.getElementById("detail");
  const COLORS = { org: "#3b6fd8", person: "#d9822b", other: "#7a8899" };

  function kind(t) {
    const u = (t || "").toUpperCase();
    if (u === "ORG" || u === "ORGANIZATION") return "org";
    if (u === "PERSON" || u === "PER") return "person";
    return "other";
  }

  function evidenceBlock(ev) {
    return el("div", { class: "evidence-card" },
      el("div", { class: "evidence-source" }, el("span", { class: "outlet", text: ev.outlet || "unknown outlet" })),
      el("a", { class: "doc-title", href: link(`/documents/${encodeURIComponent(ev.doc)}`), text: ev.title || ev.doc }),
      el("blockquote", { class: "evidence-text", text: ev.text }));
  }

  function showEdge(e) {
    fill(detail, 
      el("p", { class: "detail-date" }, el("span", { class: "chip rel", text: e.label })),
      el("h2", { class: "detail-title" }, e.source_name, el("span", { class: "muted", text: ` ${e.label} ` }), e.target_name),
      el("h3", { text: `Evidence (${e.evidence.length})` }),
      ...e.evidence.map(evidenceBlock),
      e.events.length ? el("p", {}, ...e.events.map((id) => el("a", { class: "chip", href: link("/timeline", { event: id }), text: "see on timeline" }))) : null);
  }

  function showNode(n, edges) {
    const mine = edges.filter((e) => e.source === n.id || e.target === n.id);
    fill(detail, 
      el("p", { class: "detail-date" }, el("span", { class: `chip ent ent-${kind(n.type)}`, text: n.type || "entity" })),
      el("h2", { class: "detail-title", text: n.name }),
      n.aliases.length ? el("p", { class: "muted", text: `Also: ${n.aliases.join(", ")}` }) : null,
      el("p", {}, `${n.mentions} mentions · ${n.events} events · `,
        el("a", { href: link(`/entities/${encodeURIComponent(n.id)}`), text: "open its page" }), " · ",
        el("a", { href: link("/timeline", { entity: n.id }), text: "show on timeline" })),
      el("h3", { text: `Relations (${mine.length})` }),
      el("ul", { class: "plain" }, ...mine.map((e) => el("li", {},
        el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showEdge(e); }, text: `${e.source_name} ${e.label} ${e.target_name}` })))));
  }

  function showLink(k, edgeById) {
    const rels = k.relations.map((id) => edgeById.get(id)).filter(Boolean);
    fill(detail,
      el("h2", { class: "detail-title" }, nodeName(k.source), el("span", { class: "muted", text: " - " }), nodeName(k.target)),
      el("p", { class: "muted", text: `${rels.length} relations, ${k.evidence} evidence sentences` }),
      el("ul", { class: "plain" }, ...rels.map((e) => el("li", {},
        el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showEdge(e); }, text: `${e.source_name} ${e.label} ${e.target_name}` })))));
  }

  let nodeName = (id) => id;

  getJSON(link("/entities.json")).then((data) => {
    const names = new Map(data.nodes.map((n) => [n.id, n.name]));
    nodeName = (id) => names.get(id) || id;
    const central = new Set(data.central || []);
    const maxW = Math.max(1, ...data.nodes.map((n) => n.weight || n.mentions));
    const nodes = new vis.DataSet(data.nodes.map((n) => ({
      id: n.id, label: n.name, shape: "dot",
      size: 10 + 22 * Math.sqrt((n.weight || n.mentions) / maxW),
      color: { background: COLORS[kind(n.type)], border: "#ffffff", highlight: { background: COLORS[kind(n.type)], border: "#1d2433" } },
      font: { color: "#1d2433", size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 2,
    })));
    const links = data.central_links || [];
    const edges = new vis.DataSet([...links.map((k) => ({
      // one line per pair of drawn entities, thicker with more evidence
      id: k.id, from: k.source, to: k.target, group: "link",
      title: `${nodeName(k.source)} - ${nodeName(k.target)}: ${k.labels.join(", ")} (${k.evidence} sentences)`,
      width: 1 + Math.min(9, 2 * Math.log2(1 + k.evidence)),
      color: { color: "#9aa7bd", highlight: "#1d2433" }, smooth: false,
    })), ...data.edges.map((e) => ({
      // the relation is named on hover and in the side panel: labels on every line overplot
      id: e.id, from: e.source, to: e.target, title: `${e.source_name} ${e.label} ${e.target_name}`, arrows: "to",
      width: 1 + Math.min(7, 2 * Math.log2(1 + e.evidence.length)),
      color: { color: "#9aa7bd", highlight: "#1d2433" },
      font: { size: 12, color: "#4a5568", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
      smooth: { type: "dynamic" },
    }))]);
    const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    const toggle = document.getElementById("connected-only");
    const centralOnly = document.getElementById("central-only");
    const shown = new vis.DataView(nodes, { filter: (n) => (!toggle.checked || linked.has(n.id))
      && (!centralOnly.checked || central.has(n.id)) });
    const lines = new vis.DataView(edges, { filter: (e) => (e.group === "link") === centralOnly.checked });
    const net = new vis.Network(box, { nodes: shown, edges: lines }, {
      nodes: { scaling: { label: { drawThreshold: 1 } } },
      physics: { solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -90, springLength: 160, avoidOverlap: 0.8 },
        stabilization: { iterations: 250 } },
      interaction: { hover: true, tooltipDelay: 150 },
      layout: { randomSeed: 7 },
    });
    net.once("stabilizationIterationsDone", () => { net.setOptions({ physics: false }); net.fit(); box.dataset.ready = "1"; });
    const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
    const edgeById = new Map(data.edges.map((e) => [e.id, e]));
    const linkById = new Map(links.map((k) => [k.id, k]));
    net.on("click", (p) => {
      if (p.nodes.length) showNode(nodeById.get(p.nodes[0]), data.edges);
      else if (p.edges.length && linkById.has(p.edges[0])) showLink(linkById.get(p.edges[0]), edgeById);
      else if (p.edges.length) showEdge(edgeById.get(p.edges[0]));
    });
    for (const check of [toggle, centralOnly]) {
      check.addEventListener("change", () => {
        shown.refresh(); lines.refresh(); net.setOptions({ physics: true }); net.stabilize(200);
      });
    }
    net.on("stabilized", () => { net.setOptions({ physics: false }); net.fit(); });
    window.SL.network = net;
  }).catch((err) => fill(detail, el("p", { class: "error-message", text: `Could not load the graph: ${err.message}` })));
})();
