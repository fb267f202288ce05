// Tables wider than a phone scroll inside their own box instead of the whole page scrolling
// sideways (WCAG 2.2 1.4.10 Reflow lets data tables scroll in two dimensions). A box that
// scrolls is a named region a keyboard user can reach, and only while it scrolls.
function label(table) {
  const caption = table.querySelector("caption");
  return (caption && caption.textContent.trim()) || "Table";
}

function update(box) {
  const scrolls = box.scrollWidth > box.clientWidth;
  if (scrolls) {
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `${label(box.firstElementChild)} (scrolls sideways)`);
  } else {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

export function initWideTables(root) {
  const boxes = [];
  for (const table of root.querySelectorAll("main table.govuk-table")) {
    if (table.parentElement.classList.contains("cads-table-box")) continue;
    const box = document.createElement("div");
    box.className = "cads-table-box";
    table.replaceWith(box);
    box.appendChild(table);
    boxes.push(box);
  }
  const all = () => boxes.forEach(update);
  all();
  window.addEventListener("resize", all);
}
