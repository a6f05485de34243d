/* content.js: in a learning-platform package only (scripts/lms.py puts it first in every page's
 * <head>; never on the website). Inside the package's launch page (launch.js, which talks to the
 * platform), it does two things, and outside one it does nothing at all:
 *  - keeps this learner's record apart: the page's localStorage and sessionStorage become views
 *    of the keys under "ap-lms:<platform learner id>:", so that learners who share a browser on
 *    the platform's address never see each other's notes;
 *  - tells the launch page, after every change to the record, where the learner is and how far
 *    they are through the module: pages marked done, and the quiz's score once it is settled.
 *    Nothing the learner writes is read or passed on. */
(function (root) {
  "use strict";
  var host = null;
  try {
    host = root.parent !== root && root.parent.AP_LMS ? root.parent.AP_LMS : null;
  } catch (e) {
    host = null; // another site's frame: not our launch page
  }
  if (!host || !host.active) return;

  /** A Storage-like view of the keys under prefix; without a learner id, one that refuses every
   *  write (the site then keeps notes for this visit only, and says so). */
  function scoped(base, prefix) {
    var keys = function () {
      var out = [];
      for (var i = 0; i < base.length; i++) {
        var k = base.key(i);
        if (k !== null && k.indexOf(prefix) === 0) out.push(k.slice(prefix.length));
      }
      return out;
    };
    var refuse = function () {
      throw new DOMException("The learning platform gave no learner id", "SecurityError");
    };
    var view = {
      getItem: function (k) { return prefix ? base.getItem(prefix + k) : null; },
      setItem: function (k, v) { if (!prefix) refuse(); base.setItem(prefix + k, String(v)); },
      removeItem: function (k) { if (prefix) base.removeItem(prefix + k); },
      clear: function () { if (prefix) keys().forEach(function (k) { base.removeItem(prefix + k); }); },
      key: function (i) { var list = prefix ? keys() : []; return i < list.length ? list[i] : null; },
      get length() { return prefix ? keys().length : 0; }
    };
    // Like a Storage, its entries are its properties too (Object.keys, storage[key]).
    return new Proxy(view, {
      get: function (t, k) { return k in t || typeof k !== "string" ? t[k] : t.getItem(k) === null ? undefined : t.getItem(k); },
      set: function (t, k, v) { t.setItem(k, v); return true; },
      deleteProperty: function (t, k) { t.removeItem(k); return true; },
      has: function (t, k) { return k in t || (typeof k === "string" && t.getItem(k) !== null); },
      ownKeys: function () { return prefix ? keys() : []; },
      getOwnPropertyDescriptor: function (t, k) {
        var v = typeof k === "string" && !(k in t) ? t.getItem(k) : null;
        return v === null ? undefined : { value: v, writable: true, enumerable: true, configurable: true };
      }
    });
  }
  var prefix = host.learner ? "ap-lms:" + encodeURIComponent(host.learner) + ":" : "";
  ["localStorage", "sessionStorage"].forEach(function (name) {
    var base;
    try { base = root[name]; } catch (e) { return; } // storage refused: the site says so itself
    if (!base) return;
    var view = scoped(base, prefix);
    try {
      Object.defineProperty(root, name, { configurable: true, enumerable: true, get: function () { return view; } });
    } catch (e) { /* left as it is */ }
  });

  /** Where the learner is, relative to the package's course folder (e.g. modules/1-x/quiz.html). */
  function here() {
    var base = host.base, href = root.location.href.split("#")[0].split("?")[0];
    return href.indexOf(base) === 0 ? href.slice(base.length) : "";
  }

  function report() {
    var AP = root.AP, store = AP && AP.store;
    if (!store || !AP.manifest) return;
    var m = AP.manifest(), module = null, done = 0, total = 0, quiz = null;
    (m.modules || []).forEach(function (x) { if (String(x.number) === String(host.module)) module = x; });
    if (module) {
      module.pages.forEach(function (id) {
        var info = m.pages[id] || {};
        if (info.kind === "overview") return;
        total += 1;
        if (info.quiz) {
          var r = store.quizResult(id);
          if (r && typeof r.score === "number" && typeof r.total === "number" && r.total > 0) {
            quiz = { score: r.score, total: r.total };
            done += 1;
          } else if (!quiz) {
            quiz = { score: null, total: info.quiz.questions };
          }
        } else {
          var p = store.get("progress", id);
          if (p && p.done) done += 1;
        }
      });
    }
    try {
      host.report({ page: here(), done: done, total: total, quiz: quiz });
    } catch (e) { /* the launch page is gone (the learner is leaving): nothing to tell */ }
  }

  root.document.addEventListener("DOMContentLoaded", function () {
    var store = root.AP && root.AP.store;
    if (!store) return;
    store.onChange(function () { report(); });
    report();
  });
})(window);
