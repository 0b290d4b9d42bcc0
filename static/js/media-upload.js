// Uploading photos, clips and sound: files chosen, taken with the camera or dropped on the
// page are sent one request per file to the form's own URL, each with its progress bar. The
// server answers each with the new asset's card (which then follows its state by htmx) or
// with the reason the file was refused. Without this script the form sends them all at once.
(() => {
  "use strict";
  const form = document.getElementById("media-upload");
  if (!form) return;
  const drop = document.getElementById("media-drop");
  const chosen = document.getElementById("media-chosen");
  const rows = document.getElementById("upload-progress");
  const list = document.getElementById("media-list");
  const inputs = form.querySelectorAll(".media-input");
  let dropped = [];

  function csrfToken() {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function pending() {
    const files = [...dropped];
    for (const input of inputs) files.push(...input.files);
    return files;
  }

  function describe() {
    const count = pending().length;
    chosen.textContent = count ? pending().map((file) => file.name).join(", ") : "";
  }

  function row(file) {
    const item = document.createElement("li");
    item.className = "upload-row mb-2";
    const name = document.createElement("div");
    name.className = "small text-truncate";
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    const status = document.createElement("div");
    status.className = "small upload-status";
    item.append(name, bar, status);
    rows.append(item);
    return { item, bar, status };
  }

  function addCard(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const card = template.content.firstElementChild;
    if (!card) return;
    document.getElementById("media-empty")?.remove();
    list.prepend(card);
    if (window.htmx) window.htmx.process(card);
  }

  function send(file) {
    const { bar, status, item } = row(file);
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    body.append("files", file, file.name);
    for (const box of form.querySelectorAll("input[name=children]:checked")) {
      body.append("children", box.value);
    }
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("X-CSRFToken", csrfToken());
      request.setRequestHeader("HX-Request", "true");
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
      };
      request.onload = () => {
        bar.value = 100;
        if (request.status === 201) {
          item.classList.add("is-done");
          status.textContent = form.dataset.uploaded;
          addCard(request.responseText);
        } else {
          item.classList.add("is-refused", "text-danger");
          const answer = document.createElement("template");
          answer.innerHTML = request.responseText;
          status.textContent =
            request.status === 422 ? answer.content.textContent.trim() : form.dataset.failed;
        }
        resolve();
      };
      request.onerror = () => {
        item.classList.add("is-refused", "text-danger");
        status.textContent = form.dataset.failed;
        resolve();
      };
      request.send(body);
    });
  }

  form.addEventListener("submit", async (event) => {
    const files = pending();
    if (!files.length) return; // the server names the missing file
    event.preventDefault();
    const button = document.getElementById("media-submit");
    button.disabled = true;
    dropped = [];
    for (const input of inputs) input.value = "";
    describe();
    for (const file of files) await send(file);
    button.disabled = false;
  });

  for (const input of inputs) input.addEventListener("change", describe);

  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("is-over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("is-over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("is-over");
    dropped.push(...event.dataTransfer.files);
    describe();
  });
})();
