// The map: offline outlines (or the user's tiles), event markers, the control layer.
// Leaflet's popups and tooltips are given DOM nodes, never HTML strings.

import { el } from "./dom.js";
import { GOVERNORATES, EVENT_TYPES, t, termName } from "./i18n.js";

/* global L */

export const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
const SIDE_COLOURS = {
  government: "#b03a2e", opposition: "#1e8449", kurdish: "#d4ac0d", "islamic-state": "#17202a",
  turkey: "#a04000", russia: "#5b2c6f", israel: "#1f618d",
};

export class EventMap {
  constructor(node, config, handlers) {
    this.handlers = handlers;
    this.map = L.map(node, { zoomControl: true, attributionControl: true, preferCanvas: false })
      .setView([35.0, 38.5], 7);
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { attribution: config.tile_attribution || "", maxZoom: 18 }).addTo(this.map);
    }
    this.outlines = L.layerGroup().addTo(this.map);
    this.events = L.layerGroup().addTo(this.map);
    this.control = L.layerGroup();
    this.map.attributionControl.addAttribution("Natural Earth");
  }

  /** Draw the country and governorate outlines; a click on a governorate calls handlers.governorate. */
  showBasemap(collection, hasTiles) {
    const layer = L.geoJSON(collection, {
      style: (feature) => feature.properties.kind === "admin1"
        ? { color: "#6c7a89", weight: 1, dashArray: "3 3", fillColor: "#fdfefe", fillOpacity: hasTiles ? 0 : 0.6 }
        : { color: "#95a5a6", weight: 1, fillColor: "#eef1f2", fillOpacity: hasTiles ? 0 : 1 },
      onEachFeature: (feature, featureLayer) => {
        const admin1 = feature.properties.admin1;
        const name = admin1 ? termName(admin1, GOVERNORATES) : feature.properties.name_en;
        featureLayer.bindTooltip(el("span", {}, name || ""), { sticky: true });
        if (admin1) featureLayer.on("click", () => this.handlers.governorate(admin1));
      },
    });
    this.outlines.clearLayers();
    this.outlines.addLayer(layer);
    this.map.getContainer().style.background = hasTiles ? "" : "#d6e4ea";
  }

  /** Show one circle per placed event; a click opens the event. */
  showEvents(items) {
    this.events.clearLayers();
    const bounds = [];
    for (const { event, article } of items) {
      const loc = event.location;
      if (loc.lat === null || loc.lon === null || loc.lat === undefined) continue;
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 5 + Math.min(8, Math.sqrt(event.fatalities || 0) * 2), color: "#1b2631", weight: 1,
        fillColor: TYPE_COLOURS[event.event_type] || "#555", fillOpacity: 0.85,
        className: "event-marker",
      });
      marker.bindTooltip(el("span", {}, `${event.event_date} · ${termName(event.event_type, EVENT_TYPES)} · `,
        loc.name_ar || loc.name_en || loc.text || ""));
      marker.on("click", () => this.handlers.open(event.id, article.sha256));
      this.events.addLayer(marker);
      bounds.push([loc.lat, loc.lon]);
    }
    return bounds;
  }

  fit(bounds) {
    if (bounds.length) this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
  }

  /** Show who holds each place (a list of control states), coloured by side. */
  showControl(states) {
    this.control.clearLayers();
    for (const state of states) {
      if (state.lat === null || state.lon === null) continue;
      const holder = state.holder_en || state.holder_ar || "?";
      const marker = L.circleMarker([state.lat, state.lon], {
        radius: 11, weight: 3, color: SIDE_COLOURS[state.side] || "#566573", fillOpacity: 0.25,
        className: `control-marker side-${(state.side || "unknown").replace(/[^a-z-]/g, "")}`,
      });
      marker.bindTooltip(el("span", {}, state.name_ar || state.name_en || "", " — ", t("held_by"), " ", holder,
        " (", t("since_day"), " ", state.date, ")"));
      this.control.addLayer(marker);
    }
  }

  setControlVisible(visible) {
    if (visible) this.control.addTo(this.map);
    else this.control.remove();
  }
}

/** Return, for each place, the latest change on or before `day` (changes come in replay order). */
export function controlOn(changes, day) {
  const holders = new Map();
  for (const change of changes) {
    if (change.date > day) break;
    holders.set(change.place, change);
  }
  return [...holders.values()];
}
