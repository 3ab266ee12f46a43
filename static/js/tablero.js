// Small enhancements only; every page works without this file.
document.addEventListener("keydown", (event) => {
  // "/" focuses the search box, unless the reader is typing somewhere.
  const target = event.target;
  const typing = target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
  if (event.key === "/" && !typing) {
    const search = document.getElementById("site-search");
    if (search) {
      event.preventDefault();
      search.focus();
    }
  }
});

// A text field with `data-suggest` (the timeline's actor filter when actors are many):
// fill its <datalist> with the few matches the server returns as the reader types.
for (const field of document.querySelectorAll("input[data-suggest][list]")) {
  const list = document.getElementById(field.getAttribute("list"));
  let timer = null;
  let asked = "";
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = field.value.trim();
      if (text.length < 2 || text === asked) return;
      asked = text;
      const url = new URL(field.dataset.suggest, window.location.href);
      url.searchParams.set("q", text);
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok || text !== field.value.trim()) return;
        const { results } = await response.json();
        list.replaceChildren(
          ...results.map(({ slug, name }) => {
            const option = document.createElement("option");
            option.value = slug;
            option.label = name;
            option.textContent = name;
            return option;
          }),
        );
      } catch {
        // Suggestions are a convenience: the field still takes a typed name or slug.
      }
    }, 150);
  });
}

// Folded forms (the timeline's filters) open by themselves where the screen has room.
if (window.matchMedia("(min-width: 48rem)").matches) {
  for (const details of document.querySelectorAll("details[data-open-wide]")) details.open = true;
}

// A form sent back with errors: the reader lands on the summary of what to fix.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

// A graph wider than a phone's screen scrolls sideways: start at its middle, where the
// actor of the page (or the circle's centre) is.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".network-scroll.centred")) {
    box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
  }
});
