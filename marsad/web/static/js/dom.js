// Building the page from data without ever parsing data as HTML.
//
// Every string that comes from the API (article text, titles, names, notes, quotes) is
// user-supplied: it reaches the page only through textContent or a DOM attribute set one
// by one, never through innerHTML, so "<script>" in an article is shown, not run.

/** Return a new element: el("td", {class: "x", title: "..."}, "text", childNode, ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) throw new Error("event handlers are added with addEventListener");
    if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

/** Append children: strings become text nodes, null/undefined are skipped. */
export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Remove every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Return `url` when it is an http(s) link, else null (no javascript:, data: ...). */
export function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Split `text` into text nodes and <mark> elements for the [start, end) spans given. */
export function highlighted(text, spans, className = "evidence") {
  const ordered = [...spans].filter((s) => s.start < s.end).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const span of ordered) {
    const start = Math.max(span.start, at);
    if (start >= span.end) continue; // overlaps the previous span entirely
    if (start > at) out.push(document.createTextNode(text.slice(at, start)));
    out.push(el("mark", { class: span.className || className, title: span.title || null }, text.slice(start, span.end)));
    at = span.end;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}
