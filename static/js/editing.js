// Editors' forms, enhanced; every form works without this file.
// 1. A record select (data-search="<url>", data-search-noun="actor") gets a search box
//    above it that types ahead through that search endpoint ({"results": [{"id", "name"}]});
//    choosing a result selects it in the select (adding the option if the page left it out).
// 2. A development's status list shows only the statuses of the record it concerns: each
//    <optgroup> is named after its record field ("Offer" for #id_offer, ...).
(() => {
  "use strict";

  const DELAY_MS = 200;
  let pickers = 0;

  function picker(select) {
    const n = ++pickers;
    const label = document.querySelector(`label[for="${select.id}"]`);
    const noun = select.dataset.searchNoun || "record";
    const name = label ? label.textContent.replace(/:$/, "").trim() : noun;
    const box = document.createElement("div");
    box.className = "picker";
    const input = document.createElement("input");
    input.type = "text";
    input.autocomplete = "off";
    input.className = "picker-input";
    input.id = `${select.id}-search`;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `picker-list-${n}`);
    input.setAttribute("aria-label", `Find ${name} by typing`);
    input.placeholder = `Type to find ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
    const list = document.createElement("ul");
    list.id = `picker-list-${n}`;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", `Matches for ${name}`);
    list.hidden = true;
    const status = document.createElement("p");
    status.className = "picker-status small muted";
    status.setAttribute("aria-live", "polite");
    const chosen = document.createElement("ul");
    chosen.className = "picker-chosen";
    box.append(input, list, status, chosen);
    select.before(box);

    let results = [];
    let active = -1;
    let timer = null;
    let pending = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      }
    }

    function show(found) {
      results = found;
      list.replaceChildren(
        ...found.map((record, i) => {
          const item = document.createElement("li");
          item.id = `picker-${n}-${i}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.index = String(i);
          item.append(document.createTextNode(record.name));
          // What tells results apart beyond the name: an actor's side, a record's status.
          const detail = record.side || record.status;
          if (detail) {
            const more = document.createElement("span");
            more.className = "small muted";
            more.textContent = ` · ${detail}`;
            item.append(more);
          }
          return item;
        }),
      );
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", String(found.length > 0));
      status.textContent = found.length ? `${found.length} found` : `No ${noun} matches`;
      active = -1;
    }

    function choose(record) {
      let option = [...select.options].find((o) => o.value === String(record.id));
      if (!option) {
        option = new Option(record.name, String(record.id));
        select.add(option);
      }
      if (!select.multiple) {
        select.value = String(record.id);
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = "";
      close();
      status.textContent = select.multiple ? `Added ${record.name}` : `Chosen: ${record.name}`;
    }

    function search() {
      const query = input.value.trim();
      if (pending) pending.abort();
      if (query.length < 2) {
        close();
        status.textContent = "";
        return;
      }
      pending = new AbortController();
      const url = `${select.dataset.search}?q=${encodeURIComponent(query)}`;
      fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => show(data.results || []))
        .catch((error) => {
          if (error.name !== "AbortError") status.textContent = "Search is unavailable; use the list.";
        });
    }

    // For a multiple select, the chosen records as a list with a button to remove each.
    function showChosen() {
      if (!select.multiple) return;
      chosen.replaceChildren(
        ...[...select.selectedOptions].map((option) => {
          const item = document.createElement("li");
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "link";
          remove.textContent = "remove";
          remove.setAttribute("aria-label", `Remove ${option.text}`);
          remove.addEventListener("click", () => {
            option.selected = false;
            select.dispatchEvent(new Event("change", { bubbles: true }));
            status.textContent = `Removed ${option.text}`;
            input.focus();
          });
          item.append(document.createTextNode(`${option.text} `), remove);
          return item;
        }),
      );
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && results.length) {
        event.preventDefault();
        if (list.hidden) show(results);
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp" && results.length) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        // Never submit the form from the search box.
        event.preventDefault();
        if (!list.hidden && results.length) choose(results[active >= 0 ? active : 0]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    list.addEventListener("mousedown", (event) => {
      const item = event.target.closest("[role=option]");
      if (!item) return;
      event.preventDefault();
      choose(results[Number(item.dataset.index)]);
    });
    select.addEventListener("change", showChosen);
    showChosen();
  }

  function statusChoices(status) {
    const form = status.form;
    const records = [...status.querySelectorAll("optgroup")]
      .map((group) => form.querySelector(`#id_${group.label.toLowerCase()}`))
      .filter(Boolean);
    function update() {
      const kinds = new Set(records.filter((r) => r.value).map((r) => r.id.replace("id_", "")));
      for (const group of status.querySelectorAll("optgroup")) {
        const shown = kinds.has(group.label.toLowerCase());
        group.hidden = !shown;
        group.disabled = !shown;
      }
      const current = status.selectedOptions[0];
      if (current && current.parentElement.disabled) status.value = "";
      const hint = document.getElementById(`${status.id}-kind`);
      if (hint) {
        hint.textContent = kinds.size ? "" : "Choose the offer, channel or indictment first.";
      }
    }
    records.forEach((record) => record.addEventListener("change", update));
    const hint = document.createElement("p");
    hint.id = `${status.id}-kind`;
    hint.className = "small muted";
    hint.setAttribute("aria-live", "polite");
    status.after(hint);
    update();
  }

  function start() {
    document.querySelectorAll("select[data-search]").forEach(picker);
    document.querySelectorAll("select[data-status-by-record]").forEach(statusChoices);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
