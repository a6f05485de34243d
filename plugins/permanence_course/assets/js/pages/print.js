/* print.js: a "Print this page" button on the trainers' printable pages, where they ask for it
 * with [data-ap-print]. Ctrl+P does the same; the button is for those who do not know that. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  if (!root.document || !AP.register) return;
  AP.register("print", (doc) => {
    doc.querySelectorAll("[data-ap-print]").forEach((p) => AP.once(p, "print", () => {
      const button = doc.createElement("button");
      button.type = "button";
      button.className = "ap-print-button";
      button.textContent = "Print this page";
      button.addEventListener("click", () => root.print());
      p.append(button);
    }));
  });
})(typeof window !== "undefined" ? window : globalThis);
