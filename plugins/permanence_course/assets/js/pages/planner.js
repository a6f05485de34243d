/* planner.js: the session planner, on the trainers' Session planner page.
 *
 * It builds a module's timetable from its pages' planned minutes in the course
 * manifest (AP.manifest(), inlined at build time, so it also works opened from a folder), with
 * the start time and breaks the trainer chooses. The form is for the screen; the plan below it
 * is what prints. Nothing is stored: the plan is made again from the form.
 */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const DAY = 24 * 60;
  const MAX_BREAK = 240;

  // -- pure logic (tested with node --test) --------------------------------------------------

  /** Minutes after midnight for "09:30" (as an <input type=time> gives it); null if not a time. */
  function parseClock(text) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(String(text || "").trim());
    if (!m || +m[1] > 23 || +m[2] > 59) return null;
    return +m[1] * 60 + +m[2];
  }

  /** "09:30" for minutes after midnight; past midnight it carries on from 00:00. */
  function formatClock(minutes) {
    const m = ((Math.round(minutes) % DAY) + DAY) % DAY;
    return String(Math.floor(m / 60)).padStart(2, "0") + ":" + String(m % 60).padStart(2, "0");
  }

  /** "1 hour 15 minutes", "45 minutes", "6 hours". */
  function duration(minutes) {
    const h = Math.floor(minutes / 60), m = minutes % 60;
    const parts = [];
    if (h) parts.push(h + (h === 1 ? " hour" : " hours"));
    if (m || !h) parts.push(m + (m === 1 ? " minute" : " minutes"));
    return parts.join(" ");
  }

  /** A break length from a form field: whole minutes from 0 to 240 (anything else is 0). */
  function breakMinutes(value) {
    const n = Math.round(Number(value));
    return n > 0 ? Math.min(n, MAX_BREAK) : 0;
  }

  /** Suggested breaks after each page (minutes, one per page; never after the last): none for
   *  a short session, one of 15 minutes half way, or for a day 15, 45 (lunch) and 15 minutes
   *  at about a quarter, a half and three quarters of the way through. */
  function suggestBreaks(minutes) {
    const total = minutes.reduce((s, m) => s + m, 0);
    const out = minutes.map(() => 0);
    const plan = total > 240 ? [[0.25, 15], [0.5, 45], [0.75, 15]] : total > 90 ? [[0.5, 15]] : [];
    let sum = 0, next = 0;
    for (let i = 0; i < minutes.length - 1 && next < plan.length; i++) {
      sum += minutes[i];
      if (sum >= total * plan[next][0]) {
        out[i] = plan[next][1];
        next++;
        while (next < plan.length && sum >= total * plan[next][0]) next++;
      }
    }
    return out;
  }

  /** The timetable: each page, then its break if any, back to back from start (minutes after
   *  midnight). Returns {rows: [{kind: "page"|"break", title, start, end, minutes}], learning,
   *  breaks, start, end}. */
  function schedule(pages, start, breaks) {
    const rows = [];
    let t = start, learning = 0, rest = 0;
    pages.forEach((p, i) => {
      rows.push({ kind: "page", title: p.title, start: t, end: t + p.minutes, minutes: p.minutes });
      t += p.minutes;
      learning += p.minutes;
      const b = i < pages.length - 1 ? breakMinutes(breaks[i]) : 0;
      if (b) {
        rows.push({ kind: "break", title: "Break", start: t, end: t + b, minutes: b });
        t += b;
        rest += b;
      }
    });
    return { rows, learning, breaks: rest, start, end: t };
  }

  // -- the page ------------------------------------------------------------------------------

  function el(doc, tag, attrs, text) {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function printButton(doc, label) {
    const button = el(doc, "button", { type: "button", class: "ap-print-button" }, label);
    button.addEventListener("click", () => root.print());
    return button;
  }

  function modulePages(manifest, mod) {
    return (mod.pages || []).map((id) => {
      const p = manifest.pages[id] || {};
      return { id, title: p.kind === "overview" ? "Overview" : p.title || id,
        kind: p.kind || "section", minutes: p.minutes || 0 };
    });
  }

  function field(doc, id, label, input) {
    const row = el(doc, "div", { class: "ap-planner__field" });
    input.id = id;
    row.append(el(doc, "label", { for: id }, label), " ", input);
    return row;
  }

  function mountPlanner(doc, box) {
    const manifest = AP.manifest();
    const modules = manifest.modules || [];
    box.textContent = "";
    if (!modules.length) {
      box.append(el(doc, "p", {}, "This course has no modules to plan yet."));
      return;
    }
    const form = el(doc, "form", { class: "ap-planner__form", "aria-label": "Plan a session" });
    form.addEventListener("submit", (e) => e.preventDefault());
    const select = el(doc, "select");
    modules.forEach((m, i) => select.append(el(doc, "option", { value: String(i) },
      "Module " + m.number + ": " + m.title)));
    const date = el(doc, "input", { type: "date" });
    const start = el(doc, "input", { type: "time", value: "09:30", required: "" });
    form.append(field(doc, "ap-plan-module", "Module", select),
      field(doc, "ap-plan-date", "Date (optional)", date),
      field(doc, "ap-plan-start", "Start time", start));
    const breaks = el(doc, "fieldset", { class: "ap-planner__breaks" });
    form.append(breaks);

    const plan = el(doc, "section", { class: "ap-plan", "aria-labelledby": "ap-plan-title" });
    const title = el(doc, "h2", { id: "ap-plan-title" });
    const summary = el(doc, "p", { class: "ap-plan__summary", "aria-live": "polite" });
    const table = el(doc, "table");
    const head = el(doc, "thead");
    const headRow = el(doc, "tr");
    ["Time", "Activity", "Minutes"].forEach((h) => headRow.append(el(doc, "th", { scope: "col" }, h)));
    head.append(headRow);
    const body = el(doc, "tbody");
    table.append(head, body);
    plan.append(title, summary, table);
    const actions = el(doc, "p", { class: "ap-screen-only" });
    actions.append(printButton(doc, "Print this plan"));
    box.append(form, actions, plan);

    let inputs = [];
    function pages() { return modulePages(manifest, modules[+select.value] || modules[0]); }

    function fillBreaks() {
      const list = pages();
      const suggested = suggestBreaks(list.map((p) => p.minutes));
      breaks.textContent = "";
      breaks.append(el(doc, "legend", {}, "Breaks, in minutes after each page"),
        el(doc, "p", {}, "Suggested breaks are filled in: change them, or enter 0 for none."));
      inputs = list.slice(0, -1).map((p, i) => {
        const input = el(doc, "input", { type: "number", min: "0", max: String(MAX_BREAK),
          step: "5", inputmode: "numeric", value: String(suggested[i]) });
        breaks.append(field(doc, "ap-plan-break-" + i, "After " + p.title + " (" + p.minutes +
          " min)", input));
        return input;
      });
    }

    function render() {
      const chosen = modules[+select.value] || modules[0];
      title.textContent = "Session plan: Module " + chosen.number + ": " + chosen.title;
      const from = parseClock(start.value);
      body.textContent = "";
      if (from === null) {
        summary.textContent = "Enter a start time, such as 09:30, to see the plan.";
        return;
      }
      const s = schedule(pages(), from, inputs.map((i) => i.value));
      const day = date.value ? AP.formatDate(date.value + "T12:00:00") + ". " : "";
      summary.textContent = day + formatClock(s.start) + " to " + formatClock(s.end) + ": " +
        duration(s.learning) + " of learning" +
        (s.breaks ? " and " + duration(s.breaks) + " of breaks." : ", with no breaks.");
      s.rows.forEach((r) => {
        const row = el(doc, "tr", r.kind === "break" ? { class: "ap-plan__break" } : {});
        row.append(el(doc, "td", {}, formatClock(r.start) + "–" + formatClock(r.end)),
          el(doc, "td", {}, r.title),
          el(doc, "td", {}, String(r.minutes)));
        body.append(row);
      });
      const total = el(doc, "tr");
      total.append(el(doc, "th", { scope: "row" }, "Total"),
        el(doc, "td", {}, formatClock(s.start) + " to " + formatClock(s.end)),
        el(doc, "td", {}, String(s.learning + s.breaks)));
      body.append(total);
    }

    select.addEventListener("change", () => { fillBreaks(); render(); });
    form.addEventListener("input", render);
    fillBreaks();
    render();
  }

  function mount(doc) {
    doc.querySelectorAll("[data-ap-planner]").forEach((box) => AP.once(box, "planner", () => {
      mountPlanner(doc, box);
    }));
  }

  if (root.document && AP.register) AP.register("planner", mount);

  if (typeof module === "object" && module.exports) {
    module.exports = { parseClock, formatClock, duration, breakMinutes, suggestBreaks, schedule };
  }
})(typeof window !== "undefined" ? window : globalThis);
