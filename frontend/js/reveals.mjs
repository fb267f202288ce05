// Conditional reveals for radios: the questions that follow an answer show under it while it
// is chosen. GOV.UK Frontend's own version marks each radio aria-expanded, which ARIA 1.2
// does not allow on a radio (axe: aria-allowed-attr), so the reveal is only shown or hidden
// here; the questions follow the radio in reading order. Without JavaScript all show.
// A question that follows two neighbouring answers (a child's whereabouts, for "child" and
// "sibling") is one reveal named by both radios: it shows while either is chosen.
function sync(radios) {
  const shown = new Map();
  for (const radio of radios) {
    shown.set(radio.dataset.reveals, shown.get(radio.dataset.reveals) || radio.checked);
  }
  for (const [id, show] of shown) {
    const target = document.getElementById(id);
    if (target) target.classList.toggle("govuk-radios__conditional--hidden", !show);
  }
}

export function initReveals(root) {
  const groups = new Map();
  for (const radio of root.querySelectorAll("input[type=radio][data-reveals]")) {
    const name = radio.name;
    if (!groups.has(name)) groups.set(name, [...root.querySelectorAll(`input[type=radio][name="${name}"]`)]);
  }
  for (const radios of groups.values()) {
    const withReveal = radios.filter((radio) => radio.dataset.reveals);
    for (const radio of radios) radio.addEventListener("change", () => sync(withReveal));
    sync(withReveal);
  }
}
