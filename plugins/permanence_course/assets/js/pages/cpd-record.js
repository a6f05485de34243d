/* cpd-record.js: the pure parts of the CPD evidence page (pages/cpd.js): dates of the
 * registration year, the regulator's rules in words, drafting records from the learner's
 * own work, the printable record's contents, the Markdown and CSV exports, the supervision
 * agenda, and the entries the personal-data check flags before an export. Data in, data out:
 * no page, no storage (covered by node --test, tests/js/cpd.test.js and journey.test.js).
 * Published as AP.cpdRecord for the page code; loaded before it (`scripts: [cpd-record, cpd]`). */
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

  // -- the regulator's rules, as data (modules/cpd-rules.yml) -----------------------------------
  /** The regulator's name, from the CPD rules data (`regulator`), never written in the code. */
  const regulatorOf = (rules, otherwise) => (rules && rules.regulator) || otherwise || "the regulator";
  /** What a CPD record is called for the learner: "Social Work England record". */
  const recordName = (rules) => (rules && rules.regulator ? rules.regulator + " record" : "CPD record");
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
      : " That covers " + regulatorOf(rules) + "'s minimum of " + count(rules.pieces_per_year, "piece") +
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
    (ctx.cpd || []).forEach((c) => check(recordName(ctx.rules) + ": " + (c.title || c.type || "a record"),
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
    // A record may have no source (written from scratch, or restored from another device).
    if (!source || typeof source.kind !== "string") return "A CPD record";
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
  /** The professional standards frameworks the page inlines (#ap-frameworks), for standards'
   *  names in the record and exports. */
  const useFrameworks = (list) => { frameworks = Array.isArray(list) ? list : []; };
  const standardsText = (list) => (list || []).map((r) => standardName(r, frameworks)).join("; ");
  function studiedText(m) {
    if (!m.from) return "";
    return m.from === m.to ? "Studied on " + longDate(m.from) + "." : "Studied from " + longDate(m.from) + " to " + longDate(m.to) + ".";
  }
  const timeNote = (rules) => "Time spent is the course's estimate for the pages you marked done, " +
    "shown for your own record: it is not " + (rules && rules.regulator ? "a " + rules.regulator : "the regulator's") +
    " requirement.";
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
    if (filled(p.registration)) out.push("- " + regulatorOf(ctx.rules, "Regulator") + " registration number: " + t(p.registration));
    out.push("- Course: " + t(courseTitle(ctx)) + ((ctx.manifest.course || {}).version ? " (version " + t(ctx.manifest.course.version) + ")" : ""),
      "- Produced on " + longDate(ctx.today), "", timeNote(ctx.rules), "");
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
      out.push("## " + regulatorOf(ctx.rules, "Regulator") + " CPD records", "");
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
  const api = {
      validDate, localDate, longDate, ukDate, clockTime, registrationYear, yearBounds, yearName, deadline,
      deadlineText, ruleLines, peerDone, recordWarnings, yearSummary, summaryText, groupByYear, draftRecord,
      recordSources, buildRecord, duration, standardName, csvCell, toCSV, activityRows, recordMarkdown,
      agendaItems, agendaMarkdown, mdText, flaggedEntries, isoDate, count, lowerFirst, orList, PEER, filled,
      moduleName, courseTitle, reflectionTitle, sourceLabel, standardsText, studiedText, timeNote, goalLine,
      quizText, logEntries, logTitle, useFrameworks
  };
  AP.cpdRecord = api;
  // The page code may have run first (scripts a page adds after instant navigation load in
  // any order): it left word to be called when this is here.
  if (typeof AP.cpdRecordReady === "function") { const ready = AP.cpdRecordReady; AP.cpdRecordReady = null; ready(); }
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
