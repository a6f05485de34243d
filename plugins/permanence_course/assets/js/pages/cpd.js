/* cpd.js: the CPD evidence page. A printable CPD record of the learner's work on the course, a
 * helper for the regulator's CPD records (its rules are dated data from
 * modules/cpd-rules.yml, inlined as #ap-cpd-rules), a supervision agenda and log, and
 * Markdown and CSV downloads. What the site drafts comes only from the learner's own reflections
 * and goals (and the names of what they studied); the peer reflection only from what they type.
 * Mounts into [data-ap-cpd]; a page script, so it runs again after instant navigation. This is
 * the page code only: what it draws and exports is built by the pure functions of
 * pages/cpd-record.js (AP.cpdRecord), loaded with it. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  let R; // AP.cpdRecord, once the page mounts

  function pageData(doc, name) {
    const el = doc.getElementById("ap-" + name);
    return el ? AP.parseJSON(el.getAttribute("data-json"), null) : null;
  }

  function mount(doc, page) {
    const box = doc.querySelector("[data-ap-cpd]");
    if (!box || !AP.store) return;
    // learner.js (the personal-data check) comes after the page's own scripts: wait if need be.
    if (!AP.warnPersonal) return doc.addEventListener("DOMContentLoaded", () => mount(doc, page), { once: true });
    // The record's pure parts (cpd-record.js) may load after this script: wait for them.
    if (!AP.cpdRecord) { AP.cpdRecordReady = () => mount(doc, page); return; }
    AP.once(box, "cpd", () => start(doc, box, page));
  }

  function start(doc, box, page) {
    R = AP.cpdRecord;
    const {
      isoDate, validDate, localDate, longDate, ukDate, count, lowerFirst, orList, yearName, deadline,
      deadlineText, ruleLines, PEER, filled, recordWarnings, yearSummary, summaryText, moduleName,
      courseTitle, flaggedEntries, reflectionTitle, duration, draftRecord, recordSources, sourceLabel,
      buildRecord, standardsText, studiedText, timeNote, goalLine, quizText, toCSV, activityRows,
      recordMarkdown, logEntries, logTitle, agendaItems, agendaMarkdown, groupByYear
    } = R;
    const store = AP.store, rules = pageData(doc, "cpd-rules");
    R.useFrameworks(pageData(doc, "frameworks") || []);
    const h = (tag, attrs, ...kids) => {
      const el = doc.createElement(tag);
      Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== false && v !== undefined) el.setAttribute(k, v === true ? "" : v); });
      kids.flat().forEach((kid) => { if (kid !== null && kid !== false && kid !== undefined && kid !== "") el.append(kid); });
      return el;
    };
    const button = (label, fn, attrs) => {
      const b = h("button", Object.assign({ type: "button", class: "md-button" }, attrs), label);
      b.addEventListener("click", fn);
      return b;
    };
    const SCREEN = "ap-screen-only";
    box.textContent = "";
    // Styles for this page only, inside the content so they leave with it on navigation.
    box.append(h("link", { rel: "stylesheet", href: AP.siteLink(page, "assets/permanence/css/cpd.css") }));
    if (!rules) {
      box.append(h("p", { role: "alert" }, "This page is missing the regulator's CPD rules: the site needs rebuilding."));
      return;
    }
    const problem = h("p", { role: "alert", class: "ap-cpd-problem " + SCREEN });
    const report = (result) => {
      problem.textContent = result && result.ok === false ? result.message : "";
      return !!(result && result.ok);
    };
    let ctx;
    const gather = () => {
      const m = AP.manifest(), quiz = {};
      Object.keys(m.pages || {}).forEach((id) => { const q = store.quizResult(id); if (q) quiz[id] = q; });
      ctx = {
        manifest: m, rules, quiz, today: isoDate(new Date()),
        profile: store.getSetting("profile", {}) || {}, includeQuiz: store.getSetting("cpdQuizScores", false) === true,
        // A learner's notes before scenario stages count among their reflections (stages.js).
        reflections: store.list("reflections").concat(AP.stageNotes ?
          AP.stageNotes.asReflections(store.list(AP.stageNotes.COLLECTION), m) : []),
        goals: store.list("goals"), ratings: store.list("ratings"),
        progress: store.list("progress"), cpd: store.list("cpd"), supervision: store.list("supervision")
      };
    };
    const download = (name, type, text) => {
      const a = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
      doc.body.append(a);
      a.click();
      a.remove();
      root.setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    };
    const printAs = (what) => {
      doc.documentElement.setAttribute("data-ap-print", what);
      root.addEventListener("afterprint", () => doc.documentElement.removeAttribute("data-ap-print"), { once: true });
      root.print();
    };
    const copy = (text, label, note) => {
      if (!String(text || "").trim()) {
        note.textContent = "Nothing to copy yet";
        AP.announce("Nothing to copy yet: " + label + " is empty.");
        return;
      }
      const done = () => { note.textContent = "Copied"; AP.announce("Copied " + label + "."); };
      const fallback = () => {
        const t = h("textarea", { class: "ap-visually-hidden", "aria-hidden": "true" });
        t.value = text;
        doc.body.append(t);
        t.select();
        let ok = false;
        try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
        t.remove();
        if (ok) done();
        else problem.textContent = "Your browser did not let the site copy. Select the text and copy it yourself.";
      };
      const clip = root.navigator.clipboard;
      if (clip && clip.writeText) clip.writeText(text).then(done, fallback);
      else fallback();
    };
    const fieldId = (key) => "ap-cpd-" + key.replace(/[^\w-]/g, "-");
    // Before a print or an export: what the personal-data check flagged, for the learner to
    // review. Never blocked, never changed by the site: they go on, or go back and check.
    const review = h("dialog", { class: "ap-dialog ap-cpd-review", "aria-labelledby": "ap-cpd-review-title" });
    box.append(review);
    const reviewFirst = (verb, go) => {
      const flagged = flaggedEntries(ctx, AP.findPersonalData);
      if (!flagged.length || !review.showModal) return go();
      const on = button(verb + " anyway", () => { review.close(); go(); }, { class: "md-button ap-button--primary" });
      const back = button("Go back and check", () => review.close());
      review.replaceChildren(h("h2", { id: "ap-cpd-review-title" }, "Check for personal details first"),
        h("p", {}, "These entries look as if they may include details that could identify someone. " +
          "The site has not changed them. To change one, open it where you wrote it."),
        h("ul", {}, flagged.map((f) => h("li", {}, h("strong", {}, f.what), ": may include " + f.found.join(", ") + "."))),
        h("p", { class: "ap-cpd-actions" }, on, " ", back));
      review.showModal();
      back.focus();
    };

    // -- your details ---------------------------------------------------------------------------
    const profile = h("section", { class: SCREEN, "aria-labelledby": "ap-cpd-you" },
      h("h2", { id: "ap-cpd-you" }, "Your details (optional)"),
      h("p", {}, "Add these only if you want them on your printed record. They stay in this browser on this device."));
    let profileTimer = 0;
    [["name", "Your name", "name"], ["registration", "Your " + rules.regulator + " registration number", "off"]].forEach(([key, label, auto]) => {
      const input = h("input", { type: "text", id: "ap-cpd-profile-" + key, autocomplete: auto, "data-ap-key": "profile-" + key });
      input.value = (store.getSetting("profile", {}) || {})[key] || "";
      const saveProfile = () => {
        root.clearTimeout(profileTimer);
        const p = Object.assign({}, store.getSetting("profile", {}) || {}, { [key]: input.value.trim() });
        if (report(store.setSetting("profile", p))) refresh(["record"]);
      };
      input.addEventListener("input", () => { root.clearTimeout(profileTimer); profileTimer = root.setTimeout(saveProfile, 400); });
      input.addEventListener("change", saveProfile);
      profile.append(h("p", { class: "ap-cpd-field" }, h("label", { for: input.id }, label), input));
    });

    // -- the printable record ---------------------------------------------------------------------
    const quizBox = h("input", { type: "checkbox", id: "ap-cpd-quiz", "data-ap-key": "quiz" });
    quizBox.addEventListener("change", () => {
      if (report(store.setSetting("cpdQuizScores", quizBox.checked))) refresh(["record"]);
      AP.announce(quizBox.checked ? "Your quiz scores are now in the record." : "Your quiz scores are now left out of the record.");
    });
    const record = h("article", { class: "ap-cpd-record", "aria-labelledby": "ap-cpd-record-title" });
    const recordSection = h("section", { "aria-labelledby": "ap-cpd-record-heading" },
      h("h2", { id: "ap-cpd-record-heading", class: SCREEN }, "Your CPD record"),
      h("p", { class: SCREEN }, "Your work on the course, in your own words, ready for registration renewal, " +
        "supervision or appraisal. To save it as a PDF, print it and choose \u201cSave as PDF\u201d as the printer."),
      h("p", { class: SCREEN + " ap-cpd-check" }, quizBox, h("label", { for: "ap-cpd-quiz" }, "Add my quiz scores to the record (they are left out unless you add them)")),
      h("p", { class: SCREEN + " ap-cpd-actions" },
        button("Print or save as PDF", () => reviewFirst("Print", () => printAs("record")), { class: "md-button ap-button--primary" }),
        button("Download for a portfolio (Markdown)", () => reviewFirst("Download", () => download("cpd-record-" + ctx.today + ".md", "text/markdown", recordMarkdown(ctx)))),
        button("Download activities (CSV)", () => reviewFirst("Download", () => download("cpd-activities-" + ctx.today + ".csv", "text/csv", toCSV(activityRows(ctx)))))),
      record);

    function renderRecord() {
      quizBox.checked = ctx.includeQuiz;
      const rec = buildRecord(ctx), p = ctx.profile, details = h("dl", { class: "ap-cpd-details" });
      const row = (k, v) => details.append(h("dt", {}, k), h("dd", {}, v));
      if (filled(p.name)) row("Name", p.name);
      if (filled(p.registration)) row(rules.regulator + " registration number", p.registration);
      row("Course", courseTitle(ctx) + ((ctx.manifest.course || {}).version ? " (version " + ctx.manifest.course.version + ")" : ""));
      row("Produced on", longDate(ctx.today));
      const goalList = (goals) => h("ul", {}, goals.map((g) => h("li", {},
        h("strong", {}, g.title || "Untitled goal"), ": " + goalLine(g) + ".",
        filled(g.actions) && h("span", { class: "ap-cpd-line" }, "Actions: " + g.actions),
        filled(g.measure) && h("span", { class: "ap-cpd-line" }, "How I will know: " + g.measure),
        // A count of 0 would be drawn as the text "0": only a true/false decides what shows.
        (g.standards || []).length > 0 && h("span", { class: "ap-cpd-line" }, "Standards: " + standardsText(g.standards)))));
      record.replaceChildren(h("h3", { id: "ap-cpd-record-title" }, "Continuing professional development record"),
        details, h("p", { class: "ap-cpd-note" }, timeNote(rules)));
      if (!rec.modules.length && !rec.otherGoals.length) {
        record.append(h("p", {}, "Nothing to show yet. As you study, write reflections and set goals, your record builds up here."));
      }
      rec.modules.forEach((m) => {
        const s = h("section", { class: "ap-cpd-module" }, h("h4", {}, m.title),
          h("p", {}, [studiedText(m), m.minutes && "Time spent: " + duration(m.minutes) + "."].filter(Boolean).join(" ")));
        if (m.reflections.length) {
          s.append(h("h5", {}, "Reflections"));
          m.reflections.forEach((r) => s.append(h("div", { class: "ap-cpd-piece" },
            h("p", {}, h("strong", {}, reflectionTitle(ctx, r))),
            h("p", { class: "ap-cpd-meta" }, "Written " + longDate(localDate(r.created)) +
              ((r.standards || []).length ? ". Standards: " + standardsText(r.standards) : "") + "."),
            h("p", { class: "ap-cpd-text" }, r.text))));
        }
        if (m.goals.length) s.append(h("h5", {}, "Goals"), goalList(m.goals));
        if (m.ratings.length) {
          s.append(h("h5", {}, "Self-ratings (1 to 5)"), h("table", {},
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Outcome"), h("th", { scope: "col" }, "At the start"), h("th", { scope: "col" }, "At the end"))),
            h("tbody", {}, m.ratings.map((r) => h("tr", {}, h("td", {}, r.text), h("td", {}, String(r.start || "")), h("td", {}, String(r.end || "")))))));
        }
        if (m.quiz) s.append(h("p", {}, quizText(m.quiz)));
        record.append(s);
      });
      if (rec.otherGoals.length) record.append(h("section", { class: "ap-cpd-module" }, h("h4", {}, "Other goals"), goalList(rec.otherGoals)));
    }

    // -- the regulator's records ------------------------------------------------------------------
    const f = rules.fields;
    // The record's fields in the learner's own words (kept as versions when two tabs differ).
    const TEXTS = ["type", "description", "learnt", "impact"];
    const sourceSelect = h("select", { id: "ap-cpd-source", "data-ap-key": "source" });
    const years = h("div", { class: "ap-cpd-years" });
    const deadlineLine = h("p", { class: "ap-cpd-deadline" });
    const helper = h("section", { class: SCREEN, "aria-labelledby": "ap-cpd-swe" },
      h("h2", { id: "ap-cpd-swe" }, rules.regulator + " CPD records"),
      h("div", { class: "ap-cpd-rules" },
        h("h3", {}, rules.regulator + "'s CPD rules, as at " + longDate(rules.rules_as_at)),
        h("ul", {}, ruleLines(rules).map((line) => h("li", {}, line))),
        filled(rules.changes) && h("p", {}, rules.changes)),
      deadlineLine,
      AP.privacyParts("ap-cpd-helper")[0],
      h("p", {}, "Start a record from your work here: the site drafts it from your own reflections and " +
        "goals, and you check and finish it. Then copy each part into " + rules.regulator + "'s online form."),
      h("p", { class: "ap-cpd-start" }, h("label", { for: "ap-cpd-source" }, "Make a record from"), " ", sourceSelect, " ",
        button("Start a record", () => {
          const [kind, ...rest] = sourceSelect.value.split(":");
          if (!kind) return;
          const result = store.put("cpd", draftRecord(kind, rest.join(":"), ctx));
          if (!report(result)) return;
          refresh();
          const heading = doc.getElementById(fieldId(result.record.id + "-heading"));
          if (heading) heading.focus();
          AP.announce("Record started for the registration year " + yearName(result.record.year, rules) + ".");
        })),
      years);

    // A keystroke changes the record at once and saves it a moment later: one write per pause.
    const pending = {};
    // Each record as this tab last drew or saved it: what another tab changed since is kept.
    const bases = {};
    function save(rec, now) {
      if (pending[rec.id]) root.clearTimeout(pending[rec.id].timer);
      delete pending[rec.id];
      if (now) {
        // Another tab may have saved this record since: its changes are kept, and where both
        // changed the same words, its words are kept as another version to choose from.
        const merged = AP.mergeEdit(bases[rec.id], rec, store.get("cpd", rec.id), TEXTS);
        const result = store.put("cpd", merged.record);
        if (result && result.ok) {
          bases[rec.id] = result.record;
          Object.assign(rec, result.record);
          if (merged.conflict) {
            AP.announce("This record was also changed in another tab. Both versions are kept, in the record.");
            refresh();
          }
        }
        return report(result);
      }
      pending[rec.id] = { rec, timer: root.setTimeout(() => save(rec, true), 400) };
    }
    const saveAll = () => Object.keys(pending).forEach((id) => save(pending[id].rec, true));

    function editor(rec, summary) {
      const key = (k) => fieldId(rec.id + "-" + k);
      bases[rec.id] = Object.assign({}, rec);
      // Words another tab saved at the same time as this one: shown to choose from, never lost.
      const others = h("div", { class: "ap-versions", hidden: "" });
      const labels = {};
      TEXTS.forEach((k) => { labels[k] = f[k]; });
      AP.showVersions(others, rec.versions, labels, (i) => {
        const v = rec.versions[i], list = rec.versions.slice(), swap = { saved: rec.updated };
        TEXTS.forEach((k) => { if (typeof v[k] === "string") { swap[k] = rec[k] || ""; rec[k] = v[k]; } });
        list[i] = swap;
        rec.versions = list;
        save(rec, true);
        refresh();
      }, (i) => {
        rec.versions = rec.versions.filter((x, j) => j !== i);
        save(rec, true);
        refresh();
      });
      const warnings = h("ul", { class: "ap-cpd-warnings" });
      const showWarnings = () => {
        const found = recordWarnings(rec, ctx.cpd, rules);
        warnings.replaceChildren(...found.map((w) => h("li", { "data-code": w.code }, w.text)));
        warnings.hidden = !found.length;
        summary();
      };
      const changed = (now) => { showWarnings(); save(rec, now); };
      const counted = (input, label, value, name, attrs) => {
        const id = key(name), note = h("span", { class: "ap-cpd-copied", "aria-hidden": "true" });
        const countEl = h("span", { class: "ap-cpd-count", id: id + "-count" });
        const text = () => input.value;
        const setCount = () => { countEl.textContent = text().length + (text().length === 1 ? " character" : " characters"); note.textContent = ""; };
        Object.entries(Object.assign({ id, "data-ap-key": id, "aria-describedby": id + "-count" }, attrs)).forEach(([k, v]) => input.setAttribute(k, v));
        input.value = value || "";
        input.addEventListener("input", setCount);
        setCount();
        return h("div", { class: "ap-cpd-field" }, h("label", { for: id }, label), input,
          h("p", { class: "ap-cpd-tools" }, countEl, " ",
            button("Copy", () => copy(text(), lowerFirst(label), note), { "aria-label": "Copy " + lowerFirst(label), class: "md-button ap-cpd-copy" }), " ", note));
      };
      const textField = (name, multiline) => {
        const input = h(multiline ? "textarea" : "input", multiline ? { rows: 4 } : { type: "text" });
        input.addEventListener("input", () => { rec[name] = input.value; changed(false); });
        input.addEventListener("change", () => save(rec, true));
        return counted(input, f[name], rec[name], name);
      };
      // The date: the form takes it as dd/mm/yyyy, so that is what "Copy" gives.
      const date = h("input", { type: "date", id: key("date"), "data-ap-key": key("date"), value: validDate(rec.date) ? rec.date : "" });
      const dateNote = h("span", { class: "ap-cpd-copied", "aria-hidden": "true" });
      date.addEventListener("change", () => { rec.date = date.value; save(rec, true); refresh(); });
      const yearSelect = h("select", { id: key("year"), "data-ap-key": key("year") });
      const yearOptions = new Set(ctx.cpd.map((r) => r.year).concat([deadline(ctx.today, rules).year, deadline(ctx.today, rules).year - 1]));
      Array.from(yearOptions).sort((a, b) => b - a).forEach((y) => {
        const o = h("option", { value: String(y) }, yearName(y, rules));
        o.selected = y === rec.year;
        yearSelect.append(o);
      });
      yearSelect.addEventListener("change", () => { rec.year = Number(yearSelect.value); save(rec, true); refresh(); });

      // The peer reflection: never drafted, empty until the learner writes it.
      const peer = Object.assign({ date: "", role: "", learnt: "" }, rec.peer || {});
      const peerChanged = (name, value) => {
        peer[name] = value;
        rec.peer = PEER.some((k) => filled(peer[k])) ? { date: peer.date, role: peer.role, learnt: peer.learnt } : null;
        changed(false);
      };
      const peerDate = h("input", { type: "date", id: key("peer-date"), "data-ap-key": key("peer-date"), value: peer.date });
      peerDate.addEventListener("change", () => { peerChanged("date", peerDate.value); save(rec, true); });
      const roles = h("datalist", { id: key("peer-roles") }, (rules.peer_roles || []).map((r) => h("option", { value: r })));
      const peerRole = h("input", { type: "text", id: key("peer-role"), "data-ap-key": key("peer-role"), list: key("peer-roles") });
      peerRole.value = peer.role;
      peerRole.addEventListener("input", () => peerChanged("role", peerRole.value));
      const peerText = h("textarea", { rows: 4 });
      peerText.addEventListener("input", () => peerChanged("learnt", peerText.value));
      [peerRole, peerText].forEach((el) => el.addEventListener("change", () => save(rec, true)));

      const used = h("input", { type: "checkbox", id: key("used"), "data-ap-key": key("used") });
      used.checked = typeof rec.usedForYear === "number";
      used.addEventListener("change", () => { rec.usedForYear = used.checked ? rec.year : null; changed(true); });

      const section = h("section", { class: "ap-cpd-entry", "aria-labelledby": key("heading") },
        h("h4", { id: key("heading"), tabindex: "-1" }, sourceLabel(ctx, rec.source)),
        warnings, others,
        h("div", { class: "ap-cpd-field" }, h("label", { for: key("year") }, "Registration year"), yearSelect),
        textField("type", false), textField("description", true),
        h("div", { class: "ap-cpd-field" }, h("label", { for: key("date") }, f.date), date,
          h("p", { class: "ap-cpd-tools" }, button("Copy", () => copy(ukDate(date.value), "the date", dateNote),
            { "aria-label": "Copy the date", class: "md-button ap-cpd-copy" }), " ", dateNote)),
        textField("learnt", true), textField("impact", true),
        h("fieldset", { class: "ap-cpd-peer" }, h("legend", {}, f.peer),
          h("p", { class: "ap-cpd-hint" }, "Only you can write this, after a real discussion of this activity with a peer: " +
            orList(rules.peer_roles || []) + ". The site never writes or suggests it."),
          h("div", { class: "ap-cpd-field" }, h("label", { for: key("peer-date") }, "When you discussed it"), peerDate),
          h("div", { class: "ap-cpd-field" }, h("label", { for: key("peer-role") }, "The peer's role"), peerRole, roles),
          counted(peerText, f.peer_learnt, peer.learnt, "peer-learnt")),
        h("p", { class: "ap-cpd-check" }, used, h("label", { for: key("used") }, "I have submitted this record to " + rules.regulator + " for this registration year")),
        h("p", {}, button("Delete this record", () => {
          if (!root.confirm("Delete this CPD record? This cannot be undone.")) return;
          if (!report(store.remove("cpd", rec.id))) return;
          if (pending[rec.id]) root.clearTimeout(pending[rec.id].timer);
          delete pending[rec.id];
          refresh();
          sourceSelect.focus();
          AP.announce("Record deleted.");
        }, { "aria-label": "Delete the record " + sourceLabel(ctx, rec.source) })));
      showWarnings();
      return section;
    }

    function renderHelper() {
      deadlineLine.textContent = deadlineText(ctx.today, rules);
      const current = sourceSelect.value, groups = {};
      sourceSelect.replaceChildren(h("option", { value: "" }, "Choose a module, reflection or goal"));
      recordSources(ctx).forEach((s) => {
        const name = { module: "Modules you studied", reflection: "Your reflections", goal: "Your goals" }[s.kind];
        groups[name] = groups[name] || sourceSelect.appendChild(h("optgroup", { label: name }));
        groups[name].append(h("option", { value: s.kind + ":" + s.id }, s.label));
      });
      sourceSelect.value = current;
      years.replaceChildren(...groupByYear(ctx.cpd, ctx.today, rules).map((y) => {
        const status = h("p", { class: "ap-cpd-summary" });
        const summary = () => { status.textContent = summaryText(yearSummary(y.year, ctx.cpd, rules), rules); };
        const isCurrent = y.year === deadline(ctx.today, rules).year;
        return h("section", { class: "ap-cpd-year", "aria-labelledby": "ap-cpd-year-" + y.year },
          h("h3", { id: "ap-cpd-year-" + y.year }, yearName(y.year, rules) + (isCurrent ? " (this registration year)" : "")),
          status, y.records.map((r) => editor(r, summary)), (summary(), null));
      }));
    }

    // -- supervision --------------------------------------------------------------------------------
    const agenda = h("div", { class: "ap-cpd-agenda" });
    const log = h("div", { class: "ap-cpd-log-entries" });
    const logFields = [["date", "Date", "input", { type: "date" }], ["withRole", "Who with (their role)", "input", { type: "text" }],
      ["discussed", "What you discussed", "textarea", { rows: 3 }], ["agreedActions", "Actions you agreed", "textarea", { rows: 3 }]];
    const logInputs = {};
    const logForm = h("form", { class: "ap-cpd-log-form", "aria-labelledby": "ap-cpd-log-heading" });
    logFields.forEach(([name, label, tag, attrs]) => {
      const input = logInputs[name] = h(tag, Object.assign({ id: "ap-cpd-log-" + name, "data-ap-key": "log-" + name }, attrs));
      logForm.append(h("div", { class: "ap-cpd-field" }, h("label", { for: input.id }, label), input));
    });
    logForm.append(h("p", {}, h("button", { type: "submit", class: "md-button" }, "Add to the log")));
    logForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const entry = {};
      logFields.forEach(([name]) => { entry[name] = logInputs[name].value.trim(); });
      if (!entry.discussed && !entry.agreedActions) {
        problem.textContent = "Write what you discussed or the actions you agreed before adding it to the log.";
        return logInputs.discussed.focus();
      }
      if (!report(store.put("supervision", entry))) return;
      logFields.forEach(([name]) => { logInputs[name].value = name === "date" ? ctx.today : ""; });
      refresh();
      AP.announce("Added to your supervision log.");
    });
    const supervision = h("section", { "aria-labelledby": "ap-cpd-sup" },
      h("h2", { id: "ap-cpd-sup", class: SCREEN }, "Supervision"),
      agenda,
      h("p", { class: SCREEN + " ap-cpd-actions" },
        button("Download the agenda (Markdown)", () => reviewFirst("Download", () => download("supervision-agenda-" + ctx.today + ".md", "text/markdown", agendaMarkdown(ctx)))),
        button("Print the agenda", () => reviewFirst("Print", () => printAs("agenda")))),
      h("div", { class: SCREEN }, h("h3", { id: "ap-cpd-log-heading" }, "Supervision log"),
        h("p", {}, "A short note of each supervision discussion. Keep case details out of it."), logForm, log));

    function renderSupervision() {
      const items = agendaItems(ctx);
      agenda.replaceChildren(h("h3", {}, "Agenda for supervision"),
        h("p", {}, "Prepared on " + longDate(ctx.today) + ": everything you flagged \u201ctake to supervision\u201d."),
        items.length ? h("ol", {}, items.map((item) => h("li", {},
          h("strong", {}, item.title), item.module ? " (" + moduleName(ctx, item.module) + ")" : "",
          filled(item.text) && h("span", { class: "ap-cpd-text ap-cpd-line" }, item.text))))
          : h("p", {}, "Nothing flagged yet. On My plan, tick \u201ctake to supervision\u201d beside a reflection to add it here."));
      if (!logInputs.date.value) logInputs.date.value = ctx.today;
      const entries = logEntries(ctx);
      log.replaceChildren(...(entries.length ? entries.map((s) => h("div", { class: "ap-cpd-piece" },
        h("h4", {}, logTitle(s)),
        filled(s.discussed) && h("p", { class: "ap-cpd-text" }, "What we discussed: " + s.discussed),
        filled(s.agreedActions) && h("p", { class: "ap-cpd-text" }, "Actions we agreed: " + s.agreedActions),
        h("p", {}, button("Delete this entry", () => {
          if (!root.confirm("Delete this supervision log entry? This cannot be undone.")) return;
          if (report(store.remove("supervision", s.id))) { refresh(); logInputs.date.focus(); AP.announce("Entry deleted."); }
        }, { "aria-label": "Delete the entry " + logTitle(s) })))) : [h("p", {}, "No supervision discussions logged yet.")]));
    }

    // -- putting it together ------------------------------------------------------------------------
    const parts = { record: renderRecord, helper: renderHelper, supervision: renderSupervision };
    /** Redraw (all parts unless named), keeping focus on the same control. */
    // Where the learner writes (not their own name): a gentle warning when text looks like
    // personal data, as on the module pages; never a block.
    const WRITTEN = ".ap-cpd-entry textarea, .ap-cpd-entry input[type=text], .ap-cpd-log-form textarea, .ap-cpd-log-form input[type=text]";
    function checkPersonal(input) {
      const id = input.id + "-warn";
      let warn = doc.getElementById(id);
      if (!warn) {
        input.after(warn = h("p", { class: "ap-pd-warning", id }));
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
      }
      AP.warnPersonal(warn, input.value);
    }
    box.addEventListener("input", (e) => { if (e.target.matches(WRITTEN)) checkPersonal(e.target); });
    function refresh(only) {
      const active = doc.activeElement, focusKey = active && box.contains(active) && active.getAttribute("data-ap-key");
      saveAll();
      gather();
      (only || Object.keys(parts)).forEach((name) => parts[name]());
      box.querySelectorAll(WRITTEN).forEach(checkPersonal);
      if (focusKey) {
        const again = box.querySelector('[data-ap-key="' + focusKey + '"]');
        if (again && again !== doc.activeElement) again.focus();
      }
    }
    box.append(problem, profile, recordSection, helper, supervision);
    refresh();
    // Another tab, a backup restored, everything deleted: redraw. This page's own edits need not.
    const off = store.onChange((e) => {
      if (!doc.body.contains(box)) { saveAll(); off(); return; }
      if (e.source !== "this-tab" || e.collection === "*") refresh();
    });
    root.addEventListener("pagehide", saveAll);
  }

  // On a full page load this content script runs before the global scripts (core.js, store.js);
  // after instant navigation they are already there.
  const register = () => AP.register("cpd", mount);
  if (AP.register) register();
  else if (root.document) root.document.addEventListener("DOMContentLoaded", register);

  // Node (tests/js/cpd.test.js) reads the pure parts through this file as before.
  if (typeof module === "object" && module.exports) module.exports = require("./cpd-record.js");
})(typeof window !== "undefined" ? window : globalThis);
