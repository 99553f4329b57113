// The jobs' pages (docs/web.md): a job's page reads the job's state every second and moves
// its bar, then shows what the job did once it ends; the uploads' forms send their file
// with a bar of the bytes sent, then go on to the import's job page. Without this script
// the forms post as they are and the job's page is reloaded by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (job && job.dataset.state === "running") followJob(job);
  for (const form of document.querySelectorAll("form.upload")) uploadWithBar(form);
});

// followJob polls /api/v1/jobs/ID every second until the job ends, then reloads the page,
// which the server renders with the result.
function followJob(job) {
  const bar = document.getElementById("job-bar");
  const stage = document.getElementById("job-stage");
  const count = document.getElementById("job-count");
  const fmt = new Intl.NumberFormat(document.documentElement.lang || "en");
  const tick = async () => {
    try {
      const res = await fetch("/api/v1/jobs/" + encodeURIComponent(job.dataset.job), {credentials: "same-origin", headers: {Accept: "application/json"}});
      if (!res.ok) throw new Error("status " + res.status);
      const j = await res.json();
      if (j.state !== "running") {
        location.reload();
        return;
      }
      if (stage) stage.textContent = j.stage_text;
      if (bar && j.total > 0) {
        bar.max = j.total;
        bar.value = j.done;
        if (count) count.textContent = fmt.format(j.done) + " / " + fmt.format(j.total) + " (" + (100 * j.done / j.total).toFixed(1) + "%)";
      }
      job.dataset.done = j.done;
    } catch (e) {
      // A missed reading: the next one may answer.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}

// uploadWithBar sends a form's file with XMLHttpRequest, moving the form's bar with the
// bytes sent, and follows the server's answer (the job's page, or the refusal).
function uploadWithBar(form) {
  const bar = form.querySelector("progress.upload-bar");
  form.addEventListener("submit", (e) => {
    if (!window.XMLHttpRequest || !window.FormData) return;
    e.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    if (bar) {
      bar.hidden = false;
      xhr.upload.addEventListener("progress", (p) => {
        if (p.lengthComputable) {
          bar.max = p.total;
          bar.value = p.loaded;
        }
      });
    }
    xhr.addEventListener("load", () => {
      if (xhr.status < 400 && xhr.responseURL) {
        location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", () => form.submit());
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    xhr.send(new FormData(form));
  });
}
