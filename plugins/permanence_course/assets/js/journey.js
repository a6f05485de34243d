/* journey.js: wide tables on a phone (issue 29). A table of four or more columns reads as one
 * card a row under 600 px (journey.css): each cell shows its column's heading before it. The
 * table keeps its roles for screen readers (display: block would drop them in some browsers). */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const ROLES = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row", TH: "columnheader", TD: "cell" };

  function stack(table) {
    let heads = table.querySelectorAll("thead th");
    if (heads.length < 4 || table.querySelector("td[rowspan], td[colspan], th[rowspan]")) return;
    table.classList.add("ap-stack");
    table.querySelectorAll("*").forEach(function (el) {
      let role = ROLES[el.tagName];
      if (role && el.closest("table") === table) el.setAttribute("role", el.tagName === "TH" && !el.closest("thead") ? "rowheader" : role);
    });
    table.setAttribute("role", "table");
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (heads[i]) cell.setAttribute("data-label", heads[i].textContent.trim());
      });
    });
  }

  AP.register("journey", function (doc) {
    doc.querySelectorAll(".md-typeset table:not([class])").forEach(function (t) {
      AP.once(t, "stack", function () { stack(t); });
    });
  });
})(typeof window !== "undefined" ? window : globalThis);
