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

  /** A length of time as a timetable writes it: "7 h 15 min", "45 min", "6 h". */
  function duration(minutes) {
    const total = Math.max(0, Math.round(minutes));
    const h = Math.floor(total / 60), m = total % 60;
    if (h && m) return h + " h " + m + " min";
    return h ? h + " h" : m + " min";
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

  /** Names for breaks (one per entry, "" where there is none): the first of 30 minutes or more
   *  is lunch, with a morning break before it and an afternoon break after; with no lunch,
   *  each is a break. */
  function breakNames(breaks) {
    const lengths = breaks.map(breakMinutes);
    const lunch = lengths.findIndex((b) => b >= 30);
    return lengths.map((b, i) => {
      if (!b) return "";
      if (lunch < 0) return "Break";
      if (i === lunch) return "Lunch";
      return i < lunch ? "Morning break" : "Afternoon break";
    });
  }

  /** Where to split a module across two half days: the index of the page after which the
   *  first half ends, as near the middle of the planned minutes as the pages allow (-1 when
   *  there are fewer than two pages). */
  function splitPoint(minutes) {
    if (minutes.length < 2) return -1;
    const total = minutes.reduce((s, m) => s + m, 0);
    let best = 0, bestGap = Infinity, sum = 0;
    for (let i = 0; i < minutes.length - 1; i++) {
      sum += minutes[i];
      const gap = Math.abs(total / 2 - sum);
      if (gap < bestGap) { best = i; bestGap = gap; }
    }
    return best;
  }

  /** The timetable: each page, then its break if any, back to back from start (minutes after
   *  midnight). names[i] names the break after page i ("Break" if empty). Returns
   *  {rows: [{kind: "page"|"break", title, start, end, minutes}], learning, breaks, start, end}. */
  function schedule(pages, start, breaks, names) {
    const rows = [];
    let t = start, learning = 0, rest = 0;
    pages.forEach((p, i) => {
      rows.push({ kind: "page", title: p.title, start: t, end: t + p.minutes, minutes: p.minutes });
      t += p.minutes;
      learning += p.minutes;
      const b = i < pages.length - 1 ? breakMinutes(breaks[i]) : 0;
      if (b) {
        const name = String((names && names[i]) || "").trim() || "Break";
        rows.push({ kind: "break", title: name, start: t, end: t + b, minutes: b });
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
    const days = el(doc, "select");
    days.append(el(doc, "option", { value: "1" }, "One day"),
      el(doc, "option", { value: "2" }, "Two half days"));
    const split = el(doc, "select");
    const splitRow = field(doc, "ap-plan-split", "First half day ends after", split);
    form.append(field(doc, "ap-plan-module", "Module", select),
      field(doc, "ap-plan-days", "Run it in", days), splitRow);
    // One set of fields a session: date, start time and breaks.
    const sessions = [1, 2].map((n) => {
      const set = el(doc, "fieldset", { class: "ap-planner__session" });
      const legend = el(doc, "legend");
      const date = el(doc, "input", { type: "date" });
      const start = el(doc, "input", { type: "time", value: "09:30", required: "" });
      const breaks = el(doc, "div", { class: "ap-planner__breaks" });
      set.append(legend, field(doc, "ap-plan-date-" + n, "Date (optional)", date),
        field(doc, "ap-plan-start-" + n, "Start time", start), breaks);
      // fillBreaks() puts the second half day's fields in the form only when there is one.
      return { n, set, legend, date, start, breaks, inputs: [] };
    });

    const plans = el(doc, "div", { class: "ap-plans", "aria-live": "polite" });
    const actions = el(doc, "p", { class: "ap-screen-only" });
    actions.append(printButton(doc, "Print this plan"));
    box.append(form, actions, plans);

    function chosen() { return modules[+select.value] || modules[0]; }
    function pages() { return modulePages(manifest, chosen()); }
    function halves() {
      const list = pages();
      if (days.value !== "2" || list.length < 2) return [list];
      const k = Math.min(Math.max(0, +split.value || 0), list.length - 2);
      return [list.slice(0, k + 1), list.slice(k + 1)];
    }

    function fillSplit() {
      const list = pages();
      split.textContent = "";
      list.slice(0, -1).forEach((p, i) => split.append(el(doc, "option", { value: String(i) },
        p.title + " (" + p.minutes + " min)")));
      split.value = String(Math.max(0, splitPoint(list.map((p) => p.minutes))));
    }

    function fillBreaks() {
      const parts = halves();
      const two = parts.length === 2;
      splitRow.hidden = days.value !== "2";
      sessions.forEach((s, index) => {
        const list = parts[index];
        s.inputs = [];
        s.breaks.textContent = "";
        if (!list) {
          s.set.remove();
          return;
        }
        if (!s.set.isConnected) form.append(s.set);
        s.legend.textContent = two ? "Half day " + s.n + " of 2" : "The day";
        const suggested = suggestBreaks(list.map((p) => p.minutes));
        const names = breakNames(suggested);
        s.breaks.append(el(doc, "p", {}, "Breaks after each page, in minutes, with their " +
          "names: change them, or enter 0 for none."));
        s.inputs = list.slice(0, -1).map((p, i) => {
          const id = "ap-plan-break-" + s.n + "-" + i;
          const row = el(doc, "div", { class: "ap-planner__field ap-planner__break" });
          const minutes = el(doc, "input", { type: "number", min: "0", max: String(MAX_BREAK),
            step: "5", inputmode: "numeric", value: String(suggested[i]), id });
          const name = el(doc, "input", { type: "text", id: id + "-name", maxlength: "40",
            value: names[i] || "Break", autocomplete: "off" });
          row.append(el(doc, "label", { for: id }, "After " + p.title + " (" + p.minutes +
            " min)"), " ", minutes, " ",
            el(doc, "label", { for: id + "-name", class: "ap-planner__name" },
              "Name of the break after " + p.title), " ", name);
          s.breaks.append(row);
          return { minutes, name };
        });
      });
    }

    function renderSession(s, list, count) {
      const mod = chosen();
      const section = el(doc, "section", { class: "ap-plan", "aria-labelledby": "ap-plan-title-" + s.n });
      const title = el(doc, "h2", { id: "ap-plan-title-" + s.n },
        "Session plan: Module " + mod.number + ": " + mod.title +
        (count === 2 ? " (half day " + s.n + " of 2)" : ""));
      const summary = el(doc, "p", { class: "ap-plan__summary" });
      section.append(title, summary);
      const from = parseClock(s.start.value);
      if (from === null) {
        summary.textContent = "Enter a start time, such as 09:30, to see the plan.";
        return { section, plan: null };
      }
      const plan = schedule(list, from, s.inputs.map((i) => i.minutes.value),
        s.inputs.map((i) => i.name.value));
      const day = s.date.value ? AP.formatDate(s.date.value + "T12:00:00") + ". " : "";
      summary.textContent = day + formatClock(plan.start) + " to " + formatClock(plan.end) + ": " +
        duration(plan.learning) + " of learning" +
        (plan.breaks ? " and " + duration(plan.breaks) + " of breaks." : ", with no breaks.");
      const table = el(doc, "table");
      const head = el(doc, "thead");
      const headRow = el(doc, "tr");
      ["Time", "Activity", "Length"].forEach((h) => headRow.append(el(doc, "th", { scope: "col" }, h)));
      head.append(headRow);
      const body = el(doc, "tbody");
      plan.rows.forEach((r) => {
        const row = el(doc, "tr", r.kind === "break" ? { class: "ap-plan__break" } : {});
        row.append(el(doc, "td", {}, formatClock(r.start) + "–" + formatClock(r.end)),
          el(doc, "td", {}, r.title),
          el(doc, "td", {}, duration(r.minutes)));
        body.append(row);
      });
      const total = el(doc, "tr", { class: "ap-plan__total" });
      total.append(el(doc, "th", { scope: "row" }, "Total"),
        el(doc, "td", {}, formatClock(plan.start) + " to " + formatClock(plan.end)),
        el(doc, "td", {}, duration(plan.learning + plan.breaks)));
      body.append(total);
      table.append(head, body);
      section.append(table);
      return { section, plan };
    }

    function render() {
      plans.textContent = "";
      const parts = halves();
      const made = parts.map((list, i) => renderSession(sessions[i], list, parts.length));
      made.forEach((m) => plans.append(m.section));
      if (parts.length === 2 && made.every((m) => m.plan)) {
        const learning = made.reduce((t, m) => t + m.plan.learning, 0);
        const rest = made.reduce((t, m) => t + m.plan.breaks, 0);
        plans.append(el(doc, "p", { class: "ap-plan__both" }, "Both half days: " +
          duration(learning) + " of learning and " + duration(rest) + " of breaks, " +
          duration(learning + rest) + " in all."));
      }
    }

    select.addEventListener("change", () => { fillSplit(); fillBreaks(); render(); });
    days.addEventListener("change", () => { fillBreaks(); render(); });
    split.addEventListener("change", () => { fillBreaks(); render(); });
    form.addEventListener("input", render);
    fillSplit();
    fillBreaks();
    render();
  }

  function mount(doc) {
    doc.querySelectorAll("[data-ap-planner]").forEach((box) => AP.once(box, "planner", () => {
      mountPlanner(doc, box);
    }));
  }

  // The module deck's agenda (pages/present.js) is timed by the same rules.
  AP.sessionPlan = { parseClock, formatClock, duration, breakMinutes, suggestBreaks, breakNames,
    schedule };

  if (root.document && AP.register) AP.register("planner", mount);

  if (typeof module === "object" && module.exports) {
    module.exports = { parseClock, formatClock, duration, breakMinutes, suggestBreaks, breakNames,
      splitPoint, schedule };
  }
})(typeof window !== "undefined" ? window : globalThis);
