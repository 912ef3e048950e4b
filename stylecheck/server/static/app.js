// The copy checker page: paste, type or open an article; it is checked through /v1/check as you type
// (debounced), each finding highlighted in place (editor.js: the Source and Formatted surfaces),
// explained from /v1/rules, and fixed through /v1/fix.
// Positions arrive as 1-based line and column in Unicode code points (the CLI's JSON); they are
// converted here to the UTF-16 indices JavaScript strings use, counting CRLF, CR and LF as
// line breaks exactly as the server does.
"use strict";

const CATEGORIES = ["spelling", "consistency", "phrasing", "style", "attribution"];
const CATEGORY_NAMES = {
  spelling: "Spelling", consistency: "Consistency", phrasing: "Phrasing", style: "Style", attribution: "Attribution",
};
const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 600;  // a check starts when typing pauses this long

const state = {
  text: "",
  findings: [],      // API findings plus s/e (UTF-16 offsets) and id, in document order
  current: -1,       // the id of the finding shown, or -1
  segments: null,    // the parsed article (Markdown, HTML) for the Formatted view, or null
  mode: "source",    // "source" or "formatted"
  seq: 0,            // checks started; an answer for an older one is dropped
  timer: 0,
  rules: new Map(),  // code -> rule from /v1/rules
  custom: null,      // Set of rule codes the editor chose, or null for the preset's defaults
  fileName: "",
  busy: false,
};

// ---- positions -------------------------------------------------------------------------------

function indexText(text) {
  // Line starts in code points, and the UTF-16 index of every code point (plus the end).
  const lineStarts = [0];
  const u16 = [];
  const n = text.length;
  let cp = 0;
  for (let i = 0; i < n;) {
    u16.push(i);
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      // the CR of a CRLF: the next line starts after the LF
    } else if (c === 13 || c === 10) {
      lineStarts.push(cp + 1);
    }
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
    cp += 1;
  }
  u16.push(n);
  return { lineStarts, u16 };
}

function toUtf16(index, line, column) {
  const start = index.lineStarts[Math.min(Math.max(line, 1), index.lineStarts.length) - 1];
  const cp = Math.min(Math.max(start + column - 1, 0), index.u16.length - 1);
  return index.u16[cp];
}

// ---- server ----------------------------------------------------------------------------------

async function api(path, body) {
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const why = (data && data.error) || `the server answered ${res.status}`;
    throw new Error(why);
  }
  return data;
}

function currentFormat() {
  const chosen = $("format").value;
  if (chosen !== "auto") return chosen;
  const name = state.fileName.toLowerCase();
  if (/\.html?$/.test(name)) return "html";
  if (/\.(md|markdown)$/.test(name)) return "markdown";
  if (name.endsWith(".txt")) return "text";
  const t = state.text;
  if (/<(p|div|h[1-6]|article|section|br|a|em|strong|ul|ol|li|blockquote)\b[^>]*>/i.test(t)) return "html";
  if (/^#{1,6}\s|\]\([^)]+\)|^\s*[-*+]\s+\S|\*\*[^*\n]+\*\*/m.test(t)) return "markdown";
  return "text";
}

function config() {
  const cfg = { preset: $("preset").value };
  if (state.custom) cfg.select = Array.from(state.custom);
  return cfg;
}

function setStatus(message, isError) {
  const el = $("status");
  el.textContent = message;
  el.classList.toggle("error", !!isError);
}

// ---- rules menu ------------------------------------------------------------------------------

function ruleTitle(rule) {
  // "mixed-us-uk-spelling" -> "Mixed US/UK spelling": short names an editor can scan
  const words = rule.slug.split("-").map((w) => (["us", "uk", "ap", "bbc"].includes(w) ? w.toUpperCase() : w));
  const text = words.join(" ").replace(/\b(US|UK) (US|UK)\b/, "$1/$2").replace(/^a an\b/, "a/an");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function loadRules() {
  const data = await api(`/v1/rules?preset=${encodeURIComponent($("preset").value)}`);
  state.rules = new Map(data.rules.map((r) => [r.rule, r]));
  const panel = $("rules-panel");
  panel.replaceChildren();
  const intro = document.createElement("p");
  intro.className = "muted small";
  intro.textContent = "Choose which checks run. The house style sets the defaults.";
  panel.append(intro);
  for (const cat of CATEGORIES) {
    const rules = data.rules.filter((r) => r.category === cat);
    if (!rules.length) continue;
    const h = document.createElement("h3");
    h.textContent = CATEGORY_NAMES[cat] || cat;
    panel.append(h);
    for (const r of rules) {
      const label = document.createElement("label");
      label.title = r.why;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = r.rule;
      box.checked = state.custom ? state.custom.has(r.rule) : r.enabled;
      box.addEventListener("change", onRuleToggle);
      const name = document.createElement("span");
      name.textContent = ruleTitle(r);
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = r.rule;
      label.append(box, name, code);
      panel.append(label);
    }
  }
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Back to the house defaults";
  reset.addEventListener("click", async () => { state.custom = null; await loadRules(); recheck(); });
  panel.append(reset);
}

function onRuleToggle() {
  state.custom = new Set(Array.from($("rules-panel").querySelectorAll("input:checked"), (b) => b.value));
  recheck();
}

function recheck() {
  if (state.text.trim()) check();
}

function scheduleCheck() {
  clearTimeout(state.timer);
  setStatus("Checking when you pause…");
  state.timer = setTimeout(check, DEBOUNCE_MS);
}

// ---- checking and showing --------------------------------------------------------------------

async function check() {
  clearTimeout(state.timer);
  if (!state.text.trim()) {
    setStatus("Paste or type an article, or open a file.");
    return;
  }
  const text = state.text, format = currentFormat(), seq = ++state.seq;
  setStatus("Checking…");
  try {
    const data = await api("/v1/check", { text, format, config: config(), segments: format !== "text" });
    if (seq !== state.seq || text !== state.text) return;  // the text changed meanwhile: a newer check follows
    show(data, -1);
  } catch (e) {
    if (seq === state.seq) setStatus(`Could not check the text: ${e.message}`, true);
  }
}

function show(data, nearOffset) {
  const index = indexText(state.text);
  const list = (data.files[0] && data.files[0].findings) || [];
  state.findings = list.map((f, i) => {
    const s = toUtf16(index, f.line, f.column);
    const e = Math.max(s, toUtf16(index, f.end_line, f.end_column));
    return { ...f, s, e, id: i };
  });
  state.current = -1;
  state.segments = currentFormat() === "text" ? null : data.segments || null;
  if (!state.segments && state.mode === "formatted") state.mode = "source";
  for (const id of ["copy", "download"]) $(id).disabled = false;
  $("fix-all").disabled = !state.findings.some((f) => f.suggestions.length && isSafe(f));
  renderView();
  renderGroups();
  renderSummary(data);
  if (nearOffset >= 0 && state.findings.length) {
    const next = state.findings.find((f) => f.s >= nearOffset) || state.findings[state.findings.length - 1];
    select(next.id, true);
  } else {
    $("detail").hidden = true;
  }
}

function setMode(mode) {
  if (mode === "formatted" && !state.segments) return;
  state.mode = mode;
  renderView();
}

function isSafe(f) {
  // the finding's own applicability: a rule's safe fix may be unsafe here (a tie, a guess), or
  // display-only (applying it would change the markup around the words)
  return f.applicability === "safe";
}

function renderView() {
  // Draw the article on the surface in use; the other one is hidden. Formatted keeps the caret.
  const formatted = state.mode === "formatted" && !!state.segments;
  const input = $("input");
  if (input.value !== dropCR(state.text)) input.value = state.text;
  $("source-pane").hidden = formatted;
  $("view").hidden = !formatted;
  $("modes").hidden = !state.segments;
  $("mode-formatted").setAttribute("aria-pressed", String(formatted));
  $("mode-source").setAttribute("aria-pressed", String(!formatted));
  renderSource();
  if (formatted) {
    const caret = document.activeElement === $("view") ? caretOffset() : -1;
    renderFormatted();
    if (caret >= 0) placeCaret(caret);
  }
}

function renderSummary(data) {
  const box = $("summary");
  box.replaceChildren();
  const n = state.findings.length;
  const status = data.status || (data.incomplete ? "partial" : "complete");
  const p = document.createElement("p");
  p.className = "big";
  box.classList.toggle("clean", !n && status === "complete");
  box.classList.toggle("unchecked", status === "not_checked");
  if (status === "not_checked") {
    // nothing was checked: an empty list here says nothing about the text
    p.textContent = "Not checked";
    const why = document.createElement("p");
    why.className = "status error small";
    why.textContent = "The checker was too busy or the text too long to check in time. Nothing was checked; try again.";
    box.append(p, why);
    setStatus("Not checked: try again in a moment.", true);
    return;
  }
  if (!n) {
    if (status === "complete") {
      const tick = document.createElement("div");
      tick.className = "tick";
      tick.textContent = "✓";
      p.textContent = "No problems found";
      box.append(tick, p);
    } else {
      p.textContent = "No problems found so far";
      box.append(p);
    }
  } else {
    p.textContent = `${n} ${n === 1 ? "thing" : "things"} to look at`;
    const hint = document.createElement("p");
    hint.className = "muted small";
    hint.textContent = "Click a highlight or an item below. Colours show the kind of problem; a solid underline is an error, wavy a warning, dotted a suggestion.";
    box.append(p, hint);
  }
  if (status === "partial") {
    const warn = document.createElement("p");
    const skipped = (data.skipped_rules || []).length;
    warn.className = "status error small";
    warn.textContent = `Only partly checked: ${skipped} ${skipped === 1 ? "check" : "checks"} ran out of time and did not look at the whole text. Try again, or a shorter text.`;
    box.append(warn);
  }
  setStatus(n ? "" : status === "complete" ? "All clear." : "Partly checked.", status !== "complete");
}

function renderGroups() {
  const groups = $("groups");
  groups.replaceChildren();
  const cats = CATEGORIES.concat(
    Array.from(new Set(state.findings.map((f) => f.category))).filter((c) => !CATEGORIES.includes(c)));
  for (const cat of cats) {
    const items = state.findings.filter((f) => f.category === cat);
    if (!items.length) continue;
    const sec = document.createElement("section");
    sec.className = "group";
    const h = document.createElement("h2");
    const chip = document.createElement("span");
    chip.className = `chip ${cat}`;
    chip.textContent = CATEGORY_NAMES[cat] || cat;
    const count = document.createElement("span");
    count.className = "count muted";
    count.textContent = String(items.length);
    h.append(chip, count);
    const ol = document.createElement("ol");
    for (const f of items) {
      const li = document.createElement("li");
      li.dataset.id = String(f.id);
      const msg = document.createElement("span");
      msg.className = "msg";
      msg.textContent = f.message;
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = `line ${f.line}`;
      const quote = document.createElement("span");
      quote.className = "quote";
      quote.textContent = `“${state.text.slice(f.s, f.e).replace(/\s+/g, " ")}”`;
      li.append(msg, where, quote);
      li.tabIndex = 0;  // reachable with Tab; Enter or Space opens it
      li.addEventListener("click", () => select(f.id, true));
      li.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          event.stopPropagation();
          select(f.id, true);
        }
      });
      ol.append(li);
    }
    sec.append(h, ol);
    groups.append(sec);
  }
}

function findingById(id) {
  return state.findings.find((f) => f.id === id);
}

function select(id, scroll) {
  const f = findingById(id);
  if (!f) return;
  state.current = id;
  const surface = state.mode === "formatted" && state.segments ? $("view") : $("backdrop");
  for (const m of document.querySelectorAll("#view .f, #backdrop mark.f")) {
    const on = m.dataset.ids.split(" ").includes(String(id));
    m.classList.toggle("current", on);
    m.classList.remove("flash");
  }
  const first = surface.querySelector(".f.current");
  if (first && scroll) {
    if (surface === $("backdrop")) scrollSourceTo(first);
    else first.scrollIntoView({ block: "center", behavior: "smooth" });
    void first.offsetWidth;  // restart the flash animation
    first.classList.add("flash");
  }
  for (const li of $("groups").querySelectorAll("li")) li.classList.toggle("current", li.dataset.id === String(id));
  const li = $("groups").querySelector("li.current");
  if (li && scroll) li.scrollIntoView({ block: "nearest" });
  showDetail(f);
}

function showDetail(f) {
  const rule = state.rules.get(f.rule);
  $("detail").hidden = false;
  const cat = $("detail-cat");
  cat.className = `chip ${f.category}`;
  cat.textContent = CATEGORY_NAMES[f.category] || f.category;
  const sev = $("detail-sev");
  sev.className = `sev ${f.severity}`;
  sev.textContent = { error: "error", warning: "warning", info: "suggestion" }[f.severity] || f.severity;
  $("detail-pos").textContent = `line ${f.line}, column ${f.column} · ${f.rule}`;
  $("detail-msg").textContent = f.message;
  const fixBox = $("detail-fix");
  if (f.suggestions.length) {
    fixBox.hidden = false;
    $("detail-found").textContent = state.text.slice(f.s, f.e);
    $("detail-repl").textContent = f.suggestions[0] === "" ? "(nothing)" : f.suggestions[0];
    const safe = isSafe(f);
    const shownOnly = f.applicability === "display-only";
    $("apply").hidden = shownOnly;
    $("apply").textContent = safe ? "Apply fix" : "Apply suggestion";
    $("apply-note").textContent = shownOnly ? "Edit this one by hand: applying it would change the markup around the words."
      : safe ? "" : "Read it first: this change may alter the meaning.";
  } else {
    fixBox.hidden = true;
  }
  $("detail-why").textContent = rule ? rule.why : "";
  const ex = $("detail-examples");
  ex.replaceChildren();
  // one bad example (with its fix) and one good one are enough to show the point
  const examples = rule ? rule.examples : [];
  const bad = examples.find((e) => e.bad !== undefined);
  const good = examples.find((e) => e.good !== undefined);
  if (bad) {
    ex.append(example("bad", "Not", bad.bad));
    if (bad.fixed !== undefined) ex.append(example("fixed", "But", bad.fixed));
  }
  if (good) ex.append(example("good", "Fine", good.good));
  $("detail-why-box").hidden = !rule;
}

function example(kind, label, text) {
  // A rule example; the span the rule reports is marked ⟦…⟧ in the rule file.
  const div = document.createElement("div");
  div.className = `ex ${kind}`;
  const b = document.createElement("b");
  b.textContent = label;
  div.append(b);
  const m = /^([\s\S]*)\u27e6([\s\S]*)\u27e7([\s\S]*)$/.exec(text);
  if (m) {
    const mark = document.createElement("mark");
    mark.textContent = m[2];
    div.append(document.createTextNode(m[1]), mark, document.createTextNode(m[3]));
  } else {
    div.append(document.createTextNode(text));
  }
  return div;
}

// ---- fixing ----------------------------------------------------------------------------------

async function applyCurrent() {
  const f = findingById(state.current);
  if (!f || !f.suggestions.length || f.applicability === "display-only" || state.busy) return;
  state.busy = true;
  try {
    const data = await api("/v1/fix", {
      text: state.text, format: currentFormat(), config: config(),
      only: [{ rule: f.rule, line: f.line, column: f.column }], unsafe: !isSafe(f), segments: true,
    });
    if (data.applied) {
      state.text = data.text;
      $("input").value = data.text;
      show(data, f.s);
      setStatus(`Fixed: ${f.message}`);
    } else {
      setStatus("That fix could not be applied; the text is unchanged.", true);
    }
  } catch (e) {
    setStatus(`Could not apply the fix: ${e.message}`, true);
  } finally {
    state.busy = false;
  }
}

async function applyAll() {
  if (state.busy) return;
  state.busy = true;
  setStatus("Applying the safe fixes…");
  try {
    const data = await api("/v1/fix", { text: state.text, format: currentFormat(), config: config(), segments: true });
    state.text = data.text;
    $("input").value = data.text;
    show(data, -1);
    const note = data.errors.length ? ` (${data.errors.map((e) => e.message).join("; ")})` : "";
    const more = (data.fixable && data.fixable.unsafe) || 0;
    const review = more ? ` ${more} more ${more === 1 ? "suggestion needs" : "suggestions need"} your eye: apply them one by one.` : "";
    setStatus(`Applied ${data.applied} safe ${data.applied === 1 ? "fix" : "fixes"}.${review}${note}`, !!data.errors.length);
  } catch (e) {
    setStatus(`Could not apply the fixes: ${e.message}`, true);
  } finally {
    state.busy = false;
  }
}

// ---- getting text in and out -----------------------------------------------------------------

async function openFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  state.fileName = file.name;
  state.text = await file.text();
  $("input").value = state.text;
  state.mode = currentFormat() === "text" ? "source" : "formatted";
  await check();
  event.target.value = "";
}

async function copyText() {
  try {
    await navigator.clipboard.writeText(state.text);
  } catch (e) {
    const area = $("input");
    area.value = state.text;
    area.hidden = false;
    area.select();
    document.execCommand("copy");
    area.hidden = true;
  }
  setStatus("The text is on the clipboard.");
}

function download() {
  const ext = { html: ".html", markdown: ".md", text: ".txt" }[currentFormat()];
  const name = state.fileName || `article${ext}`;
  const url = URL.createObjectURL(new Blob([state.text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- keyboard --------------------------------------------------------------------------------

function move(step) {
  const n = state.findings.length;
  if (!n) return;
  const at = state.findings.findIndex((f) => f.id === state.current);
  const next = at < 0 ? (step > 0 ? 0 : n - 1) : (at + step + n) % n;
  select(state.findings[next].id, true);
}

function onKey(event) {
  const tag = (event.target.tagName || "").toLowerCase();
  if (event.target.isContentEditable) {  // typing in the Formatted view
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); check(); }
    return;
  }
  if (tag === "textarea" || tag === "select" || (tag === "input" && event.target.type !== "checkbox")) {
    if (tag === "textarea" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      check();
    }
    return;
  }
  if (!state.findings.length || event.ctrlKey || event.metaKey || event.altKey) return;
  if (tag === "button" && event.key === "Enter") return;
  const key = event.key;
  if (key === "j" || key === "ArrowDown" || key === "n") { event.preventDefault(); move(1); }
  else if (key === "k" || key === "ArrowUp" || key === "p") { event.preventDefault(); move(-1); }
  else if (key === "Enter" && state.current >= 0) { event.preventDefault(); applyCurrent(); }
  else if (key === "Escape") {
    state.current = -1;
    $("detail").hidden = true;
    for (const m of document.querySelectorAll(".f.current")) m.classList.remove("current");
    for (const li of $("groups").querySelectorAll("li.current")) li.classList.remove("current");
  }
}

// ---- start -----------------------------------------------------------------------------------

function start() {
  const saved = localStorage.getItem("stylecheck.preset");
  if (saved) $("preset").value = saved;
  $("check").addEventListener("click", check);
  $("fix-all").addEventListener("click", applyAll);
  $("apply").addEventListener("click", applyCurrent);
  $("copy").addEventListener("click", copyText);
  $("download").addEventListener("click", download);
  $("file").addEventListener("change", openFile);
  $("format").addEventListener("change", recheck);
  $("mode-formatted").addEventListener("click", () => setMode("formatted"));
  $("mode-source").addEventListener("click", () => setMode("source"));
  $("preset").addEventListener("change", async () => {
    localStorage.setItem("stylecheck.preset", $("preset").value);
    state.custom = null;
    await loadRules();
    recheck();
  });
  const input = $("input");
  input.addEventListener("input", onSourceInput);  // typing and pasting: checked when it pauses
  input.addEventListener("paste", () => { state.fileName = ""; });
  input.addEventListener("scroll", syncScroll);
  input.addEventListener("click", onSourcePointer);
  input.addEventListener("keyup", (event) => { if (event.key.startsWith("Arrow")) onSourcePointer(); });
  const view = $("view");
  view.addEventListener("beforeinput", onFormattedBeforeInput);
  view.addEventListener("input", onFormattedInput);
  view.addEventListener("click", (event) => {
    const mark = event.target.closest(".f");
    if (!mark) return;
    const ids = mark.dataset.ids.split(" ").map(Number);
    const at = ids.indexOf(state.current);
    select(ids[(at + 1) % ids.length], false);  // a second click on overlapping marks shows the next
  });
  window.stylecheckPage = { text: () => state.text, mode: () => state.mode };  // for tests and scripts
  document.addEventListener("keydown", onKey);
  loadRules().catch((e) => setStatus(`Could not load the checks: ${e.message}`, true));
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", start);
