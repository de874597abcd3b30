// Evaluated in an open book page by tools/seen.py: returns {kind: [problem, ...]}.
({width, dark}) => {
  const out = {tooltip: [], legend: [], plot_width: [], derived: [], raw_markup: [], dark_card: [],
               table_overflow: [], chart_table: [], pandas_table: [], row_label: [], text_overlap: [], weak_mark: []};
  const charts = [...document.querySelectorAll('div[id^=altair-viz-]')];
  const views = window.__srViews || [];
  const name = (el, i) => {
    const box = el.closest('.sr-chart');
    const title = box && box.querySelector('.sr-chart-title');
    return 'chart ' + (i + 1) + (title ? ' "' + title.textContent.slice(0, 50) + '"' : '');
  };
  const walk = (node, fn) => { if (!node) return; fn(node); (node.items || []).forEach((c) => walk(c, fn)); };
  // What vega-tooltip prints for one value (it calls String on scalars).
  const shown = (v) => (v !== null && typeof v === 'object') ? JSON.stringify(v) : String(v);
  const badValue = /^(undefined|null|NaN)$|\bundefined\b|\bNaN\b|\d\.\d{3,}/;

  charts.forEach((el, i) => {
    const label = name(el, i);
    const entry = views.find((v) => v.el === el || (v.el && v.el.contains && v.el.contains(el)) || el.contains(v.el));
    if (!entry) { out.tooltip.push(label + ': no Vega view found'); return; }
    const view = entry.view;
    const root = view.scenegraph().root;

    // Tooltips: every field value of every mark's tooltip, as vega-tooltip would print it.
    const badTips = new Set();
    walk(root, (item) => {
      const tip = item.tooltip;
      if (tip === undefined || tip === null || item.marktype) return;
      const pairs = typeof tip === 'object' ? Object.entries(tip) : [['', tip]];
      pairs.forEach(([k, v]) => { if (badValue.test(shown(v))) badTips.add((k ? k + ': ' : '') + shown(v)); });
    });
    if (badTips.size) out.tooltip.push(label + ': ' + [...badTips].slice(0, 4).join(' | '));

    // Legends: every legend entry inside the chart's box, the drawing and the screen.
    const svg = el.querySelector('svg.marks');
    const box = (el.closest('.sr-chart') || el).getBoundingClientRect();
    if (svg) {
      const s = svg.getBoundingClientRect();
      const right = Math.min(box.right, s.right, width) + 1;
      const left = Math.max(box.left, s.left, 0) - 1;
      let lost = 0, total = 0;
      svg.querySelectorAll('.role-legend-label text, .role-legend-title text').forEach((t) => {
        total += 1;
        const r = t.getBoundingClientRect();
        const hidden = r.width === 0 || getComputedStyle(t).visibility === 'hidden' || t.closest('[opacity="0"]');
        if (hidden || r.right > right || r.left < left || r.bottom > s.bottom + 1 || r.top < s.top - 1) lost += 1;
      });
      if (lost) out.legend.push(label + ': ' + lost + ' of ' + total + ' legend texts outside the chart or hidden');
    }
    // A legend Vega-Lite asked for that Vega never drew (e.g. merged away or sized to nothing).
    const legends = root.items && root.items[0] ? [] : [];
    walk(root, (node) => { if (node.marktype === 'group' && node.role === 'legend') legends.push(node); });
    legends.forEach((lg) => (lg.items || []).forEach((item) => {
      if (!(item.width > 0 && item.height > 0)) out.legend.push(label + ': a legend is drawn with no size');
    }));

    // Row labels: shown in full (Vega ends a cut label with an ellipsis), and never over a bar.
    if (svg) {
      const bars = [...svg.querySelectorAll('.mark-rect path, .mark-rect rect')].map((b) => b.getBoundingClientRect())
        .filter((b) => b.width > 0 && b.height > 0);
      svg.querySelectorAll('.role-axis-label text').forEach((t) => {
        const text = t.textContent;
        if (text.endsWith('…')) out.row_label.push(label + ': label cut to "' + text + '"');
        const r = t.getBoundingClientRect();
        const hit = bars.some((b) => r.left < b.right - 1 && r.right > b.left + 1 && r.top < b.bottom - 1 && r.bottom > b.top + 1);
        if (hit) out.row_label.push(label + ': label "' + text.slice(0, 40) + '" drawn over a bar');
      });
    }

    // Text marks (annotations, value labels): none drawn over another.
    if (svg) {
      const texts = [...svg.querySelectorAll('.mark-text.role-mark text')].filter((t) => t.textContent.trim())
        .map((t) => ({text: t.textContent, r: t.getBoundingClientRect()})).filter((t) => t.r.width > 0);
      const clash = [];
      texts.forEach((a, k) => texts.slice(k + 1).forEach((b) => {
        if (a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 2 && b.r.top < a.r.bottom - 2)
          clash.push('"' + a.text.slice(0, 25) + '" and "' + b.text.slice(0, 25) + '"');
      }));
      if (clash.length) out.text_overlap.push(label + ': ' + clash.slice(0, 3).join('; '));
    }

    // Plot width: the data rectangle, not the whole drawing with its axes and legends.
    let plot = null;
    try { plot = view.signal('width'); } catch (e) { plot = null; }
    if (plot !== null && plot < 200) out.plot_width.push(label + ': plot ' + Math.round(plot) + ' px wide');

    // Derived values: paler than reported ones wherever the data marks them.
    const opacity = (item) => {
      const node = item._svg;
      if (node) {
        const cs = getComputedStyle(node);
        const fo = parseFloat(node.getAttribute('fill-opacity') || cs.fillOpacity || '1');
        return parseFloat(cs.opacity || '1') * (isNaN(fo) ? 1 : fo);
      }
      return (item.opacity === undefined ? 1 : item.opacity) * (item.fillOpacity === undefined ? 1 : item.fillOpacity);
    };
    const byStatus = {reported: [], derived: []};
    walk(root, (mark) => {
      if (!mark.marktype || mark.role !== 'mark' || ['text', 'rule', 'line', 'area'].includes(mark.marktype)) return;
      (mark.items || []).forEach((item) => {
        const st = item.datum && item.datum.status;
        if (st in byStatus) byStatus[st].push(opacity(item));
      });
    });
    const said = /derived|paler/i.test((el.closest('.sr-chart') || el).textContent);
    // The palest state a selection or slider may add applies to both kinds: compare the
    // most opaque derived mark with the most opaque reported one.
    const top = (a) => Math.max(...a);
    if (byStatus.derived.length && byStatus.reported.length) {
      if (!(top(byStatus.derived) < top(byStatus.reported) - 0.15))
        out.derived.push(label + ': derived marks drawn at opacity up to ' + top(byStatus.derived).toFixed(2) +
                         ', reported up to ' + top(byStatus.reported).toFixed(2));
    } else if (said && !byStatus.derived.length) {
      const script = el.nextElementSibling;  // Altair's script, which holds the chart's data
      if (script && script.textContent.includes('"derived"')) out.derived.push(label + ': says derived values are paler, but no drawn mark knows its status');
    }

    // Figures on a weak source: drawn with a dashed outline, exactly those, where the chart says so.
    const dashed = (item) => {
      const node = item._svg;
      if (!node) return false;
      const dash = node.getAttribute('stroke-dasharray') || '';
      const stroke = node.getAttribute('stroke') || 'none';
      const w = parseFloat(node.getAttribute('stroke-width') || '1');
      return dash.trim() !== '' && dash.trim() !== '0' && stroke !== 'none' && stroke !== 'transparent' && w > 0;
    };
    const weak = {marked: 0, unmarked: 0, falsely: 0, flagged: 0};
    walk(root, (mark) => {
      if (!mark.marktype || mark.role !== 'mark' || ['text', 'line'].includes(mark.marktype)) return;
      const items = mark.items || [];
      const byDesign = items.length > 0 && items.every(dashed);  // e.g. a dashed reference line
      items.forEach((item) => {
        const flag = item.datum && item.datum.weak_source;
        if (flag === undefined) return;
        weak.flagged += 1;
        if (flag === true) weak[dashed(item) ? 'marked' : 'unmarked'] += 1;
        else if (dashed(item) && !byDesign) weak.falsely += 1;
      });
    });
    const noted = /dashed outline/i.test(((el.closest('.sr-chart') || el).querySelector('.sr-chart-weak') || {}).textContent || '');
    if (weak.unmarked) out.weak_mark.push(label + ': ' + weak.unmarked + ' figures on a weak source drawn without a dashed outline');
    if (weak.falsely) out.weak_mark.push(label + ': ' + weak.falsely + ' figures on a strong source drawn with a dashed outline');
    if (weak.marked && !noted) out.weak_mark.push(label + ': dashed outlines with no note under the chart saying what they mean');
    // (a menu may start on figures that are all strong: the note must still find marks that know their source)
    if (noted && !weak.flagged) out.weak_mark.push(label + ': the note under the chart speaks of dashed outlines, but no drawn mark knows its source');
    const script = el.nextElementSibling;  // Altair's script, which holds the chart's data
    if (script && /"weak_source":\s*true/.test(script.textContent) && !weak.flagged)
      out.weak_mark.push(label + ': its data has figures on a weak source, but no drawn mark knows which');

    // Dark mode: the drawing's own background must not be a light card.
    if (dark && svg) {
      const bg = svg.querySelector('rect.background, g > path.background');
      const fill = bg ? getComputedStyle(bg).fill : '';
      if (lum(fill) > 0.5) out.dark_card.push(label + ': chart background ' + fill);
      const text = svg.querySelector('.role-axis-label text');
      if (text && lum(getComputedStyle(text).fill) < 0.25) out.dark_card.push(label + ': dark axis labels on a dark page');
    }
  });

  // Raw TeX or MyST left in the text a reader sees.
  const article = document.querySelector('article, main') || document.body;
  const text = article.innerText;
  const raw = [/\\(frac|left|right|times|text|cdot|sqrt)\b/, /\$[^$\s][^$\n]{0,80}[\\^_{][^$\n]{0,80}\$/, /\{(glue|eval|ref|doc|numref|cite)[^}]*\}`/,
               /^:::/m, /^```\{/m];
  raw.forEach((re) => { const m = text.match(re); if (m) out.raw_markup.push('raw markup: ' + m[0].slice(0, 60)); });

  // Dark mode: no light card (chart box, quiz, table, admonition, output) on a dark page.
  function lum(colour) {
    const m = (colour || '').match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
    if (!m || (m[4] !== undefined && parseFloat(m[4]) < 0.5)) return -1;
    const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseFloat(x) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  if (dark) {
    const seen = new Set();
    article.querySelectorAll('div, section, fieldset, table, details, pre, form, td, th, input').forEach((node) => {
      const r = node.getBoundingClientRect();
      if (r.width < 16 || r.height < 12) return;
      const cs = getComputedStyle(node);
      if (cs.display === 'none' || cs.visibility === 'hidden') return;
      if (lum(cs.backgroundColor) > 0.5) {
        const key = (node.className && typeof node.className === 'string' ? node.className.split(' ')[0] : node.tagName);
        if (!seen.has(key)) { seen.add(key); out.dark_card.push('light ' + node.tagName.toLowerCase() + '.' + key + ' (' + cs.backgroundColor + ')'); }
      }
    });
    const radio = article.querySelector('input[type=radio]');
    if (radio && !/dark/.test(getComputedStyle(radio).colorScheme)) out.dark_card.push('radio buttons drawn in the light scheme');
  }

  // Tables: none wider than the screen unless it scrolls inside its own box.
  article.querySelectorAll('table').forEach((table, i) => {
    const r = table.getBoundingClientRect();
    if (r.width === 0) return;
    let clip = table.parentElement, boxed = false;
    while (clip && clip !== article) {
      const ox = getComputedStyle(clip).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && clip.getBoundingClientRect().right <= width + 1) { boxed = true; break; }
      clip = clip.parentElement;
    }
    if (r.right > width + 1 && !boxed) out.table_overflow.push('table ' + (i + 1) + ' ends at ' + Math.round(r.right) + ' px');
  });
  if (document.documentElement.scrollWidth > width + 1) out.table_overflow.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');

  // The data table under each chart: human labels, a caption, rounded numbers, no helper columns.
  document.querySelectorAll('.sr-chart-data table').forEach((table, i) => {
    const where = name(table.closest('.sr-chart').querySelector('div[id^=altair-viz-]') || table, i) + ' data table';
    if (!table.querySelector('caption')) out.chart_table.push(where + ': no caption');
    table.querySelectorAll('th').forEach((th) => {
      if (/_|^[a-z0-9]+$/.test(th.textContent.trim())) out.chart_table.push(where + ': raw column name ' + th.textContent.trim());
    });
    table.querySelectorAll('td').forEach((td) => {
      const t = td.textContent.trim();
      if (/\d\.\d{3,}/.test(t) || /^(NaN|None|null|undefined|true|false)$/.test(t)) out.chart_table.push(where + ': cell ' + t);
      if (t && isNaN(parseFloat(t.replace(/[,−–+%]/g, ''))) && getComputedStyle(td).textAlign === 'right')
        out.chart_table.push(where + ': text right-aligned (' + t.slice(0, 20) + ')');
    });
  });

  // Tables printed from pandas: no bare 0, 1, 2 … index, no NaN, no unrounded numbers.
  // A cell tagged `pandas-output` shows pandas' own output on purpose (the primer teaches it).
  [...article.querySelectorAll('table.dataframe')].filter((t) => !t.closest('.tag_pandas-output'))
    .forEach((table, i) => {
    const where = 'pandas table ' + (i + 1);
    const index = [...table.querySelectorAll('tbody th')].map((th) => th.textContent.trim());
    if (index.length > 1 && index.every((t, k) => t === String(k))) out.pandas_table.push(where + ': bare index');
    const cells = [...table.querySelectorAll('td')].map((td) => td.textContent.trim());
    if (cells.some((t) => /^(NaN|None|<NA>|NaT)$/.test(t))) out.pandas_table.push(where + ': NaN shown');
    if (cells.some((t) => /\d\.\d{3,}/.test(t))) out.pandas_table.push(where + ': unrounded numbers');
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    if (heads.some((t) => /_/.test(t))) out.pandas_table.push(where + ': raw column names');
  });
  // Keep each kind unique (a chart re-laid-out twice reports once).
  Object.keys(out).forEach((k) => { out[k] = [...new Set(out[k])]; });
  return out;
}
