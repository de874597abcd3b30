// Charts that follow the page: drawn in dark colours when the book is in dark mode (and redrawn
// when the reader switches), with legend selections that work from the keyboard.
// Altair's page code calls the global vegaEmbed when it runs, so wrapping it here, once the
// shared vega-embed script has loaded, reaches every chart on the page.
(function () {
  if (!window.vegaEmbed || window.vegaEmbed.__srTheme) return;
  var embed = window.vegaEmbed;
  var charts = [];  // {el, spec, opts}: what each chart was embedded with, to redraw it
  // The chart policy's light colours (sinorussia/charts.py) and their dark-mode counterparts.
  var DARK = {"#222222": "#e6e6e6", "#595959": "#b4b4b4", "#e6e6e6": "#3a3f44", "#000000": "#d9d9d9",
              "#3d6b7d": "#7fb2c6", "#d9d9d9": "#5a5a5a", "#8a8a8a": "#9a9a9a"};

  function dark() { return document.documentElement.dataset.theme === "dark"; }

  function themed(spec) {
    if (!dark()) return spec;
    // One pass, so that a colour already swapped is not swapped again.
    var text = JSON.stringify(spec).replace(/"(#[0-9a-fA-F]{6})"/g, function (whole, colour) {
      var swapped = DARK[colour.toLowerCase()];
      return swapped ? '"' + swapped + '"' : whole;
    });
    var out = JSON.parse(text);
    out.config = Object.assign({}, out.config, {background: null});
    return out;
  }

  // Legend entries of a legend-bound selection become buttons: Enter or Space picks one out,
  // Escape clears the selection (as a double-click does).
  function keyboardLegends(el, view, spec) {
    var names = (spec.params || []).filter(function (p) {
      return p.bind === "legend" || (p.bind && p.bind.legend);
    }).map(function (p) { return p.name; });
    if (!names.length) return;
    el.querySelectorAll(".role-legend").forEach(function (legend) {
      // The legend is now a group of buttons, not one graphic symbol holding them.
      ["role", "aria-roledescription", "aria-label"].forEach(function (a) { legend.removeAttribute(a); });
    });
    el.querySelectorAll(".role-legend-symbol path").forEach(function (symbol) {
      var entry = symbol.closest("g.role-scope > g") || symbol.parentNode;
      if (entry.__srKeys) return;
      entry.__srKeys = true;
      var label = entry.querySelector(".role-legend-label text");
      entry.setAttribute("tabindex", "0");
      entry.setAttribute("role", "button");
      entry.setAttribute("aria-label", "Pick out " + (label ? label.textContent : "this entry"));
      entry.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        symbol.dispatchEvent(new MouseEvent("click", {bubbles: true, view: window}));
      });
    });
    if (el.__srEscape) return;
    el.__srEscape = true;
    el.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      names.forEach(function (name) {
        try { view.change(name + "_store", vega.changeset().remove(vega.truthy)); } catch (e) { /* not a store */ }
      });
      view.run();
    });
  }

  function themedEmbed(el, spec, opts) {
    var target = typeof el === "string" ? document.querySelector(el) : el;
    var known = charts.filter(function (c) { return c.el === target; })[0];
    if (!known) charts.push({el: target, spec: spec, opts: opts || {}});
    var options = Object.assign({}, opts, {tooltip: {theme: dark() ? "dark" : "light"}});
    return embed(el, themed(spec), options).then(function (result) {
      keyboardLegends(target, result.view, spec);
      return result;
    });
  }
  themedEmbed.__srTheme = true;
  Object.keys(embed).forEach(function (key) { themedEmbed[key] = embed[key]; });
  window.vegaEmbed = themedEmbed;

  var mode = dark();
  new MutationObserver(function () {
    if (dark() === mode) return;
    mode = dark();
    charts.forEach(function (c) { window.vegaEmbed(c.el, c.spec, c.opts); });
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
})();
