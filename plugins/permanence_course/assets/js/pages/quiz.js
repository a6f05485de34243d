/* quiz.js: the one adapter between mkdocs-quiz's markup and the way this course's quizzes teach.
 *
 * mkdocs-quiz (1.7.1) builds each question on the server: <div class="quiz" id="quiz-N"
 * data-outcomes="..."> (the outcome marker, moved there by html.py), its .quiz-question, a <form>
 * with a <fieldset> of options (<div><input name="answer" value="i" data-correct><label>
 * <div class="answer-feedback hidden">reason</div></div>), a .quiz-feedback box and a Submit
 * button, then the explanation in <section class="content hidden">. Its own script
 * (vendor/mkdocs-quiz.js, see quiz.py) marks the right answer after any wrong one, shows only the
 * chosen option's reason, counts an empty submit as a wrong answer and keeps answers in its own
 * "quiz_progress_<path>" key. This adapter keeps that markup and replaces that behaviour:
 *
 * - Every submit on a quiz form is taken here first (a capturing listener on the document), so
 *   mkdocs-quiz's own handler never runs: nothing is shown or recorded but what is below.
 * - A submit with nothing chosen says "Choose an answer first" and changes nothing.
 * - A wrong first try marks only the options chosen wrongly, with their reasons; the right answer
 *   stays hidden. A second try, or "Show the answer", settles the question.
 * - A settled question marks the right answer in place and gives every option's reason, the
 *   learner's own first, and the explanation.
 * - "Question n of N" on each question, "n answered · n right first time" above them, and after
 *   the last an end-of-quiz summary: the score, results per learning outcome (from each
 *   question's outcome marker), links to the pages that teach the outcomes missed and "Add to my
 *   plan" for them (outcomes.js's control), and "Start again", which clears the whole quiz.
 * - The learner's answers are kept in the learner record (store.js, collection "quiz", one record
 *   per page: the score, the question set's hash and each question's state). A quiz page counts
 *   as done only when every question is settled (store.js's currentQuizResult).
 *
 * Loaded only on quiz pages (the plugin adds it to their `scripts`), after mkdocs-quiz's code; a
 * page script, so it runs again after instant navigation and mounts on Material's document$.
 */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});
  const VENDOR_KEY = "quiz_progress_";

  // -- pure (node --test) ---------------------------------------------------------------------

  /** Option values as the string kept in a record: "0,2". */
  const pickedText = (values) => values.slice().sort().join(",");
  const sameSet = (a, b) => pickedText(a) === pickedText(b);

  /** What a submit does to a question's state: {state, result}. result is "blank" (nothing
   *  chosen), "same" (the wrong answer tried before), "right", "wrong" (a first wrong try, still
   *  open), "wrong-again" (settled) or "settled" (already settled: nothing changes). */
  function judge(st, chosen, correct) {
    st = st || {};
    if (st.settled) return { state: st, result: "settled" };
    if (!chosen.length) return { state: st, result: "blank" };
    if (st.tries && pickedText(chosen) === st.picked) return { state: st, result: "same" };
    const tries = (st.tries || 0) + 1, right = sameSet(chosen, correct);
    const next = { tries: tries, picked: pickedText(chosen), settled: right || tries >= 2,
      right: right, first: right && tries === 1, shown: false };
    return { state: next, result: right ? "right" : tries >= 2 ? "wrong-again" : "wrong" };
  }

  /** A question the learner asked to see answered: settled, not right. */
  function reveal(st) {
    st = st || {};
    if (st.settled) return st;
    return { tries: st.tries || 0, picked: st.picked || "", settled: true, right: false,
      first: false, shown: true };
  }

  /** {total, answered, right}: questions settled, and of those right first time. */
  function tally(ids, state) {
    const settled = ids.filter((id) => state[id] && state[id].settled);
    return { total: ids.length, answered: settled.length,
      right: settled.filter((id) => state[id].first).length };
  }

  /** Per outcome, in the order the questions name them: {outcome, total, right, answered}. */
  function outcomeResults(questions, state) {
    const by = {}, order = [];
    questions.forEach((q) => q.outcomes.forEach((o) => {
      if (!by[o]) { by[o] = { outcome: o, total: 0, answered: 0, right: 0 }; order.push(o); }
      const st = state[q.id] || {};
      by[o].total++;
      if (st.settled) by[o].answered++;
      if (st.settled && st.first) by[o].right++;
    }));
    return order.map((o) => by[o]);
  }

  /** mkdocs-quiz's saved answers ({quizId: {answered, correct, selectedValues}}) as this
   *  adapter's state for the questions on the page: each answered question settled, as it was
   *  shown then (mkdocs-quiz showed the right answer after any wrong one). */
  function fromVendor(saved, ids) {
    const state = {};
    if (!saved || typeof saved !== "object") return state;
    ids.forEach((id) => {
      const q = saved[id];
      if (!q || q.answered !== true || typeof q.correct !== "boolean") return;
      const picked = Array.isArray(q.selectedValues) ? q.selectedValues.map(String) : [];
      state[id] = { tries: 1, picked: pickedText(picked), settled: true, right: q.correct,
        first: q.correct, shown: false };
    });
    return state;
  }

  const plural = (n, one, many) => n + " " + (n === 1 ? one : many || one + "s");
  const tallyText = (t) => t.answered + " of " + t.total + " answered · " + t.right +
    " right first time";

  // -- in the browser -------------------------------------------------------------------------
  const doc = root.document;
  // The quiz page mounted now, shared by every run of this script (it runs again after instant
  // navigation, while the one submit listener stays from the first run).
  const shared = AP.quizAdapter || (AP.quizAdapter = { current: null, hooked: false, watching: false });

  function make(tag, attrs, text) {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => node.setAttribute(k, attrs[k]));
    if (text) node.textContent = text;
    return node;
  }
  const textButton = (text, attrs) => make("button", Object.assign({ type: "button",
    class: "ap-button" }, attrs), text);

  /** The page's questions as the adapter sees them. */
  function readQuestions(article) {
    return Array.prototype.map.call(article.querySelectorAll("div.quiz[id]"), (el) => {
      const options = Array.prototype.map.call(el.querySelectorAll("fieldset > div"), (div) => {
        const input = div.querySelector("input[name='answer']");
        const label = div.querySelector("label");
        return { div: div, input: input, value: input ? input.value : "",
          label: label ? label.textContent.replace(/\s+/g, " ").trim() : "",
          reason: div.querySelector(".answer-feedback"),
          right: !!input && input.getAttribute("data-correct") === "true" };
      }).filter((o) => o.input);
      return { id: el.id, el: el, options: options,
        outcomes: (el.getAttribute("data-outcomes") || "").split(/\s+/).filter(Boolean),
        multiple: options.some((o) => o.input.type === "checkbox"),
        form: el.querySelector("form"), feedback: el.querySelector(".quiz-feedback"),
        submit: el.querySelector("form button[type='submit']"),
        explanation: el.querySelector("section.content") };
    });
  }

  function vendorKey() { return VENDOR_KEY + root.location.pathname; }
  function readVendor() {
    try { return AP.parseJSON(root.localStorage.getItem(vendorKey()), null); } catch (e) { return null; }
  }
  function dropVendor() {
    try { root.localStorage.removeItem(vendorKey()); } catch (e) { /* storage refused: nothing kept */ }
  }

  function mount(d, page) {
    const article = d.querySelector("article.md-content__inner");
    const questions = article ? readQuestions(article) : [];
    // A page with no questions leaves no quiz in charge; a page mounted twice (its script runs
    // again after instant navigation, and document$ announces the page too) keeps its own.
    if (!questions.length) { shared.current = null; return; }
    // Linked from <head> on a full load (the plugin); after instant navigation, from here.
    if (!d.querySelector("link[href$='permanence/css/quiz.css']")) {
      d.head.append(make("link", { rel: "stylesheet", href: AP.siteLink(page, "assets/permanence/css/quiz.css") }));
    }
    AP.once(article, "quiz", () => { shared.current = setUp(d, page, article, questions); });
  }

  function setUp(d, page, article, questions) {
    const store = AP.store, ids = questions.map((q) => q.id);
    const info = ((AP.manifest().pages || {})[page.id] || {}).quiz || {};
    const load = () => {
      const rec = store ? store.get("quiz", page.id) : null;
      return rec && rec.hash === info.hash && rec.questions && typeof rec.questions === "object"
        ? rec.questions : null;
    };
    let state = load(), problem = "";
    // Answers kept by mkdocs-quiz itself (before this adapter) come across once, then its key
    // goes, so that its own script never paints them again.
    if (!state) {
      state = fromVendor(readVendor(), ids);
      if (Object.keys(state).length && store && !store.readOnly()) save();
    }
    dropVendor();
    state = state || {};

    function save() {
      if (!store) return { ok: true };
      const t = tally(ids, state);
      const r = store.put("quiz", { id: page.id, page: page.id, hash: info.hash || "",
        score: t.right, total: t.total, answered: t.answered, questions: state });
      problem = r.ok ? "" : "Your answers on this page are not saved: " + r.message;
      return r;
    }

    // -- what the page shows -------------------------------------------------------------------
    // The build writes the numbers, the running score and the summary's place (quiz.py's
    // number_questions), so that nothing moves as this starts; made here only if missing.
    let tallyLine = article.querySelector("[data-ap-quiz-tally]");
    if (!tallyLine) {
      tallyLine = make("p", { class: "ap-quiz-tally", "data-ap-quiz-tally": "" });
      article.insertBefore(tallyLine, questions[0].el);
    }
    const saveState = make("p", { class: "ap-save-state", "data-ap-ui": "", hidden: "" });
    tallyLine.after(saveState);
    let summary = article.querySelector("[data-ap-quiz-summary]");
    if (!summary) {
      summary = make("section", { class: "ap-quiz-summary", "data-ap-quiz-summary": "",
        "aria-labelledby": "ap-quiz-summary-title" });
      questions[questions.length - 1].el.after(summary);
    }

    questions.forEach((q, i) => {
      if (!q.el.querySelector(".ap-quiz-number")) {
        const number = make("p", { class: "ap-quiz-number", id: q.id + "-number" },
          "Question " + (i + 1) + " of " + questions.length);
        q.el.insertBefore(number, q.el.querySelector(".quiz-question"));
        const fieldset = q.el.querySelector("fieldset");
        if (fieldset) fieldset.setAttribute("aria-labelledby", number.id + " " + q.id + "-question");
      }
      q.show = textButton("Show the answer", { class: "ap-button ap-quiz-show" });
      q.show.addEventListener("click", () => {
        state[q.id] = reveal(state[q.id]);
        settle(q, "shown");
      });
      if (q.submit) q.submit.after(" ", q.show);
      else q.form.append(q.show);
      if (q.feedback) {
        q.feedback.setAttribute("tabindex", "-1");
        q.feedback.setAttribute("data-ap-ui", "");
      }
    });

    function verdict(q, result) {
      const st = state[q.id] || {};
      if (result === "blank") return "Choose an answer first.";
      if (result === "same") return "That is the answer you chose before. Choose a different answer, or show the answer.";
      if (result === "wrong") {
        const chosenWrong = q.options.some((o) => o.input.checked && !o.right);
        if (!q.multiple) return "Not right. Read why below, then choose again or show the answer.";
        return chosenWrong ? "Not right yet: read why the choice marked below is wrong, then choose again or show the answer."
          : "Not right yet: there is more to choose. Choose again, or show the answer.";
      }
      if (!st.settled) return "";
      const all = " Every option's reason is below" + (st.picked ? ", yours first." : ".");
      if (st.shown) return "Here is the answer: the right " + (rightCount(q) > 1 ? "options are" : "option is") + " marked." + all;
      if (st.right) return (st.first ? "Right." : "Right, on your second try.") + all;
      return "Not right. The right " + (rightCount(q) > 1 ? "options are" : "option is") + " marked." + all;
    }
    const rightCount = (q) => q.options.filter((o) => o.right).length;

    function tag(option, text, kind) {
      const id = option.input.id + "-tag";
      const span = make("span", { class: "ap-quiz-tag ap-quiz-tag--" + kind, id: id, "data-ap-quiz-tag": "" }, text);
      option.div.querySelector("label").after(span);
      option.input.setAttribute("aria-describedby", id);
    }

    function reasonItem(option, labelText, kind) {
      const li = make("li", { class: "ap-quiz-reason ap-quiz-reason--" + kind });
      const head = make("p", { class: "ap-quiz-reason__option" });
      head.append(make("strong", {}, labelText + ": "), option.label);
      li.append(head);
      if (option.reason) {
        const why = make("div", { class: "ap-quiz-reason__why" });
        Array.prototype.forEach.call(option.reason.childNodes, (n) => why.append(n.cloneNode(true)));
        li.append(why);
      }
      return li;
    }

    /** Draw one question from its state; note is a passing message (an empty submit, the same
     *  wrong answer again) that changes neither the state nor the learner's choice. */
    function paint(q, note) {
      const st = state[q.id] || {};
      const picked = st.picked ? st.picked.split(",") : [];
      q.el.querySelectorAll("[data-ap-quiz-tag]").forEach((n) => n.remove());
      q.options.forEach((o) => {
        o.div.classList.remove("correct", "wrong");
        o.input.removeAttribute("aria-describedby");
        o.input.disabled = !!st.settled;
        if (!note) o.input.checked = picked.indexOf(o.value) >= 0;
      });
      // mkdocs-quiz's own controls and reveals stay out of the way.
      q.el.querySelectorAll(".quiz-reset-button").forEach((b) => { b.hidden = true; });
      if (q.submit) {
        q.submit.classList.remove("hidden");
        q.submit.hidden = !!st.settled;
        q.submit.disabled = false;
      }
      q.show.hidden = !!st.settled;
      if (q.explanation) q.explanation.classList.toggle("hidden", !st.settled);
      const box = q.feedback;
      if (!box) return;
      box.textContent = "";
      box.className = "quiz-feedback";
      const text = note || verdict(q, st.settled ? "settled" : st.tries ? "wrong" : "");
      box.hidden = !text;
      if (!text) return;
      box.append(make("p", { class: "ap-quiz-verdict" + (note ? " ap-quiz-verdict--note" : "") }, text));
      const list = make("ul", { class: "ap-quiz-reasons" });
      if (st.settled) {
        const chosen = q.options.filter((o) => picked.indexOf(o.value) >= 0);
        const others = q.options.filter((o) => picked.indexOf(o.value) < 0);
        chosen.forEach((o) => {
          o.div.classList.add(o.right ? "correct" : "wrong");
          tag(o, o.right ? "Your answer: right" : "Your answer: not right", o.right ? "right" : "wrong");
          list.append(reasonItem(o, o.right ? "Your answer, right" : "Your answer, not right", o.right ? "right" : "wrong"));
        });
        others.forEach((o) => {
          if (o.right) {
            o.div.classList.add("correct");
            tag(o, "Right answer", "right");
          }
          list.append(reasonItem(o, o.right ? "Right answer" : "Not right", o.right ? "right" : "other"));
        });
      } else if (st.tries) {
        // A first wrong try: only the options chosen wrongly are marked, with their reasons.
        q.options.filter((o) => picked.indexOf(o.value) >= 0 && !o.right).forEach((o) => {
          o.div.classList.add("wrong");
          tag(o, "Your answer: not right", "wrong");
          list.append(reasonItem(o, "Your answer, not right", "wrong"));
        });
      }
      if (list.children.length) box.append(list);
      if (st.settled) box.append(make("p", { class: "ap-quiz-running" }, tallyText(tally(ids, state)) + "."));
    }

    function paintAll() {
      questions.forEach((q) => paint(q));
      drawTally();
    }

    function drawTally() {
      const t = tally(ids, state);
      tallyLine.textContent = tallyText(t);
      saveState.textContent = problem;
      saveState.hidden = !problem;
      drawSummary(t);
    }

    function settle(q, result) {
      const r = save();
      paint(q);
      drawTally();
      AP.announce(verdict(q, result) + " " + tallyText(tally(ids, state)) + "." + (r.ok ? "" : " " + problem));
      if (q.feedback) q.feedback.focus();
    }

    function onSubmit(q) {
      const chosen = q.options.filter((o) => o.input.checked).map((o) => o.value);
      const correct = q.options.filter((o) => o.right).map((o) => o.value);
      const next = judge(state[q.id], chosen, correct);
      if (next.result === "settled") return;
      if (next.result === "blank" || next.result === "same") {
        const text = verdict(q, next.result);
        paint(q, text);
        AP.announce(text);
        return;
      }
      state[q.id] = next.state;
      if (next.state.settled) return settle(q, next.result);
      const r = save();
      paint(q);
      drawTally();
      AP.announce(verdict(q, next.result) + (r.ok ? "" : " " + problem));
    }

    // -- the summary ---------------------------------------------------------------------------
    function pagesTeaching(outcome) {
      const m = AP.manifest(), order = [];
      (m.modules || []).forEach((mod) => { order.push.apply(order, mod.pages || []); });
      return order.filter((id) => {
        const p = (m.pages || {})[id];
        return p && p.kind !== "quiz" && (p.outcomes || []).indexOf(outcome) >= 0;
      }).map((id) => m.pages[id]);
    }

    function drawSummary(t) {
      summary.textContent = "";
      summary.append(make("h2", { id: "ap-quiz-summary-title" }, "Your results"));
      if (t.answered < t.total) {
        summary.append(make("p", {}, "You have answered " + t.answered + " of " +
          plural(t.total, "question") + ". When you have answered them all, your score and " +
          "your results for each learning outcome appear here, with the pages to revisit."));
      } else {
        const m = AP.manifest();
        summary.append(make("p", { class: "ap-quiz-score" }, "You got " + t.right + " of " +
          t.total + " right first time."));
        // In the course's order of outcomes, as the module overview lists them.
        const order = [];
        (m.modules || []).forEach((mod) => order.push.apply(order, mod.outcomes || []));
        const rank = (o) => order.indexOf(o) < 0 ? order.length : order.indexOf(o);
        const results = outcomeResults(questions, state).sort((a, b) => rank(a.outcome) - rank(b.outcome));
        const missed = results.filter((r) => r.right < r.total);
        summary.append(make("p", {}, missed.length
          ? "Outcomes with a question you did not get right first time are worth revisiting: the pages that teach them are linked below."
          : "You got every question right first time, for every learning outcome."));
        const list = make("ul", { class: "ap-quiz-outcomes" });
        results.forEach((r) => {
          const li = make("li", { class: "ap-quiz-outcome" });
          const textId = "ap-quiz-o-" + r.outcome;
          const text = ((m.outcomes || {})[r.outcome] || {}).text || r.outcome;
          const head = make("p", {});
          head.append(make("strong", {}, r.right + " of " + r.total + " right first time: "),
            make("span", { id: textId }, text));
          li.append(head);
          if (r.right < r.total) {
            const where = pagesTeaching(r.outcome);
            if (where.length) {
              const p = make("p", { class: "ap-quiz-revisit" }, "Revisit: ");
              where.forEach((p2, i) => {
                if (i) p.append(", ");
                p.append(make("a", { href: AP.siteLink(page, p2.url) }, p2.title));
              });
              li.append(p);
            }
            if (AP.planControl && store) {
              const box = make("p", { class: "ap-plan-add" });
              li.append(box);
              AP.planControl(box, r.outcome, page, store, textId);
            }
          }
          list.append(li);
        });
        summary.append(list);
      }
      if (t.answered || Object.keys(state).length) summary.append(startAgain());
    }

    function startAgain() {
      const box = make("p", { class: "ap-quiz-restart" });
      const go = textButton("Start again");
      box.append(go);
      go.addEventListener("click", () => {
        box.textContent = "";
        const yes = textButton("Yes, clear my answers"), no = textButton("Cancel");
        box.append(make("span", { id: "ap-quiz-restart-q" }, "Clear your answers to all " +
          plural(questions.length, "question") + " on this page, here and in your record? "), yes, " ", no);
        yes.setAttribute("aria-describedby", "ap-quiz-restart-q");
        yes.focus();
        no.addEventListener("click", () => { drawTally(); summary.querySelector(".ap-quiz-restart button").focus(); });
        yes.addEventListener("click", () => {
          const r = store ? store.remove("quiz", page.id) : { ok: true };
          if (!r.ok) {
            problem = "Your answers could not be cleared: " + r.message;
            drawTally();
            AP.announce(problem);
            return;
          }
          dropVendor();
          state = {};
          problem = "";
          paintAll();
          AP.announce("The quiz has started again: all " + plural(questions.length, "answer") + " are cleared.");
          const first = questions[0].options[0];
          if (first) first.input.focus();
        });
      });
      return box;
    }

    paintAll();
    // The same page open in another tab: its answers follow.
    if (store && !shared.watching) {
      shared.watching = true;
      store.onChange((c) => {
        const now = shared.current;
        if (!now) return;
        if ((c.collection === "quiz" || c.collection === "*") && c.source === "other-tab") now.reload(c.id);
        if (c.collection === "goals") now.redraw();
      });
    }
    return {
      questions: questions,
      submit: (quizEl) => {
        const q = questions.find((x) => x.el === quizEl);
        if (q) onSubmit(q);
        return !!q;
      },
      reload: (id) => {
        if (id && id !== page.id) return;
        state = load() || {};
        paintAll();
      },
      redraw: () => { if (!summary.contains(doc.activeElement)) drawTally(); }
    };
  }

  if (doc) {
    // Taken before mkdocs-quiz's handler on the form (capturing, on the document), once per
    // document: the page script runs again after instant navigation, but this stays one listener.
    if (!shared.hooked) {
      shared.hooked = true;
      doc.addEventListener("submit", (event) => {
        const target = /** @type {any} */ (event.target);
        const quizEl = target && target.closest && target.closest("div.quiz");
        if (!quizEl || !shared.current) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        shared.current.submit(quizEl);
      }, true);
    }
    const start = () => AP.register("quiz", mount);
    if (AP.register) start();
    else doc.addEventListener("DOMContentLoaded", start);
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { judge, reveal, tally, outcomeResults, fromVendor, pickedText, tallyText };
  }
})(typeof window !== "undefined" ? window : globalThis);
