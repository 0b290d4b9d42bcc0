// The group builder: drag a child onto another group. The server places the child (pinned
// there) and answers the whole board; the small form under each child does the same without
// a mouse.
(function () {
  "use strict";
  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    const child = event.target.closest && event.target.closest(".builder-child");
    if (!child) return;
    dragged = child;
    child.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", child.dataset.child);
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    document.querySelectorAll(".builder-children.is-target").forEach((list) => list.classList.remove("is-target"));
  });

  function targetOf(event) {
    return event.target.closest && event.target.closest(".builder-group")?.querySelector(".builder-children");
  }

  document.addEventListener("dragover", (event) => {
    const list = dragged && targetOf(event);
    if (!list) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".builder-children.is-target").forEach((other) => {
      if (other !== list) other.classList.remove("is-target");
    });
    list.classList.add("is-target");
  });

  document.addEventListener("drop", (event) => {
    const list = dragged && targetOf(event);
    if (!list) return;
    event.preventDefault();
    const child = dragged.dataset.child;
    if (dragged.closest(".builder-children") === list) return;
    list.appendChild(dragged);
    dragged.classList.add("is-saving");
    const group = list.dataset.dropGroup;
    htmx.ajax("POST", list.dataset.place, {
      target: "#board",
      swap: "outerHTML",
      values: { child: child, group: group, pinned: group ? "on" : "" },
    });
  });
})();
