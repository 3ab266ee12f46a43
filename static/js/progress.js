// The article progress page: poll the ingestion's status every second, then go to the review.
(() => {
  const box = document.getElementById("progress");
  if (!box || box.dataset.finished) return;
  const statusText = document.getElementById("progress-status");
  const errorText = document.getElementById("progress-error");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const state = await response.json();
        statusText.textContent = state.label;
        if (state.done) {
          window.location.assign(state.review_url);
          return;
        }
        if (state.failed) {
          errorText.textContent = state.error;
          errorText.hidden = false;
          return;
        }
      }
    } catch (error) {
      // A dropped request: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();
