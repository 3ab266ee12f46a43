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
