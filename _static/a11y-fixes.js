// Accessibility fixes for the book theme's own controls (found by the axe-core audit).
document.addEventListener("DOMContentLoaded", function () {
  // The search field shows "Search Ctrl+K" but is labelled only "Search": let its visible
  // text be its name, so speech-input users can say what they see.
  document.querySelectorAll(".search-button-field[aria-label]").forEach(function (button) {
    button.removeAttribute("aria-label");
  });
  // The colour-mode button's icons carry titles that clash with its label: hide the icons
  // from assistive technology and keep the label, which says what the button does.
  document.querySelectorAll(".theme-switch-button i").forEach(function (icon) {
    icon.removeAttribute("title");
    icon.setAttribute("aria-hidden", "true");
  });
});

// sphinxcontrib-bibtex marks the bibliography as role="list" whose entries are not list items
// (an axe "critical"): drop the list role, each entry keeps its doc-biblioentry role.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".citation-list[role=list]").forEach(function (list) {
    list.removeAttribute("role");
  });
});

// myst-nb names every show-code toggle "Toggle hidden content", which is not what it shows
// ("Show the code for this chart"): let the visible text be its name, as with the search field.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("details.hide > summary[aria-label]").forEach(function (summary) {
    summary.removeAttribute("aria-label");
  });
});
