// Notes from the set, with or without a connection (static/js/offline-queue.js keeps each
// note on the phone until it is sent). A note waiting to be sent is listed under its form,
// marked as waiting; the answer is the form's part of the page (the group page's notes, or
// the home's panel), swapped in place when it is on this page.
(() => {
  "use strict";
  const Kachinko = window.Kachinko;
  const listOf = (group) => document.querySelector(`[data-waiting-notes='${group}']`);

  function paragraph(className, text) {
    const element = document.createElement("p");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function waiting(list, item) {
    const entry = document.createElement("li");
    entry.className = "card mb-2 note-waiting";
    const body = document.createElement("div");
    body.className = "card-body py-2";
    const audience = item.shared ? list.dataset.shared : list.dataset.crew;
    body.append(
      paragraph("small mb-1 fw-semibold", `${list.dataset.waiting} · ${audience}`),
      paragraph("mb-0 note-text", item.text),
    );
    entry.append(body);
    return entry;
  }

  function show(queue) {
    document.querySelectorAll("[data-waiting-notes]").forEach((list) => {
      const mine = queue.filter((item) => item.group === list.dataset.waitingNotes);
      list.replaceChildren(...mine.map((item) => waiting(list, item)));
    });
  }

  Kachinko.offlineQueue("notes", {
    describe: (form, submitter) => ({
      group: form.dataset.group,
      target: form.dataset.offlineTarget,
      shared: submitter?.value === "on",
      text: form.elements.body.value.trim(),
    }),
    show,
    async answered(item, response) {
      const target = document.querySelector(item.target);
      if (target && (response.ok || response.status === 400)) {
        Kachinko.swap(target, await response.text());
      } else if (!response.ok && response.status !== 400) {
        // Refused for good (no longer allowed, or gone): say so, with the note, not to lose it.
        const list = listOf(item.group);
        if (!list) return;
        const refusal = document.createElement("div");
        refusal.className = "alert alert-danger py-2 small";
        refusal.setAttribute("role", "alert");
        refusal.append(paragraph("mb-1", list.dataset.refused), paragraph("mb-0 note-text", item.text));
        list.before(refusal);
      }
    },
  });

  // Kept in the queue: the form is ready for the next note.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-offline='notes']");
    if (form) form.elements.body.value = "";
  });
})();
