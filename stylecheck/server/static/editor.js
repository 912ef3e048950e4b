// The two editing surfaces of the copy checker page, both with the highlights in place:
//  - Source: a textarea over a backdrop that draws the same text with the highlights; what the
//    editor types is the article, checked again when typing pauses (app.js debounces).
//  - Formatted (Markdown and HTML): the article drawn from the segments the server's parser read
//    (headings, paragraphs, list items, quotes: never the raw markup), editable in place. Each
//    verbatim run of source text is a <span class="run" data-s data-e> (UTF-16 offsets into the
//    article); an edit inside a run is written back into the source at those offsets, escaped for
//    the format. Markup (an entity, a tag) is shown but not editable; paragraphs are added in Source.
// Uses `state` and `$` from app.js; every function here runs after both scripts have loaded.
"use strict";

// ---- highlights over a range of the article --------------------------------------------------

function appendMarked(container, a, b, display) {
  // Append text [a, b) of the article to container, findings overlapping it as <mark>s.
  // display(piece) turns a piece of source into what is shown (Source drops the CR of a CRLF).
  const text = state.text;
  const spans = state.findings
    .map((f) => ({ f, s: f.s, e: f.e > f.s ? f.e : Math.min(f.s + 1, text.length) }))
    .filter((sp) => sp.s < b && sp.e > a);
  const cuts = new Set([a, b]);
  for (const sp of spans) { if (sp.s > a) cuts.add(sp.s); if (sp.e < b) cuts.add(sp.e); }
  const points = Array.from(cuts).sort((x, y) => x - y);
  for (let k = 0; k + 1 < points.length; k++) {
    const lo = points[k], hi = points[k + 1];
    const piece = display(text.slice(lo, hi));
    const covering = spans.filter((sp) => sp.s <= lo && sp.e >= hi).sort((x, y) => (x.e - x.s) - (y.e - y.s));
    if (!covering.length) {
      container.append(document.createTextNode(piece));
      continue;
    }
    const top = covering[0].f;
    const mark = document.createElement("mark");
    mark.className = `f ${top.category} ${top.severity}`;
    mark.dataset.ids = covering.map((sp) => sp.f.id).join(" ");
    mark.title = top.message;
    mark.textContent = piece;
    container.append(mark);
  }
}

// ---- Source: a textarea over its highlights ---------------------------------------------------

const dropCR = (piece) => piece.replace(/\r\n/g, "\n").replace(/\r/g, "\n");

function renderSource() {
  const backdrop = $("backdrop");
  const frag = document.createDocumentFragment();
  appendMarked(frag, 0, state.text.length, dropCR);
  frag.append(document.createTextNode("\n"));  // a last empty line keeps the heights equal
  backdrop.replaceChildren(frag);
  syncScroll();
}

function syncScroll() {
  $("backdrop").scrollTop = $("input").scrollTop;
  $("backdrop").scrollLeft = $("input").scrollLeft;
}

function textIndexOfInput(i) {
  // The textarea holds the article with CRLF as LF: its index i is this index in state.text.
  const text = state.text;
  let k = 0;
  for (let seen = 0; seen < i && k < text.length; k++, seen++) {
    if (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10) k++;
  }
  return k;
}

function onSourceInput() {
  // What was typed is the article now; the highlights after the edit move with the text.
  const before = state.text;
  const after = $("input").value;
  shiftFindings(before, after);
  state.text = after;
  renderSource();
  scheduleCheck();
}

function shiftFindings(before, after) {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let q = 0;
  while (q < max - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  const end = before.length - q, delta = after.length - before.length;
  state.findings = state.findings
    .filter((f) => f.e <= p || f.s >= end)
    .map((f) => (f.s >= end ? { ...f, s: f.s + delta, e: f.e + delta } : f));
}

function onSourcePointer() {
  // A click (or a caret moved with the keys) on highlighted text shows that finding.
  const at = textIndexOfInput($("input").selectionStart);
  const hit = state.findings.filter((f) => f.s <= at && at <= f.e).sort((x, y) => (x.e - x.s) - (y.e - y.s))[0];
  if (hit && hit.id !== state.current) select(hit.id, false);
}

function scrollSourceTo(mark) {
  const input = $("input");
  input.scrollTop = Math.max(0, mark.offsetTop - input.clientHeight / 2);
  syncScroll();
}

// ---- Formatted: the parsed article, editable in place -----------------------------------------

const BLOCKS = { headline: "h2", paragraph: "p", blockquote: "blockquote", list_item: "li", caption: "figcaption", table_cell: "p" };

function renderFormatted() {
  const index = indexText(state.text);
  const u16 = (cp) => index.u16[Math.min(cp, index.u16.length - 1)];
  const frag = document.createDocumentFragment();
  let list = null;
  for (const seg of state.segments) {
    const block = document.createElement(BLOCKS[seg.scope] || "p");
    block.className = `seg ${seg.scope}`;
    if (seg.scope === "list_item") {
      if (!list) { list = document.createElement("ul"); frag.append(list); }
      list.append(block);
    } else {
      list = null;
      frag.append(block);
    }
    fillSegment(block, seg, u16);
  }
  $("view").replaceChildren(frag);
}

function fillSegment(block, seg, u16) {
  const chars = Array.from(seg.text);  // the segment's text in code points, as the runs count it
  let t = 0;
  const fixed = (text) => {
    const span = document.createElement("span");
    span.className = "markup";
    span.contentEditable = "false";
    span.textContent = text;
    return span;
  };
  for (const [ts, ss, tl, sl] of seg.runs) {
    if (ts > t) block.append(fixed(chars.slice(t, ts).join("")));
    if (tl === sl) {
      const run = document.createElement("span");
      run.className = "run";
      run.dataset.s = String(u16(ss));
      run.dataset.e = String(u16(ss + sl));
      appendMarked(run, u16(ss), u16(ss + sl), (piece) => piece);
      block.append(run);
    } else {  // markup standing for text (an entity): shown, highlighted, not editable
      const span = fixed(chars.slice(ts, ts + tl).join(""));
      const a = u16(ss), b = u16(ss + sl);
      const f = state.findings.find((x) => x.s < b && x.e > a);
      if (f) { span.classList.add("f", f.category, f.severity); span.dataset.ids = String(f.id); }
      block.append(span);
    }
    t = ts + tl;
  }
  if (t < chars.length) block.append(fixed(chars.slice(t).join("")));
}

function escapeFor(format, text) {
  if (format === "html") return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (format === "markdown") return text.replace(/([\\`*_[\]<])/g, "\\$1");
  return text;
}

function onFormattedInput() {
  // Write every run's text back into the article at its offsets; typed text escaped for the format.
  const view = $("view");
  adoptStrays(view);
  const format = currentFormat();
  const base = state.text;
  let out = "", pos = 0;
  for (const run of view.querySelectorAll("span.run")) {
    const s = Number(run.dataset.s), e = Number(run.dataset.e);
    const old = base.slice(s, e), now = run.textContent;
    out += base.slice(pos, s);
    run.dataset.s = String(out.length);
    out += now === old ? old : changed(old, now, format);
    run.dataset.e = String(out.length);
    pos = e;
  }
  out += base.slice(pos);
  shiftFindings(base, out);
  state.text = out;
  $("input").value = out;
  scheduleCheck();
}

function changed(old, now, format) {
  // Escape only what was typed: the unchanged head and tail of the run stay as they were.
  let p = 0;
  while (p < old.length && p < now.length && old[p] === now[p]) p++;
  let q = 0;
  while (q < old.length - p && q < now.length - p && old[old.length - 1 - q] === now[now.length - 1 - q]) q++;
  return old.slice(0, p) + escapeFor(format, now.slice(p, now.length - q)) + old.slice(old.length - q);
}

function adoptStrays(view) {
  // Text typed next to a run rather than inside it joins the run before it (or after it).
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  const strays = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest("span.run, span.markup")) strays.push(n);
  }
  for (const n of strays) {
    let prev = n.previousSibling;
    while (prev && !(prev.matches && prev.matches("span.run"))) prev = prev.previousSibling;
    if (prev) { prev.append(n); continue; }
    let next = n.nextSibling;
    while (next && !(next.matches && next.matches("span.run"))) next = next.nextSibling;
    if (next) next.prepend(n);
  }
}

function onFormattedBeforeInput(event) {
  // One run at a time: no new paragraphs, no edits across markup (Source does those).
  if (event.inputType === "insertParagraph" || event.inputType === "insertLineBreak") {
    event.preventDefault();
    setStatus("To add a paragraph, switch to Source.");
    return;
  }
  for (const range of event.getTargetRanges()) {
    const runOf = (node) => (node.nodeType === 1 ? node : node.parentElement).closest("span.run");
    if (runOf(range.startContainer) !== runOf(range.endContainer) || !runOf(range.startContainer)) {
      event.preventDefault();
      setStatus("Only the text itself can be changed here; switch to Source to change markup.");
      return;
    }
  }
}

function caretOffset() {
  // The caret as an offset into the article, or -1 when it is not in a run.
  const sel = window.getSelection();
  if (!sel.rangeCount) return -1;
  const node = sel.anchorNode;
  const run = node && (node.nodeType === 1 ? node : node.parentElement).closest("#view span.run");
  if (!run) return -1;
  const range = document.createRange();
  range.setStart(run, 0);
  range.setEnd(node, sel.anchorOffset);
  return Number(run.dataset.s) + range.toString().length;
}

function placeCaret(offset) {
  for (const run of $("view").querySelectorAll("span.run")) {
    const s = Number(run.dataset.s), e = Number(run.dataset.e);
    if (offset < s || offset > e) continue;
    let left = offset - s;
    const walker = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (left <= n.length) {
        window.getSelection().collapse(n, left);
        return;
      }
      left -= n.length;
    }
  }
}
