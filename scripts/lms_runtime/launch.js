/* launch.js: the launch page of a learning-platform package (SCORM 1.2 or 2004 4th edition; the
 * package's lms/config.js says which, and what each module is). Never on the website.
 *
 * It finds the platform's API by the standard walk (this window's parents, then the opener's),
 * starts one session, opens the course in a frame (where the learner left off), and keeps that one
 * session while the learner moves between pages in the frame; it closes the session when the
 * learner leaves. What it sends, and nothing else: completion, the quiz's score and pass or fail
 * against the module's mastery score, session time, and the last page (location and suspend
 * data). content.js, in each page, tells it those; no text the learner writes is ever read.
 * A platform that refuses a call never stops the course: the learner's record is kept in the
 * browser as always. */
(function (root) {
  "use strict";
  var C = root.AP_LMS_CONFIG || {};
  var V12 = C.scorm === "1.2";
  var doc = root.document;
  var status = doc.getElementById("ap-lms-status");
  var frame = doc.getElementById("ap-lms-frame");
  var modules = C.modules || {};
  var wanted = new URLSearchParams(root.location.search).get("module");
  var number = modules[wanted] ? wanted : Object.keys(modules)[0];
  var module = modules[number] || {};
  var base = new URL("course/", root.location.href).href;
  // The data model's names and limits in each version.
  var K = V12 ? {
    init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
    finish: "LMSFinish", error: "LMSGetLastError", learner: "cmi.core.student_id",
    location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", exit: "cmi.core.exit",
    time: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
    max: "cmi.core.score.max", status: "cmi.core.lesson_status", locationMax: 255, suspendMax: 4096
  } : {
    init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
    error: "GetLastError", learner: "cmi.learner_id", location: "cmi.location",
    suspend: "cmi.suspend_data", exit: "cmi.exit", time: "cmi.session_time", raw: "cmi.score.raw",
    min: "cmi.score.min", max: "cmi.score.max", scaled: "cmi.score.scaled",
    completion: "cmi.completion_status", success: "cmi.success_status", locationMax: 1000,
    suspendMax: 64000
  };
  var NAME = V12 ? "API" : "API_1484_11";

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  /** The standard discovery walk: this window and its parents, then the opener and its parents. */
  function walk(win) {
    for (var i = 0; win && i < 500; i++) {
      try { if (win[NAME]) return win[NAME]; } catch (e) { /* another site's window */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findAPI() {
    var api = walk(root);
    if (!api && root.opener) { try { api = walk(root.opener); } catch (e) { api = null; } }
    if (!api && root.top && root.top.opener) { try { api = walk(root.top.opener); } catch (e) { api = null; } }
    return api;
  }

  var api = findAPI(), open = false, finished = false, started = Date.now(), sent = {};
  /** One API call that never throws: the result as a string ("" when the call failed). */
  function call(fn, args) {
    try {
      var r = api[fn].apply(api, args);
      return r === undefined || r === null ? "" : String(r);
    } catch (e) {
      return "";
    }
  }
  var ok = function (r) { return r === "true"; };
  // A value the platform gives ("" when it gives none: its error code adds nothing here).
  var get = function (k) { return call(K.get, [k]); };
  var changed = false;
  /** Set a value the platform does not hold already (as far as this session knows). */
  function set(k, v) {
    v = String(v);
    if (sent[k] === v) return;
    if (ok(call(K.set, [k, v]))) sent[k] = v;
    changed = true;
  }

  /** Session time: HHHH:MM:SS.SS in SCORM 1.2, an ISO 8601 duration in 2004. */
  function sessionTime(ms) {
    var cs = Math.round(ms / 10), s = Math.floor(cs / 100), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    var sec = s % 60 + (cs % 100) / 100;
    if (V12) {
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      return two(Math.min(h, 9999)) + ":" + two(m) + ":" + (sec < 10 ? "0" : "") + sec.toFixed(2);
    }
    return "PT" + h + "H" + m + "M" + sec.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  // A page of the course folder, as content.js reports it and as the resume location stores it.
  var PAGE = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.html$/;
  var safePage = function (p) { return typeof p === "string" && PAGE.test(p) && p.indexOf("..") < 0 ? p : ""; };

  var before = {};
  /** What content.js reports after every change: set what follows from it. */
  function report(state) {
    if (!open || finished || !state) return;
    var page = safePage(state.page);
    if (page) {
      var suspend = JSON.stringify({ v: 1, page: page });
      if (page.length <= K.locationMax) set(K.location, page);
      if (suspend.length <= K.suspendMax) set(K.suspend, suspend);
    }
    var complete = state.total > 0 && state.done >= state.total;
    var quiz = state.quiz, settled = !!(quiz && typeof quiz.score === "number" && quiz.total > 0);
    var passed = null;
    if (settled) {
      var percent = 100 * quiz.score / quiz.total;
      passed = typeof module.mastery === "number" ? percent >= module.mastery : null;
      set(K.min, 0);
      set(K.max, quiz.total);
      set(K.raw, quiz.score);
      if (!V12) set(K.scaled, Math.round(10000 * quiz.score / quiz.total) / 10000);
    }
    if (V12) {
      // One status field: passed or failed once the quiz is settled, completed where there is
      // no quiz; never back to incomplete (a learner on another computer has another record).
      var next = settled && passed !== null ? (passed ? "passed" : "failed") : !quiz && complete ? "completed" : "incomplete";
      var held = sent[K.status] || before.status;
      if (next !== "incomplete" || !/^(passed|failed|completed)$/.test(held)) set(K.status, next);
    } else {
      var done = complete ? "completed" : "incomplete";
      if (done === "completed" || (sent[K.completion] || before.completion) !== "completed") set(K.completion, done);
      if (settled && passed !== null) set(K.success, passed ? "passed" : "failed");
    }
    // Only what changed is sent: a note saved (which tells nothing) sends nothing.
    if (changed) call(K.commit, [""]);
    changed = false;
  }

  /** Close the session once: session time, exit as suspend (so that the learner resumes). */
  function finish() {
    if (!open || finished) return;
    finished = true;
    call(K.set, [K.time, sessionTime(Date.now() - started)]);
    call(K.set, [K.exit, "suspend"]);
    call(K.commit, [""]);
    call(K.finish, [""]);
  }

  var learner = null;
  if (api) {
    open = ok(call(K.init, [""]));
    if (open) {
      learner = get(K.learner) || null;
      if (V12) {
        before.status = get(K.status);
        if (!/^(passed|failed|completed|incomplete)$/.test(before.status)) set(K.status, "incomplete");
      } else {
        before.completion = get(K.completion);
        if (!/^(completed|incomplete)$/.test(before.completion)) set(K.completion, "incomplete");
      }
      call(K.commit, [""]);
    } else {
      say("The learning platform did not start a session, so this visit may not be recorded there. " +
        "The course works as usual, and your notes are kept in this browser.");
    }
    root.addEventListener("pagehide", finish);
    root.addEventListener("beforeunload", finish);
  }

  // Where to start: the last page the learner was on (suspend data, else location), else the
  // module's first page.
  var resume = "";
  if (open) {
    var data = null;
    try { data = JSON.parse(get(K.suspend) || "null"); } catch (e) { data = null; }
    resume = safePage(data && data.page) || safePage(get(K.location));
  }
  root.AP_LMS = {
    // Inside a platform, content.js keeps each platform learner's record apart (and none is kept
    // when the platform gives no learner id). Outside one, the pages are as on the website.
    active: !!api,
    learner: learner,
    module: number,
    base: base,
    report: report,
    finish: finish
  };
  if (!api || open) say("");
  frame.src = "course/" + (resume || safePage(module.start) || "index.html");
  frame.hidden = false;
})(window);
