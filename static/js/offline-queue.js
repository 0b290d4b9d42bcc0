// What is done on set, with or without a connection. A form marked `data-offline="NAME"` is
// not posted at once: what it says is kept on the phone (localStorage, one queue per NAME)
// with an id made here and the time it was done, shown as waiting, and sent in order as soon
// as the connection allows. The server records an id once, so something sent twice (its
// answer lost on the way back) still counts once. The CSRF token is the page's own at the
// time of sending (a new sign-in makes a new one), never the one of the page it was made on.
//
// Each page's script says how its things look while waiting, and what to do with the answer:
//   Kachinko.offlineQueue("NAME", {describe, show, answered, settled})
// describe(form, submitter): what else to keep with the item (e.g. which child);
// show(queue): mark every waiting item on the page; answered(item, response): the server
// answered (2xx/4xx); settled(): the queue was sent as far as it could be.
(() => {
  "use strict";
  const RETRY = 15000;

  function newId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"] || "";
    } catch {
      return "";
    }
  }

  // Replace an element with the server's HTML, and let htmx see what came in.
  function swap(element, html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh) return null;
    element.replaceWith(fresh);
    window.htmx?.process(fresh);
    return fresh;
  }

  function offlineQueue(name, { describe = () => ({}), show = () => {}, answered, settled = () => {} }) {
    const key = `kachinko:${name}-queue`;
    let sending = false;
    let signedOut = false;

    const load = () => {
      try {
        return JSON.parse(localStorage.getItem(key)) || [];
      } catch {
        return [];
      }
    };
    const save = (queue) => localStorage.setItem(key, JSON.stringify(queue));

    function showQueue() {
      const queue = load();
      show(queue);
      document.querySelectorAll(`[data-offline-banner='${name}']`).forEach((banner) => {
        if (!navigator.onLine) {
          banner.textContent = banner.dataset.offline;
        } else if (queue.length && signedOut) {
          banner.textContent = banner.dataset.signedOut;
        } else if (queue.length) {
          banner.textContent = banner.dataset.sending;
        }
        banner.hidden = navigator.onLine && !queue.length;
      });
    }

    async function flush() {
      if (sending) return;
      sending = true;
      try {
        let queue = load();
        while (queue.length) {
          const item = queue[0];
          const body = new FormData();
          item.body.forEach(([field, value]) => body.append(field, value));
          let response;
          try {
            response = await fetch(item.url, {
              method: "POST",
              body,
              headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
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
          await answered(item, response);
        }
      } finally {
        sending = false;
        settled();
        showQueue();
      }
    }

    document.addEventListener("submit", (event) => {
      const form = event.target.closest(`form[data-offline='${name}']`);
      if (!form) return;
      event.preventDefault();
      const body = new FormData(form, event.submitter);
      body.delete("csrfmiddlewaretoken");
      const item = {
        id: newId(),
        at: new Date().toISOString(),
        url: form.action,
        ...describe(form, event.submitter),
      };
      body.set("client_id", item.id);
      body.set("at", item.at);
      item.body = [...body.entries()];
      save([...load(), item]);
      showQueue();
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
  }

  window.Kachinko = { ...window.Kachinko, offlineQueue, swap };
})();
