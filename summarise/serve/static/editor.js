"use strict";
(function () {
  const form = document.getElementById("job-form");
  const text = document.getElementById("text");
  const file = document.getElementById("file");
  const drop = document.getElementById("drop");
  const fileName = document.getElementById("file-name");
  const submit = document.getElementById("submit");
  const status = document.getElementById("status");
  const bar = document.getElementById("progress");
  const statusText = document.getElementById("status-text");
  const cancel = document.getElementById("cancel");
  const error = document.getElementById("error");
  const result = document.getElementById("result");
  const resultTitle = document.getElementById("result-title");
  const verdict = document.getElementById("verdict");
  const downloads = document.getElementById("downloads");
  const review = document.getElementById("review");
  const openReview = document.getElementById("open-review");
  const apiKey = document.getElementById("api-key");
  let current = null;
  let timer = null;

  const LABELS = {
    "translation.txt": "Translation (text)", "translation.md": "Translation (Markdown)",
    "translation.json": "JSON report", "translation.html": "Translation review page",
    "brief.txt": "Brief (text)", "brief.md": "Brief (Markdown)", "brief.json": "Brief JSON report",
    "brief.html": "Brief review page",
    "document.docx": "Word document in English (.docx)", "document.html": "Web page in English (.html)",
    "document.md": "Markdown in English (.md)", "document.check.json": "Round-trip check report (JSON)",
  };
  const KEY_STORE = "summarise-api-key";

  // The key lives in this tab only (sessionStorage), never in localStorage or a cookie.
  try { apiKey.value = sessionStorage.getItem(KEY_STORE) || ""; } catch (_) { /* storage off: ask each time */ }
  apiKey.addEventListener("change", function () {
    try {
      if (apiKey.value.trim()) { sessionStorage.setItem(KEY_STORE, apiKey.value.trim()); }
      else { sessionStorage.removeItem(KEY_STORE); }
    } catch (_) { /* storage off */ }
  });

  function keyHeaders() {
    const key = apiKey.value.trim();
    return key ? { "X-API-Key": key } : {};
  }

  // Links and the review frame cannot send a header: they carry the key as LibreTranslate's api_key field.
  function withKey(url) {
    const key = apiKey.value.trim();
    return key ? url + (url.indexOf("?") < 0 ? "?" : "&") + "api_key=" + encodeURIComponent(key) : url;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    error.focus();
  }

  function showFile() {
    fileName.textContent = file.files.length ? "Chosen: " + file.files[0].name : "";
  }
  file.addEventListener("change", showFile);

  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) {
      file.files = e.dataTransfer.files;
      showFile();
    }
  });

  async function answer(response) {
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    if (response.status === 403) {
      apiKey.setAttribute("aria-invalid", "true");
      throw new Error(apiKey.value.trim()
        ? "The server refused this API key (" + ((body && body.error) || "403") + "). Check the key in the API key field."
        : "This server needs an API key: enter it in the API key field and try again.");
    }
    if (!response.ok) {
      throw new Error((body && body.error) || ("The server answered " + response.status));
    }
    return body;
  }

  form.addEventListener("submit", async function (e) {
    e.preventDefault();
    error.hidden = true;
    result.hidden = true;
    if (!file.files.length && !text.value.trim()) {
      showError("Paste German text or choose a file first.");
      text.focus();
      return;
    }
    const data = new FormData();
    data.append("kind", form.elements.kind.value);
    if (file.files.length) {
      data.append("file", file.files[0], file.files[0].name);
    } else {
      data.append("text", text.value);
    }
    apiKey.removeAttribute("aria-invalid");
    submit.disabled = true;
    status.hidden = false;
    bar.value = 0;
    statusText.textContent = "Sending…";
    try {
      const job = await answer(await fetch("v1/jobs", { method: "POST", body: data, headers: keyHeaders() }));
      current = job;
      cancel.hidden = false;
      poll();
    } catch (err) {
      submit.disabled = false;
      status.hidden = true;
      showError(err.message);
      if (apiKey.getAttribute("aria-invalid")) apiKey.focus();
    }
  });

  cancel.addEventListener("click", async function () {
    if (!current) return;
    try { await answer(await fetch("v1/jobs/" + current.id, { method: "DELETE", headers: keyHeaders() })); } catch (err) { showError(err.message); }
  });

  async function poll() {
    clearTimeout(timer);
    let job;
    try {
      job = await answer(await fetch("v1/jobs/" + current.id, { cache: "no-store", headers: keyHeaders() }));
    } catch (err) {
      finish();
      showError(err.message);
      if (apiKey.getAttribute("aria-invalid")) apiKey.focus();
      return;
    }
    const p = job.progress;
    bar.value = p.fraction || 0;
    const blocks = p.blocks_total === null ? "" : p.blocks_done + " of " + p.blocks_total + " blocks";
    statusText.textContent = job.status === "queued" ? "Waiting for the model…" : "Translating… " + blocks;
    if (job.status === "done") { finish(); show(job); return; }
    if (job.status === "failed" || job.status === "cancelled") {
      finish();
      showError(job.status === "cancelled" ? "The job was cancelled." : "The job failed: " + (job.error || "unknown error"));
      return;
    }
    timer = setTimeout(poll, 400);
  }

  function finish() {
    submit.disabled = false;
    cancel.hidden = true;
    status.hidden = true;
  }

  function show(job) {
    const doc = job.documents[0];
    if (doc.error) {
      showError(doc.name + ": " + doc.error);
      return;
    }
    verdict.className = "verdict " + (job.passed ? "ok" : "bad");
    verdict.textContent = job.passed ? "✓ Every check passed." : "✗ Some checks failed: the review page marks them in red.";
    downloads.textContent = "";
    const names = Object.keys(doc.results);
    for (const name of names) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = withKey(doc.results[name]);
      a.setAttribute("download", "");
      a.textContent = LABELS[name] || name;
      li.appendChild(a);
      downloads.appendChild(li);
    }
    const li = document.createElement("li");
    const zip = document.createElement("a");
    zip.href = withKey(job.download);
    zip.setAttribute("download", "");
    zip.textContent = "Everything (ZIP)";
    li.appendChild(zip);
    downloads.appendChild(li);
    const page = doc.results["brief.html"] || doc.results["translation.html"];
    const inline = withKey(page + "?inline=1");
    openReview.href = inline;
    review.src = inline;
    result.hidden = false;
    resultTitle.focus();
  }
})();
