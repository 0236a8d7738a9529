// Sortable tables and a findings filter; no network, no dependencies.  Thumbnails zoom by CSS alone.
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    var n = parseFloat(v);
    return (v !== "" && !isNaN(n) && isFinite(v)) ? { n: n } : { s: v.toLowerCase() };
  }
  function compare(a, b) {
    if ("n" in a && "n" in b) { return a.n - b.n; }
    if ("n" in a) { return -1; }
    if ("n" in b) { return 1; }
    return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var d = compare(key(r1.cells[col]), key(r2.cells[col]));
      return asc ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.setAttribute("title", "Sort by " + th.textContent.trim());
      th.addEventListener("click", function () { sortBy(table, i, th); });
    });
  });
  var text = document.getElementById("filter-text");
  var sev = document.getElementById("filter-severity");
  var shown = document.getElementById("filter-count");
  function filter() {
    var table = document.getElementById("findings");
    if (!table) { return; }
    var q = (text && text.value || "").toLowerCase();
    var s = sev && sev.value || "";
    var n = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!s || r.getAttribute("data-severity") === s);
      r.classList.toggle("hidden", !ok);
      if (ok) { n += 1; }
    });
    if (shown) { shown.textContent = n + " shown"; }
  }
  if (text) { text.addEventListener("input", filter); }
  if (sev) { sev.addEventListener("change", filter); }
  filter();
}());
