// The API client: every call goes to /api/v1 on this server, with the token when one is set.

const BASE = "/api/v1";
let token = "";

export function setToken(value) {
  token = value || "";
  try { sessionStorage.setItem("marsad.token", token); } catch { /* private mode */ }
}

export function savedToken() {
  try { return sessionStorage.getItem("marsad.token") || ""; } catch { return ""; }
}

/** Return the query string of `params`, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** GET `path` (under /api/v1) and return the parsed JSON; throws Error with the API's detail. */
export async function get(path, params = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${BASE}${path}${query(params)}`, { headers });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not JSON */ }
    const error = new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function exportUrl(format, params) {
  return `${BASE}/exports/events.${format}${query(params)}`;
}

/** Download an export with the token in a header (links cannot carry one): fetch, then save the blob. */
export async function downloadExport(format, params, filename) {
  const response = await fetch(exportUrl(format, params), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(response.statusText);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}
