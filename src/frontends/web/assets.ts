/**
 * The page's style sheet and its one small script, served from /static/. Kept as strings so the server needs
 * no files beside its bundle; the Content-Security-Policy allows scripts and styles from this origin only.
 */

export const STYLE_CSS = `
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5a5a5a; --line: #d4d4cc;
  --accent: #0b5cad; --mark: #ffe58a; --mark-fg: #1b1b1b; --box: #f2f1ec; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8e3; --bg: #161616; --muted: #a8a8a0; --line: #3a3a36;
  --accent: #8cc4ff; --mark: #6b5a00; --mark-fg: #fff; --box: #22221f; } }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 1rem/1.6 Georgia, "Times New Roman", serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, mark:focus {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 2; }
header.site { border-bottom: 1px solid var(--line); padding: .5rem 1rem; font-family: system-ui, sans-serif; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: 0; }
header.site a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--fg); }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; line-height: 1.25; }
h2 { font-size: 1.2rem; line-height: 1.3; margin-top: 1.75rem; }
form.lookup { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 1rem 0;
  font-family: system-ui, sans-serif; }
form.lookup .field { display: flex; flex-direction: column; flex: 1 1 16rem; min-width: 0; }
form.lookup label { font-weight: 600; font-size: .9rem; }
input, select, button { font: inherit; font-size: 1rem; padding: .45rem .6rem; border: 1px solid var(--muted);
  border-radius: 4px; background: var(--bg); color: var(--fg); }
input, select { max-width: 100%; }
button { cursor: pointer; background: var(--box); }
main { overflow-wrap: anywhere; }
.error { border-left: 4px solid #c0392b; background: var(--box); padding: .5rem .75rem; }
.verdict { font-size: 1.15rem; }
.confidence { color: var(--muted); font-family: system-ui, sans-serif; font-size: .9rem; }
.note { font-family: system-ui, sans-serif; border-left: 4px solid var(--muted); padding: .25rem .75rem; }
ol.quotes, ol.hits, ul.briefing { padding-left: 1.25rem; }
ol.quotes > li, ol.hits > li, ul.briefing > li { margin: 0 0 1.25rem; }
blockquote { margin: 0; padding: .25rem 0 .25rem .9rem; border-left: 3px solid var(--line); }
.cite { font-family: system-ui, sans-serif; font-size: .85rem; color: var(--muted); margin: .3rem 0 0; }
.cite a, .cite button { margin-left: .5rem; }
.cite button { font-size: .8rem; padding: .15rem .5rem; }
button.copy { display: none; }
.js button.copy { display: inline-block; }
.status { font-family: system-ui, sans-serif; font-size: .85rem; min-height: 1.2em; }
mark { background: var(--mark); color: var(--mark-fg); padding: 0 .1em; }
/* Reached by #hl: leave some of what stands before it in view. */
mark#hl { scroll-margin-top: 30vh; }
.tag { font-family: system-ui, sans-serif; font-size: .75rem; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 .3rem; margin-right: .3rem; }
nav.toc { background: var(--box); padding: .5rem 1rem; font-family: system-ui, sans-serif; font-size: .9rem; }
nav.toc ol { padding-left: 1.25rem; margin: .25rem 0; }
.reader p { margin: 0 0 1rem; }
.reader .pn { font-family: system-ui, sans-serif; font-size: .75rem; color: var(--muted); margin-right: .35rem;
  text-decoration: none; }
.reader .aside { color: var(--muted); font-style: italic; }
.js .reader span.s { cursor: pointer; }
.js .reader span.s:hover { background: var(--box); }
.highlight-note { background: var(--box); padding: .5rem .75rem; font-family: system-ui, sans-serif; }
.pager { display: flex; gap: 1rem; font-family: system-ui, sans-serif; }
.muted { color: var(--muted); }
details { margin: 1rem 0; }
@media (max-width: 30rem) { html { font-size: 100%; } main { padding: .75rem; } }
@media print {
  header.site, form.lookup, button, .pager, nav.toc, .skip, .no-print { display: none !important; }
  body { background: #fff; color: #000; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  mark { background: none; font-weight: 700; }
  li { break-inside: avoid; }
}
`;

/**
 * Marks the page as scripted (to show the copy buttons), copies a citation as plain text, opens a clicked
 * sentence of the reader highlighted, and brings a highlighted span into view. Everything else works without it.
 */
export const APP_JS = `
"use strict";
document.documentElement.classList.add("js");
function say(button, text) {
  var status = document.getElementById("copy-status");
  if (status) status.textContent = text;
  button.setAttribute("data-copied", text);
}
function fallbackCopy(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  var ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  document.body.removeChild(area);
  return ok;
}
document.addEventListener("click", function (event) {
  var button = event.target && event.target.closest ? event.target.closest("button.copy") : null;
  if (!button) return;
  var text = button.getAttribute("data-copy") || "";
  var done = function () { say(button, "Citation copied."); };
  var failed = function () { say(button, fallbackCopy(text) ? "Citation copied." : "Could not copy; select the text instead."); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, failed);
  else failed();
});
// In the reader, a click on a sentence (not a selection, not a link) opens it highlighted, ready to cite.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!target || !target.closest || target.closest("a, button")) return;
  var sentence = target.closest(".reader span.s");
  var article = sentence ? sentence.closest("article[data-doc]") : null;
  if (!sentence || !article || String(window.getSelection ? window.getSelection() : "") !== "") return;
  location.assign("/read?doc=" + encodeURIComponent(article.getAttribute("data-doc")) +
    "&start=" + sentence.getAttribute("data-start") + "&end=" + sentence.getAttribute("data-end") + "#hl");
});
window.addEventListener("DOMContentLoaded", function () {
  var mark = document.getElementById("hl");
  if (!mark) return;
  mark.scrollIntoView({ block: "center" });
  mark.focus({ preventScroll: true });
});
`;
