// The desk: filters, map, timeline, table and event page, wired to /api/v1.
// State lives in the URL hash (#/?admin1=Idlib&q=... or #/event/ID?article=SHA), so a
// view can be bookmarked and the browser's back button closes an event page.

import * as api from "./api.js";
import { clear, el } from "./dom.js";
import { EVENT_TYPES, GOVERNORATES, currentLang, savedLang, setLang, t, termName } from "./i18n.js";
import { EventMap, controlOn } from "./map.js";
import { Timeline } from "./timeline.js";
import { renderEventPage, renderTable } from "./views.js";

const PAGE = 200;
const $ = (id) => document.getElementById(id);
const FILTERS = ["q", "type", "admin1", "actor", "since", "until"];
const state = { filters: {}, offset: 0, total: 0, items: [], config: null, changes: [], playing: null };

function readForm() {
  const out = {};
  for (const name of FILTERS) out[name] = $(`f-${name}`).value.trim();
  return out;
}

function writeForm(filters) {
  for (const name of FILTERS) $(`f-${name}`).value = filters[name] || "";
}

function fillSelect(select, values, table) {
  const keep = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const value of values) select.appendChild(el("option", { value }, termName(value, table)));
  select.value = keep;
}

function showError(err) {
  const counts = $("counts");
  counts.textContent = err.status === 401 ? t("need_token") : t("error", { msg: err.message });
  counts.classList.add("error");
  if (err.status === 401) $("token-box").hidden = false;
}

async function loadEvents(append = false) {
  const params = { ...state.filters, sort: "-event_date", limit: PAGE, offset: append ? state.offset : 0 };
  const page = await api.get("/events", params);
  state.items = append ? state.items.concat(page.items) : page.items;
  state.offset = page.offset + page.items.length;
  state.total = page.total;
  renderTable($("events").tBodies[0], page.items, openEvent, !append);
  $("more").hidden = state.offset >= state.total;
  const counts = $("counts");
  counts.classList.remove("error");
  counts.textContent = t("events_count", { n: state.total });
  const bounds = state.map.showEvents(state.items);
  if (!append) state.map.fit(bounds);
  document.body.dataset.loaded = String(Date.now());
}

async function loadTimeline() {
  const { since, until, ...rest } = state.filters;
  const counts = await api.get("/events/days", rest);
  const first = state.config.first_day || new Date().toISOString().slice(0, 10);
  const last = state.config.last_day || first;
  state.timeline.draw(counts, first, last);
  state.timeline.select(since, until);
  $("brush-label").textContent = since || until ? `${since || "…"} – ${until || "…"}` : "";
  $("brush-clear").hidden = !(since || until);
}

function updateExports() {
  for (const [id, format] of [["export-csv", "acled-csv"], ["export-geojson", "geojson"]]) {
    $(id).setAttribute("href", api.exportUrl(format, state.filters));
    $(id).setAttribute("download", `marsad-events.${format === "acled-csv" ? "csv" : "geojson"}`);
  }
}

async function refresh() {
  try {
    updateExports();
    await Promise.all([loadEvents(false), loadTimeline()]);
  } catch (err) {
    showError(err);
  }
}

function setFilters(filters, push = true) {
  state.filters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  writeForm(state.filters);
  if (push) window.location.hash = `#/${api.query(state.filters)}`;
  return refresh();
}

function openEvent(id, sha256) {
  window.location.hash = `#/event/${encodeURIComponent(id)}${api.query({ article: sha256 })}`;
}

async function showEvent(id, sha256) {
  const page = $("event-page");
  const body = $("event-body");
  clear(body).appendChild(el("p", {}, t("loading")));
  page.hidden = false;
  try {
    const item = await api.get(`/events/${encodeURIComponent(id)}`, { article: sha256 });
    const article = await api.get(`/articles/${encodeURIComponent(item.article.sha256)}`);
    renderEventPage(body, item, article);
    $("event-close").focus();
  } catch (err) {
    clear(body).appendChild(el("p", { class: "error" }, t("error", { msg: err.message })));
  }
}

function route() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = hash.split("?");
  const params = Object.fromEntries(new URLSearchParams(search));
  if (path.startsWith("event/")) {
    showEvent(decodeURIComponent(path.slice(6)), params.article);
    return;
  }
  $("event-page").hidden = true;
  const wanted = Object.fromEntries(FILTERS.map((k) => [k, params[k] || ""]));
  const same = FILTERS.every((k) => (state.filters[k] || "") === wanted[k]);
  if (!same || !state.loaded) {
    state.loaded = true;
    setFilters(wanted, false);
  }
}

async function setupControl() {
  const answer = await api.get("/control", { history: true });
  state.changes = answer.changes || [];
  const days = [...new Set(state.changes.map((c) => c.date))];
  const last = state.config.last_day;
  if (last && (!days.length || last > days[days.length - 1])) days.push(last);
  state.controlDays = days;
  const slider = $("control-day");
  slider.max = Math.max(0, days.length - 1);
  slider.value = slider.max;
  slider.disabled = days.length === 0;
  $("control-play").disabled = days.length < 2;
  showControlDay();
}

function showControlDay() {
  const day = state.controlDays?.[Number($("control-day").value)];
  $("control-date").textContent = day || "";
  state.map.showControl(day ? controlOn(state.changes, day) : []);
}

function togglePlay() {
  const button = $("control-play");
  if (state.playing) {
    clearInterval(state.playing);
    state.playing = null;
    button.textContent = t("play");
    return;
  }
  const slider = $("control-day");
  if (Number(slider.value) >= Number(slider.max)) slider.value = 0;
  button.textContent = t("pause");
  state.playing = setInterval(() => {
    if (Number(slider.value) >= Number(slider.max)) { togglePlay(); return; }
    slider.value = Number(slider.value) + 1;
    showControlDay();
  }, 800);
}

function wire() {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); setFilters(readForm()); });
  $("f-clear").addEventListener("click", () => setFilters({}));
  $("f-admin1").addEventListener("change", () => setFilters(readForm()));
  $("f-type").addEventListener("change", () => setFilters(readForm()));
  $("more").addEventListener("click", () => loadEvents(true).catch(showError));
  $("brush-clear").addEventListener("click", () => setFilters({ ...state.filters, since: "", until: "" }));
  $("event-close").addEventListener("click", () => { window.location.hash = `#/${api.query(state.filters)}`; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("event-page").hidden) $("event-close").click(); });
  $("lang").addEventListener("click", () => {
    setLang(currentLang() === "ar" ? "en" : "ar");
    fillSelect($("f-type"), Object.keys(EVENT_TYPES), EVENT_TYPES);
    fillSelect($("f-admin1"), Object.keys(GOVERNORATES), GOVERNORATES);
    renderTable($("events").tBodies[0], state.items, openEvent, true);
    if (state.config) $("counts").textContent = t("events_count", { n: state.total });
    if (!$("event-page").hidden) route();
  });
  $("token-box").addEventListener("submit", (e) => { e.preventDefault(); api.setToken($("token").value); start().catch(showError); });
  $("control-on").addEventListener("change", (e) => {
    state.map.setControlVisible(e.target.checked);
    if (e.target.checked && !state.controlDays) setupControl().catch(showError);
  });
  $("control-day").addEventListener("input", showControlDay);
  for (const [id, format, file] of [["export-csv", "acled-csv", "marsad-events.csv"],
    ["export-geojson", "geojson", "marsad-events.geojson"]]) {
    $(id).addEventListener("click", (e) => {
      if (!state.config?.private) return; // a plain link works on a public desk
      e.preventDefault();
      api.downloadExport(format, state.filters, file).catch(showError);
    });
  }
  $("control-play").addEventListener("click", togglePlay);
  window.addEventListener("hashchange", route);
}

async function start() {
  state.config = await api.get("/config");
  if (state.config.private && !api.savedToken()) {
    $("token-box").hidden = false;
    showError({ status: 401, message: "" });
    return;
  }
  if (!state.map) {
    state.map = new EventMap($("map"), state.config, {
      open: openEvent,
      governorate: (admin1) => setFilters({ ...state.filters, admin1 }),
    });
    const basemap = await fetch("data/basemap.geojson").then((r) => r.json());
    state.map.showBasemap(basemap, Boolean(state.config.tile_url));
    state.timeline = new Timeline($("timeline"), (since, until) => setFilters({ ...state.filters, since, until }));
  }
  state.loaded = false;
  route();
}

setLang(savedLang());
fillSelect($("f-type"), Object.keys(EVENT_TYPES), EVENT_TYPES);
fillSelect($("f-admin1"), Object.keys(GOVERNORATES), GOVERNORATES);
api.setToken(api.savedToken());
wire();
start().catch(showError);
