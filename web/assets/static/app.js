// Signet's pages need no script to work; this one adds a button that copies the sample's
// re-draw command, and the clerks' desk's keyboard shortcuts (docs/web.md): every action of
// the desk has a key, each bound to an element of the page marked with data-key.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.dataset.copied = "true";
    });
  }
  if (document.getElementById("keys")) deskKeys();
});

// deskKeys binds the desk's shortcuts: a key clicks the element whose data-key it is
// (a candidate's radio, a signature radio, a button); i chooses the reason (arrow keys) and
// Enter decides the line invalid with it; c writes a comment; ? shows the list; Esc leaves
// a field.
function deskKeys() {
  const reason = document.getElementById("reason");
  const invalid = document.getElementById("decide-invalid");
  const keys = document.getElementById("keys");
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t === reason && e.key === "Enter" && invalid) {
      e.preventDefault();
      invalid.click();
      return;
    }
    if (e.key === "Escape") {
      if (t && t.blur) t.blur();
      return;
    }
    const typing = t && (t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && t.type !== "radio" && t.type !== "checkbox"));
    if (typing) return;
    if (e.key === "?") {
      keys.open = !keys.open;
      e.preventDefault();
      return;
    }
    if (e.key === "i" && reason) {
      e.preventDefault();
      reason.focus();
      return;
    }
    if (e.key === "c") {
      const comment = document.getElementById("comment");
      if (comment) {
        e.preventDefault();
        comment.focus();
      }
      return;
    }
    const el = document.querySelector('[data-key="' + CSS.escape(e.key) + '"]');
    if (!el) return;
    e.preventDefault();
    if (el.type === "radio") {
      el.checked = true;
      el.focus();
    } else {
      el.click();
    }
  });
}
