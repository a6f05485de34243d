/* slide-rules.js: how a page becomes slides that fit, without a browser (node --test covers it).
 *
 * Slides are laid out in a fixed 1280 × 720 frame and scaled as a whole to the screen, so the
 * same content always makes the same slides, in the presentation and the presenter window
 * alike. present.js measures blocks in a rendered off-screen frame and asks these rules which
 * blocks share a slide and how far its text is scaled down: never below MIN_SCALE of the
 * slide's type (30 px in the frame, so 22.5 px at the smallest), and only then split.
 */
(function (root) {
  "use strict";
  const AP = root.AP || (root.AP = {});

  const FRAME = { width: 1280, height: 720 };
  // Text is scaled down in these steps before a slide is split; the last is the readable minimum.
  const SCALES = [1, 0.92, 0.85, 0.8, 0.75];
  const MIN_SCALE = SCALES[SCALES.length - 1];

  /** The largest scale at which fits(scale) holds, or null when none does. */
  function bestScale(fits) {
    for (let i = 0; i < SCALES.length; i++) if (fits(SCALES[i])) return SCALES[i];
    return null;
  }

  /**
   * Group count blocks, in order, into slides. fits(indices, scale) says whether those blocks
   * fit one slide at that scale; isHeading(i) marks a subheading, which never ends a slide;
   * isBreak(i) marks an author's slide break (the block itself is not shown). A block too big
   * even alone gets a slide of its own at the smallest scale (the caller splits such tables and
   * lists first). Returns [{items: [indices], scale}].
   */
  function paginate(count, fits, isHeading, isBreak) {
    isHeading = isHeading || function () { return false; };
    isBreak = isBreak || function () { return false; };
    let groups = [];
    let current = [];
    let scale = 1;
    let broken = false; // the next slide starts at an author's break
    function push(items, k) {
      groups.push(broken ? { items: items, scale: k, broken: true } : { items: items, scale: k });
      broken = false;
    }
    function close() {
      let carry = [];
      while (current.length > 1 && isHeading(current[current.length - 1])) carry.unshift(current.pop());
      if (current.length) push(current, scale);
      current = carry;
      scale = current.length ? bestScale(function (s) { return fits(current, s); }) || MIN_SCALE : 1;
    }
    for (let i = 0; i < count; i++) {
      if (isBreak(i)) {
        if (current.length) close();
        broken = true;
        continue;
      }
      let tried = current.concat([i]);
      let s = bestScale(function (k) { return fits(tried, k); });
      if (s !== null) {
        current = tried;
        scale = s;
        continue;
      }
      if (current.length) {
        close();
        tried = current.concat([i]);
        s = bestScale(function (k) { return fits(tried, k); });
      }
      current = tried;
      scale = s === null ? MIN_SCALE : s;
      if (s === null && current.length > 1) { // the carried heading and this block do not fit
        let last = current.pop();
        close();
        current = [last];
        scale = bestScale(function (k) { return fits(current, k); }) || MIN_SCALE;
      }
    }
    if (current.length) push(current, scale);
    return groups;
  }

  // No part of a split section is left less than a third full.
  const MIN_FILL = 1 / 3;

  /**
   * Slides from paginate() with no part less than MIN_FILL full: fill(items, scale) is the part
   * of the slide's height they take. A small part is merged into the slide before when they fit
   * together (at a smaller type, if need be); otherwise the slide before holds back its last
   * blocks (a subheading going with the block after it) for it, while both stay a third full.
   * A slide an author's break starts is left as written.
   */
  function balance(groups, fits, fill, isHeading) {
    isHeading = isHeading || (() => false);
    const out = groups.map((g) => ({ items: g.items.slice(), scale: g.scale, broken: !!g.broken }));
    for (let i = 1; i < out.length; i++) {
      const part = out[i];
      const before = out[i - 1];
      if (part.broken || fill(part.items, part.scale) >= MIN_FILL) continue;
      const merged = before.items.concat(part.items);
      const together = bestScale((k) => fits(merged, k));
      if (together !== null) {
        out.splice(i - 1, 2, { items: merged, scale: together, broken: before.broken });
        i--;
        continue;
      }
      while (before.items.length > 1) {
        const rest = before.items.slice(0, -1);
        const take = before.items.slice(-1);
        while (rest.length > 1 && isHeading(rest[rest.length - 1])) take.unshift(rest.pop());
        const items = take.concat(part.items);
        const scale = bestScale((k) => fits(items, k));
        const restScale = bestScale((k) => fits(rest, k)) || MIN_SCALE;
        if (scale === null || fill(rest, restScale) < MIN_FILL) break;
        before.items = rest;
        before.scale = restScale;
        part.items = items;
        part.scale = scale;
        if (fill(items, scale) >= MIN_FILL) break;
      }
    }
    return out;
  }

  /** Entries (table rows or list items) as consecutive parts that each fit: fits(from, to,
   *  scale) for entries from..to-1. A single entry is never split. Returns [[from, to]]. */
  function splitEntries(count, fits) {
    let parts = [];
    let from = 0;
    while (from < count) {
      let to = from + 1;
      while (to < count && fits(from, to + 1, MIN_SCALE)) to++;
      parts.push([from, to]);
      from = to;
    }
    return parts;
  }

  /** The 0-based slide a ?slide=n address asks for, kept within count; null when absent. */
  function slideFromSearch(search, count) {
    let value = new URLSearchParams(search || "").get("slide");
    if (value === null) return null;
    let n = parseInt(value, 10);
    if (!(n >= 1)) n = 1;
    return Math.max(0, Math.min(n, count) - 1);
  }

  /** A query string with one parameter set (or removed when value is null), others kept. */
  function withParam(search, name, value) {
    let params = new URLSearchParams(search || "");
    if (value === null || value === undefined) params.delete(name);
    else params.set(name, String(value));
    let text = params.toString();
    return text ? "?" + text : "";
  }

  /** Share a page's planned minutes among its slides by weight: [{start, minutes, end}]. */
  function planTimes(minutes, weights) {
    let sum = weights.reduce(function (s, w) { return s + w; }, 0) || 1;
    let start = 0;
    return weights.map(function (w) {
      let share = (minutes || 0) * w / sum;
      let slot = { start: start, minutes: share, end: start + share };
      start += share;
      return slot;
    });
  }

  /** The planned slot ({start, end} in minutes) the session should be in on slide current, from
   *  the slides shown so far (visited, any iterable of indices): slides skipped are not counted
   *  as time due, so jumping ahead does not make the session look ahead of plan. A break after
   *  a slide (its rest, in a module deck) is due once that slide is shown. */
  function paceSlot(times, visited, current) {
    let start = 0;
    const due = (slot) => slot.minutes + (slot.rest || 0);
    for (const i of new Set(visited)) if (i !== current && times[i]) start += due(times[i]);
    return { start: start, end: start + (times[current] ? due(times[current]) : 0) };
  }

  /** A module deck's plan from the session planner's rules (P: planner.js's AP.sessionPlan):
   *  its pages ([{title, minutes}]) from the start time ("09:30"; 09:30 when not a time), with
   *  the planner's suggested breaks. Returns {start, end, rows: [{kind, title, time, length}],
   *  rest: [minutes of break after each page]}. */
  function deckPlan(pages, startText, P) {
    const start = P.parseClock(startText) === null ? 9 * 60 + 30 : P.parseClock(startText);
    const breaks = P.suggestBreaks(pages.map((p) => p.minutes));
    const plan = P.schedule(pages, start, breaks, P.breakNames(breaks));
    return {
      start: P.formatClock(plan.start),
      end: P.formatClock(plan.end),
      rows: plan.rows.map((r) => ({ kind: r.kind, title: r.title, length: P.duration(r.minutes),
        time: P.formatClock(r.start) + "–" + P.formatClock(r.end) })),
      rest: pages.map((p, i) => (i < pages.length - 1 ? P.breakMinutes(breaks[i]) : 0))
    };
  }

  /** A module deck's slots: each page's planned minutes shared among its own slides by weight
   *  (partOf[i]: the page of slide i; the agenda and end slides belong to none), the break after
   *  a page as the rest of its last slide, and starts running on through the day. */
  function deckTimes(weights, partOf, minutes, rest) {
    const out = weights.map(() => ({ start: 0, minutes: 0, end: 0, rest: 0 }));
    minutes.forEach((m, page) => {
      const ids = [];
      weights.forEach((w, i) => { if (partOf[i] === page) ids.push(i); });
      planTimes(m, ids.map((i) => weights[i])).forEach((slot, k) => {
        out[ids[k]] = Object.assign(slot, { rest: 0 });
      });
      if (ids.length) out[ids[ids.length - 1]].rest = rest[page] || 0;
    });
    let t = 0;
    out.forEach((slot) => {
      slot.start = t;
      slot.end = t + slot.minutes;
      t = slot.end + slot.rest;
    });
    return out;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** Elapsed time as a clock: 0:05, 12:34, 1:02:03. */
  function formatClock(ms) {
    let s = Math.max(0, Math.floor(ms / 1000));
    let h = Math.floor(s / 3600);
    let m = Math.floor((s % 3600) / 60);
    return (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  }

  function minutesText(n) {
    n = Math.max(1, Math.round(n));
    return n + (n === 1 ? " minute" : " minutes");
  }

  /** How the session is going against the plan for the current slide ({start, end} minutes). */
  function paceNote(elapsedMs, slot) {
    let elapsed = elapsedMs / 60000;
    if (elapsed > slot.end + 1) return "Behind plan by " + minutesText(elapsed - slot.end);
    if (elapsed < slot.start - 1) return "Ahead of plan by " + minutesText(slot.start - elapsed);
    return "On plan";
  }

  /** The next state ({slide, revealed: [slide indices]}) after an action. Going forward shows
   *  what a slide still hides before moving on, as a clicker would. */
  function step(state, hasReveal, action) {
    let last = hasReveal.length - 1;
    let slide = state.slide;
    let revealed = state.revealed.slice();
    let shown = revealed.indexOf(slide) >= 0;
    if (action === "next") {
      if (hasReveal[slide] && !shown) revealed.push(slide);
      else slide = Math.min(last, slide + 1);
    } else if (action === "prev") {
      slide = Math.max(0, slide - 1);
    } else if (action === "first") {
      slide = 0;
    } else if (action === "last") {
      slide = last;
    } else if (action === "reveal") {
      if (hasReveal[slide] && !shown) revealed.push(slide);
    } else if (action === "hide") {
      revealed = revealed.filter(function (i) { return i !== slide; });
    } else if (typeof action === "number") {
      slide = Math.max(0, Math.min(last, action));
    }
    return { slide: slide, revealed: revealed.sort(function (a, b) { return a - b; }) };
  }

  /** The action a key asks for during a presentation, or null. */
  function keyAction(key, shift) {
    switch (key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": return "next";
      case "ArrowLeft": case "ArrowUp": case "PageUp": return "prev";
      case " ": case "Spacebar": return shift ? "prev" : "next";
      case "Home": return "first";
      case "End": return "last";
      case "Escape": return "exit";
      case "f": case "F": return "fullscreen";
      case "r": case "R": return "toggle-reveal";
      default: return null;
    }
  }

  /** A swipe's action from its movement in pixels: left goes forward, right goes back. */
  function swipeAction(dx, dy) {
    if (Math.abs(dx) < 50 || Math.abs(dx) < 1.5 * Math.abs(dy)) return null;
    return dx < 0 ? "next" : "prev";
  }

  /** The scale that shows a FRAME-sized slide whole in a width × height area, and its offset. */
  function frameFit(width, height) {
    let k = Math.min(width / FRAME.width, height / FRAME.height);
    return { scale: k, x: (width - FRAME.width * k) / 2, y: (height - FRAME.height * k) / 2 };
  }

  const rules = {
    FRAME: FRAME, SCALES: SCALES, MIN_SCALE: MIN_SCALE, MIN_FILL: MIN_FILL, bestScale: bestScale,
    paginate: paginate, balance: balance,
    splitEntries: splitEntries, slideFromSearch: slideFromSearch, withParam: withParam,
    planTimes: planTimes, paceSlot: paceSlot, deckPlan: deckPlan, deckTimes: deckTimes,
    formatClock: formatClock, minutesText: minutesText, paceNote: paceNote,
    step: step, keyAction: keyAction, swipeAction: swipeAction, frameFit: frameFit
  };
  AP.slideRules = rules;
  if (typeof module === "object" && module.exports) module.exports = rules;
})(typeof window !== "undefined" ? window : globalThis);
