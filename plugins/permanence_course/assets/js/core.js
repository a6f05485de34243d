/* core.js: the course's one global namespace (window.AP), its data and feature mounting.
 *
 * Every feature is a classic deferred script (file:// forbids ES modules) that registers a
 * mount(root, page) function here. Features mount on every page: once on load, and again after
 * each instant navigation through Material's document$ (the only Material internal we use).
 *
 * The course manifest arrives as its own content-hashed script (manifest.<hash>.js, which sets
 * self.AP_MANIFEST), loaded from <head> before this bundle. Instant navigation never runs a new
 * page's head scripts, so each page's data names the manifest it was built with: a page reached
 * after a redeploy, with another manifest, reloads itself once to get it.
 */
(function (root) {
  "use strict";
  /** @type {any} */
  const AP = root.AP || (root.AP = {});

  /**
   * Parse JSON text, returning fallback instead of throwing. Pure.
   * @param {unknown} text
   * @param {any} fallback
   * @returns {any}
   */
  function parseJSON(text, fallback) {
    if (typeof text !== "string" || text === "") return fallback;
    try {
      return JSON.parse(text);
    } catch (e) {
      return fallback;
    }
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  /**
   * Format a date (Date or ISO string) the way UK readers expect: 22 November 2026. Pure.
   * @param {Date|string|number} value
   * @returns {string}
   */
  function formatDate(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return "";
    return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
  }

  /**
   * Relative link from the current page to a site path such as "modules/1-permanence/".
   * @param {{root?: string}|null|undefined} page
   * @param {string} path
   */
  function siteLink(page, path) {
    return ((page && page.root) || "") + path;
  }

  const EMPTY_MANIFEST = { course: {}, modules: [], outcomes: {}, pages: {}, reflections: {}, renames: {} };

  /** The loaded manifest's hash ("" when its script did not load). */
  function manifestId() {
    const loaded = root.AP_MANIFEST;
    return loaded && typeof loaded.hash === "string" ? loaded.hash : "";
  }

  /** The course manifest (modules, outcomes, pages, reflections), or an empty one. */
  function manifest() {
    const loaded = root.AP_MANIFEST;
    return loaded && loaded.data && typeof loaded.data === "object" ? loaded.data : EMPTY_MANIFEST;
  }

  /** What the build says about the page on screen: {id, root, manifest, module?, kind?}. */
  function page() {
    const el = root.document && root.document.getElementById("ap-page");
    return parseJSON(el ? el.getAttribute("data-json") : "", null) || { id: "", root: "" };
  }

  const RELOAD_KEY = "ap:manifest-reload";

  /**
   * Whether the page on screen was built with another manifest than the one loaded (a redeploy
   * while the tab was open). Reloads the page once per manifest so that the new one loads;
   * never loops: a second mismatch for the same manifest (a host serving mixed versions) is
   * left alone. Returns true when a reload has started.
   * @param {{manifest?: string}} current
   */
  function reloadIfStale(current) {
    const want = current.manifest;
    if (!want || want === manifestId()) return false;
    try {
      const session = root.sessionStorage;
      if (session.getItem(RELOAD_KEY) === want) return false;
      session.setItem(RELOAD_KEY, want);
    } catch (e) {
      return false; // without session storage a reload could loop: keep the page as it is
    }
    root.location.reload();
    return true;
  }

  /** @type {{name: string, mount: (doc: Document, page: any) => void}[]} */
  const features = [];
  let started = false;
  // What the first screen needs before it paints: the storage notices above the content, the
  // trainer view and projector palette (what is shown at all), tables stacked for phones. Every
  // other feature mounts after, in its own small task, in the order registered.
  const FIRST_SCREEN = ["store", "course", "trainer", "projector", "journey"];
  /** @type {{name: string, mount: (doc: Document, page: any) => void}[]} */
  let queue = []; // this page view's features still to mount, in order
  let view = 0; // which page view the queue belongs to: a new one drops the rest of the old
  let pending = false;

  /** @type {MessagePort|null} */
  let port = null; // made at the first use: an idle one would keep Node's tests from ending
  /** @type {(() => void)[]} */
  const waiting = [];
  /**
   * Run fn in a new task soon, letting the browser paint and handle input first:
   * scheduler.postTask where present, else a MessageChannel message (not clamped like setTimeout).
   * @param {() => void} fn
   */
  function later(fn) {
    const s = root.scheduler;
    if (s && typeof s.postTask === "function") {
      s.postTask(fn, { priority: "user-visible" }).catch(() => {});
    } else if (typeof root.MessageChannel === "function") {
      if (!port) {
        const channel = new root.MessageChannel();
        channel.port1.onmessage = () => { const next = waiting.shift(); if (next) next(); };
        port = channel.port2;
      }
      waiting.push(fn);
      /** @type {MessagePort} */ (port).postMessage(0);
    } else {
      root.setTimeout(fn, 0);
    }
  }

  /** Mount the next queued feature, then yield to the browser before the one after. */
  function pump() {
    pending = false;
    const feature = queue.shift();
    if (!feature) return;
    run(feature, AP.currentPage);
    schedule();
  }

  function schedule() {
    if (pending || !queue.length) return;
    pending = true;
    const mine = view;
    later(() => { if (mine === view) pump(); });
  }

  /**
   * Register a feature: mount(document, page) runs on every page view.
   * Registering a name again replaces it (page scripts run again after instant navigation);
   * a feature registered after start mounts soon, in its own task, for the page on screen.
   * Mounts must be idempotent (AP.once).
   * @param {string} name
   * @param {(doc: Document, page: any) => void} mount
   */
  function register(name, mount) {
    const feature = { name, mount };
    const i = features.findIndex((f) => f.name === name);
    if (i >= 0) features[i] = feature;
    else features.push(feature);
    if (!started) return;
    const q = queue.findIndex((f) => f.name === name);
    if (q >= 0) queue[q] = feature;
    else queue.push(feature);
    schedule();
  }

  /**
   * @param {{name: string, mount: (doc: Document, page: any) => void}} feature
   * @param {any} current
   */
  function run(feature, current) {
    try {
      feature.mount(root.document, current);
    } catch (err) {
      if (root.console) root.console.error(`[AP] ${feature.name} failed to start`, err);
    }
  }

  /**
   * Run fn once per element: guards against mounting twice on one page.
   * @template {Element} E
   * @param {E} el
   * @param {string} key
   * @param {(el: E) => void} fn
   */
  function once(el, key, fn) {
    const attr = `data-ap-mounted-${key}`;
    if (el.hasAttribute(attr)) return;
    el.setAttribute(attr, "");
    fn(el);
  }

  /** @type {HTMLElement|null} */
  let liveRegion = null;
  /**
   * Say something to screen-reader users through one polite live region.
   * @param {string} message
   */
  function announce(message) {
    const doc = root.document;
    if (!liveRegion || !doc.body.contains(liveRegion)) {
      liveRegion = doc.createElement("div");
      liveRegion.className = "ap-visually-hidden";
      liveRegion.setAttribute("aria-live", "polite");
      liveRegion.setAttribute("data-ap-announcer", "");
      doc.body.appendChild(liveRegion);
    }
    const region = liveRegion;
    region.textContent = "";
    root.setTimeout(() => { region.textContent = message; }, 50);
  }

  function mountAll() {
    const current = page();
    if (reloadIfStale(current)) return;
    started = true;
    AP.currentPage = current;
    view++; // instant navigation to another page: the last page's remaining mounts are dropped
    pending = false;
    const first = features.filter((f) => FIRST_SCREEN.indexOf(f.name) >= 0);
    queue = features.filter((f) => FIRST_SCREEN.indexOf(f.name) < 0);
    first.forEach((f) => run(f, current));
    schedule();
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
  AP.manifestId = manifestId;
  AP.page = page;
  AP.register = register;
  AP.once = once;
  AP.announce = announce;
  // Features register synchronously as their deferred scripts run; mounting waits a tick so
  // that every feature script (all deferred, in order) has registered first.
  if (root.document) root.setTimeout(start, 0);

  if (typeof module === "object" && module.exports) {
    module.exports = { parseJSON, formatDate, siteLink };
  }
})(/** @type {any} */ (typeof window !== "undefined" ? window : globalThis));
