// Conditional reveals for radios: the questions that follow an answer show under it while it
// is chosen. GOV.UK Frontend's own version marks each radio aria-expanded, which ARIA 1.2
// does not allow on a radio (axe: aria-allowed-attr), so the reveal is only shown or hidden
// here; the questions follow the radio in reading order. Without JavaScript all show.
function sync(radios) {
  for (const radio of radios) {
    const target = document.getElementById(radio.dataset.reveals);
    if (target) {
      target.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
    }
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
