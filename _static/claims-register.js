// Filters for the claims register (appendix page 'Checking the article'): verdict and chapter
// menus, a live count, and a link to a hidden row (#C30) that clears the filters to show it.
// The filters are hidden in the markup and shown here, so a page without this script (a
// notebook opened in Jupyter) shows the whole table and no menus that do nothing.
(function () {
  function init() {
    var root = document.getElementById("claims-register");
    if (!root) { return; }
    root.querySelector("form").hidden = false;
    var verdict = document.getElementById("claims-verdict");
    var chapter = document.getElementById("claims-chapter");
    var count = document.getElementById("claims-count");
    var rows = root.querySelectorAll("tbody tr");
    function apply() {
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var keep = (!verdict.value || row.getAttribute("data-verdict") === verdict.value) &&
                   (!chapter.value || row.getAttribute("data-chapter") === chapter.value);
        row.hidden = !keep;
        if (keep) { shown += 1; }
      }
      count.textContent = "Showing " + shown + " of " + rows.length + " claims.";
    }
    function reveal() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var row = id ? document.getElementById(id) : null;
      if (row && root.contains(row) && row.hidden) {
        verdict.value = ""; chapter.value = ""; apply(); row.scrollIntoView();
      }
    }
    verdict.addEventListener("change", apply);
    chapter.addEventListener("change", apply);
    window.addEventListener("hashchange", reveal);
    apply();
    reveal();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
