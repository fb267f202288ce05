// Warns before the idle timeout (CADS_IDLE_TIMEOUT_MINUTES) signs a user out, and lets
// them stay signed in. The server enforces the timeout; this only tells people in time.
export function initTimeoutWarning(body) {
  const timeout = Number(body.dataset.idleTimeout || 0);
  const warning = Number(body.dataset.idleWarning || 120);
  const panel = document.querySelector("[data-timeout-warning]");
  if (!timeout || !panel) return;

  const countdown = panel.querySelector("[data-timeout-countdown]");
  const stay = panel.querySelector("[data-timeout-stay]");
  const token = document.querySelector('meta[name="csrf-token"]')?.content;
  let deadline = Date.now() + timeout * 1000;
  let timer = null;

  // Sign-out takes a POST with the CSRF token (a GET only offers the button).
  function signOut() {
    const form = document.createElement("form");
    form.method = "post";
    form.action = body.dataset.signOutUrl;
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrfmiddlewaretoken";
    field.value = token;
    form.append(field);
    document.body.append(form);
    form.submit();
  }

  function describe(seconds) {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }

  function tick() {
    const left = Math.round((deadline - Date.now()) / 1000);
    if (left <= 0) {
      signOut();
      return;
    }
    if (left <= warning) {
      if (panel.hidden) {
        panel.hidden = false;
        stay.focus();
      }
      countdown.textContent = describe(left);
    }
    timer = window.setTimeout(tick, 1000);
  }

  stay.addEventListener("click", async () => {
    const response = await fetch(body.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (response.ok) {
      deadline = Date.now() + timeout * 1000;
      panel.hidden = true;
    } else {
      signOut();
    }
  });

  window.clearTimeout(timer);
  tick();
}
