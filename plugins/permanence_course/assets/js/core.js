/* core.js: the course's one global namespace (window.AP), its data and feature mounting.
 *
 * Every feature is a classic deferred script (file:// forbids ES modules) that registers a
 * mount(root, page) function here. Features mount on every page: once on load, and again after
 * each instant navigation through Material's document$ (the only Material internal we use).
 */
(function (root) {
  "use strict";
  var AP = root.AP || (root.AP = {});

  /** Parse JSON text, returning fallback instead of throwing. Pure. */
  function parseJSON(text, fallback) {
    if (typeof text !== "string" || text === "") return fallback;
    try {
      return JSON.parse(text);
    } catch (e) {
      return fallback;
    }
  }

  /** Format a date (Date or ISO string) the way UK readers expect: 22 November 2026. Pure. */
  function formatDate(value) {
    var d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return "";
    var months = ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"];
    return d.getDate() + " " + months[d.getMonth()] + " " + d.getFullYear();
  }

  /** Relative link from the current page to a site path such as "modules/1-permanence/". */
  function siteLink(page, path) {
    return ((page && page.root) || "") + path;
  }

  var manifestCache = null;
  function manifest() {
    if (manifestCache) return manifestCache;
    var el = root.document && root.document.getElementById("ap-manifest");
    manifestCache = parseJSON(el ? el.textContent : "", null) ||
      { course: {}, modules: [], outcomes: {}, pages: {}, reflections: {}, renames: {} };
    return manifestCache;
  }

  function page() {
    var el = root.document && root.document.getElementById("ap-page");
    return parseJSON(el ? el.getAttribute("data-json") : "", null) || { id: "", root: "" };
  }

  var features = [];
  var started = false;
  /** Register a feature: mount(document, page) runs on every page view.
   *  Registering a name again replaces it (page scripts run again after instant navigation);
   *  a feature registered after start mounts at once. Mounts must be idempotent (AP.once). */
  function register(name, mount) {
    var feature = { name: name, mount: mount };
    var i = features.findIndex(function (f) { return f.name === name; });
    if (i >= 0) features[i] = feature;
    else features.push(feature);
    if (started) run(feature, page());
  }

  function run(feature, current) {
    try {
      feature.mount(root.document, current);
    } catch (err) {
      if (root.console) root.console.error("[AP] " + feature.name + " failed to start", err);
    }
  }

  /** Run fn once per element: guards against mounting twice on one page. */
  function once(el, key, fn) {
    var attr = "data-ap-mounted-" + key;
    if (el.hasAttribute(attr)) return;
    el.setAttribute(attr, "");
    fn(el);
  }

  var liveRegion = null;
  /** Say something to screen-reader users through one polite live region. */
  function announce(message) {
    var doc = root.document;
    if (!liveRegion || !doc.body.contains(liveRegion)) {
      liveRegion = doc.createElement("div");
      liveRegion.className = "ap-visually-hidden";
      liveRegion.setAttribute("aria-live", "polite");
      liveRegion.setAttribute("data-ap-announcer", "");
      doc.body.appendChild(liveRegion);
    }
    liveRegion.textContent = "";
    root.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  function mountAll() {
    var current = page();
    started = true;
    AP.currentPage = current;
    features.forEach(function (f) { run(f, current); });
  }

  function start() {
    // Under file:// there is no instant navigation, and Material's document$ completes there
    // without ever emitting (it is fed by its empty instant-navigation stream): mount directly.
    if (root.document$ && typeof root.document$.subscribe === "function" &&
      root.location.protocol !== "file:") {
      root.document$.subscribe(mountAll);
    } else if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", mountAll);
    } else {
      mountAll();
    }
  }

  AP.parseJSON = parseJSON;
  AP.formatDate = formatDate;
  AP.siteLink = siteLink;
  AP.manifest = manifest;
  AP.page = page;
  AP.register = register;
  AP.once = once;
  AP.announce = announce;
  // Features register synchronously as their deferred scripts run; mounting waits a tick so
  // that every feature script (all deferred, in order) has registered first.
  if (root.document) root.setTimeout(start, 0);

  if (typeof module === "object" && module.exports) {
    module.exports = { parseJSON: parseJSON, formatDate: formatDate, siteLink: siteLink };
  }
})(typeof window !== "undefined" ? window : globalThis);
