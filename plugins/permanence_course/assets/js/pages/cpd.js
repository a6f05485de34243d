/* cpd.js: the CPD evidence page. A printable CPD record of the learner's work on the course, a
 * helper for Social Work England's CPD records (its rules are dated data from
 * modules/cpd-rules.yml, inlined as #ap-cpd-rules), a supervision agenda and log, and
 * Markdown and CSV downloads. What the site drafts comes only from the learner's own reflections
 * and goals (and the names of what they studied); the peer reflection only from what they type.
 * Mounts into [data-ap-cpd]; a page script, so it runs again after instant navigation. */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  // -- dates: "YYYY-MM-DD", counted in whole UTC days so that clock changes never move a day ----
  const DAY = 864e5;
  const pad = (n) => (n < 10 ? "0" : "") + n;
  const isoDate = (d) => d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  const ymd = (s) => s.split("-").map(Number);
  const dayNumber = (s) => { const [y, m, d] = ymd(s); return Date.UTC(y, m - 1, d) / DAY; };
  const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const validDate = (s) => typeof s === "string" && /^\d{4}-\d\d-\d\d$/.test(s) &&
    fromDay(dayNumber(s)) === s;
  /** The learner's local date of a stored time stamp. */
  const localDate = (stamp) => {
    const d = new Date(stamp || "");
    return isNaN(d.getTime()) ? "" : isoDate(d);
  };
  /** "30 November 2026" for "2026-11-30", read as a local date (never a day early). */
  const longDate = (s) => {
    if (!validDate(s)) return "";
    const [y, m, d] = ymd(s);
    return AP.formatDate(new Date(y, m - 1, d));
  };
  /** "30/11/2026": how UK forms take a date. */
  const ukDate = (s) => validDate(s) ? s.split("-").reverse().join("/") : "";
  const dayMonth = (m, d) => longDate("2000-" + pad(m) + "-" + pad(d)).replace(/ 2000$/, "");
  /** "11.59pm" for "23:59". */
  function clockTime(hm) {
    const [h, m] = String(hm || "23:59").split(":").map(Number);
    return (h % 12 || 12) + "." + pad(m || 0) + (h < 12 ? "am" : "pm");
  }
  const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  const count = (n, one, many) => (WORDS[n] || n) + " " + (n === 1 ? one : many || one + "s");
  const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
  const orList = (list) => list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " or " + list[list.length - 1];

  // -- Social Work England's rules, as data --------------------------------------------------
  /** The registration year a date falls in, named by the year it starts (2025: 1 December 2025
   *  to 30 November 2026). */
  function registrationYear(date, rules) {
    const [y, m, d] = ymd(date), r = rules.registration_year;
    return m > r.start_month || (m === r.start_month && d >= r.start_day) ? y : y - 1;
  }
  /** First and last day of a registration year. */
  function yearBounds(year, rules) {
    const r = rules.registration_year, md = "-" + pad(r.start_month) + "-" + pad(r.start_day);
    return { start: year + md, end: fromDay(dayNumber((year + 1) + md) - 1) };
  }
  function yearName(year, rules) {
    const b = yearBounds(year, rules);
    return longDate(b.start) + " to " + longDate(b.end);
  }
  /** The current registration year, its last day and the days left to it (0 on the day). */
  function deadline(today, rules) {
    const year = registrationYear(today, rules), end = yearBounds(year, rules).end;
    return { year, end, days: dayNumber(end) - dayNumber(today) };
  }
  function deadlineText(today, rules) {
    const d = deadline(today, rules), due = "by " + clockTime(rules.registration_year.deadline_time);
    if (d.days === 0) return "Today, " + longDate(d.end) + ", is the last day of this registration " +
      "year: this year's records are due " + due + " today.";
    return count(d.days, "day").replace(/^\w/, (c) => c.toUpperCase()) + " left to " +
      longDate(d.end) + ": this year's records are due " + due + " on that day.";
  }
  /** The rules in plain words, from the data. */
  function ruleLines(rules) {
    const r = rules.registration_year, last = yearBounds(2000, rules).end.slice(5).split("-");
    return [
      "Record at least " + count(rules.pieces_per_year, "different piece") + " of CPD in each " +
        "registration year, which runs from " + dayMonth(r.start_month, r.start_day) + " to " +
        dayMonth(+last[0], +last[1]) + ". Records are due by " + clockTime(r.deadline_time) +
        " on its last day.",
      "At least " + WORDS[rules.peer_reflections_per_year] + " of them must include a peer " +
        "reflection: what you learnt from discussing the activity with a peer. It records a real " +
        "discussion, so only you can write it.",
      "The date of each record must fall inside the registration year you are renewing for, and " +
        "a record already used for an earlier year does not count again."
    ].concat(rules.notes || []);
  }

  // -- CPD records -----------------------------------------------------------------------------
  const PEER = ["date", "role", "learnt"];
  const filled = (v) => typeof v === "string" && v.trim() !== "";
  /** Is the peer reflection written: when, the peer's role and what the learner learnt? */
  const peerDone = (p) => !!p && PEER.every((k) => filled(p[k]));
  const sourceKey = (r) => r.source && r.source.kind ? r.source.kind + ":" + r.source.id : "";
  const FIELDS = ["type", "description", "learnt", "impact"];

  /** What is wrong with a record, as {code, text}. "no-date", "outside", "used", "empty" stop it
   *  counting; "reused" and "peer" are for the learner to check. */
  function recordWarnings(record, records, rules) {
    const out = [], add = (code, text) => out.push({ code, text });
    const name = yearName(record.year, rules), b = yearBounds(record.year, rules);
    if (!validDate(record.date)) add("no-date", "Add the date of the activity.");
    else if (record.date < b.start || record.date > b.end) {
      add("outside", "The date, " + longDate(record.date) + ", is outside the registration year " +
        name + ". A record only counts for the year its date falls in.");
    }
    if (typeof record.usedForYear === "number" && record.usedForYear < record.year) {
      add("used", "You used this record for the registration year " +
        yearName(record.usedForYear, rules) + ". A record already used for an earlier year does " +
        "not count again.");
    }
    const key = sourceKey(record);
    const earlier = key && records.find((r) => r.id !== record.id && sourceKey(r) === key &&
      (typeof r.usedForYear === "number" ? r.usedForYear : r.year) < record.year);
    if (earlier) {
      add("reused", "You also made a record from this " + record.source.kind + " for " +
        yearName(typeof earlier.usedForYear === "number" ? earlier.usedForYear : earlier.year, rules) +
        ". A record already used for an earlier year does not count again: make sure this one is " +
        "about a different piece of CPD.");
    }
    const empty = FIELDS.filter((f) => !filled(record[f]));
    if (empty.length) add("empty", "Fill in every part of the record before you copy it to the form.");
    if (record.peer && PEER.some((k) => filled(record.peer[k])) && !peerDone(record.peer)) {
      add("peer", "The peer reflection needs when you discussed it, the peer's role and what you " +
        "learnt from the discussion.");
    }
    return out;
  }
  const BLOCKING = { "no-date": 1, outside: 1, used: 1, empty: 1 };

  /** How a registration year's records stand against the minimum. */
  function yearSummary(year, records, rules) {
    const mine = records.filter((r) => r.year === year);
    const counting = mine.filter((r) => !recordWarnings(r, records, rules).some((w) => BLOCKING[w.code]));
    const pieces = new Set(counting.map((r) => sourceKey(r) || r.id)).size;
    const peers = counting.filter((r) => peerDone(r.peer)).length;
    return {
      records: mine.length, pieces, peers,
      morePieces: Math.max(0, rules.pieces_per_year - pieces),
      morePeers: Math.max(0, rules.peer_reflections_per_year - peers)
    };
  }
  function summaryText(s, rules) {
    if (!s.records) return "No records for this year yet. " + rules.regulator + " asks for at least " +
      count(rules.pieces_per_year, "different piece") + " of CPD, " + WORDS[rules.peer_reflections_per_year] +
      " of them with a peer reflection.";
    const have = "You have " + count(s.records, "record") + " for this year: " +
      count(s.pieces, "different piece") + " of CPD ready to count, " +
      (s.peers ? WORDS[s.peers] || s.peers : "none") + " of them with a peer reflection.";
    const need = [];
    if (s.morePieces) need.push(count(s.morePieces, "more different piece") + " of CPD");
    if (s.morePeers) need.push("a peer reflection on at least " + WORDS[s.morePeers] + " of them");
    return have + (need.length ? " Still needed: " + need.join(", and ") + "."
      : " That covers Social Work England's minimum of " + count(rules.pieces_per_year, "piece") +
        ", " + WORDS[rules.peer_reflections_per_year] + " with a peer reflection.");
  }
  const byDate = (a, b) => (a.date || "") < (b.date || "") ? -1 : (a.date || "") > (b.date || "") ? 1 : 0;
  /** Records grouped by registration year (each in date order), newest first; the current year is always there. */
  function groupByYear(records, today, rules) {
    const years = new Set(records.map((r) => r.year));
    years.add(registrationYear(today, rules));
    return Array.from(years).sort((a, b) => b - a)
      .map((year) => ({ year, records: records.filter((r) => r.year === year).sort(byDate) }));
  }

  // -- the learner's work, from the store and the manifest ---------------------------------------
  const pageOf = (ctx, id) => (ctx.manifest.pages || {})[id] || {};
  const moduleInfo = (ctx, n) => (ctx.manifest.modules || []).find((m) => m.number === n);
  const moduleName = (ctx, n) => { const m = moduleInfo(ctx, n); return m ? "Module " + n + ": " + m.title : "Module " + n; };
  const courseTitle = (ctx) => (ctx.manifest.course || {}).title || "the course";
  /** Entries the personal-data check flags, for the learner to review before a print or an
   *  export: [{what: "Reflection: ...", found: ["a postcode", ...]}]. Nothing is changed or
   *  blocked. find(text) is learner.js's findPersonalData. Pure. */
  function flaggedEntries(ctx, find) {
    const out = [];
    const check = (what, texts) => {
      const found = find(texts.filter(filled).join("\n"));
      if (found.length) out.push({ what, found });
    };
    written(ctx.reflections || []).forEach((r) => check(asReflection(reflectionTitle(ctx, r)), [r.text]));
    (ctx.goals || []).forEach((g) => check("Goal: " + (g.title || "Untitled goal"), [g.title, g.actions, g.measure]));
    (ctx.cpd || []).forEach((c) => check("Social Work England record: " + (c.title || c.type || "a record"),
      Object.keys(c).filter((k) => typeof c[k] === "string" && !/^(id|created|updated|year|kind|source|date)$/.test(k)).map((k) => c[k])));
    return out;
  }

  function reflectionModule(ctx, r) {
    const prompt = (ctx.manifest.reflections || {})[r.id] || {};
    return r.module || pageOf(ctx, prompt.page || r.page).module || null;
  }
  const reflectionTitle = (ctx, r) =>
    ((ctx.manifest.reflections || {})[r.id] || r.promptSnapshot || {}).title || "Reflection";
  /** "Reflection: ..." (prompt titles mostly say so already). */
  const asReflection = (title) => /^reflection\b/i.test(title) ? title : "Reflection: " + title;
  const outcomeModule = (ctx, id) => ((ctx.manifest.outcomes || {})[id] || {}).module || null;
  const goalModules = (ctx, g) =>
    Array.from(new Set((g.outcomes || []).map((o) => outcomeModule(ctx, o)).filter(Boolean)));
  const outcomeText = (ctx, id, snapshots) =>
    ((ctx.manifest.outcomes || {})[id] || {}).text || (snapshots || {})[id] || id;
  const written = (list) => list.filter((r) => filled(r.text));
  const STATUS = { "not-started": "Not started", "in-progress": "In progress", achieved: "Achieved", dropped: "Dropped" };
  function duration(minutes) {
    const h = Math.floor(minutes / 60), m = minutes % 60;
    return [h && h + (h === 1 ? " hour" : " hours"), m && m + " minutes"].filter(Boolean).join(" ") || "0 minutes";
  }
  const activityName = (ctx, n) => courseTitle(ctx) + (n ? ", " + moduleName(ctx, n) : "");
  const join = (list) => list.filter(filled).join("\n\n");

  /** A new CPD record's fields, drafted only from the learner's own reflections and goals (and
   *  the names of what they studied). The type and the peer reflection are theirs to write. */
  function draftRecord(kind, id, ctx) {
    const refl = written(ctx.reflections), goals = ctx.goals;
    const inModule = (n) => ({
      reflections: refl.filter((r) => reflectionModule(ctx, r) === n),
      goals: goals.filter((g) => goalModules(ctx, g).indexOf(n) >= 0)
    });
    let description, date, learnt, impact;
    if (kind === "module") {
      const n = Number(id), mine = inModule(n);
      const dates = ctx.progress.filter((p) => pageOf(ctx, p.id).module === n)
        .map((p) => localDate(p.lastVisited || p.visited || p.updated))
        .concat(mine.reflections.map((r) => localDate(r.updated))).filter(Boolean).sort();
      description = [activityName(ctx, n)].concat(mine.goals.map((g) => g.title)).join("\n");
      date = dates.pop() || ctx.today;
      learnt = join(mine.reflections.map((r) => r.text));
      impact = join(mine.goals.map((g) => g.actions));
    } else if (kind === "reflection") {
      const r = refl.find((x) => x.id === id) || {}, n = reflectionModule(ctx, r), mine = inModule(n);
      description = [activityName(ctx, n)].concat(mine.goals.map((g) => g.title)).join("\n");
      date = localDate(r.created) || ctx.today;
      learnt = r.text || "";
      impact = join(mine.goals.map((g) => g.actions));
    } else {
      const g = goals.find((x) => x.id === id) || {}, ns = goalModules(ctx, g);
      description = (ns.length ? ns : [null]).map((n) => activityName(ctx, n)).concat(g.title || []).join("\n");
      date = localDate(g.updated) || ctx.today;
      learnt = join(refl.filter((r) => ns.indexOf(reflectionModule(ctx, r)) >= 0).map((r) => r.text));
      impact = join([g.actions, g.measure]);
    }
    return { type: "", description, date, learnt, impact, source: { kind, id: String(id) },
      year: registrationYear(date, ctx.rules), usedForYear: null, peer: null };
  }

  /** What a CPD record can be made from: modules studied, reflections written, goals set. */
  function recordSources(ctx) {
    const out = [];
    const studied = new Set(ctx.progress.map((p) => pageOf(ctx, p.id).module)
      .concat(written(ctx.reflections).map((r) => reflectionModule(ctx, r))).filter(Boolean));
    (ctx.manifest.modules || []).forEach((m) => {
      if (studied.has(m.number)) out.push({ kind: "module", id: String(m.number), label: moduleName(ctx, m.number) });
    });
    written(ctx.reflections).forEach((r) => out.push({ kind: "reflection", id: r.id, label: asReflection(reflectionTitle(ctx, r)) }));
    ctx.goals.filter((g) => filled(g.title)).forEach((g) => out.push({ kind: "goal", id: g.id, label: "Goal: " + g.title }));
    return out;
  }
  function sourceLabel(ctx, source) {
    const found = recordSources(ctx).find((s) => s.kind === source.kind && s.id === source.id);
    return found ? found.label : "A " + source.kind + " no longer on this device";
  }

  /** The printable record's content: one entry a module the learner worked on. */
  function buildRecord(ctx) {
    const modules = (ctx.manifest.modules || []).map((m) => {
      const n = m.number, pages = ctx.progress.filter((p) => pageOf(ctx, p.id).module === n);
      const reflections = written(ctx.reflections).filter((r) => reflectionModule(ctx, r) === n);
      const goals = ctx.goals.filter((g) => goalModules(ctx, g).indexOf(n) >= 0);
      const ratings = (m.outcomes || []).map((o) => {
        const at = (phase) => (ctx.ratings.find((r) => r.id === o + ":" + phase) || {}).value;
        return { outcome: o, text: outcomeText(ctx, o), start: at("start"), end: at("end") };
      }).filter((r) => r.start || r.end);
      const dates = pages.map((p) => localDate(p.visited || p.updated))
        .concat(pages.map((p) => localDate(p.lastVisited || p.visited || p.updated)))
        .concat(reflections.map((r) => localDate(r.created)), reflections.map((r) => localDate(r.updated)))
        .filter(Boolean).sort();
      const minutes = pages.filter((p) => p.done).reduce((t, p) => t + (pageOf(ctx, p.id).minutes || 0), 0);
      const quizPage = (m.pages || []).find((id) => ctx.quiz[id]);
      return {
        number: n, title: moduleName(ctx, n), from: dates[0] || "", to: dates[dates.length - 1] || "",
        minutes, reflections, goals, ratings,
        quiz: ctx.includeQuiz && quizPage ? ctx.quiz[quizPage] : null
      };
    }).filter((m) => m.from || m.reflections.length || m.goals.length || m.ratings.length);
    return { modules, otherGoals: ctx.goals.filter((g) => !goalModules(ctx, g).length) };
  }
  /** "SWE standards 4.6: Reflection" for "swe:4.6", from the frameworks inlined on the page. */
  function standardName(ref, frameworks) {
    const at = String(ref).indexOf(":"), id = String(ref).slice(0, at), code = String(ref).slice(at + 1);
    const fw = (frameworks || []).find((x) => x.id === id), item = fw && (fw.items || []).find((i) => i.code === code);
    return item ? (fw.short_title || fw.title) + " " + code + ": " + item.title +
      (item.wording === "unconfirmed" ? " (wording not yet confirmed)" : "") : String(ref);
  }
  let frameworks = [];
  const standardsText = (list) => (list || []).map((r) => standardName(r, frameworks)).join("; ");
  function studiedText(m) {
    if (!m.from) return "";
    return m.from === m.to ? "Studied on " + longDate(m.from) + "." : "Studied from " + longDate(m.from) + " to " + longDate(m.to) + ".";
  }
  const TIME_NOTE = "Time spent is the course's estimate for the pages you marked done, shown " +
    "for your own record: it is not a Social Work England requirement.";
  function goalLine(g) {
    return [(Object.prototype.hasOwnProperty.call(STATUS, g.status) && STATUS[g.status]) || "Not started", g.targetDate && "target date " + longDate(g.targetDate)]
      .filter(Boolean).join(", ");
  }
  const quizText = (q) => "Quiz: " + q.score + " of " + q.total + " correct (latest attempt" +
    (q.updated ? ", " + longDate(localDate(q.updated)) : "") + ").";

  // -- downloads ---------------------------------------------------------------------------------
  /** One CSV cell. A cell a spreadsheet would read as a formula gets a leading apostrophe, so it
   *  stays text: one starting =, +, -, @ (or their full-width forms ＝ ＋ － ＠, which some
   *  spreadsheets take as the same), after any spaces or line breaks, or starting with a tab,
   *  carriage return or line feed. */
  function csvCell(value) {
    let s = value === null || value === undefined ? "" : String(value);
    if (/^[\s\u00a0\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  const CSV_HEADER = ["Date", "Module", "Activity", "Minutes", "Outcome ids", "Standards"];
  function toCSV(rows) {
    return "\ufeff" + [CSV_HEADER].concat(rows).map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }
  /** One row a learning activity: date, module, activity, minutes, outcome ids, standards. */
  function activityRows(ctx) {
    const rows = [], list = (a) => (a || []).join("; ");
    ctx.progress.forEach((p) => {
      const pg = pageOf(ctx, p.id);
      if (!pg.title) return;
      rows.push([localDate(p.lastVisited || p.visited || p.updated), pg.module || "",
        (p.done ? "Studied: " : "Visited: ") + pg.title, p.done ? pg.minutes || "" : "", list(pg.outcomes), ""]);
    });
    written(ctx.reflections).forEach((r) => {
      const prompt = (ctx.manifest.reflections || {})[r.id] || {};
      rows.push([localDate(r.updated), reflectionModule(ctx, r) || "", asReflection(reflectionTitle(ctx, r)), "",
        list(pageOf(ctx, prompt.page || r.page).outcomes), list(r.standards)]);
    });
    ctx.goals.forEach((g) => rows.push([localDate(g.updated), goalModules(ctx, g).join("; "),
      "Goal (" + (STATUS[g.status] || "Not started").toLowerCase() + "): " + (g.title || ""), "",
      list(g.outcomes), list(g.standards)]));
    ctx.supervision.forEach((s) => rows.push([s.date || localDate(s.updated), "",
      "Supervision discussion" + (filled(s.withRole) ? " with " + s.withRole : ""), "", "", ""]));
    if (ctx.includeQuiz) {
      Object.keys(ctx.quiz).forEach((id) => {
        const q = ctx.quiz[id];
        rows.push([localDate(q.updated), pageOf(ctx, id).module || "", quizText(q).replace(/ \(.*/, ""), "", "", ""]);
      });
    }
    return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  // The learner's words in Markdown stay words: HTML is escaped (no <script>, <img onerror>,
  // <iframe> or autolink runs when a Markdown tool renders the file), and a link is kept only as
  // [text](http(s) address); every other bracket is escaped, so no javascript: or data: link,
  // image or reference is made.
  const SAFE_LINK = /\[([^[\]\n]{1,500})\]\((https?:\/\/[^\s()<>"'`\\]{1,2000})\)/g;
  const escMd = (s) => s.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/([[\]`!])/g, "\\$1");
  /** Text of the learner's (or stored) as inert Markdown. */
  function mdText(value) {
    const s = value === null || value === undefined ? "" : String(value);
    let out = "", last = 0, m;
    SAFE_LINK.lastIndex = 0;
    while ((m = SAFE_LINK.exec(s))) {
      out += escMd(s.slice(last, m.index)) + "[" + escMd(m[1]) + "](" + m[2] + ")";
      last = m.index + m[0].length;
    }
    return out + escMd(s.slice(last));
  }
  const mdCell = (s) => mdText(s).replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
  /** The whole record in Markdown, for a portfolio: every stored word through mdText. */
  function recordMarkdown(ctx) {
    const out = ["# Continuing professional development record", ""], rec = buildRecord(ctx), t = mdText;
    const p = ctx.profile || {};
    if (filled(p.name)) out.push("- Name: " + t(p.name));
    if (filled(p.registration)) out.push("- Social Work England registration number: " + t(p.registration));
    out.push("- Course: " + t(courseTitle(ctx)) + ((ctx.manifest.course || {}).version ? " (version " + t(ctx.manifest.course.version) + ")" : ""),
      "- Produced on " + longDate(ctx.today), "", TIME_NOTE, "");
    const goals = (list) => list.forEach((g) => {
      out.push("- **" + mdCell(g.title || "Untitled goal") + "**: " + goalLine(g) + ".");
      if (filled(g.actions)) out.push("  Actions: " + mdCell(g.actions));
      if (filled(g.measure)) out.push("  How I will know: " + mdCell(g.measure));
      if ((g.standards || []).length) out.push("  Standards: " + mdCell(standardsText(g.standards)));
    });
    rec.modules.forEach((m) => {
      out.push("## " + mdCell(m.title), "");
      const when = studiedText(m);
      out.push([when, m.minutes && "Time spent: " + duration(m.minutes) + "."].filter(Boolean).join(" "), "");
      if (m.reflections.length) {
        out.push("### Reflections", "");
        m.reflections.forEach((r) => {
          out.push("#### " + mdCell(reflectionTitle(ctx, r)), "", "_Written " + longDate(localDate(r.created)) +
            ((r.standards || []).length ? ". Standards: " + mdCell(standardsText(r.standards)) : "") + "._", "", t(r.text), "");
        });
      }
      if (m.goals.length) { out.push("### Goals", ""); goals(m.goals); out.push(""); }
      if (m.ratings.length) {
        out.push("### Self-ratings (1 to 5)", "", "| Outcome | At the start | At the end |", "| --- | --- | --- |");
        m.ratings.forEach((r) => out.push("| " + mdCell(r.text) + " | " + mdCell(r.start || "") + " | " + mdCell(r.end || "") + " |"));
        out.push("");
      }
      if (m.quiz) out.push(t(quizText(m.quiz)), "");
    });
    if (rec.otherGoals.length) { out.push("## Other goals", ""); goals(rec.otherGoals); out.push(""); }
    if (ctx.cpd.length) {
      out.push("## Social Work England CPD records", "");
      groupByYear(ctx.cpd, ctx.today, ctx.rules).filter((y) => y.records.length).forEach((y) => {
        out.push("### " + yearName(y.year, ctx.rules), "");
        y.records.forEach((r, i) => {
          const f = ctx.rules.fields;
          out.push("#### Record " + (i + 1) + ": " + mdCell(sourceLabel(ctx, r.source)), "",
            "**" + f.type + "**: " + mdCell(r.type || ""), "", "**" + f.date + "**: " + longDate(r.date), "",
            "**" + f.description + "**:", "", t(r.description), "", "**" + f.learnt + "**:", "", t(r.learnt), "",
            "**" + f.impact + "**:", "", t(r.impact), "");
          if (peerDone(r.peer)) {
            out.push("**" + f.peer + "** (" + longDate(r.peer.date) + ", with " + mdCell(r.peer.role) + "):", "", t(r.peer.learnt), "");
          }
        });
      });
    }
    if (ctx.supervision.length) {
      out.push("## Supervision log", "");
      logEntries(ctx).forEach((s) => {
        out.push("### " + mdCell(logTitle(s)), "");
        if (filled(s.discussed)) out.push("What we discussed: " + t(s.discussed), "");
        if (filled(s.agreedActions)) out.push("Actions we agreed: " + t(s.agreedActions), "");
      });
    }
    return out.join("\n").replace(/\n{3,}/g, "\n\n");
  }
  const logEntries = (ctx) => ctx.supervision.slice().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const logTitle = (s) => (longDate(s.date) || "Undated") + (filled(s.withRole) ? ", with " + s.withRole : "");

  /** Everything flagged "take to supervision": reflections and goals. */
  function agendaItems(ctx) {
    return written(ctx.reflections).filter((r) => r.supervision === true).map((r) => ({
      title: reflectionTitle(ctx, r), module: reflectionModule(ctx, r), text: r.text
    })).concat(ctx.goals.filter((g) => g.supervision === true).map((g) => ({
      title: "Goal: " + (g.title || ""), module: goalModules(ctx, g)[0] || null,
      text: join([g.actions, g.measure])
    })));
  }
  function agendaMarkdown(ctx) {
    const out = ["# Supervision agenda", "", "Prepared on " + longDate(ctx.today) +
      ". Everything I flagged to take to supervision.", ""];
    agendaItems(ctx).forEach((item, i) => {
      out.push("## " + (i + 1) + ". " + mdCell(item.title + (item.module ? " (" + moduleName(ctx, item.module) + ")" : "")), "");
      if (filled(item.text)) out.push(mdText(item.text), "");
    });
    return out.join("\n");
  }

  // -- the page ----------------------------------------------------------------------------------
  /** Data the build inlined on this page (#ap-<name>), or null. */
  function pageData(doc, name) {
    const el = doc.getElementById("ap-" + name);
    return el ? AP.parseJSON(el.getAttribute("data-json"), null) : null;
  }

  function mount(doc, page) {
    const box = doc.querySelector("[data-ap-cpd]");
    if (!box || !AP.store) return;
    // learner.js (the personal-data check) comes after the page's own scripts: wait if need be.
    if (!AP.warnPersonal) return doc.addEventListener("DOMContentLoaded", () => mount(doc, page), { once: true });
    AP.once(box, "cpd", () => start(doc, box, page));
  }

  function start(doc, box, page) {
    const store = AP.store, rules = pageData(doc, "cpd-rules");
    frameworks = pageData(doc, "frameworks") || [];
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
      box.append(h("p", { role: "alert" }, "This page is missing Social Work England's CPD rules: the site needs rebuilding."));
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
    [["name", "Your name", "name"], ["registration", "Your Social Work England registration number", "off"]].forEach(([key, label, auto]) => {
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
      if (filled(p.registration)) row("Social Work England registration number", p.registration);
      row("Course", courseTitle(ctx) + ((ctx.manifest.course || {}).version ? " (version " + ctx.manifest.course.version + ")" : ""));
      row("Produced on", longDate(ctx.today));
      const goalList = (goals) => h("ul", {}, goals.map((g) => h("li", {},
        h("strong", {}, g.title || "Untitled goal"), ": " + goalLine(g) + ".",
        filled(g.actions) && h("span", { class: "ap-cpd-line" }, "Actions: " + g.actions),
        filled(g.measure) && h("span", { class: "ap-cpd-line" }, "How I will know: " + g.measure),
        // A count of 0 would be drawn as the text "0": only a true/false decides what shows.
        (g.standards || []).length > 0 && h("span", { class: "ap-cpd-line" }, "Standards: " + standardsText(g.standards)))));
      record.replaceChildren(h("h3", { id: "ap-cpd-record-title" }, "Continuing professional development record"),
        details, h("p", { class: "ap-cpd-note" }, TIME_NOTE));
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

    // -- Social Work England records ----------------------------------------------------------------
    const f = rules.fields;
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
    function save(rec, now) {
      if (pending[rec.id]) root.clearTimeout(pending[rec.id].timer);
      delete pending[rec.id];
      if (now) return report(store.put("cpd", rec));
      pending[rec.id] = { rec, timer: root.setTimeout(() => save(rec, true), 400) };
    }
    const saveAll = () => Object.keys(pending).forEach((id) => save(pending[id].rec, true));

    function editor(rec, summary) {
      const key = (k) => fieldId(rec.id + "-" + k);
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
        warnings,
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

  if (typeof module === "object" && module.exports) {
    module.exports = {
      validDate, localDate, longDate, ukDate, clockTime, registrationYear, yearBounds, yearName,
      deadline, deadlineText, ruleLines, peerDone, recordWarnings, yearSummary, summaryText,
      groupByYear, draftRecord, recordSources, buildRecord, duration, standardName, csvCell, toCSV, activityRows,
      recordMarkdown, agendaItems, agendaMarkdown, mdText, flaggedEntries
    };
  }
})(typeof window !== "undefined" ? window : globalThis);
