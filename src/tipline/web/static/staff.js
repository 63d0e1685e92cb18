// Staff pages: the queue refreshes itself; the case graph is drawn with the vendored Cytoscape.
"use strict";
(function () {
  var rows = document.getElementById("queue-rows");
  var table = document.getElementById("queue");
  if (rows && table) {
    var known = function () {
      return Array.prototype.map.call(rows.querySelectorAll("tr[data-ref]"), function (tr) { return tr.dataset.ref; }).join(",");
    };
    setInterval(function () {
      fetch(table.dataset.rows, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.text();
      }).then(function (html) {
        var before = known();
        rows.innerHTML = html;
        if (known() !== before) {
          var count = document.getElementById("queue-count");
          if (count) { count.dataset.updated = new Date().toISOString(); }
        }
      }).catch(function () { /* keep the rows we have; the next poll tries again */ });
    }, Number(table.dataset.interval || 10000));
  }

  var box = document.getElementById("graph");
  if (box && window.cytoscape) {
    fetch(box.dataset.src, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (g) {
      window.caseGraph = window.cytoscape({
        container: box,
        elements: g.elements,
        layout: { name: "cose", animate: false },
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 120 } },
          { selector: "node[kind = 'report']", style: { "shape": "round-rectangle", "background-color": "#1d4ed8" } },
          { selector: "node[?self]", style: { "border-width": 4, "border-color": "#111" } },
          { selector: "node[kind != 'report']", style: { "shape": "ellipse", "background-color": "#9ca3af" } },
          { selector: "node[?flagged]", style: { "shape": "diamond", "background-color": "#b91c1c" } },
          { selector: "edge", style: { "width": 1, "line-color": "#6b7280" } }
        ]
      });
      window.caseGraph.on("tap", "node[kind = 'report']", function (e) {
        if (!e.target.data("self")) { window.location.href = "/staff/reports/" + e.target.data("label"); }
      });
      box.dataset.ready = "true";
    });
  }
})();
