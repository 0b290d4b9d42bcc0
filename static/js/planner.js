// The planner's gestures: drag a session to another time or column, drag its lower edge to
// resize it, or do either with the arrow keys. The server decides: each gesture is sent as a
// move, and the grid is re-rendered from what was saved. Also opens and closes the dialog the
// session forms load into.
(() => {
  "use strict";
  const SLOT = 5;
  const KEY_PAUSE = 600;
  let drag = null;
  let pending = null;

  const clock = (minutes) =>
    `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const snap = (minutes) => Math.round(minutes / SLOT) * SLOT;

  function slotHeight(slots) {
    const rows = Number(slots.closest(".planner").dataset.rows);
    return slots.getBoundingClientRect().height / rows;
  }

  function firstMinute(block) {
    return Number(block.closest(".planner").dataset.firstMinute);
  }

  function columns(block) {
    return [...block.closest(".planner").querySelectorAll(".planner-column .planner-slots")];
  }

  // Where the block would go: its column and times, shown in place until the server answers.
  // Placed with the stylesheet's classes: an inline style would break the page's CSP.
  function preview(block, target) {
    const first = firstMinute(block);
    if (block.parentElement !== target.slots) target.slots.append(block);
    const placement = [...block.classList].filter((name) => /^p[rscw]-\d+$/.test(name));
    block.classList.remove(...placement);
    const row = 1 + (target.start - first) / SLOT;
    const rows = Math.max(1, (target.end - target.start) / SLOT);
    block.classList.add(`pr-${row}`, `ps-${rows}`, "pc-1", "pw-60");
    block.querySelector(".time").textContent = `${clock(target.start)}–${clock(target.end)}`;
  }

  function send(block, target) {
    const pk = block.dataset.session;
    block.classList.add("is-saving");
    const values = {
      day: target.slots.dataset.day,
      room: "room" in target.slots.dataset ? target.slots.dataset.room : block.dataset.room,
      starts_at: clock(target.start),
      ends_at: clock(target.end),
    };
    return htmx
      // The answer is the columns the move touched, each swapped in by its id.
      .ajax("POST", block.dataset.move, { target: "#plan", swap: "none", values })
      .then(() => {
        const moved = document.getElementById(`block-${pk}`);
        if (moved && target.refocus) moved.focus();
        else moved?.classList.add("is-selected");
      });
  }

  function current(block) {
    return {
      slots: block.parentElement,
      start: Number(block.dataset.start),
      end: Number(block.dataset.end),
    };
  }

  function unchanged(block, target) {
    const was = current(block);
    return (
      target.slots.dataset.day === block.dataset.day &&
      (!("room" in target.slots.dataset) || target.slots.dataset.room === block.dataset.room) &&
      target.start === was.start &&
      target.end === was.end
    );
  }

  // --- Pointer: mouse anywhere on a block, a finger on its grip; its lower edge resizes.
  document.addEventListener("pointerdown", (event) => {
    const block = event.target.closest(".planner-block[data-move]");
    if (!block || event.button !== 0) return;
    const resizing = Boolean(event.target.closest(".planner-resize"));
    const onGrip = Boolean(event.target.closest(".planner-grip"));
    if (event.pointerType !== "mouse" && !resizing && !onGrip) return;
    drag = {
      block,
      resizing,
      origin: current(block),
      x: event.clientX,
      y: event.clientY,
      moved: false,
      target: current(block),
      pointerId: event.pointerId,
    };
  });

  // The browser's own dragging of links and text would fight ours.
  document.addEventListener("dragstart", (event) => {
    if (event.target.closest?.(".planner")) event.preventDefault();
  });

  document.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { block, origin } = drag;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 5) return;
    if (!drag.moved) {
      // Captured only once it moves, so that a plain click on the title still opens it.
      drag.moved = true;
      block.classList.add("is-dragging");
      block.setPointerCapture(event.pointerId);
    }
    event.preventDefault();
    const delta = snap((dy / slotHeight(origin.slots)) * SLOT);
    const first = firstMinute(block);
    const last = first + Number(block.closest(".planner").dataset.rows) * SLOT;
    if (drag.resizing) {
      const end = Math.min(last, Math.max(origin.start + SLOT, origin.end + delta));
      drag.target = { slots: origin.slots, start: origin.start, end };
    } else {
      const length = origin.end - origin.start;
      const start = Math.min(last - length, Math.max(first, origin.start + delta));
      const under = document
        .elementsFromPoint(event.clientX, event.clientY)
        .map((element) => element.closest(".planner-column .planner-slots"))
        .find(Boolean);
      drag.target = { slots: under || drag.target.slots, start, end: start + length };
    }
    preview(block, drag.target);
  });

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { block, moved, target, origin } = drag;
    drag = null;
    block.classList.remove("is-dragging");
    if (!moved) return;
    // A drag is not a click: keep the title's link from opening the dialog.
    block.addEventListener("click", (click) => click.preventDefault(), { capture: true, once: true });
    if (cancelled || unchanged(block, target)) {
      preview(block, origin);
      return;
    }
    send(block, target);
  }

  document.addEventListener("pointerup", (event) => endDrag(event, false));
  document.addEventListener("pointercancel", (event) => endDrag(event, true));

  // --- Keyboard: arrows move by five minutes or a column; with Shift they resize.
  document.addEventListener("keydown", (event) => {
    const block = event.target.closest?.(".planner-block[data-move]");
    if (!block || event.target !== block) return;
    if (event.key === "Enter") {
      block.querySelector(".planner-title")?.click();
      event.preventDefault();
      return;
    }
    if (event.key === "Escape" && pending) {
      clearTimeout(pending.timer);
      preview(block, pending.origin);
      pending = null;
      return;
    }
    if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(event.key)) return;
    event.preventDefault();
    if (!pending || pending.block !== block) {
      pending = { block, origin: current(block), target: current(block) };
    }
    const target = { ...pending.target };
    const first = firstMinute(block);
    const last = first + Number(block.closest(".planner").dataset.rows) * SLOT;
    const step = { ArrowUp: -SLOT, ArrowDown: SLOT }[event.key] || 0;
    if (event.shiftKey && step) {
      target.end = Math.min(last, Math.max(target.start + SLOT, target.end + step));
    } else if (step) {
      const length = target.end - target.start;
      target.start = Math.min(last - length, Math.max(first, target.start + step));
      target.end = target.start + length;
    } else {
      const all = columns(block);
      const index = all.indexOf(target.slots) + (event.key === "ArrowLeft" ? -1 : 1);
      if (index < 0 || index >= all.length) return;
      target.slots = all[index];
    }
    pending.target = target;
    preview(block, target);
    block.focus();
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      const { block: moving, target: chosen } = pending;
      pending = null;
      if (unchanged(moving, chosen)) return;
      send(moving, { ...chosen, refocus: true });
    }, KEY_PAUSE);
  });

  // --- The dialog the session forms load into.
  document.addEventListener("htmx:afterSwap", (event) => {
    const dialog = document.getElementById("session-dialog");
    if (dialog && event.detail.target.id === "session-dialog-body" && !dialog.open) {
      dialog.showModal();
    }
  });
  document.addEventListener("planChanged", () => {
    document.getElementById("session-dialog")?.close();
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-close-dialog]")) {
      event.target.closest("dialog")?.close();
    }
  });
})();
