// Draws one chart of the book: what Altair's inline code does, without its loader, which would
// fetch the chart libraries from a CDN. The book serves them itself (_ext/offline_vega.py), so
// each chart's script calls this one function instead of carrying its own copy of the loader.
function srEmbed(id, spec, embedOpt) {
  const outputDiv = document.getElementById(id);
  vegaEmbed(outputDiv, spec, embedOpt).catch((err) => {
    outputDiv.innerHTML = '<div class="error" style="color:red;">Javascript Error: ' + err.message + '</div>';
    throw err;
  });
}
