/* plan.js: My plan, the practitioner's own record of the course (the personal development plan):
 * progress, a study plan, SMART goals linked to learning outcomes and professional standards,
 * self-ratings at the start and the end of the course side by side, every reflection (each can
 * be flagged to take to supervision), and deleting everything.
 *
 * Everything is drawn at once, into a fragment, with no layout reads: with 1,000 goals and
 * reflections stored, drawing stays within the 50 ms `make bench` measures between the marks
 * "ap-plan-render-start" and "ap-plan-render-end". Clicks are handled once per section, not per
 * record. A page script (docs/my-plan.md: `scripts: [progress, plan]`, `frameworks: true`).
 */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  // -- pure functions (node --test) ----------------------------------------------------------
  const STATUSES = [["not-started", "Not started"], ["in-progress", "In progress"],
    ["achieved", "Achieved"], ["dropped", "Dropped"]];
  /** A goal's status in words; one the site does not know is shown as stored. */
  const statusLabel = (s) => (STATUSES.find((x) => x[0] === s) || [s, s || "Not started"])[1];
  const RATINGS = ["Not rated", "1: not at all confident", "2: a little confident", "3: fairly confident",
    "4: confident", "5: very confident"];
  const pad = (n) => (n < 10 ? "0" : "") + n;
  /** A day as "YYYY-MM-DD", in the learner's own time zone. */
  const isoDay = (d) => d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  /** "2027-03-01" as "1 March 2027"; "" when it is not such a date. */
  function formatDay(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? AP.formatDate(new Date(+m[1], +m[2] - 1, +m[3])) : "";
  }
  /** Does a framework apply on day ("YYYY-MM-DD")? Open-ended at either end when a date is null. */
  const appliesOn = (f, day) => (!f.applies_from || f.applies_from <= day) &&
    (!f.applies_until || day <= f.applies_until);
  const WORDING = { summary: " (summarised)", unconfirmed: " (wording awaiting confirmation)" };
  /** A stored standard ("pcf:5") in words ("PCF 5: Knowledge"); one no longer listed, marked. */
  function standardLabel(frameworks, ref) {
    const at = ref.indexOf(":"), fid = ref.slice(0, at), code = ref.slice(at + 1);
    const f = frameworks.find((x) => x.id === fid), item = f && f.items.find((i) => i.code === code);
    return item ? f.short_title + " " + code + ": " + item.title + (WORDING[item.wording] || "")
      : ref + " (no longer listed in the course's frameworks)";
  }
  /** Reflections with words in them, by module in course order, each module's in prompt order.
   *  A reflection whose prompt the course no longer has stays with its module, or under Other. */
  function groupReflections(manifest, records) {
    const rank = {};
    Object.keys(manifest.reflections || {}).forEach((id, i) => { rank[id] = i; });
    const groups = (manifest.modules || []).map((m) => ({ number: m.number, title: "Module " + m.number + ": " + m.title, items: [] }));
    const other = { number: 0, title: "Other reflections", items: [] };
    records.forEach((r) => {
      if (!String(r.text || "").trim()) return;
      const prompt = r.reflection || r.id, info = (manifest.reflections || {})[prompt];
      const page = info ? manifest.pages[info.page] : null, module = page ? page.module : r.module;
      (groups.find((g) => g.number === module) || other).items.push({ record: r, prompt, info });
    });
    const order = (x) => (x.prompt in rank ? rank[x.prompt] : 1e9);
    groups.forEach((g) => g.items.sort((a, b) => order(a) - order(b)));
    return groups.concat(other).filter((g) => g.items.length);
  }
  /** Self-rating rows by module: each current outcome with its start and end rating, then any
   *  outcome the learner rated that the course has since retired (text from its snapshot). */
  function ratingRows(manifest, ratings) {
    // Keyed by stored values: a Map, never an object whose prototype a value could reach.
    const by = new Map(), outcomes = manifest.outcomes || {};
    ratings.forEach((r) => {
      if (typeof r.outcome !== "string" || (r.phase !== "start" && r.phase !== "end")) return;
      if (!by.has(r.outcome)) by.set(r.outcome, {});
      by.get(r.outcome)[r.phase] = r;
    });
    const value = (id, phase) => {
      const r = by.has(id) && by.get(id)[phase];
      return r && Number.isInteger(r.value) && r.value >= 0 && r.value <= 5 ? r.value : 0;
    };
    return (manifest.modules || []).map((m) => {
      const rows = m.outcomes.map((id) => ({ id, text: outcomes[id].text, retired: false,
        start: value(id, "start"), end: value(id, "end") }));
      by.forEach((phases, id) => {
        if (Object.prototype.hasOwnProperty.call(outcomes, id) || id.indexOf("m" + m.number + "-") !== 0) return;
        const any = phases.start || phases.end;
        rows.push({ id, text: any.outcomeSnapshot || (any.outcomeSnapshots || {})[id] || "", retired: true,
          start: value(id, "start"), end: value(id, "end") });
      });
      return { number: m.number, title: "Module " + m.number + ": " + m.title, rows };
    });
  }
  /** From a start rating to an end rating, in words: "up 2", "down 1", "no change" or "". */
  function ratingChange(start, end) {
    if (!start || !end) return "";
    return end > start ? "up " + (end - start) : end < start ? "down " + (start - end) : "no change";
  }

  // -- drawing ---------------------------------------------------------------------------------
  let el, store, manifest, frameworks, page, container, unsubscribe = null, stale = false;
  const editors = new Map(); // goal id -> its open editor
  const section = (id, title, intro) => {
    const s = el("section", { class: "ap-plan-section", "aria-labelledby": id });
    s.append(el("h2", { id }, title));
    if (intro) s.append(el("p", {}, intro));
    return s;
  };
  const saveState = () => el("p", { class: "ap-save-state", role: "status" });
  const stateFor = (result, what) => (result.ok ? what : "Not saved: " + result.message);
  const pageLink = (id, hash, text) => {
    const info = manifest.pages[id];
    return info ? el("a", { href: AP.siteLink(page, info.url) + hash }, text + " (" + info.title + ")") : el("span", {}, id);
  };
  const goalTitle = (g) => g.title || g.text || "Untitled goal";
  // Goals from the preview version of the site were only ever done or not.
  const goalStatus = (g) => g.status || (g.done ? "achieved" : "not-started");

  function outcomeLine(id, snapshots) {
    if (manifest.outcomes[id]) return id + ": " + manifest.outcomes[id].text;
    const d = store.describe("outcomes", id);
    const text = d.text || (snapshots || {})[id] || "";
    return d.retired ? "Retired outcome " + d.id + ": " + (text || "its wording was not kept")
      : d.id + ": " + (manifest.outcomes[d.id] || {}).text;
  }

  // Goals --------------------------------------------------------------------------------------
  // Cards are cloned from one drawn card: much quicker than building each from nothing.
  let cardShape = null;
  function goalCard(g) {
    if (!cardShape) {
      cardShape = el("li", { class: "ap-goal" });
      const actions = el("p", { class: "ap-goal-actions" });
      actions.append(AP.button("Edit", { "data-action": "edit" }), " ", AP.button("Delete", { "data-action": "delete", class: "ap-button ap-button--danger" }));
      cardShape.append(el("h3"), el("p", { class: "ap-goal-meta" }), actions);
    }
    const li = cardShape.cloneNode(true), title = goalTitle(g), [h, meta, actions] = li.children;
    li.id = "ap-goal-" + g.id;
    li.setAttribute("data-id", g.id);
    h.textContent = title;
    meta.textContent = statusLabel(goalStatus(g)) + (g.targetDate ? " · Target date: " + formatDay(g.targetDate) : "") +
      (g.supervision === true ? " · To take to supervision" : "");
    actions.firstChild.setAttribute("aria-label", "Edit goal: " + title);
    actions.lastChild.setAttribute("aria-label", "Delete goal: " + title);
    if (g.actions) actions.before(el("p", { class: "ap-goal-text" }, "Actions: " + g.actions));
    if (g.measure) actions.before(el("p", { class: "ap-goal-text" }, "How I will know: " + g.measure));
    if ((g.versions || []).length) {
      actions.before(el("p", { class: "ap-goal-text ap-versions-flag" }, "Another version of this goal, " +
        "changed in another tab, is kept too: choose Edit to see it and choose between them."));
    }
    const outcomes = AP.goalOutcomes(g), standards = g.standards || [];
    if (outcomes.length || standards.length) {
      const ul = el("ul", { class: "ap-goal-links" });
      outcomes.forEach((id) => ul.append(el("li", {}, outcomeLine(id, g.outcomeSnapshots))));
      standards.forEach((ref) => ul.append(el("li", {}, standardLabel(frameworks, ref))));
      actions.before(ul);
    }
    return li;
  }

  function field(form, label, id, tag, attrs) {
    const p = el("p", { class: "ap-field-row" }), input = el(tag, Object.assign({ id, class: "ap-field" }, attrs));
    p.append(el("label", { for: id }, label), input);
    form.append(p);
    return input;
  }

  /** The standards a learner may link to, grouped by framework: the frameworks that apply today,
   *  and any older one (or a standard no longer listed) that `linked` already holds. */
  function standardChoices(linked) {
    const today = isoDay(new Date()), options = [];
    frameworks.forEach((f) => {
      const ours = f.items.map((i) => f.id + ":" + i.code);
      if (!appliesOn(f, today) && !ours.some((r) => linked.indexOf(r) >= 0)) return;
      const until = f.applies_until ? " (applies until " + formatDay(f.applies_until) + ")" : "";
      options.push([null, null, f.title + until]);
      ours.forEach((r) => options.push([r, standardLabel(frameworks, r)]));
    });
    linked.filter((r) => !options.some((o) => o[0] === r)).forEach((r) => options.push([r, standardLabel(frameworks, r)]));
    return options;
  }

  function checkList(legend, name, options, checked) {
    const details = el("details", { class: "ap-choices" }), set = el("fieldset");
    const count = options.filter((o) => checked.indexOf(o[0]) >= 0).length;
    details.append(el("summary", {}, legend + (count ? " (" + count + " chosen)" : "")), set);
    set.append(el("legend", { class: "ap-visually-hidden" }, legend));
    options.forEach((o, i) => {
      if (o[2]) return set.append(el("p", { class: "ap-choices-group" }, o[2]));
      const id = "ap-" + name + "-" + i, p = el("p", { class: "ap-check" });
      const box = el("input", { type: "checkbox", id, name, value: o[0] });
      box.checked = checked.indexOf(o[0]) >= 0;
      p.append(box, " ", el("label", { for: id }, o[1]));
      set.append(p);
    });
    return details;
  }

  /** The editor of one goal, in place of its card; done(goal or null) when the learner is done. */
  function goalEditor(goal, done) {
    let record = goal;
    const form = el("form", { class: "ap-goal-editor", "aria-label": "Edit goal" });
    const key = "ap-edit-" + goal.id;
    const parts = AP.privacyParts(key);
    form.append(parts[0]);
    const title = field(form, "What I want to achieve", key + "-title", "textarea", { rows: "2" });
    const actions = field(form, "Actions: what I will do", key + "-actions", "textarea", { rows: "3" });
    const measure = field(form, "How I will know I have achieved it", key + "-measure", "textarea", { rows: "2" });
    const date = field(form, "Target date", key + "-date", "input", { type: "date" });
    const status = field(form, "Status", key + "-status", "select", {});
    STATUSES.forEach((s) => status.append(new Option(s[1], s[0])));
    [title, actions, measure].forEach((t) => t.setAttribute("aria-describedby", parts[0].id + " " + parts[1].id));
    title.value = goalTitle(goal) === "Untitled goal" ? "" : goalTitle(goal);
    actions.value = goal.actions || "";
    measure.value = goal.measure || "";
    date.value = goal.targetDate || "";
    status.value = STATUSES.some((s) => s[0] === goalStatus(goal)) ? goalStatus(goal) : "not-started";

    const linked = AP.goalOutcomes(goal);
    const outcomeOptions = [];
    manifest.modules.forEach((m) => {
      outcomeOptions.push([null, null, "Module " + m.number + ": " + m.title]);
      m.outcomes.forEach((id) => outcomeOptions.push([id, id + ": " + manifest.outcomes[id].text]));
    });
    linked.filter((id) => !manifest.outcomes[id]).forEach((id) => outcomeOptions.push([id, outcomeLine(id, goal.outcomeSnapshots)]));
    form.append(checkList("Learning outcomes this goal is about", "outcome-" + goal.id, outcomeOptions, linked));

    const standards = goal.standards || [];
    form.append(checkList("Professional standards", "standard-" + goal.id, standardChoices(standards), standards));
    const flag = el("p", { class: "ap-check" }), flagBox = el("input", { type: "checkbox", id: key + "-supervision" });
    flagBox.checked = goal.supervision === true;
    flag.append(flagBox, " ", el("label", { for: flagBox.id }, "Take to supervision"));
    form.append(flag);

    const finish = AP.button("Done");
    const actionsRow = el("p", { class: "ap-goal-actions" });
    actionsRow.append(finish);
    form.append(parts[1], parts[2], actionsRow);

    const checkedValues = (name) => Array.from(form.querySelectorAll("input[name='" + name + "']:checked")).map((b) => b.value);
    const others = el("div", { class: "ap-versions", hidden: "" });
    actionsRow.before(others);
    const TEXTS = { title: "What I want to achieve", actions: "Actions", measure: "How I will know" };
    const boxes = { title, actions, measure };
    /** Show a record's values in the fields (another tab's save, or a version chosen). */
    const fill = (g) => {
      Object.keys(boxes).forEach((k) => { if (boxes[k].value !== (g[k] || "")) boxes[k].value = g[k] || ""; });
      if (g.title === undefined && g.text) title.value = g.text;
      date.value = g.targetDate || "";
      status.value = STATUSES.some((s) => s[0] === goalStatus(g)) ? goalStatus(g) : "not-started";
      form.querySelectorAll("input[name='outcome-" + goal.id + "']").forEach((b) => { b.checked = AP.goalOutcomes(g).indexOf(b.value) >= 0; });
      form.querySelectorAll("input[name='standard-" + goal.id + "']").forEach((b) => { b.checked = (g.standards || []).indexOf(b.value) >= 0; });
      flagBox.checked = g.supervision === true;
    };
    const save = () => {
      const mine = Object.assign({}, record, { title: title.value, actions: actions.value,
        measure: measure.value, targetDate: date.value, status: status.value,
        outcomes: checkedValues("outcome-" + goal.id), standards: checkedValues("standard-" + goal.id),
        supervision: flagBox.checked });
      // Another tab may have saved this goal since: its changes are kept, and where both
      // changed the same words, its words are kept as another version.
      const merged = AP.mergeEdit(record, mine, store.get("goals", record.id), Object.keys(TEXTS));
      const result = store.put("goals", merged.record);
      if (result.ok) {
        record = result.record;
        if (merged.took.length) fill(record);
        if (merged.conflict) AP.announce("This goal was also changed in another tab. Both versions are kept, below.");
        versions();
      }
      return result;
    };
    const versions = () => AP.showVersions(others, record.versions, TEXTS, (i) => {
      const v = record.versions[i], list = record.versions.slice(), swap = { saved: record.updated };
      Object.keys(TEXTS).forEach((k) => {
        if (typeof v[k] !== "string") return;
        swap[k] = boxes[k].value;
        boxes[k].value = v[k];
      });
      list[i] = swap;
      record = Object.assign({}, record, { versions: list });
      title.dispatchEvent(new Event("input"));
      flush();
      title.focus();
    }, (i) => {
      const result = store.put("goals", Object.assign({}, record, { versions: record.versions.filter((x, j) => j !== i) }));
      if (result.ok) { record = result.record; versions(); title.focus(); }
      parts[2].textContent = stateFor(result, "Saved");
    });
    const flush = AP.autosave([title, actions, measure], save, parts[2], parts[1]);
    versions();
    // Choices save at once; typing waits for a pause (autosave).
    form.addEventListener("change", (e) => {
      if (e.target.tagName === "TEXTAREA") return;
      parts[2].textContent = stateFor(save(), "Saved");
    });
    form.addEventListener("submit", (e) => e.preventDefault());
    finish.addEventListener("click", () => {
      flush();
      editors.delete(goal.id);
      const empty = !title.value.trim() && !actions.value.trim() && !measure.value.trim() &&
        !AP.goalOutcomes(record).length && !(record.standards || []).length;
      if (empty) store.remove("goals", record.id);
      done(empty ? null : record);
    });
    const editor = {
      form, focus: () => title.focus(),
      /** Another tab saved: while nothing typed here waits, show its goal as it is now. */
      follow: () => {
        const now = store.get("goals", record.id);
        if (!now || now.updated === record.updated || flush.pending()) return;
        record = now;
        fill(now);
        versions();
      }
    };
    editors.set(goal.id, editor);
    return editor;
  }

  function mountGoals(s) {
    const intro = el("p", {}, "Set goals that are specific, measurable, achievable, realistic and " +
      "time-bound (SMART). Link each to the course's learning outcomes and to the professional " +
      "standards it helps you meet.");
    const add = el("form", { class: "ap-goal-add" });
    const input = field(add, "A new goal: what do you want to achieve?", "ap-new-goal", "input", { type: "text", autocomplete: "off" });
    add.append(AP.button("Add goal", { type: "submit" }));
    const status = saveState();
    const list = el("ol", { class: "ap-goals" });
    const goals = listOf("goals");
    goals.forEach((g) => list.append(goalCard(g)));
    const empty = el("p", { class: "ap-empty" }, "No goals yet. Add one above, or use Add to my plan beside a learning outcome on any module overview.");
    empty.hidden = goals.length > 0;
    s.append(intro, pcfLevel(), add, status, empty, list);

    const edit = (li, g) => {
      const editor = goalEditor(g, (saved) => {
        if (!saved) {
          li.remove();
          empty.hidden = list.children.length > 0;
          status.textContent = "The empty goal was not kept.";
          input.focus();
          return;
        }
        const card = goalCard(saved);
        li.replaceWith(card);
        if (stale && !editors.size) {
          // Other tabs changed things while the editor was open: draw them now.
          render();
          const again = container.querySelector("#ap-goal-" + CSS.escape(saved.id) + " [data-action=edit]");
          if (again) again.focus();
          return;
        }
        card.querySelector("[data-action=edit]").focus();
      });
      li.textContent = "";
      li.append(editor.form);
      editor.focus();
    };
    add.addEventListener("submit", (e) => {
      e.preventDefault();
      if (!input.value.trim()) {
        status.textContent = "Type what you want to achieve first, then choose Add goal.";
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      const result = store.put("goals", { title: input.value.trim(), actions: "", measure: "", targetDate: "",
        status: "not-started", outcomes: [], standards: [] });
      status.textContent = stateFor(result, "Goal added: now add your actions, how you will know, and a date.");
      if (!result.ok) return;
      input.value = "";
      const li = goalCard(result.record);
      list.append(li);
      empty.hidden = true;
      edit(li, result.record);
    });
    list.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-action]"), li = b && b.closest("li.ap-goal");
      if (!li) return;
      const g = store.get("goals", li.getAttribute("data-id"));
      if (!g) return;
      if (b.getAttribute("data-action") === "edit") return edit(li, g);
      if (!root.confirm("Delete the goal \u201c" + goalTitle(g) + "\u201d? This cannot be undone.")) return;
      const result = store.remove("goals", g.id);
      status.textContent = stateFor(result, "Goal deleted.");
      if (!result.ok) return;
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      empty.hidden = list.children.length > 0;
      (next ? next.querySelector("[data-action=edit]") : input).focus();
    });
  }

  function pcfLevel() {
    const pcf = frameworks.find((f) => f.id === "pcf");
    const p = el("p", { class: "ap-field-row" });
    if (!pcf || !pcf.levels.length) return p;
    const select = el("select", { id: "ap-pcf-level", "aria-describedby": "ap-pcf-level-note" });
    select.append(new Option("Not chosen", ""));
    pcf.levels.forEach((l) => select.append(new Option(l.title, l.id)));
    select.value = store.getSetting("pcfLevel", "") || "";
    const course = pcf.levels.find((l) => l.id === pcf.course_level);
    const note = el("span", { id: "ap-pcf-level-note", class: "ap-hint" },
      course ? "This course is pitched at the " + course.title.toLowerCase() + " level." : "");
    const state = el("span", { class: "ap-save-state", role: "status" });
    select.addEventListener("change", () => { state.textContent = stateFor(store.setSetting("pcfLevel", select.value), "Saved"); });
    p.append(el("label", { for: select.id }, "Your level in the " + pcf.title), " ", select, " ", note, " ", state);
    return p;
  }

  // Study plan ---------------------------------------------------------------------------------
  function mountStudyPlan(s) {
    const ul = el("ul", { class: "ap-study-plan" });
    manifest.modules.forEach((m) => {
      const id = "ap-study-" + m.number, rec = store.get("studyplan", "m" + m.number);
      const li = el("li"), date = el("input", { type: "date", id, class: "ap-field ap-date", "data-module": String(m.number) });
      date.value = rec ? rec.plannedDate || "" : "";
      li.append(el("label", { for: id }, "Module " + m.number + ": " + m.title), date);
      ul.append(li);
    });
    const state = saveState();
    ul.addEventListener("change", (e) => {
      const n = +e.target.getAttribute("data-module");
      const result = store.put("studyplan", { id: "m" + n, module: n, plannedDate: e.target.value });
      state.textContent = stateFor(result, "Saved: module " + n + (e.target.value ? " planned for " + formatDay(e.target.value) : " has no date") + ".");
    });
    s.append(ul, state);
  }

  // Self-rating --------------------------------------------------------------------------------
  function mountRatings(s) {
    const phases = [["start", "At the start (module 1)"], ["end", "At the end (module " + manifest.modules.slice(-1)[0].number + ")"]];
    const ratings = listOf("ratings");
    // One card an outcome, its two scales cloned from one drawn scale: 1 to 5, or not rated.
    const scale = el("div", { class: "ap-rate-scale" });
    RATINGS.forEach((words, v) => {
      const label = el("label", { class: "ap-rate-choice" + (v ? "" : " ap-rate-choice--none") });
      const input = el("input", { type: "radio", value: String(v) });
      const shown = el("span", { "aria-hidden": "true" }, v ? String(v) : "–");
      label.append(input, shown, el("span", { class: "ap-visually-hidden" }, words));
      scale.append(label);
    });
    s.append(el("p", { class: "ap-hint" }, "1: not at all confident · 2: a little · 3: fairly · 4: confident · 5: very confident. " +
      "Open a module to rate its outcomes."));
    ratingRows(manifest, ratings).forEach((group) => {
      const rated = group.rows.filter((r) => r.start || r.end).length;
      const box = el("details", { class: "ap-rate-module", id: "ap-rate-" + group.number });
      const sum = el("summary", {}, group.title + " ");
      sum.append(el("span", { class: "ap-rate-count" }, "(" + rated + " of " + group.rows.length + " rated)"));
      const list = el("ul", { class: "ap-rate-list" });
      // A folded module's cards are drawn when it is first opened: My plan draws quickly.
      const draw = () => group.rows.forEach((r) => {
        const card = el("li", { class: "ap-rate-card", "data-outcome": r.id }), textId = "ap-rate-text-" + r.id;
        card.append(el("p", { class: "ap-rate-outcome", id: textId, "data-outcome-id": r.id },
          r.retired ? "Retired outcome: " + (r.text || "its wording was not kept") : r.text));
        phases.forEach((p) => {
          const set = el("fieldset", { class: "ap-rate-phase", "aria-describedby": textId });
          set.append(el("legend", {}, p[1]));
          const sc = scale.cloneNode(true);
          sc.querySelectorAll("input").forEach((input) => {
            input.name = "ap-rate-" + r.id + "-" + p[0];
            input.setAttribute("data-outcome", r.id);
            input.setAttribute("data-phase", p[0]);
            input.checked = +input.value === (r[p[0]] || 0);
          });
          set.append(sc);
          card.append(set);
        });
        card.append(el("p", { class: "ap-rating-change" }, changeText(r.start, r.end)));
        list.append(card);
      });
      box.addEventListener("toggle", () => { if (box.open && !list.firstChild) draw(); });
      box.append(sum, list);
      s.append(box);
    });
    const state = saveState();
    s.append(state);
    s.addEventListener("change", (e) => {
      const input = e.target, outcome = input.getAttribute("data-outcome"), phase = input.getAttribute("data-phase");
      if (!outcome || !phase) return;
      const id = outcome + ":" + phase, value = +input.value;
      const result = value ? store.put("ratings", Object.assign({}, store.get("ratings", id), {
        id, outcome, phase, value, outcomeSnapshot: (manifest.outcomes[outcome] || {}).text || (store.get("ratings", id) || {}).outcomeSnapshot || "" }))
        : store.remove("ratings", id);
      state.textContent = stateFor(result, "Saved");
      const card = input.closest(".ap-rate-card");
      // Not saved: the choice goes back to the rating that is kept, so that what shows is true.
      if (!result.ok) {
        const kept = String((store.get("ratings", id) || {}).value || 0);
        card.querySelectorAll("input[data-phase='" + phase + "']").forEach((i) => { i.checked = i.value === kept; });
      }
      const now = (ph) => +((card.querySelector("input[data-phase='" + ph + "']:checked") || {}).value || 0);
      card.querySelector(".ap-rating-change").textContent = changeText(now("start"), now("end"));
      const mod = card.closest(".ap-rate-module"), cards = mod.querySelectorAll(".ap-rate-card");
      const count = Array.from(cards).filter((c) => c.querySelector("input:checked:not([value='0'])")).length;
      mod.querySelector(".ap-rate-count").textContent = "(" + count + " of " + cards.length + " rated)";
    });
  }
  /** The change from start to end as a reader sees it: "Change: ↑ up 2", or "" before both. */
  const changeText = (start, end) => {
    const c = ratingChange(start, end);
    return c ? "Change: " + (end > start ? "↑ " : end < start ? "↓ " : "→ ") + c : "";
  };

  // Reflections --------------------------------------------------------------------------------
  /** A reflection's linked standards in words, and their number on the chooser's summary. */
  function showStandards(line, more, refs) {
    line.textContent = refs.length ? "Standards: " + refs.map((r) => standardLabel(frameworks, r)).join("; ") : "";
    line.hidden = !refs.length;
    more.firstChild.textContent = "Professional standards" + (refs.length ? " (" + refs.length + " chosen)" : "");
  }

  /** What the learner noted they would do before each later stage of a scenario (stages.js),
   *  scenario by scenario, with their reflections. */
  function mountStageNotes(s) {
    const notes = AP.stageNotes ? AP.stageNotes.groupNotes(store.list(AP.stageNotes.COLLECTION), manifest) : [];
    if (!notes.length) return;
    const box = el("div", { class: "ap-stage-notes" });
    box.append(el("h3", { id: "ap-plan-stage-notes" }, "What you would do now: your notes in the scenarios"));
    notes.forEach((g) => {
      box.append(el("h4", {}, g.title));
      if (g.url) {
        const to = el("p", { class: "ap-reflection-meta" });
        to.append(pageLink(g.page, "", "Open the scenario to change them"));
        box.append(to);
      }
      const ul = el("ul", { class: "ap-reflection-list" });
      g.notes.forEach((r) => {
        const li = el("li", { class: "ap-reflection-item" });
        li.append(el("p", { class: "ap-reflection-meta" }, AP.stageNotes.noteTitle(r) + ". Last changed " + AP.formatDate(r.updated)),
          el("p", { class: "ap-reflection-words" }, r.text));
        ul.append(li);
      });
      box.append(ul);
    });
    s.append(box);
  }

  function mountReflections(s) {
    const records = listOf("reflections"), groups = groupReflections(manifest, records);
    const filter = el("input", { type: "checkbox", id: "ap-supervision-only" });
    const row = el("p", { class: "ap-check" });
    row.append(filter, " ", el("label", { for: "ap-supervision-only" }, "Show only reflections to take to supervision"));
    const box = el("div", { class: "ap-reflections" });
    if (!groups.length) box.append(el("p", { class: "ap-empty" }, "No reflections yet. Every reflection prompt in the modules has a box to write in; what you write there appears here."));
    else s.append(row);
    // One reflection, cloned: its date, its words, its standards and the supervision flag.
    const shape = el("li", { class: "ap-reflection-item" }), check = el("p", { class: "ap-check" });
    check.append(el("input", { type: "checkbox" }), " ", el("label", {}, "Take to supervision"));
    // The standards it relates to (for the CPD record): the choices are drawn when first opened.
    const choices = el("details", { class: "ap-choices" });
    choices.append(el("summary", {}, "Professional standards"));
    shape.append(el("p", { class: "ap-reflection-meta" }), el("p", { class: "ap-reflection-words" }),
      el("p", { class: "ap-reflection-standards", hidden: "" }), check, choices);
    groups.forEach((g) => {
      box.append(el("h3", {}, g.title));
      let ul = null, prompt = null;
      g.items.forEach((item) => {
        const r = item.record;
        if (item.prompt !== prompt) {
          // Each prompt once, with the reflections written for it.
          prompt = item.prompt;
          const snap = r.promptSnapshot || {};
          const title = item.info ? item.info.title : (snap.title || store.describe("reflections", prompt).text || prompt) +
            " (a prompt the course has retired)";
          box.append(el("h4", { id: "ap-prompt-" + prompt }, title));
          const text = item.info ? item.info.text : snap.text;
          if (text) box.append(el("p", { class: "ap-reflection-prompt" }, text));
          if (item.info) {
            const to = el("p", { class: "ap-reflection-meta" });
            to.append(pageLink(item.info.page, "#" + prompt, "Open the page to change it"));
            box.append(to);
          }
          box.append(ul = el("ul", { class: "ap-reflection-list" }));
        }
        const li = shape.cloneNode(true), [meta, words, linked, flagRow, more] = li.children, flag = flagRow.firstChild, id = "ap-sup-" + r.id;
        if (r.supervision) li.classList.add("ap-flagged");
        meta.textContent = "Last changed " + AP.formatDate(r.updated);
        words.textContent = r.text;
        flag.id = id;
        flag.setAttribute("data-id", r.id);
        flag.setAttribute("aria-describedby", "ap-prompt-" + prompt);
        flag.checked = !!r.supervision;
        flagRow.lastChild.htmlFor = id;
        if ((r.standards || []).length) showStandards(linked, more, r.standards);
        more.setAttribute("data-id", r.id);
        more.firstChild.setAttribute("aria-describedby", "ap-prompt-" + prompt);
        ul.append(li);
      });
    });
    const state = saveState();
    s.append(box, state);
    mountStageNotes(s);
    filter.addEventListener("change", () => box.classList.toggle("ap-supervision-only", filter.checked));
    // "toggle" does not bubble: listen as it goes down.
    box.addEventListener("toggle", (e) => {
      const more = e.target, rec = more.open && !more.querySelector("fieldset") && store.get("reflections", more.getAttribute("data-id"));
      if (!rec) return;
      const list = checkList("Professional standards", "rstd-" + rec.id, standardChoices(rec.standards || []), rec.standards || []);
      more.replaceChildren(...list.childNodes);
      more.firstChild.setAttribute("aria-describedby", "ap-prompt-" + (rec.reflection || rec.id));
      more.firstChild.focus();
    }, true);
    box.addEventListener("change", (e) => {
      const more = e.target.closest("details[data-id]");
      if (more) {
        const rec = store.get("reflections", more.getAttribute("data-id"));
        if (!rec) return;
        const chosen = Array.from(more.querySelectorAll("input:checked")).map((b) => b.value);
        const result = store.put("reflections", Object.assign(rec, { standards: chosen }));
        if (!result.ok) e.target.checked = !e.target.checked;
        else showStandards(more.parentNode.querySelector(".ap-reflection-standards"), more, chosen);
        state.textContent = stateFor(result, "Saved: the standards this reflection relates to.");
        return;
      }
      const id = e.target.getAttribute("data-id"), rec = id && store.get("reflections", id);
      if (!rec) return;
      const result = store.put("reflections", Object.assign(rec, { supervision: e.target.checked }));
      if (!result.ok) e.target.checked = !e.target.checked;
      e.target.closest("li").classList.toggle("ap-flagged", e.target.checked);
      state.textContent = stateFor(result, e.target.checked ? "Marked to take to supervision." : "No longer marked for supervision.");
    });
  }

  // Delete everything --------------------------------------------------------------------------
  /** The backup code (pages/backup.js), loaded the first time a learner may need it; then done(). */
  function loadBackup(done) {
    if (AP.backup) return done();
    const script = el("script", { src: AP.siteLink(page, "assets/permanence/js/pages/backup.js") });
    script.addEventListener("load", done);
    script.addEventListener("error", done);
    doc().head.append(script);
  }

  function mountDelete(s) {
    const open = AP.button("Delete everything", { class: "ap-button ap-danger", "aria-haspopup": "dialog" });
    const state = saveState();
    state.classList.add("ap-delete-state");
    s.append(open, state);
    const dialog = el("dialog", { class: "ap-dialog", "aria-labelledby": "ap-delete-title", "aria-describedby": "ap-delete-what" });
    dialog.append(el("h2", { id: "ap-delete-title" }, "Delete everything?"),
      el("p", { id: "ap-delete-what" }, "This deletes everything this site keeps in this browser: your goals, " +
        "study plan, self-ratings, reflections, progress, quiz results and settings. It cannot be undone."),
      el("p", {}, "Download a backup first, so that you can bring your notes back later."));
    const backup = AP.button("Download a backup", { disabled: "", "aria-describedby": "ap-delete-backup" });
    const note = el("span", { id: "ap-delete-backup", class: "ap-hint" }, "Getting the backup ready…");
    const row = el("p");
    row.append(backup, " ", note);
    const confirm = AP.button("Yes, delete everything", { class: "ap-button ap-danger" }), cancel = AP.button("Cancel");
    const actions = el("p", { class: "ap-goal-actions" });
    actions.append(confirm, " ", cancel);
    dialog.append(row, actions);
    s.append(dialog);
    open.addEventListener("click", () => {
      dialog.showModal();
      cancel.focus();
      loadBackup(() => {
        const ready = !!(AP.backup && typeof AP.backup.download === "function");
        backup.disabled = !ready;
        note.textContent = ready ? "" : "Backups are not available in this copy of the site. Copy " +
          "anything you want to keep from this page before you delete.";
      });
    });
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => { if (doc().body.contains(open)) open.focus(); });
    backup.addEventListener("click", () => {
      const result = AP.backup.download() || {};
      note.textContent = result.ok === false ? result.message || "The backup could not be made."
        : "Backup downloaded" + (result.fileName ? " as " + result.fileName : "") + ". Keep it somewhere safe. " +
          (result.problem || "");
    });
    confirm.addEventListener("click", () => {
      const result = store.clearAll();
      dialog.close();
      const text = result.ok ? "Everything this site kept in this browser has been deleted." : "Not deleted: " + result.message;
      render();
      container.querySelector(".ap-delete-state").textContent = text;
      const heading = container.querySelector("#ap-plan-delete");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    });
  }

  const doc = () => root.document;
  // While My plan draws, each collection is read from the store once (the summary and the
  // sections share the copies): with 1,000 records a read is a good part of the drawing time.
  let lists = null;
  const listOf = (c) => (lists ? lists[c] || (lists[c] = store.list(c)) : store.list(c));

  /** What My plan holds, at a glance, each part a link to its section (with the contents list,
   *  filled by contents() from the drawn headings). */
  function summary() {
    const goals = listOf("goals"), reflections = listOf("reflections").filter((r) => String(r.text || "").trim());
    const rated = new Set(listOf("ratings").filter((r) => r.value > 0).map((r) => r.outcome));
    const total = Object.keys(manifest.outcomes || {}).length;
    const today = isoDay(new Date());
    const next = goals.filter((g) => g.targetDate && g.targetDate >= today && goalStatus(g) !== "achieved" && goalStatus(g) !== "dropped")
      .map((g) => g.targetDate).sort()[0];
    const nav = el("nav", { class: "ap-plan-summary-nav", "aria-label": "My plan at a glance" });
    const ul = el("ul", { class: "ap-plan-summary" });
    const item = (href, text) => { const li = el("li"); li.append(el("a", { href: "#" + href }, text)); ul.append(li); };
    const n = (k, one, many) => k + " " + (k === 1 ? one : many);
    item("ap-plan-goals", n(goals.length, "goal", "goals"));
    item("ap-plan-reflections", n(reflections.length, "reflection", "reflections"));
    item("self-rating", rated.size + " of " + total + " outcomes rated");
    item("ap-plan-goals", next ? "Next target: " + formatDay(next) : "No target date yet");
    nav.append(ul);
    return nav;
  }

  /** Material's contents list is written at build time, before the plan is drawn: fill it with
   *  the plan's sections, so that a long plan can be moved around. */
  function contents(d) {
    const toc = d.querySelector(".md-sidebar--secondary nav.md-nav--secondary");
    if (!toc || !container) return;
    let list = toc.querySelector("ul.md-nav__list");
    if (!list) {
      list = el("ul", { class: "md-nav__list", "data-md-component": "toc" });
      toc.append(list);
    }
    if (list.querySelector("[data-ap-plan-toc]")) return;
    container.querySelectorAll("section.ap-plan-section > h2[id]").forEach((h) => {
      const li = el("li", { class: "md-nav__item", "data-ap-plan-toc": "" });
      const a = el("a", { class: "md-nav__link", href: "#" + h.id });
      a.append(el("span", { class: "md-ellipsis" }, h.textContent));
      li.append(a);
      list.append(li);
    });
  }

  /** Draw My plan; keepGoals: leave the goals section as it is (a goal editor is open there),
   *  and redraw the others in place. */
  function render(keepGoals) {
    performance.mark("ap-plan-render-start");
    lists = {};
    el = AP.el;
    cardShape = null;
    if (keepGoals === true) stale = true;
    else { stale = false; editors.clear(); }
    const frag = doc().createDocumentFragment();
    frag.append(AP.privacyParts("ap-plan")[0]);
    if (keepGoals !== true) frag.append(summary());
    const parts = [
      ["ap-plan-progress", "Your progress", "Pages you have marked done (and quizzes taken), pages visited and your latest quiz results.", (s) => {
        const box = el("div", { class: "ap-progress-box" });
        s.append(box);
        if (AP.renderProgress) AP.renderProgress(box, page, store);
      }],
      ["ap-plan-study", "Study plan", "When you mean to take each module.", mountStudyPlan],
      ["ap-plan-goals", "Goals", "", mountGoals],
      ["self-rating", "Self-rating", "How confident are you in each learning outcome? Rate each one at the start " +
        "of the course, when module 1 asks you to evaluate your current practice, and again at the end, when the " +
        "last module reviews your learning. The two are shown side by side.", mountRatings],
      ["ap-plan-reflections", "Reflections", "Everything you have written in the modules' reflection boxes, module by module. " +
        "To change a reflection, open its page.", mountReflections],
      ["ap-plan-delete", "Delete everything", "Remove all your notes and records from this browser.", mountDelete]
    ];
    parts.forEach((/** @type {any[]} */ p) => {
      const old = keepGoals === true && container.querySelector("section[aria-labelledby='" + p[0] + "']");
      if (old && p[0] === "ap-plan-goals") return;
      const s = section(p[0], p[1], p[2]);
      p[3](s);
      if (old) old.replaceWith(s);
      else frag.append(s);
    });
    if (keepGoals !== true) {
      container.textContent = "";
      container.append(frag);
    }
    lists = null;
    performance.mark("ap-plan-render-end");
    performance.measure("ap:plan:render", "ap-plan-render-start", "ap-plan-render-end");
  }

  function mount(d, current) {
    const box = d.querySelector("[data-ap-plan]");
    if (!box || !AP.store) return;
    // learner.js (AP.el and friends) comes after the page's own scripts: wait for it if need be.
    if (!AP.el) return d.addEventListener("DOMContentLoaded", () => mount(d, current), { once: true });
    AP.once(box, "plan", () => {
      store = AP.store;
      manifest = AP.manifest();
      page = current;
      container = box;
      const data = d.getElementById("ap-frameworks");
      frameworks = AP.parseJSON(data ? data.getAttribute("data-json") : "", []) || [];
      if (!d.querySelector("link[data-ap-plan-css]")) {
        d.head.append(AP.el("link", { rel: "stylesheet", href: AP.siteLink(page, "assets/permanence/css/plan.css"), "data-ap-plan-css": "" }));
      }
      render();
      contents(d);
      // A link to a part of the plan (my-plan/#self-rating) followed by instant navigation: the
      // theme looked for its target before the plan was drawn, so go there now.
      // A hash that is not valid percent-encoding (#%E0%A4%A) leads nowhere, and stops nothing.
      let id = "";
      try { id = decodeURIComponent(root.location.hash.slice(1)); } catch (e) { id = ""; }
      const target = id && d.getElementById(id);
      if (target && box.contains(target)) target.scrollIntoView();
      // Another tab changed something, or everything was deleted: draw again. Our own changes
      // are drawn where they are made, so that the learner's place and focus are kept.
      let queued = false;
      if (unsubscribe) unsubscribe();
      unsubscribe = store.onChange((change) => {
        if (change.source === "this-tab") return;
        // An open goal editor follows its goal and stays open, with what is typed in it.
        if (change.collection === "goals" || change.collection === "*") editors.forEach((e) => e.follow());
        if (queued || !d.body.contains(box)) return;
        queued = true;
        root.requestAnimationFrame(() => { queued = false; if (d.body.contains(box)) render(editors.size > 0); });
      });
    });
  }

  // On a full page load this content script may run before core.js; after instant navigation
  // everything is already there.
  const start = () => AP.register("plan", mount);
  if (AP.register) start();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", start);
  if (typeof module === "object" && module.exports) {
    module.exports = { statusLabel, isoDay, formatDay, appliesOn, standardLabel, groupReflections,
      ratingRows, ratingChange };
  }
})(typeof window !== "undefined" ? window : globalThis);
