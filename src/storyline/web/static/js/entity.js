/* Entity page: the correction forms. Each sends one correction as JSON to /corrections.json
   (the server records it, rebuilds the dossier and answers what it did), then reloads the
   page, or goes to the entity list when the entity was rejected. */
(function () {
  "use strict";
  const { link, correct } = window.SL;
  const box = document.getElementById("correct");
  if (!box) return;
  const status = document.getElementById("correct-status");
  const entity = box.dataset.entity;

  async function send(body) {
    status.textContent = "Rebuilding the dossier…";
    status.className = "small";
    box.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    try {
      const out = await correct(body);
      status.textContent = `#${out.correction.n} ${out.summary}: ${out.status}${out.detail ? ` (${out.detail})` : ""}`;
      if (body.op === "reject") window.location.assign(link("/entities"));
      else window.location.reload();
    } catch (err) {
      status.textContent = `Not corrected: ${err.message}`;
      status.className = "small error-message";
      box.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    }
  }

  box.querySelectorAll("form.correct-form").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
      const data = new FormData(form);
      const body = { op: form.dataset.op, kind: "entity", target: entity };
      if (data.has("value")) body.value = String(data.get("value"));
      if (data.has("others")) body.others = [String(data.get("others"))];
      send(body);
    });
  });
  box.querySelectorAll("button.undo-correction").forEach((b) => {
    b.addEventListener("click", () => send({ op: "undo", undo: Number(b.dataset.n) }));
  });
})();
