// The storyboard's drag and drop: drop a frame in its new place, and the whole order is sent
// through the page's hidden order form (the same endpoint the arrow buttons use). The server
// answers the list as saved.
(() => {
  "use strict";
  let dragged = null;

  function send(list) {
    const form = document.getElementById("frame-order");
    if (!form) return;
    form.querySelectorAll("input[name=frame]").forEach((input) => input.remove());
    for (const item of list.querySelectorAll("[data-frame]")) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "frame";
      input.value = item.dataset.frame;
      form.append(input);
    }
    form.requestSubmit();
  }

  document.addEventListener("dragstart", (event) => {
    const item = event.target.closest?.("[data-sortable] [data-frame]");
    if (!item) return;
    dragged = item;
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.frame);
  });

  document.addEventListener("dragover", (event) => {
    if (!dragged) return;
    const over = event.target.closest?.("[data-frame]");
    if (!over || over === dragged || over.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    over.parentElement.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", (event) => {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const list = dragged.parentElement;
    dragged.classList.remove("is-dragging");
    dragged = null;
    send(list);
  });

  // A frame's picture is sent as soon as it is chosen; its Send button is for pages
  // without this script.
  document.documentElement.classList.add("storyboard-sends-pictures");
  document.addEventListener("change", (event) => {
    const input = event.target.closest?.("[data-submit-on-change]");
    if (input && input.files.length) input.form.requestSubmit();
  });
})();
