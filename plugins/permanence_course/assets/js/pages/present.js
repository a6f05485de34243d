/* present.js: a module page as slides in the same window, and the presenter window.
 *
 * Loaded by trainer.js only when a trainer presents (or the address says ?slide=n or
 * ?presenter). Each second-level section becomes one slide or more; scenario stages, quiz
 * answers and commentary wait for the trainer to reveal them. The presenter window is the same
 * page opened with ?presenter: it builds the same slides from the same page, so only the slide
 * number and what is revealed travel between the windows, over a BroadcastChannel (a popup
 * cannot reach its opener's page under file://; BroadcastChannel works there).
 *
 * Nothing personal reaches a slide: slides are copies of the page's authored blocks with every
 * form control, trainer note and hidden element removed, and reflection prompts are rebuilt
 * without anything a learner typed.
 */
((root) => {
  "use strict";
  const AP = root.AP || (root.AP = {});

  // The pure rules (slide-rules.js, node --test): loaded before this file in the browser.
  const R = AP.slideRules || (typeof require === "function" ? require("./slide-rules.js") : null);
  const slideFromSearch = R.slideFromSearch;
  const withParam = R.withParam;
  const planTimes = R.planTimes;
  const formatClock = R.formatClock;
  const minutesText = R.minutesText;
  const paceNote = R.paceNote;
  const step = R.step;
  const keyAction = R.keyAction;
  const swipeAction = R.swipeAction;
  const PREVIEW = 0.3; // the presenter window's view of the next slide, as a part of its size
  const ASK_MORE = 500; // what a stage, question or prompt adds to a slide's share of the time

  // -- reading the page into slides ----------------------------------------------------------

  const FLOW_TAGS = /^(P|UL|OL|DL|TABLE|BLOCKQUOTE|FIGURE|PRE|H3|H4|H5|H6|DETAILS|IMG|HR)$/;
  const FLOW_DIVS = /\b(admonition|quiz|ap-summary|md-typeset__scrollwrap|highlight|tabbed-set)\b/;
  // Never on a slide: form controls (whatever a learner typed or chose), trainer notes, hidden
  // text (glossary definitions, answers), our own controls, and links to headings.
  const DROP = "script, style, textarea, input, select, button, output, form, iframe, " +
    "[contenteditable], [hidden], [data-ap-trainer], [data-ap-ui], a.headerlink, " +
    ".quiz-header-link, .admonition.unconfirmed";
  const DROP_ATTRS = /^(id|for|name|autofocus|contenteditable|aria-controls|aria-labelledby|aria-describedby|data-ap-.*)$/;
  // What our scripts add to a page (a reflection's text area, "In your plan", "Mark this section
  // done"...) carries an ap- class; only the ap- classes the build writes for slides may stay:
  // contract.json declares them once and the build publishes them in the manifest. Anything
  // else with an ap- class is the learner's own and never reaches a slide. A class the build
  // gains later is left off slides until contract.json names it: the safe way to be wrong.
  function added(el) {
    const built = (AP.manifest().contract || {}).slide_classes || [];
    return Array.from(el.classList).some((c) => c.indexOf("ap-") === 0 && built.indexOf(c) < 0);
  }

  function make(doc, tag, attrs, text) {
    const node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function textOf(el) {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink, [hidden]").forEach((n) => { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /** The prompt of a reflection, without anything a learner wrote: the authored paragraphs
   *  (plain elements, with no attribute but an id) before anything a script added, or the
   *  course data. */
  function reflectionBox(doc, box) {
    const id = box.getAttribute("data-ap-reflection") || box.id;
    const info = (AP.manifest().reflections || {})[id];
    const title = box.querySelector(".admonition-title");
    const out = make(doc, "div", { class: "admonition reflection" });
    out.appendChild(make(doc, "p", { class: "admonition-title" },
      info ? info.title : title ? textOf(title) : "Reflection"));
    let kept = 0;
    for (let child = title ? title.nextElementSibling : box.firstElementChild; child;
      child = child.nextElementSibling) {
      if (!/^(P|UL|OL|BLOCKQUOTE)$/.test(child.tagName) ||
        Array.from(child.attributes).some((a) => a.name !== "id") ||
        child.querySelector("textarea, input, select, [contenteditable]")) break;
      out.appendChild(child.cloneNode(true));
      kept++;
    }
    if (!kept && info) out.appendChild(make(doc, "p", {}, info.text));
    out.appendChild(make(doc, "p", { class: "ap-slide__aside" },
      "Think on your own first. Nobody has to share what they write."));
    return out;
  }

  /** A copy of an authored block that is safe and tidy to show on a slide. keepRoot keeps the
   *  block itself even when hidden (for trainer notes in the presenter window). */
  function clean(doc, node, keepRoot) {
    const holder = doc.createElement("div");
    holder.appendChild(node.cloneNode(true));
    holder.querySelectorAll("[class*='ap-']").forEach((n) => {
      if (added(n)) n.remove();
    });
    if (keepRoot && holder.firstChild) {
      holder.firstChild.removeAttribute("hidden");
      holder.firstChild.removeAttribute("data-ap-trainer");
    }
    holder.querySelectorAll(".admonition.reflection").forEach((box) => {
      box.replaceWith(reflectionBox(doc, box));
    });
    holder.querySelectorAll(".ap-term").forEach((term) => {
      const button = term.querySelector("button");
      term.replaceWith(doc.createTextNode(button ? button.textContent : ""));
    });
    holder.querySelectorAll(DROP).forEach((n) => { n.remove(); });
    holder.querySelectorAll("*").forEach((n) => {
      Array.from(n.attributes).forEach((a) => {
        if (DROP_ATTRS.test(a.name)) n.removeAttribute(a.name);
      });
    });
    return holder.firstChild;
  }

  const LINES = "p, li, tr, dt, dd, blockquote, h3, h4, h5, h6";

  /** Roughly how much of a slide a block fills, in characters of running text: each paragraph,
   *  item or row also leaves part of a line empty, a table's narrow columns wrap sooner, and a
   *  picture takes most of a slide. */
  function weight(node) {
    const text = (node.textContent || "").replace(/\s+/g, " ").trim().length;
    const pictures = node.matches("img, svg") ? 1 : node.querySelectorAll("img, svg").length;
    const lines = (node.matches(LINES) ? 1 : 0) + node.querySelectorAll(LINES).length;
    const table = node.matches("table") || node.querySelector("table");
    return 20 + text * (table ? 1.5 : 1) + pictures * 420 + lines * 45 +
      (/^H[3-6]$/.test(node.tagName) ? 60 : 0);
  }

  // -- fitting by measuring -------------------------------------------------------------------

  let measure = null; // while a deck is built: {fits(slide, scale)}

  // A diagram takes the room its slide leaves, between these heights (in the frame's pixels).
  const DIAGRAM = { min: 400, max: 560 };

  /** How far down a laid-out slide its content reaches, in the frame's pixels (transforms
   *  aside: the slide is the offset parent of its blocks). */
  function reach(box) {
    let bottom = 0;
    for (const child of box.children) {
      if (child.hidden || !child.offsetHeight) continue;
      bottom = Math.max(bottom, child.offsetTop + child.offsetHeight);
    }
    return bottom;
  }

  /** Diagrams fill the room their slide leaves (never less than DIAGRAM.min): called once the
   *  slide is laid out, in the measuring frame and on screen alike. */
  function stretch(box) {
    const pictures = Array.from(box.querySelectorAll("img[src$='.svg']"))
      .filter((img) => !img.closest("[hidden]"));
    if (!pictures.length) return;
    pictures.forEach((img) => { img.style.height = DIAGRAM.min + "px"; });
    const room = R.FRAME.height - parseFloat(root.getComputedStyle(box).paddingBottom) - reach(box);
    const each = Math.min(DIAGRAM.max, DIAGRAM.min + Math.max(0, room) / pictures.length);
    pictures.forEach((img) => { img.style.height = Math.floor(each) + "px"; });
  }

  /** A rendered (not hidden) frame off screen, the size of a slide, to measure slides in. */
  function measurer(doc) {
    const host = make(doc, "div", { class: "ap-present-measure", "aria-hidden": "true",
      "data-ap-ui": "", inert: "" });
    const frame = make(doc, "div", { class: "ap-frame" });
    host.appendChild(frame);
    doc.body.appendChild(host);
    function laid(slide, scale) {
      frame.replaceChildren(renderSlide(doc, Object.assign({}, slide, { scale }), true,
        "ap-measure"));
      const box = frame.firstElementChild;
      stretch(box);
      return box;
    }
    return {
      fits(slide, scale) {
        const box = laid(slide, scale);
        return box.scrollHeight <= R.FRAME.height + 1 && box.scrollWidth <= R.FRAME.width + 1;
      },
      /** The part of the slide's height its content takes (diagrams at their smallest). */
      fill(slide, scale) {
        const box = laid(slide, scale);
        box.querySelectorAll("img[src$='.svg']").forEach((img) => {
          img.style.height = DIAGRAM.min + "px";
        });
        return reach(box) / R.FRAME.height;
      },
      remove() { host.remove(); }
    };
  }

  function fitsAlone(frame, nodes, scale) {
    return measure.fits(Object.assign({}, frame, { body: nodes }), scale);
  }

  function fillOf(frame, nodes, scale) {
    return measure.fill(Object.assign({}, frame, { body: nodes }), scale);
  }

  /** A list or table too tall for one slide even at the smallest type, as parts that continue
   *  each other (a table's parts repeat its header row; no row or item is split), or null. */
  function splitLong(node, frame) {
    const table = node.matches("table") ? node : node.querySelector(":scope table");
    const body = table && (table.tBodies[0] || table);
    const list = /^(UL|OL)$/.test(node.tagName) ? node : null;
    const entries = Array.from(list ? list.children : body ? body.rows : []);
    if (entries.length < 2) return null;
    const first = list ? parseInt(list.getAttribute("start"), 10) || 1 : 0;
    function part(from, to) {
      let copy;
      if (list) {
        copy = list.cloneNode(false);
        if (list.tagName === "OL") copy.setAttribute("start", String(first + from));
        entries.slice(from, to).forEach((e) => { copy.appendChild(e.cloneNode(true)); });
        return copy;
      }
      copy = table.cloneNode(false);
      if (table.tHead) copy.appendChild(table.tHead.cloneNode(true));
      const rows = body === table ? copy : copy.appendChild(body.cloneNode(false));
      entries.slice(from, to).forEach((e) => { rows.appendChild(e.cloneNode(true)); });
      return copy;
    }
    return R.splitEntries(entries.length,
      (from, to, scale) => fitsAlone(frame, [part(from, to)], scale))
      .map((range) => part(range[0], range[1]));
  }

  /** Authored blocks as slides that fit; notes found inside go to notes. */
  function chunks(doc, elements, notes, frame) {
    return arrange(elements.map((e) => {
      e.querySelectorAll("[data-ap-trainer]:not(.ap-facilitation)").forEach((n) => {
        notes.push(n);
      });
      return clean(doc, e);
    }).filter(Boolean), frame);
  }

  /** Safe copies grouped into slides by measuring ({body, scale}); a block too tall alone is
   *  divided first, and an author's slide break (a thematic break, ***) ends a slide. */
  function arrange(nodes, frame) {
    const items = [];
    nodes.forEach((node) => {
      const parts = node.tagName !== "HR" && !fitsAlone(frame, [node], R.MIN_SCALE)
        ? splitLong(node, frame) : null;
      items.push.apply(items, parts || [node]);
    });
    const pick = (ids) => ids.map((i) => items[i]);
    const fits = (ids, scale) => fitsAlone(frame, pick(ids), scale);
    const isHeading = (i) => /^H[3-6]$/.test(items[i].tagName);
    const groups = R.paginate(items.length, fits, isHeading, (i) => items[i].tagName === "HR");
    return R.balance(groups, fits, (ids, scale) => fillOf(frame, pick(ids), scale), isHeading)
      .map((group) => ({ body: pick(group.items), scale: group.scale }));
  }

  function authored(el) {
    if (el.hasAttribute("hidden") || el.hasAttribute("data-ap-ui") || added(el)) return false;
    if (el.tagName === "DIV") return FLOW_DIVS.test(el.className);
    return FLOW_TAGS.test(el.tagName);
  }

  function kindOf(el) {
    if (el.matches("details[data-ap-stage]")) return "stage";
    if (el.matches("details[data-ap-commentary]")) return "commentary";
    if (el.matches("div.quiz")) return "quiz";
    const m = /\b(content-note|discussion|reflection|key-points)\b/.exec(el.className);
    return m && el.classList.contains("admonition") ? m[1] : "flow";
  }

  function titleOf(el) {
    const t = el.querySelector(":scope > .admonition-title, :scope > summary");
    return t ? textOf(t) : "";
  }

  function contentOf(el) {
    return Array.from(el.children)
      .filter((c) => !c.matches(".admonition-title, summary") && authored(c));
  }

  /** HTML the build wrote (the course model's question text) as nodes, or as plain text. */
  function parsed(doc, text) {
    const t = doc.createElement("template");
    t.innerHTML = text || "";
    return t.content;
  }

  /** A quiz question: a discussion prompt. The trainer's reveal marks the right option in place
   *  in the list and gives, on the same slide, the reason for every option and the explanation.
   *  From the course model's question, which the build puts on the rendered question as page
   *  data (data-ap-question), never from mkdocs-quiz's markup. */
  function quizSlides(doc, quiz, number, kicker) {
    let data;
    try { data = JSON.parse(quiz.getAttribute("data-ap-question") || ""); } catch (e) { return []; }
    const nodes = (text) => Array.from(parsed(doc, text).children).map((c) => clean(doc, c)).filter(Boolean);
    const words = (text) => parsed(doc, text).textContent.replace(/\s+/g, " ").trim();
    const body = nodes(data.question);
    const list = make(doc, "ol", { class: "ap-quiz-options", type: "A" });
    const reasons = make(doc, "ul", { class: "ap-quiz-answers" });
    const right = [];
    (data.options || []).forEach((option, i) => {
      const isRight = option.right === true;
      const text = String.fromCharCode(65 + i) + ". " + words(option.html);
      const verdict = isRight ? "is-right" : "is-not-right";
      const choice = make(doc, "li", { class: verdict }, text.slice(3));
      // Shown only once the answer is revealed (present.css: .is-revealed).
      if (isRight) {
        choice.appendChild(make(doc, "strong", { class: "ap-quiz-mark" }, " Right answer"));
      }
      list.appendChild(choice);
      if (isRight) right.push(text.charAt(0));
      const item = make(doc, "li", { class: verdict });
      item.appendChild(make(doc, "strong", {}, isRight ? "Right: " : "Not right: "));
      item.appendChild(doc.createTextNode(text));
      if (option.reason) item.appendChild(make(doc, "span", { class: "ap-quiz-reason" }, words(option.reason)));
      reasons.appendChild(item);
    });
    body.push(list);
    const answer = make(doc, "p", { class: "ap-quiz-right" });
    answer.appendChild(make(doc, "strong", {}, right.length > 1 ? "Right answers: " :
      "Right answer: "));
    answer.appendChild(doc.createTextNode(right.length > 1 ? right.slice(0, -1).join(", ") +
      " and " + right[right.length - 1] : right.join("")));
    const why = nodes(data.explanation);
    return [{
      kind: "quiz", kicker: kicker, title: "Question " + number, body: body,
      prompt: "Discuss this question together, then reveal the answer.",
      reveal: { body: [answer, reasons].concat(why), show: "Show the answer",
        hide: "Hide the answer", said: "The answer is shown." }
    }];
  }

  /** The page's article as sections (the part before the first second-level heading first),
   *  each with its authored blocks, in order, and its trainer notes. */
  function readSections(article) {
    const sections = [{ heading: "", id: "", items: [], notes: [] }];
    let invite = "";
    let tip = "";
    let quizTip = "";
    Array.from(article.children).forEach((child) => {
      const section = sections[sections.length - 1];
      if (child.hasAttribute("data-ap-facilitation")) {
        // The build's facilitation prompt goes with the block after it (a quiz's, with each
        // of its questions), for the presenter.
        tip = child.textContent.replace(/\s+/g, " ").trim();
        if (child.getAttribute("data-ap-facilitation") === "quiz") quizTip = tip;
      } else if (child.hasAttribute("data-ap-timing")) {
        return;
      } else if (child.matches("[data-ap-trainer]")) {
        section.notes.push(child);
      } else if (child.tagName === "H2") {
        sections.push({ heading: textOf(child), id: child.id, items: [], notes: [] });
      } else if (child.hasAttribute("data-ap-stage-invite")) {
        invite = textOf(child); // goes with the stage after it
      } else if (child.tagName !== "H1" && authored(child)) {
        const kind = kindOf(child);
        section.items.push({ el: child, kind: kind, invite: invite,
          tip: kind === "quiz" ? quizTip : kind === "flow" ? "" : tip });
        invite = "";
        tip = "";
      }
    });
    return sections;
  }

  /** Slides for a block that stands on its own: a stage, commentary, question, content note,
   *  discussion, reflection or key points. */
  function ownSlides(doc, item, kicker, notes, number) {
    const slides = ownSlidesOf(doc, item, kicker, notes, number);
    slides[0].tip = item.tip;
    return slides;
  }

  function ownSlidesOf(doc, item, kicker, notes, number) {
    const kind = item.kind;
    if (kind === "quiz") return quizSlides(doc, item.el, number, kicker);
    if (kind === "reflection") {
      const box = reflectionBox(doc, item.el);
      const name = box.querySelector(".admonition-title");
      name.remove();
      return [{ kind: kind, kicker: kicker, title: name.textContent, body: [box] }];
    }
    const title = titleOf(item.el);
    const parts = chunks(doc, contentOf(item.el), notes, { kind: kind, kicker: kicker,
      title: title + " (continued)", prompt: item.invite || "Discuss first, then reveal." });
    return (parts.length ? parts : [{ body: [], scale: 1 }]).map((part, i) => {
      const body = part.body;
      const slide = { kind: kind, kicker: kicker, title: i ? title + " (continued)" : title,
        body: body, scale: part.scale };
      if (!i && kind === "stage") {
        slide.body = [];
        slide.prompt = item.invite ||
          "Before you open this stage, note what you would do now, and why.";
        slide.reveal = { body: body, show: "Show this stage", hide: "Hide this stage",
          said: title + " is shown." };
      } else if (!i && kind === "commentary") {
        slide.body = [];
        slide.prompt = "Discuss first, then reveal the commentary.";
        slide.reveal = { body: body, show: "Show the commentary", hide: "Hide the commentary",
          said: "The commentary is shown." };
      }
      return slide;
    });
  }

  /** Read the page into slides: [{kind, kicker, title, body, prompt, reveal, notes, weight}]. */
  function buildDeck(doc, page) {
    measure = measurer(doc);
    try {
      const deck = readDeck(doc, page);
      deck.slides = fitted(deck.slides);
      return deck;
    } finally {
      measure.remove();
      measure = null;
    }
  }

  /** Each slide at the largest type at which it fits with everything revealed; a question that
   *  does not fit even at the smallest becomes two slides: the question, then its answer. */
  function fitted(slides) {
    const out = [];
    slides.forEach((slide) => {
      slide.scale = R.bestScale((k) => measure.fits(slide, k));
      if (slide.scale === null && slide.kind === "quiz" && slide.reveal) {
        const answer = Object.assign({}, slide, { title: slide.title + ": the answer",
          body: slide.reveal.body, prompt: "", reveal: null, weight: slide.weight / 2 });
        slide.reveal = null;
        slide.weight /= 2;
        [slide, answer].forEach((part) => {
          part.scale = R.bestScale((k) => measure.fits(part, k)) || R.MIN_SCALE;
          out.push(part);
        });
        return;
      }
      if (slide.scale === null) slide.scale = R.MIN_SCALE;
      out.push(slide);
    });
    return out;
  }

  /** The slides of the page presented, or of a module deck ([data-ap-deck]). */
  function readDeck(doc, page) {
    const manifest = AP.manifest();
    const box = doc.querySelector("[data-ap-deck]");
    if (box) return readModuleDeck(doc, box, manifest);
    const article = doc.querySelector("article.md-content__inner");
    return readPage(doc, page.id, article, manifest,
      (title) => endSlide(doc, page, manifest, title));
  }

  /** A module page's slides, from its article (on the page, or a copy in a module deck), and
   *  then end(title)'s slide if any: {title, minutes, slides}. */
  function readPage(doc, pageId, article, manifest, end) {
    const info = (manifest.pages || {})[pageId] || {};
    const mod = (manifest.modules || []).filter((m) => m.number === info.module)[0];
    const h1 = article.querySelector("h1");
    const title = h1 ? textOf(h1) : info.title || doc.title;
    const slides = [];
    let pageNotes = [];
    let questions = 0;
    readSections(article).forEach((section, s) => {
      const heading = s ? section.heading : title;
      const from = slides.length;
      if (!s) {
        slides.push({ kind: "title", kicker: mod ? "Module " + mod.number + " · " + mod.title
          : "", title: title, body: [] });
        if (info.kind === "overview") slides.push(agreementSlide(doc, mod, manifest, title));
      }
      if (section.id === "further-reading") {
        // A reading list is for the page, not the projector: one slide says where it is.
        const sources = section.items
          .reduce((n, item) => n + item.el.querySelectorAll("li").length, 0);
        slides.push({ kind: "content", kicker: title, title: heading, body: [make(doc, "p", {},
          "The module's overview page lists " + sources + (sources === 1 ? " source" :
            " sources") + " for further reading.")] });
        section.items = [];
      }
      // Consecutive ordinary blocks share slides; a block that stands on its own gets its own.
      const runs = [];
      section.items.forEach((item) => {
        const last = runs[runs.length - 1];
        if (item.kind === "flow" && last && last.flow) last.flow.push(item.el);
        else runs.push(item.kind === "flow" ? { flow: [item.el] } : { own: item });
      });
      const kind = /\bgroup agreement\b/i.test(section.heading) ? "agreement" : "content";
      let count = 0;
      runs.forEach((run, r) => {
        if (run.own) {
          // A stage, question or commentary belongs to the page; other blocks to their section.
          const kicker = s && !/^(stage|commentary|quiz|content-note)$/.test(run.own.kind)
            ? section.heading : title;
          if (run.own.kind === "quiz") questions++;
          slides.push.apply(slides, ownSlides(doc, run.own, kicker, section.notes, questions));
          return;
        }
        const frame = { kind: !s && !r ? "title" : kind, kicker: title,
          title: (!s && !r ? title : heading) + (count ? " (continued)" : "") };
        chunks(doc, run.flow, section.notes, frame).forEach((part, i) => {
          if (!s && !r && !i) {
            slides[from].body = part.body; // the page's opening words go on its title slide
          } else {
            slides.push({ kind: kind, kicker: title, scale: part.scale,
              title: count ? heading + " (continued)" : heading, body: part.body });
          }
          count++;
        });
      });
      const notes = section.notes.length ? section.notes : null;
      slides.slice(from).forEach((slide) => {
        slide.notes = slide.notes || notes;
        slide.weight = [].concat(slide.body, slide.reveal ? slide.reveal.body : [])
          .reduce((sum, n) => sum + weight(n), 0) +
          (slide.reveal || /^(reflection|discussion|agreement)$/.test(slide.kind) ? ASK_MORE : 0);
      });
      pageNotes = pageNotes.concat(section.notes);
    });
    const last = end && end(title);
    if (last) slides.push(last);
    // The presenter sees the notes for the slide's own section first; the page's other notes
    // wait, folded, below them.
    slides.forEach((slide) => {
      const own = slide.notes || [];
      slide.notes = own.map((n) => clean(doc, n, true));
      slide.otherNotes = pageNotes.filter((n) => own.indexOf(n) < 0)
        .map((n) => clean(doc, n, true));
      slide.weight = Math.max(slide.weight || 0, 150);
    });
    return { title: title, minutes: info.minutes || 0, kind: info.kind, slides: slides };
  }

  /** A module deck (the page the build writes for "Present this module"): an agenda slide
   *  with the session planner's times, then each of the module's pages, whose rendered content
   *  waits in <template> elements (no script mounts on it, so nothing a learner typed is in it),
   *  then an end slide. Each slide knows its page (part), to share out that page's minutes. */
  function readModuleDeck(doc, box, manifest) {
    const number = Number(box.getAttribute("data-ap-deck"));
    const mod = (manifest.modules || []).filter((m) => m.number === number)[0] || {};
    const parts = Array.from(doc.querySelectorAll("template[data-ap-deck-page]")).map((t) => {
      const article = doc.createElement("article");
      article.appendChild(doc.importNode(t.content, true));
      return readPage(doc, t.getAttribute("data-ap-deck-page"), article, manifest, null);
    });
    // Named as the session planner names them (a module's overview is "Overview").
    const plan = R.deckPlan(parts.map((p) => ({ minutes: p.minutes,
      title: p.kind === "overview" ? "Overview" : p.title })),
      deckStart(number), AP.sessionPlan || FALLBACK_PLAN);
    const title = "Module " + mod.number + ": " + mod.title;
    const slides = [agendaSlide(doc, mod, plan)];
    parts.forEach((part, i) => {
      part.slides.forEach((slide) => {
        slide.part = i;
        slide.pageMinutes = part.minutes;
        slides.push(slide);
      });
    });
    slides.push(moduleEndSlide(doc, mod, manifest, title));
    return { title, module: number, start: plan.start, rest: plan.rest, slides,
      minutes: parts.reduce((sum, p) => sum + p.minutes, 0),
      parts: parts.map((p) => p.minutes) };
  }

  // Without the session planner's script: no breaks, and times as a 24-hour clock.
  const FALLBACK_PLAN = {
    parseClock: (text) => {
      const m = /^(\d{1,2}):(\d{2})$/.exec(String(text || ""));
      return m && +m[1] < 24 && +m[2] < 60 ? +m[1] * 60 + +m[2] : null;
    },
    formatClock: (n) => String(Math.floor(n / 60) % 24).padStart(2, "0") + ":" +
      String(n % 60).padStart(2, "0"),
    duration: (n) => n + " min",
    breakMinutes: () => 0,
    suggestBreaks: (list) => list.map(() => 0),
    breakNames: (list) => list.map(() => ""),
    schedule: (pages, start) => {
      let t = start;
      const rows = pages.map((p) => {
        const row = { kind: "page", title: p.title, start: t, end: t + p.minutes,
          minutes: p.minutes };
        t += p.minutes;
        return row;
      });
      return { rows, start, end: t };
    }
  };

  /** The module deck's start time: the address's ?start=, or the one last chosen for it. */
  function deckStart(number) {
    const asked = new URLSearchParams(root.location.search).get("start");
    if (asked) return asked;
    const saved = AP.store ? AP.store.getSetting(deckSetting(number), null) : null;
    return saved && typeof saved.start === "string" ? saved.start : "09:30";
  }

  function deckSetting(number) { return "deck-module-" + number; }

  /** The agenda: each page and break with its time, from the session planner's rules. */
  function agendaSlide(doc, mod, plan) {
    const table = make(doc, "table", { class: "ap-agenda" });
    const head = make(doc, "tr");
    ["Time", "Session", "Length"].forEach((h) => head.appendChild(make(doc, "th",
      { scope: "col" }, h)));
    table.appendChild(make(doc, "thead")).appendChild(head);
    const body = table.appendChild(make(doc, "tbody"));
    plan.rows.forEach((r) => {
      const row = make(doc, "tr", r.kind === "break" ? { class: "ap-agenda__break" } : {});
      row.appendChild(make(doc, "td", {}, r.time));
      row.appendChild(make(doc, "td", {}, r.title));
      row.appendChild(make(doc, "td", {}, r.length));
      body.appendChild(row);
    });
    return { kind: "agenda", kicker: "Module " + mod.number + " · " + mod.title,
      title: "Today's agenda", body: [table], weight: 150,
      notes: [make(doc, "p", {}, "Times from the session planner: a start at " + plan.start +
        ", each page's planned minutes and the planner's suggested breaks, ending at " +
        plan.end + ". Change the start time on the deck's page before you present.")],
      otherNotes: [] };
  }

  function moduleEndSlide(doc, mod, manifest, title) {
    const modules = manifest.modules || [];
    const next = modules[modules.indexOf(mod) + 1];
    return { kind: "end", kicker: title, title: "End of Module " + mod.number,
      body: [make(doc, "p", {}, next ? "Next: Module " + next.number + ": " + next.title + "."
        : "This is the last module of the course.")],
      notes: [], otherNotes: [], weight: 150 };
  }

  /** The group agreement, at the start of every module: written in the first, reviewed after. */
  function agreementSlide(doc, mod, manifest, title) {
    const first = !mod || manifest.modules[0].number === mod.number;
    return {
      kind: "agreement", kicker: title, title: "Our group agreement",
      body: [make(doc, "p", {}, first
        ? "Agree together how you will work as a group, in your own words: confidentiality " +
          "and its limits, choice about what to share, how to challenge ideas rather than " +
          "people, and how anyone can take a break."
        : "Look again at the agreement the group wrote together. Is it working? Is there " +
          "anything to add or change?")],
      notes: [make(doc, "div", {}, first
        ? "Write the agreement with the group and keep it where everyone can see it."
        : "Display the group's agreement and give a few minutes to review it.")]
    };
  }

  function endSlide(doc, page, manifest, title) {
    let order = [];
    (manifest.modules || []).forEach((m) => { order = order.concat(m.pages || []); });
    const nextId = order[order.indexOf(page.id) + 1];
    const next = order.indexOf(page.id) >= 0 && nextId ? manifest.pages[nextId] : null;
    const body = [make(doc, "p", {}, next ? "Next: " + next.title + "." :
      "This is the last page of the course.")];
    const slide = { kind: "end", kicker: title, title: "End of this page", body: body };
    if (next) {
      slide.next = { href: AP.siteLink(page, next.url) + "?slide=1",
        text: "Present the next page: " + next.title };
    }
    return slide;
  }

  // -- showing slides --------------------------------------------------------------------------

  /** A slide as the room sees it, at its fitted scale. What the trainer reveals waits in it,
   *  hidden; the buttons that reveal it are in the presenter window (keys on this screen). */
  function renderSlide(doc, slide, revealed, idBase) {
    const box = make(doc, "div", { class: "ap-slide ap-slide--" + slide.kind + " md-typeset" +
      (slide.reveal && revealed ? " is-revealed" : "") });
    box.style.setProperty("--ap-scale", String(slide.scale || 1));
    if (slide.kicker) box.appendChild(make(doc, "p", { class: "ap-slide__kicker" }, slide.kicker));
    box.appendChild(make(doc, "h2", { class: "ap-slide__title" }, slide.title));
    slide.body.forEach((n) => { box.appendChild(n.cloneNode(true)); });
    if (slide.prompt) box.appendChild(make(doc, "p", { class: "ap-slide__prompt" }, slide.prompt));
    if (slide.reveal) {
      const region = make(doc, "div", { class: "ap-slide__reveal", id: idBase + "-reveal" });
      region.hidden = !revealed;
      slide.reveal.body.forEach((n) => { region.appendChild(n.cloneNode(true)); });
      box.appendChild(region);
    }
    if (slide.next) {
      const p = make(doc, "p", { class: "ap-slide__next" });
      const link = make(doc, "a", { href: slide.next.href, "data-ap-next": "" }, slide.next.text);
      p.appendChild(link);
      box.appendChild(p);
    }
    return box;
  }

  let active = null;

  function openChannel(onMessage) {
    if (typeof root.BroadcastChannel !== "function") return null;
    const channel = new root.BroadcastChannel("ap-present");
    channel.onmessage = (event) => { onMessage(event.data || {}); };
    return channel;
  }

  /** Start a presentation (mode "presentation") or the presenter view ("presenter"). */
  function start(doc, page, mode) {
    if (active) active.close(true);
    const presenter = mode === "presenter";
    const deck = buildDeck(doc, page);
    const slides = deck.slides;
    const hasReveal = slides.map((s) => !!s.reveal);
    // A module deck shares each page's minutes among its own slides, with the agenda's breaks.
    const times = deck.parts
      ? R.deckTimes(slides.map((s) => s.weight), slides.map((s) => s.part), deck.parts, deck.rest)
      : planTimes(deck.minutes, slides.map((s) => s.weight));
    const first = slideFromSearch(root.location.search, slides.length);
    let state = { slide: presenter || first === null ? 0 : first, revealed: [] };
    const returnFocus = doc.activeElement;
    // The session's clock runs from when the presentation started (kept through a reload of
    // this tab, and shared with the presenter window); pace counts the slides actually shown.
    const clockKey = "ap:present:started:" + page.id;
    let startedAt = presenter ? Date.now() : savedStart();
    const visited = new Set([state.slide]);
    let peerSeen = false;
    let timer = null;

    const overlay = make(doc, "div", {
      class: "ap-present" + (presenter ? " ap-present--presenter" : ""),
      role: "dialog", "aria-modal": "true", "data-ap-ui": "", tabindex: "-1",
      "aria-label": (presenter ? "Presenter view: " : "Presentation: ") + deck.title });
    const stage = make(doc, "div", { class: "ap-present__stage", tabindex: "0", role: "group",
      "aria-roledescription": "slide" });
    const live = make(doc, "p", { class: "ap-visually-hidden", role: "status" });
    const bar = make(doc, "div", { class: "ap-present__bar" });
    const count = make(doc, "p", { class: "ap-present__count" });
    const progress = make(doc, "progress", { max: String(slides.length),
      "aria-label": "Progress through the slides" });
    function button(label, action, attrs) {
      const b = make(doc, "button", Object.assign({ type: "button", class: "ap-present__button" },
        attrs || {}), label);
      b.addEventListener("click", action);
      bar.appendChild(b);
      return b;
    }
    button("Previous", () => { apply("prev"); });
    bar.appendChild(count);
    bar.appendChild(progress);
    button("Next", () => { apply("next"); });
    let fullscreen = null;
    let clock = null;
    let pace = null;
    let status = null;
    if (presenter) {
      status = make(doc, "p", { class: "ap-present__status" }, "Waiting for the presentation: " +
        "press Present this page in the other window.");
      clock = make(doc, "span", { class: "ap-presenter__clock" }, "0:00");
      pace = make(doc, "span");
      button("Restart the clock", () => {
        startedAt = Date.now();
        visited.clear();
        visited.add(state.slide);
        tick();
        post();
      });
    } else {
      if (doc.documentElement.requestFullscreen) {
        fullscreen = button("Full screen", toggleFullscreen, { "aria-pressed": "false" });
      }
      if (typeof root.BroadcastChannel === "function") {
        const link = make(doc, "a", { class: "ap-present__button", target: "ap-presenter",
          href: root.location.pathname + withParam(withParam(root.location.search, "slide", null),
            "presenter", 1) },
        "Presenter window");
        bar.appendChild(link);
      }
    }
    button(presenter ? "Close presenter view" : "End presentation", () => { close(); });

    if (presenter) {
      const head = make(doc, "div", { class: "ap-presenter__head" });
      head.appendChild(make(doc, "h2", {}, "Presenter view: " + deck.title));
      head.appendChild(status);
      const timing = make(doc, "p", { class: "ap-presenter__time" });
      timing.appendChild(doc.createTextNode("Elapsed: "));
      timing.appendChild(clock);
      timing.appendChild(doc.createTextNode(" · "));
      timing.appendChild(pace);
      head.appendChild(timing);
      overlay.appendChild(head);
    }
    overlay.appendChild(stage);
    overlay.appendChild(bar);
    overlay.appendChild(live);

    const channel = openChannel((msg) => {
      if (msg.page !== page.id) return;
      if (msg.type === "state" && typeof msg.slide === "number") {
        if (typeof msg.startedAt === "number" && msg.startedAt <= Date.now()) {
          startedAt = presenter ? msg.startedAt : remember(msg.startedAt);
          if (Array.isArray(msg.visited)) {
            visited.clear();
            msg.visited.filter((i) => i >= 0 && i < slides.length).forEach((i) => visited.add(i));
          }
        }
        if (presenter) {
          peerSeen = true;
          status.textContent = "Following the presentation in the other window.";
        }
        apply({ slide: msg.slide, revealed: Array.isArray(msg.revealed) ? msg.revealed : [] },
          true);
      } else if (msg.type === "hello" && !presenter) {
        post();
      } else if (msg.type === "end" && presenter && peerSeen) {
        status.textContent = "The presentation has ended. This view follows it again when the " +
          "trainer presents.";
      } else if (msg.type === "page" && presenter && typeof msg.href === "string") {
        // Follow only to a page of this site (the same scheme and host).
        const to = new URL(msg.href, root.location.href);
        if (to.protocol === root.location.protocol && to.host === root.location.host) {
          root.location.assign(to.href);
        }
      }
    });
    function post(extra) {
      if (!channel) return;
      channel.postMessage(Object.assign({ type: "state", page: page.id, slide: state.slide,
        revealed: state.revealed, startedAt: startedAt, visited: Array.from(visited) },
      extra || {}));
    }
    function savedStart() {
      try {
        const saved = Number(root.sessionStorage.getItem(clockKey));
        if (saved > 0 && saved <= Date.now()) return saved;
      } catch (e) { /* no session storage: the clock starts now */ }
      return remember(Date.now());
    }
    function remember(time) {
      try { root.sessionStorage.setItem(clockKey, String(time)); } catch (e) { /* as above */ }
      return time;
    }

    function isRevealed(i) { return state.revealed.indexOf(i) >= 0; }

    function render(message, moved) {
      // Keep the keyboard where it was: the slide's own controls are drawn afresh.
      const focusWasOnSlide = stage.contains(doc.activeElement);
      const slide = slides[state.slide];
      const number = "Slide " + (state.slide + 1) + " of " + slides.length;
      stage.setAttribute("aria-label", number);
      if (presenter) {
        stage.replaceChildren(presenterView(slide));
      } else {
        const frame = make(doc, "div", { class: "ap-frame" });
        frame.appendChild(renderSlide(doc, slide, isRevealed(state.slide), "ap-present"));
        stage.replaceChildren(frame);
      }
      stage.querySelectorAll(".ap-slide").forEach(stretch);
      stage.scrollTop = 0;
      if (!presenter) fit();
      count.textContent = (state.slide + 1) + " / " + slides.length;
      progress.value = state.slide + 1;
      if (!presenter) {
        root.history.replaceState(root.history.state, "", root.location.pathname +
          withParam(root.location.search, "slide", state.slide + 1) + root.location.hash);
        if (deck.module && AP.store) {
          // The deck's page offers to carry on from here next time.
          AP.store.setSetting(deckSetting(deck.module), { slide: state.slide + 1,
            start: deck.start });
        }
        const next = stage.querySelector("[data-ap-next]");
        if (next) {
          next.addEventListener("click", () => {
            if (!channel) return;
            const url = new URL(next.href, root.location.href);
            url.search = withParam(url.search, "slide", null);
            url.search = withParam(url.search, "presenter", 1);
            channel.postMessage({ type: "page", page: page.id, href: url.href });
          });
        }
      } else {
        tick();
      }
      if (message) live.textContent = message;
      if (focusWasOnSlide) {
        const again = stage.querySelector("[data-ap-reveal]");
        (again || overlay).focus();
      }
    }

    /** The slide's 1280 × 720 frame, scaled whole to the screen and centred: the same slide
     *  on every screen, and the same slides in both windows. */
    function fit() {
      const frame = stage.querySelector(".ap-frame");
      if (!frame) return;
      const place = R.frameFit(stage.clientWidth, stage.clientHeight);
      frame.style.transform = "translate(" + place.x + "px, " + place.y + "px) scale(" +
        place.scale + ")";
    }

    // The controls step aside while the trainer talks: in full screen, and after a few seconds
    // without the mouse; back on movement, a touch or a key (and while focus is in them).
    let idleTimer = null;
    function wake() {
      overlay.classList.remove("is-idle");
      root.clearTimeout(idleTimer);
      idleTimer = root.setTimeout(() => { overlay.classList.add("is-idle"); }, 2500);
    }

    function presenterView(slide) {
      const i = state.slide;
      const view = make(doc, "div", { class: "ap-presenter md-typeset" });
      const now = make(doc, "section", { class: "ap-presenter__now", "aria-label": "Now" });
      now.appendChild(make(doc, "h3", {}, "Now: slide " + (i + 1) + " of " + slides.length +
        ": " + slide.title));
      const planned = deck.parts && slide.part === undefined
        ? "Planned for the module: " + minutesText(deck.minutes)
        : "Planned for this page: " + minutesText(slide.pageMinutes || deck.minutes);
      now.appendChild(make(doc, "p", {}, planned + ". This slide: about " +
        minutesText(times[i].minutes) + "." + (times[i].rest
          ? " Then a break of " + minutesText(times[i].rest) + "." : "")));
      if (slide.reveal) {
        const hidden = !isRevealed(i);
        now.appendChild(make(doc, "p", { class: "ap-presenter__hidden" }, hidden
          ? "Still hidden on the projector: " + slide.reveal.show.replace(/^Show /, "") + "."
          : "Shown on the projector: " + slide.reveal.show.replace(/^Show /, "") + "."));
        const b = make(doc, "button", { type: "button", class: "ap-present__button",
          "data-ap-reveal": "" }, hidden ? slide.reveal.show : slide.reveal.hide);
        b.addEventListener("click", () => { apply(hidden ? "reveal" : "hide"); });
        now.appendChild(b);
      }
      now.appendChild(make(doc, "h3", {}, "Trainer notes for this section"));
      if (!slide.notes.length) {
        now.appendChild(make(doc, "p", {}, "No trainer notes for this section."));
      }
      slide.notes.forEach((n) => { now.appendChild(n.cloneNode(true)); });
      if (slide.tip) now.appendChild(make(doc, "p", { class: "ap-facilitation" }, slide.tip));
      if (slide.otherNotes.length) {
        const more = make(doc, "details", { class: "ap-presenter__more" });
        more.appendChild(make(doc, "summary", {}, "Other trainer notes for this page (" +
          slide.otherNotes.length + ")"));
        slide.otherNotes.forEach((n) => { more.appendChild(n.cloneNode(true)); });
        now.appendChild(more);
      }
      view.appendChild(now);

      const upcoming = make(doc, "section", { class: "ap-presenter__next", "aria-label": "Next" });
      const nextSlide = slides[i + 1];
      upcoming.appendChild(make(doc, "h3", {}, slide.reveal && !isRevealed(i)
        ? "Next: reveal on this slide, then slide " + (i + 2)
        : nextSlide ? "Next: slide " + (i + 2) : "Next: nothing, this is the last slide"));
      if (nextSlide) {
        const preview = make(doc, "div", { class: "ap-presenter__preview", inert: "" });
        const small = make(doc, "div", { class: "ap-frame" });
        small.style.transform = "scale(" + PREVIEW + ")";
        small.appendChild(renderSlide(doc, nextSlide, false, "ap-preview"));
        preview.appendChild(small);
        upcoming.appendChild(preview);
      }
      view.appendChild(upcoming);
      return view;
    }

    function tick() {
      if (!clock) return;
      const elapsed = Date.now() - startedAt;
      clock.textContent = formatClock(elapsed);
      pace.textContent = paceNote(elapsed, R.paceSlot(times, visited, state.slide));
    }

    function apply(action, fromPeer) {
      const before = state;
      if (typeof action === "object") { // a whole state from the other window
        state = step({ slide: 0, revealed: [] }, hasReveal, action.slide);
        state.revealed = action.revealed.filter((i) => hasReveal[i]);
      } else {
        state = step(state, hasReveal, action);
      }
      const moved = state.slide !== before.slide;
      visited.add(state.slide);
      if (!moved && state.revealed.join() === before.revealed.join()) return;
      const slide = slides[state.slide];
      render(moved ? "Slide " + (state.slide + 1) + " of " + slides.length + ": " + slide.title
        : isRevealed(state.slide) ? slide.reveal.said : "Hidden again.", moved);
      if (!fromPeer) post();
    }

    function toggleFullscreen() {
      if (doc.fullscreenElement) doc.exitFullscreen();
      else overlay.requestFullscreen().catch(() => {
        live.textContent = "Full screen is not available here.";
      });
    }
    function onFullscreen() {
      const full = doc.fullscreenElement === overlay;
      if (fullscreen) fullscreen.setAttribute("aria-pressed", String(full));
      overlay.classList.toggle("is-full", full);
      if (full) {
        // The controls step aside at once, even when the Full screen button was clicked.
        if (bar.contains(doc.activeElement) && !doc.activeElement.matches(":focus-visible")) {
          overlay.focus();
        }
        overlay.classList.add("is-idle");
      }
      root.requestAnimationFrame(fit);
    }

    // Keys are heard on the document, so they work wherever focus is (even lost to the body);
    // Material's own shortcuts (search, previous and next page) must not act behind the slides.
    function onKey(event) {
      event.stopPropagation();
      if (event.key === "Tab") return keepTabInside(event);
      const action = keyAction(event.key, event.shiftKey);
      if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === " " && event.target.closest("button, a, summary")) return;
      if (action === "fullscreen" && !fullscreen) return;
      event.preventDefault();
      if (!presenter) wake();
      if (action === "exit") close();
      else if (action === "fullscreen") toggleFullscreen();
      else if (action === "toggle-reveal") apply(isRevealed(state.slide) ? "hide" : "reveal");
      else apply(action);
    }
    function keepTabInside(event) {
      const stops = Array.from(overlay.querySelectorAll("button, a[href], " +
        "summary, [tabindex='0']")).filter((n) => !n.closest("[inert], [hidden]"));
      const first = stops[0];
      const last = stops[stops.length - 1];
      const at = doc.activeElement;
      if (event.shiftKey ? at === first || !overlay.contains(at) || at === overlay : at === last) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    }
    let touch = null;
    doc.addEventListener("keydown", onKey);
    overlay.addEventListener("touchstart", (e) => {
      touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    }, { passive: true });
    overlay.addEventListener("touchend", (e) => {
      if (!touch) return;
      const t = e.changedTouches[0];
      const action = swipeAction(t.clientX - touch.x, t.clientY - touch.y);
      touch = null;
      if (action) apply(action);
    });
    doc.addEventListener("fullscreenchange", onFullscreen);
    if (!presenter) {
      root.addEventListener("resize", fit);
      overlay.addEventListener("pointermove", wake);
      overlay.addEventListener("pointerdown", wake);
      wake();
    }

    // Everything behind the slides is out of reach of keyboard and screen reader until the end.
    const behind = Array.from(doc.body.children).filter((n) => !n.inert);
    doc.body.appendChild(overlay);
    behind.forEach((n) => { n.inert = true; });
    render("Slide " + (state.slide + 1) + " of " + slides.length + ": " +
      slides[state.slide].title);
    overlay.focus();
    if (presenter) {
      timer = root.setInterval(tick, 1000);
      if (channel) channel.postMessage({ type: "hello", page: page.id });
    } else {
      post();
    }

    /** End: away is true when the page itself is going (navigation), so the address stays. */
    function close(away) {
      if (active !== controller) return;
      active = null;
      if (timer) root.clearInterval(timer);
      doc.removeEventListener("fullscreenchange", onFullscreen);
      doc.removeEventListener("keydown", onKey);
      root.removeEventListener("resize", fit);
      root.clearTimeout(idleTimer);
      if (doc.fullscreenElement === overlay) doc.exitFullscreen();
      if (!presenter && channel) channel.postMessage({ type: "end", page: page.id });
      if (channel) channel.close();
      behind.forEach((n) => { n.inert = false; });
      overlay.remove();
      if (away) return;
      const search = withParam(withParam(root.location.search, "slide", null), "presenter", null);
      root.history.replaceState(root.history.state, "", root.location.pathname + search +
        root.location.hash);
      if (returnFocus && doc.body.contains(returnFocus) && returnFocus.focus) returnFocus.focus();
      AP.announce(presenter ? "Presenter view closed." : "Presentation ended.");
    }
    const controller = { pageId: page.id, overlay, close };
    active = controller;
    return controller;
  }

  /** Fonts and pictures loaded, so that slides are measured as they will be shown (and alike
   *  in both windows); a picture that never loads holds nothing up for long. */
  function ready(doc) {
    // A module deck's pictures wait in its pages' templates: a copy in this document loads.
    const inDeck = Array.from(doc.querySelectorAll("template[data-ap-deck-page]"))
      .flatMap((t) => Array.from(t.content.querySelectorAll("img")))
      .map((img) => doc.importNode(img, false));
    const waits = Array.from(doc.querySelectorAll("article.md-content__inner img"))
      .concat(inDeck)
      .filter((img) => !img.complete)
      .map((img) => {
        img.loading = "eager";
        return new Promise((done) => {
          img.addEventListener("load", done, { once: true });
          img.addEventListener("error", done, { once: true });
        });
      });
    // The slides' own style sheet, which trainer.js adds alongside this script.
    doc.querySelectorAll("link[href$='css/present.css']").forEach((link) => {
      if (link.sheet) return;
      waits.push(new Promise((done) => {
        link.addEventListener("load", done, { once: true });
        link.addEventListener("error", done, { once: true });
      }));
    });
    if (doc.fonts && doc.fonts.ready) waits.push(doc.fonts.ready);
    const limit = new Promise((done) => { root.setTimeout(done, 4000); });
    return Promise.race([Promise.all(waits), limit]);
  }

  let pending = null;
  /** Start once the page is ready to measure, unless another page has come in the meantime. */
  function begin(doc, page, mode) {
    const asked = pending = {};
    ready(doc).then(() => {
      const now = AP.page ? AP.page() : page;
      if (pending !== asked || !now || now.id !== page.id) return;
      pending = null;
      if (active && active.pageId === page.id) return;
      start(doc, page, mode);
    });
  }

  AP.present = {
    start(doc, page) { begin(doc, page, "presentation"); }
  };

  if (AP.register) {
    AP.register("present", (doc, page) => {
      if (active && (active.pageId !== page.id || !doc.body.contains(active.overlay))) {
        active.close(true);
      }
      if (active || !(page.module || doc.querySelector("[data-ap-deck]")) ||
        !doc.querySelector("article.md-content__inner")) return;
      const params = new URLSearchParams(root.location.search);
      if (params.has("presenter")) begin(doc, page, "presenter");
      else if (params.has("slide")) begin(doc, page, "presentation");
    });
  }

  // The pure rules are in slide-rules.js (node --test); this file is the page's part.
  if (typeof module === "object" && module.exports) module.exports = R;
})(typeof window !== "undefined" ? window : globalThis);
