// The event table and the event page.

import { append, clear, el, highlighted, safeUrl } from "./dom.js";
import { EVENT_TYPES, GOVERNORATES, t, termName, currentLang } from "./i18n.js";
import { TYPE_COLOURS } from "./map.js";

function actorName(actor) {
  if (!actor) return "";
  return currentLang() === "ar" ? (actor.name_ar || actor.name_en || "") : (actor.name_en || actor.name_ar || "");
}

function placeName(loc) {
  const name = currentLang() === "ar" ? (loc.name_ar || loc.text || loc.name_en) : (loc.name_en || loc.name_ar || loc.text);
  const admin1 = loc.admin1 ? termName(loc.admin1, GOVERNORATES) : "";
  const comma = currentLang() === "ar" ? "، " : ", ";
  return admin1 && admin1 !== name ? `${name || "?"}${comma}${admin1}` : (name || admin1 || "?");
}

/** Fill the table body with one row per event; a click (or Enter) on a row calls open(id, sha256). */
export function renderTable(tbody, items, open, replace = true) {
  if (replace) clear(tbody);
  if (replace && !items.length) {
    tbody.appendChild(el("tr", { class: "empty" }, el("td", { colspan: 5 }, t("no_events"))));
    return;
  }
  for (const { event, article } of items) {
    const row = el("tr", { tabindex: 0, class: "event-row", dataset: { id: event.id, admin1: event.location.admin1 || "" } },
      el("td", { class: "nowrap" }, event.event_date),
      el("td", {}, el("span", { class: "swatch", style: `background:${TYPE_COLOURS[event.event_type] || "#555"}` }),
        termName(event.sub_event_type, {}) ),
      el("td", { dir: "auto" }, placeName(event.location)),
      el("td", { dir: "auto" }, [actorName(event.actor1), actorName(event.actor2)].filter(Boolean).join(" — ")),
      el("td", { class: "num" }, event.fatalities ?? ""));
    row.addEventListener("click", () => open(event.id, article.sha256));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(event.id, article.sha256); });
    tbody.appendChild(row);
  }
}

function field(label, ...value) {
  return el("div", { class: "field" }, el("dt", {}, t(label)), el("dd", { dir: "auto" }, ...value));
}

/** Render the event page: facts, the article text right-to-left with the evidence marked, quotes, sources. */
export function renderEventPage(node, item, article) {
  const { event } = item;
  const text = article.text;
  const spans = event.evidence.map((e) => ({ start: e.start, end: e.end, className: "evidence" }));
  const quotes = article.output.quotes;
  const quoteSpans = quotes.map((q) => ({ start: q.start, end: q.end, className: "quote" }));
  const loc = event.location;
  const sourceUrl = safeUrl(article.article.url);
  clear(node);
  append(node,
    el("h2", { dir: "auto" }, termName(event.event_type, EVENT_TYPES), " · ", event.sub_event_type),
    el("p", { class: "lede", dir: "auto" }, event.notes),
    el("dl", { class: "facts" },
      field("date", event.event_date, event.date_end ? ` – ${event.date_end}` : ""),
      field("location", placeName(loc), loc.relation ? ` (${loc.relation})` : ""),
      event.actor1 ? field("actor1", actorName(event.actor1)) : null,
      event.actor2 ? field("actor2", actorName(event.actor2)) : null,
      field("fatalities", event.fatalities ?? "—"),
      field("status", event.status),
      field("confidence", event.confidence.toFixed(2)),
      event.reported_by.length ? field("reported_by", event.reported_by.join("، ")) : null,
      event.claimed_by.length ? field("claimed_by", event.claimed_by.join("، ")) : null),
    el("h3", {}, t("evidence")),
    el("ul", { class: "evidence-list", dir: "rtl", lang: "ar" },
      event.evidence.map((e) => el("li", {}, el("mark", { class: "evidence" }, e.text)))),
    el("h3", {}, t("article")),
    el("h4", { class: "article-title", dir: "rtl", lang: "ar" }, article.article.title || article.article.id),
    el("div", { id: "article-text", class: "article-text", dir: "rtl", lang: "ar" },
      highlighted(text, [...spans, ...quoteSpans.filter((q) => !spans.some((s) => s.start < q.end && q.start < s.end))])),
    el("h3", {}, t("quotes")),
    quotes.length
      ? el("ul", { class: "quotes" }, quotes.map((q) => el("li", {},
        el("div", {},
          el("bdi", { class: "speaker" }, q.speaker.text), q.speaker.name_en ? ` (${q.speaker.name_en})` : "",
          el("span", { class: "cue" }, " · ", el("bdi", {}, q.cue || t("said")), ` · ${q.direct ? t("direct") : t("indirect")}`)),
        el("blockquote", { dir: "rtl", lang: "ar" }, q.text))))
      : el("p", {}, t("no_quotes")),
    el("h3", {}, t("sources")),
    el("dl", { class: "facts" },
      field("source", article.article.source || "—"),
      field("published", article.article.published || "—"),
      sourceUrl ? field("open_source", el("a", { href: sourceUrl, rel: "noopener noreferrer nofollow", target: "_blank" },
        sourceUrl)) : null));
}
