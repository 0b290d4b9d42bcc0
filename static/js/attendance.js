// Attendance on set, with or without a connection. Each tap is kept on the phone
// (localStorage) with an id made here and the time it was tapped, shown as waiting, and sent
// in order as soon as the connection allows. The server records an id once, so a tap sent
// twice (its answer lost on the way back) still counts once. Each answer is the child's card,
// swapped in place.
(() => {
  "use strict";
  const KEY = "kachinko:attendance-queue";
  const RETRY = 15000;
  let sending = false;
  let signedOut = false;

  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || [];
    } catch {
      return [];
    }
  };
  const save = (queue) => localStorage.setItem(KEY, JSON.stringify(queue));
  const card = (child) => document.getElementById(`child-${child}`);
  const clock = (iso) => {
    const at = new Date(iso);
    return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
  };

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // A tap not sent yet: the card says so, and shows what comes next (check-out after check-in).
  function markWaiting(item) {
    const found = card(item.child);
    const banner = document.getElementById("attendance-queue");
    if (!found || !banner) return;
    found.classList.add("is-waiting");
    const status = found.querySelector(".attendance-status");
    status.textContent = `${banner.dataset.waiting} ${item.label} · ${clock(item.at)}`;
    if (item.kind === "check-in") {
      found.querySelector("form[data-attendance='check-in']")?.remove();
      const checkout = found.querySelector(".attendance-checkout");
      if (checkout) checkout.hidden = false;
    } else {
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

  function showQueue() {
    const banner = document.getElementById("attendance-queue");
    if (!banner) return;
    const queue = load();
    queue.forEach(markWaiting);
    if (!navigator.onLine) {
      banner.textContent = banner.dataset.offline;
    } else if (queue.length && signedOut) {
      banner.textContent = banner.dataset.signedOut;
    } else if (queue.length) {
      banner.textContent = banner.dataset.sending;
    }
    banner.hidden = navigator.onLine && !queue.length;
  }

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      let queue = load();
      while (queue.length) {
        const item = queue[0];
        const body = new FormData();
        item.body.forEach(([name, value]) => body.append(name, value));
        let response;
        try {
          response = await fetch(item.url, {
            method: "POST",
            body,
            headers: { "HX-Request": "true" },
            credentials: "same-origin",
          });
        } catch {
          break; // No connection: keep it for later.
        }
        // Signed out (sent to the sign-in page) or the server failing: keep it for later.
        if (response.redirected || response.status >= 500) {
          signedOut = response.redirected;
          break;
        }
        signedOut = false;
        queue = load().filter((queued) => queued.id !== item.id);
        save(queue);
        const found = card(item.child);
        if (found && (response.ok || response.status === 400)) {
          found.outerHTML = await response.text();
        } else if (found) {
          // Refused for good (no longer allowed, or gone): say so rather than wait forever.
          found.classList.remove("is-waiting");
          found.querySelector(".attendance-status").textContent =
            document.getElementById("attendance-queue").dataset.refused;
        }
      }
    } finally {
      sending = false;
      recount();
      showQueue();
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-attendance]");
    if (!form) return;
    event.preventDefault();
    const body = new FormData(form, event.submitter);
    const item = {
      id: newId(),
      at: new Date().toISOString(),
      url: form.action,
      kind: form.dataset.attendance,
      child: form.closest("[data-child]").dataset.child,
      label: (event.submitter?.textContent || "").replace(/\s+/g, " ").trim(),
    };
    body.set("client_id", item.id);
    body.set("at", item.at);
    item.body = [...body.entries()];
    save([...load(), item]);
    markWaiting(item);
    flush();
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", showQueue);
  setInterval(() => load().length && flush(), RETRY);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", flush);
  } else {
    flush();
  }
})();
