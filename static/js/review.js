// The review queue, in place: confirm and reject without reloading, j/k to move between
// records, c/r/e/u to confirm, reject, edit and undo. Without this file every button is a
// plain form that posts and comes back to the same article.
(() => {
  const status = document.getElementById("review-status");
  if (!status) return;
  const undoUrl = status.dataset.undoUrl;
  let current = null; // the record the keys act on
  let last = null; // the last decision made on this page: {row, kept, undo}
  let busy = false;
  document.querySelector(".review-keys").hidden = false; // the keys need this script

  const say = (message) => { status.textContent = message; };
  const rows = () => [...document.querySelectorAll("li.review-item, li.review-decided")];
  const csrf = () => document.querySelector('input[name="csrfmiddlewaretoken"]').value;

  function select(row) {
    if (!row) return;
    if (current) current.removeAttribute("aria-current");
    current = row;
    row.setAttribute("aria-current", "true");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  // The next (step 1) or previous (step -1) record still to review from `from`.
  function pendingFrom(from, step) {
    const list = rows();
    let i = from ? list.indexOf(from) : step > 0 ? -1 : list.length;
    for (i += step; i >= 0 && i < list.length; i += step) {
      if (list[i].classList.contains("review-item")) return list[i];
    }
    return null;
  }

  async function post(url, data) {
    data.set("csrfmiddlewaretoken", csrf());
    try {
      const response = await fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const body = await response.json();
      return { ok: response.ok, body };
    } catch {
      return { ok: false, body: { message: "No answer from the server: nothing changed here. Reload the page." } };
    }
  }

  function decidedBar(decision, label) {
    const bar = document.createElement("p");
    bar.className = "small";
    const what = document.createElement("strong");
    what.textContent = label;
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "secondary review-undo-button";
    undo.textContent = "Undo";
    undo.addEventListener("click", () => undoLast());
    bar.append(`${decision} · `, what, undo);
    return bar;
  }

  async function decide(row, decision) {
    const button = row && row.querySelector(`.review-decide button[value="${decision}"]`);
    if (!button || busy) return;
    busy = true;
    const data = new FormData(button.form);
    data.set("decision", decision);
    const { ok, body } = await post(button.form.action, data);
    busy = false;
    say(body.message);
    if (!ok) return;
    // Only the latest decision can be undone: the former one loses its button.
    document.querySelectorAll(".review-undo-button").forEach((old) => old.remove());
    const undoForm = document.getElementById("review-undo");
    if (undoForm) undoForm.remove();
    const label = row.querySelector(".review-label").textContent;
    const next = pendingFrom(row, 1) || pendingFrom(row, -1);
    last = { row, kept: [...row.childNodes], undo: body.undo };
    row.replaceChildren(decidedBar(body.decision, label));
    row.className = "review-decided";
    row.removeAttribute("aria-current");
    if (next) select(next);
    else current = null;
  }

  async function undoLast() {
    if (!last) {
      // A decision made before the page loaded: the server's own undo form.
      const form = document.getElementById("review-undo");
      if (form) form.requestSubmit();
      return;
    }
    if (busy) return;
    busy = true;
    const data = new FormData();
    for (const [name, value] of Object.entries(last.undo)) data.set(name, value);
    const { ok, body } = await post(undoUrl, data);
    busy = false;
    say(body.message);
    if (!ok) return;
    const { row, kept } = last;
    last = null;
    row.replaceChildren(...kept);
    row.className = "review-item";
    row.querySelectorAll('input[name="version"]').forEach((input) => { input.value = body.version; });
    select(row);
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.classList.contains("review-decide")) return;
    event.preventDefault();
    const row = form.closest("li");
    select(row);
    decide(row, event.submitter ? event.submitter.value : "");
  });

  document.addEventListener("click", (event) => {
    const row = event.target.closest("li.review-item");
    if (row && row !== current) {
      if (current) current.removeAttribute("aria-current");
      current = row;
      row.setAttribute("aria-current", "true");
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const row = current && current.isConnected ? current : null;
    switch (event.key) {
      case "j": select(pendingFrom(row, 1)); break;
      case "k": select(pendingFrom(row, -1)); break;
      case "c": decide(row || pendingFrom(null, 1), "confirmed"); break;
      case "r": decide(row || pendingFrom(null, 1), "rejected"); break;
      case "e": {
        const edit = (row || pendingFrom(null, 1))?.querySelector("a.review-edit");
        if (edit) window.location.assign(edit.href);
        break;
      }
      case "u": undoLast(); break;
      default: return;
    }
    event.preventDefault();
  });
})();
