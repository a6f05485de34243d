/* The test platform (see harness.html). Query: v=12|2004, learner=<id>, launch=<path of the
 * launch page with its parameters>, refuse=1 (every SetValue and Commit refused: "false" and an
 * error code, or a thrown error). The platform keeps each learner's data model in this page's
 * localStorage under "harness:" (never a key the course reads), and every value the package sent
 * in harness:log:<v>:<learner>, for the test to read. */
(function () {
  "use strict";
  var q = new URLSearchParams(location.search);
  var v12 = q.get("v") === "12", learner = q.get("learner") || "learner-1";
  var key = "harness:cmi:" + q.get("v") + ":" + learner, logKey = "harness:log:" + q.get("v") + ":" + learner;
  var settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  var api = v12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  var saved = JSON.parse(localStorage.getItem(key) || "null");
  if (saved) api.loadFromJSON(saved.cmi || saved);
  if (v12) api.loadFromJSON({ core: { student_id: learner, student_name: "Learner, " + learner } });
  else api.loadFromJSON({ learner_id: learner, learner_name: "Learner, " + learner });
  var log = JSON.parse(localStorage.getItem(logKey) || "[]");
  window.harnessCalls = [];
  var keep = function () {
    localStorage.setItem(key, JSON.stringify(api.renderCMIToJSONObject()));
    localStorage.setItem(logKey, JSON.stringify(log));
  };
  var P = v12 ? "LMS" : "";
  api.on(P + "SetValue.cmi.*", function (element, value) { log.push([element, String(value)]); keep(); });
  ["Initialize", "Commit", "Finish", "Terminate"].forEach(function (name) {
    api.on((v12 ? "LMS" : "") + name, function () { window.harnessCalls.push(name); keep(); });
  });
  if (q.get("refuse")) {
    var names = v12 ? ["LMSSetValue", "LMSCommit"] : ["SetValue", "Commit"];
    api[names[0]] = function () { return "false"; };
    api[v12 ? "LMSGetLastError" : "GetLastError"] = function () { return "101"; };
    api[names[1]] = function () { throw new Error("The platform is down"); };
  }
  window[v12 ? "API" : "API_1484_11"] = api;
  window.harnessApi = api;
  window.harnessValues = function () { return api.renderCMIToJSONObject().cmi; };
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("sco").src = q.get("launch");
  });
})();
