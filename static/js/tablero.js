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

// Folded forms (the timeline's filters) open by themselves where the screen has room.
if (window.matchMedia("(min-width: 48rem)").matches) {
  for (const details of document.querySelectorAll("details[data-open-wide]")) details.open = true;
}
