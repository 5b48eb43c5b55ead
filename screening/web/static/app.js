// AHA Screening UI: small progressive enhancements; every page works without this script.
"use strict";

function autosubmit() {
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
}

function formatSize(bytes) {
  return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
}

const STATE_TEXT = {
  scored: "scored",
  needs_review: "needs review",
  error: "error",
};

function uploader() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("files");
  const zone = document.getElementById("dropzone");
  const list = document.getElementById("file-list");
  const status = document.getElementById("upload-status");
  const button = document.getElementById("upload-button");
  let rows = [];

  function render() {
    list.replaceChildren();
    rows = Array.from(input.files).map((file) => {
      const li = document.createElement("li");
      const name = document.createElement("span");
      name.className = "fname";
      name.textContent = file.name + " (" + formatSize(file.size) + ")";
      name.title = file.name;
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "upload of " + file.name);
      const state = document.createElement("span");
      state.className = "state";
      state.textContent = "ready";
      li.append(name, bar, state);
      list.append(li);
      return { file, bar, state };
    });
    status.textContent = rows.length ? rows.length + " file(s) chosen" : "";
  }

  function addFiles(files) {
    const merged = new DataTransfer();
    Array.from(input.files).forEach((f) => merged.items.add(f));
    Array.from(files)
      .filter((f) => f.type === "application/pdf" || /\.pdf$/i.test(f.name))
      .forEach((f) => merged.items.add(f));
    input.files = merged.files;
    render();
  }

  input.addEventListener("change", render);
  ["dragenter", "dragover"].forEach((type) =>
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    })
  );
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });

  form.addEventListener("submit", (event) => {
    if (!input.files.length) return; // the browser's own "required" message
    event.preventDefault();
    render();
    const body = new FormData(form);
    const total = rows.reduce((sum, r) => sum + r.file.size, 0) || 1;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    button.disabled = true;
    status.textContent = "Uploading…";
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      // Parts are sent in order: each file's share of the bytes sent so far.
      let sent = (e.loaded / e.total) * total;
      rows.forEach((r) => {
        const part = Math.max(0, Math.min(r.file.size, sent));
        sent -= r.file.size;
        r.bar.value = r.file.size ? (100 * part) / r.file.size : 100;
        r.state.textContent = r.bar.value >= 100 ? "uploaded" : "uploading " + Math.round(r.bar.value) + "%";
      });
    });
    xhr.upload.addEventListener("load", () => {
      rows.forEach((r) => {
        r.bar.value = 100;
        r.state.textContent = "parsing and scoring…";
      });
      status.textContent = "Parsing and scoring on the server…";
    });
    xhr.addEventListener("load", () => {
      button.disabled = false;
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (err) {
        data = null;
      }
      if (xhr.status !== 200 || !data || !data.files) {
        // An error page (HTML) or an error body: show the server's answer.
        document.open();
        document.write(xhr.responseText);
        document.close();
        return;
      }
      data.files.forEach((f, i) => {
        const r = rows[i];
        if (!r) return;
        r.state.textContent = (STATE_TEXT[f.status] || f.status) + (f.rank ? " · rank " + f.rank : "") + (f.error ? " (" + f.error + ")" : "");
        r.state.classList.add(f.status);
      });
      status.replaceChildren();
      const link = document.createElement("a");
      link.href = data.url;
      link.className = "button primary";
      link.id = "open-shortlist";
      link.textContent = "Open the ranked shortlist";
      status.append(link);
      link.focus();
    });
    xhr.addEventListener("error", () => {
      button.disabled = false;
      status.textContent = "The upload failed (network). Nothing was stored; try again.";
    });
    xhr.send(body);
  });
}

function highlightLinks() {
  // Keyboard users: Enter on a highlighted passage scrolls its legend item into view.
  document.querySelectorAll("mark.ev[data-index]").forEach((mark) => {
    mark.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const item = document.querySelectorAll("ol.evidence li")[Number(mark.dataset.index) - 1];
      if (item) item.scrollIntoView({ block: "nearest" });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  autosubmit();
  uploader();
  highlightLinks();
});
