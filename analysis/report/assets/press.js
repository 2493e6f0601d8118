/* The report site's script (shipped once under assets/, loaded from the pages; no network).
   - tables (table.press-table): sort by a header click; beyond SMALL rows also search, a filter
     per column and pages;
   - charts (div.press-chart with a data-figure JSON): drawn with Plotly when it is loaded;
     a click on a point opens its sentence (the point's link is customdata[0]);
   - article pages: the anchored span in the address is scrolled into view. */
(function () {
  "use strict";
  var PAGE = 25;
  var SMALL = 10;
  var FACETS = ["claimant_group", "scope", "qualifier", "outlet", "language", "kind", "relation", "label"];  // a table of this many rows or fewer sorts, and has no search, filters or pages
  var SITE_LINK = /^(\.\.\/)?articles\/[a-z0-9_.-]+\.html(#[a-z]-\d+-\d+)?$/;

  function cellText(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }

  // Numbers as the tables print them (11000, 11000.5, -3.5, 1e-05, 12%) or as the articles write
  // them: grouped by commas (11,000, English) or by dots (11.000, Indonesian, with a decimal
  // comma: 1.500,5). A column sorts as numbers when every cell is one; a dotted group reads as
  // thousands unless the column also holds a plain decimal (0.516), which makes "2.125" a decimal.
  var PLAIN = /^[-+]?\d+(\.\d+)?(e[-+]?\d+)?%?$/i;
  var COMMA_GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?%?$/;
  var DOT_GROUPED = /^[-+]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?%?$/;
  var DECIMAL_COMMA = /^[-+]?\d+,\d{1,2}%?$/;
  function asNumber(text, dotDecimal) {
    var clean = null;
    if (DOT_GROUPED.test(text) && !dotDecimal) { clean = text.replace(/\./g, "").replace(",", "."); }
    else if (PLAIN.test(text)) { clean = text; }
    else if (COMMA_GROUPED.test(text)) { clean = text.replace(/,/g, ""); }
    else if (DECIMAL_COMMA.test(text)) { clean = text.replace(",", "."); }
    if (clean === null) { return null; }
    var value = parseFloat(clean.replace("%", ""));
    return isNaN(value) ? null : value;
  }
  function dotsAreDecimals(texts) {  // a plain decimal that no grouping explains: 0.516, 3.5
    return texts.some(function (t) { return PLAIN.test(t) && t.indexOf(".") >= 0 && !DOT_GROUPED.test(t); });
  }

  // A data file of the site (rows/<page>-<n>.js: a table's later rows or a chart's figure),
  // loaded once by a script tag (works from file://); then() runs when it is there.
  var loading = {};
  function load(src, key, then) {
    window.pressData = window.pressData || {};
    if (window.pressData[key] !== undefined) { then(window.pressData[key]); return; }
    if (loading[key]) { loading[key].push(then); return; }
    loading[key] = [then];
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      var waiting = loading[key];
      loading[key] = null;
      waiting.forEach(function (f) { f(window.pressData[key]); });
    };
    document.body.appendChild(script);
  }

  function enhance(table) {
    var body = table.tBodies[0];
    var head = table.tHead;
    if (!body || !head || !head.rows.length) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var total = +(table.dataset.total || rows.length);
    var complete = !table.dataset.rows;  // every row in the page (else the rest loads on demand)
    var columns = head.rows[0].cells.length;
    var state = { page: 0, all: total <= PAGE, query: "", filters: [], sort: -1, desc: false };

    // runs ``action`` once every row is in the table (loading the rest the first time)
    function whole(action) {
      if (complete) { action(); return; }
      info.textContent = " loading " + total + " rows… ";
      load(table.dataset.rows, table.dataset.key, function (more) {
        if (!complete) {
          var holder = document.createElement("tbody");
          holder.innerHTML = more.join("");  // the page's own escaped rows, moved to the data file
          Array.prototype.slice.call(holder.rows).forEach(function (r) {
            r.style.display = "none";
            body.appendChild(r);
            rows.push(r);
          });
          complete = true;
        }
        action();
      });
    }

    var tools = document.createElement("div");
    tools.className = "press-tools";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Search " + total + " rows";
    search.setAttribute("aria-label", "search the table");
    var info = document.createElement("span");
    var prev = document.createElement("button");
    prev.textContent = "‹ previous";
    var next = document.createElement("button");
    next.textContent = "next ›";
    var all = document.createElement("button");
    all.textContent = "show all";
    tools.appendChild(search);
    tools.appendChild(prev);
    tools.appendChild(info);
    tools.appendChild(next);
    tools.appendChild(all);
    var exportButton = document.createElement("button");
    exportButton.textContent = "CSV";
    exportButton.title = "download the rows the search and filters keep, as CSV";
    tools.appendChild(exportButton);
    var names = Array.prototype.map.call(head.rows[0].cells, function (th) { return th.textContent.trim(); });
    var facetColumns = names.map(function (n, i) { return FACETS.indexOf(n) >= 0 ? i : -1; })
      .filter(function (i) { return i >= 0; });
    var facets = document.createElement("div");
    facets.className = "press-facets";
    var counting = false;
    if (facetColumns.length) {
      var countButton = document.createElement("button");
      countButton.textContent = "counts by " + facetColumns.map(function (i) { return names[i]; }).join(", ");
      countButton.addEventListener("click", function () { whole(function () { counting = true; draw(); }); });
      facets.appendChild(countButton);
      tools.appendChild(facets);
    }
    var small = total <= SMALL;
    if (!small) { table.parentNode.insertBefore(tools, table); }

    var filterRow = small ? null : head.insertRow(-1);
    for (var c = 0; filterRow && c < columns; c++) {
      var th = document.createElement("th");
      var input = document.createElement("input");
      input.className = "col-filter";
      input.placeholder = "filter";
      input.title = "keeps the rows whose cell contains this; =text: whose cell is exactly this";
      input.dataset.column = c;
      input.addEventListener("input", function (event) {
        var column = +event.target.dataset.column, value = event.target.value.toLowerCase();
        whole(function () { state.filters[column] = value; state.page = 0; draw(); });
      });
      input.addEventListener("click", function (event) { event.stopPropagation(); });
      th.appendChild(input);
      filterRow.appendChild(th);
    }

    function sortBy(th, i) {
      state.desc = state.sort === i ? !state.desc : false;
      state.sort = i;
      Array.prototype.forEach.call(head.rows[0].cells, function (other) {
        other.classList.remove("sorted-asc", "sorted-desc");
      });
      th.classList.add(state.desc ? "sorted-desc" : "sorted-asc");
      var texts = rows.map(function (r) { return cellText(r, i); }).filter(function (t) { return t !== ""; });
      var dotDecimal = dotsAreDecimals(texts);
      var numeric = texts.every(function (t) { return asNumber(t, dotDecimal) !== null; });
      rows.sort(function (a, b) {
        var x = cellText(a, i), y = cellText(b, i), order;
        if (x === "" || y === "") { return (x === "") - (y === ""); }  // empty cells last, either way
        if (numeric) { order = asNumber(x, dotDecimal) - asNumber(y, dotDecimal); }
        else { order = x.localeCompare(y, undefined, { numeric: true }); }
        return state.desc ? -order : order;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      state.page = 0;
      draw();
    }
    Array.prototype.forEach.call(head.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () { whole(function () { sortBy(th, i); }); });
    });

    function matches(row) {
      if (state.query && row.textContent.toLowerCase().indexOf(state.query) < 0) { return false; }
      for (var i = 0; i < state.filters.length; i++) {
        var f = state.filters[i], cell = f ? cellText(row, i).toLowerCase() : "";
        if (f && f.charAt(0) === "=" ? cell !== f.slice(1) : f && cell.indexOf(f) < 0) { return false; }  // "=x": the whole cell
      }
      return true;
    }

    function draw() {
      var shown = rows.filter(matches);
      var count = complete ? shown.length : total;  // before the rest loads: the first page of all
      var pages = Math.max(1, Math.ceil(count / PAGE));
      state.page = Math.min(state.page, pages - 1);
      rows.forEach(function (r) { r.style.display = "none"; });
      var first = state.all ? 0 : state.page * PAGE;
      var last = state.all ? shown.length : Math.min(shown.length, first + PAGE);
      for (var i = first; i < last; i++) { shown[i].style.display = ""; }
      info.textContent = state.all ? " " + count + " rows " :
        " rows " + (count ? first + 1 : 0) + "–" + Math.min(count, first + PAGE) + " of " + count + " ";
      prev.disabled = state.all || state.page === 0;
      next.disabled = state.all || state.page >= pages - 1;
      all.textContent = state.all ? "pages" : "show all";
      if (counting) { drawFacets(shown); }
    }

    search.addEventListener("input", function () {
      var query = search.value.toLowerCase();
      whole(function () { state.query = query; state.page = 0; draw(); });
    });
    prev.addEventListener("click", function () { state.page -= 1; draw(); });
    next.addEventListener("click", function () { whole(function () { state.page += 1; draw(); }); });
    all.addEventListener("click", function () { whole(function () { state.all = !state.all; state.page = 0; draw(); }); });
    // counts of the kept rows by claimant, scope, outlet, language ...; a click filters by the value
    function drawFacets(shown) {
      facets.textContent = "";
      facetColumns.forEach(function (i) {
        var counts = {};
        shown.forEach(function (r) { var t = cellText(r, i); counts[t] = (counts[t] || 0) + 1; });
        var line = document.createElement("div");
        line.appendChild(document.createTextNode(names[i] + ": "));
        Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || a.localeCompare(b); })
          .forEach(function (value) {
            var chip = document.createElement("button");
            chip.className = "facet";
            chip.textContent = (value || "(empty)") + " (" + counts[value] + ")";
            chip.addEventListener("click", function () {
              var input = filterRow && filterRow.cells[i].firstChild;
              if (input) { input.value = "=" + value; }
              state.filters[i] = "=" + value.toLowerCase();
              state.page = 0;
              draw();
            });
            line.appendChild(chip);
          });
        facets.appendChild(line);
      });
    }

    // the kept rows as CSV (a cell a spreadsheet would run as a formula is quoted with a leading ')
    exportButton.addEventListener("click", function () {
      whole(function () {
        var lines = [names].concat(rows.filter(matches).map(function (r) {
          return names.map(function (_, i) { return cellText(r, i); });
        })).map(function (cells) {
          return cells.map(function (c) {
            if (/^[=+\-@]/.test(c)) { c = "'" + c; }
            return /[",\n]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c;
          }).join(",");
        });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
        link.download = ((document.title || "table").replace(/[^A-Za-z0-9_.-]+/g, "_")) + ".csv";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
    table.dataset.enhanced = "yes";
    draw();
  }

  function chart(div) {
    if (typeof window.Plotly === "undefined") { return; }
    if (div.dataset.figureSrc) {
      load(div.dataset.figureSrc, div.dataset.key, function (figure) { draw(div, figure); });
    } else {
      draw(div, JSON.parse(div.getAttribute("data-figure")));
    }
  }

  function draw(div, figure) {
    window.Plotly.newPlot(div, figure.data, figure.layout, { displaylogo: false, responsive: true }).then(function () {
      div.dataset.drawn = "yes";
    });
    div.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      var link = point && point.customdata && point.customdata[0];
      if (typeof link === "string" && SITE_LINK.test(link)) { window.location.href = link; }  // the site's pages only
    });
  }

  function focusTarget() {
    if (!window.location.hash) { return; }
    var name;
    try { name = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }  // a malformed address
    var target = document.getElementById(name);
    if (!target) { return; }
    target.scrollIntoView({ block: "center" });
    Array.prototype.forEach.call(document.querySelectorAll(".part-target"), function (e) { e.classList.remove("part-target"); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-part='" + name.replace(/'/g, "") + "']"), function (e) {
      e.classList.add("part-target");  // the other pieces of a span cut at a sentence or a crossing span
    });
  }

  window.PressSite = { enhance: enhance, chart: chart };  // for the JupyterLab widgets (analysis/lab.py)
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.press-table"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll("div.press-chart[data-figure], div.press-chart[data-figure-src]"), chart);
    focusTarget();
  });
  window.addEventListener("load", focusTarget);  // after the browser's own jump to the anchor
  window.addEventListener("hashchange", focusTarget);
}());
