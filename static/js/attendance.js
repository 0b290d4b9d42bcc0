// Attendance on set, with or without a connection (static/js/offline-queue.js keeps each tap
// on the phone until it is sent). A tap waiting to be sent marks its child's card; each
// answer is the child's card, swapped in place.
(() => {
  "use strict";
  const card = (child) => document.getElementById(`child-${child}`);
  const banner = () => document.getElementById("attendance-queue");
  const clock = (iso) => {
    const at = new Date(iso);
    return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  };

  // A tap not sent yet: the card says so, and shows what comes next (check-out after check-in);
  // an undo waits for the server's card.
  function markWaiting(item) {
    const found = card(item.child);
    if (!found || !banner()) return;
    found.classList.add("is-waiting");
    const status = found.querySelector(".attendance-status");
    status.textContent = `${banner().dataset.waiting} ${item.label} · ${clock(item.at)}`;
    found.querySelector("form[data-attendance='undo']")?.remove();
    if (item.kind === "check-in") {
      found.querySelector("form[data-attendance='check-in']")?.remove();
      const checkout = found.querySelector(".attendance-checkout");
      if (checkout) checkout.hidden = false;
    } else if (item.kind === "check-out") {
      found.querySelector(".attendance-checkout")?.remove();
    }
  }

  // Each group's counts, from its cards as they are now.
  function recount() {
    document.querySelectorAll("section").forEach((section) => {
      for (const state of ["present", "left"]) {
        const count = section.querySelector(`[data-count='${state}']`);
        if (count) count.textContent = section.querySelectorAll(`.state-${state}`).length;
      }
    });
  }

  window.Kachinko.offlineQueue("attendance", {
    describe: (form, submitter) => ({
      kind: form.dataset.attendance,
      child: form.closest("[data-child]").dataset.child,
      label: (submitter?.textContent || "").replace(/\s+/g, " ").trim(),
    }),
    show: (queue) => queue.forEach(markWaiting),
    async answered(item, response) {
      const found = card(item.child);
      if (!found) return;
      if (response.ok || response.status === 400) {
        window.Kachinko.swap(found, await response.text());
      } else {
        // Refused for good (no longer allowed, or gone): say so rather than wait forever.
        found.classList.remove("is-waiting");
        found.querySelector(".attendance-status").textContent = banner().dataset.refused;
      }
    },
    settled: recount,
  });
})();
