// Labels in English and Arabic; the page follows the chosen language's direction.
// ACLED's terms keep their English names in data; these are display names only.

const LABELS = {
  en: {
    title: "marsad", subtitle: "conflict events from Arabic news", other_language: "العربية", token: "Token",
    search: "Search", search_hint: "words, Arabic or English", event_type: "Event type", governorate: "Governorate",
    actor: "Actor", since: "From", until: "To", apply: "Apply", clear: "Clear", all: "All",
    export_csv: "ACLED CSV", export_geojson: "GeoJSON", date: "Date", type: "Type", place: "Place",
    actors: "Actors", deaths: "Deaths", more: "More", control_layer: "Territorial control", play: "Play",
    pause: "Pause", timeline: "Timeline", clear_dates: "All dates", back: "Back to the map",
    events_count: "{n} events", articles_count: "{n} articles", no_events: "No events match.",
    article: "Article", evidence: "Evidence", quotes: "Quotes", sources: "Sources", notes: "Notes",
    location: "Location", fatalities: "Fatalities", status: "Status", confidence: "Confidence",
    actor1: "Actor 1", actor2: "Actor 2", reported_by: "Reported by", claimed_by: "Claimed by",
    open_source: "Open the original report", published: "Published", source: "Source", said: "said",
    direct: "direct", indirect: "reported speech", held_by: "held by", since_day: "since",
    loading: "Loading…", error: "Could not load: {msg}", need_token: "This desk is private: enter a token.",
    no_quotes: "No quotes.",
  },
  ar: {
    title: "مرصد", subtitle: "أحداث النزاع من الأخبار العربية", other_language: "English", token: "الرمز",
    search: "بحث", search_hint: "كلمات بالعربية أو الإنجليزية", event_type: "نوع الحدث", governorate: "المحافظة",
    actor: "الطرف", since: "من", until: "إلى", apply: "تطبيق", clear: "مسح", all: "الكل",
    export_csv: "CSV بصيغة ACLED", export_geojson: "GeoJSON", date: "التاريخ", type: "النوع", place: "المكان",
    actors: "الأطراف", deaths: "القتلى", more: "المزيد", control_layer: "السيطرة الميدانية", play: "تشغيل",
    pause: "إيقاف", timeline: "الخط الزمني", clear_dates: "كل التواريخ", back: "العودة إلى الخريطة",
    events_count: "{n} حدث", articles_count: "{n} مقال", no_events: "لا أحداث مطابقة.",
    article: "المقال", evidence: "الدليل", quotes: "التصريحات", sources: "المصادر", notes: "ملاحظات",
    location: "الموقع", fatalities: "القتلى", status: "الحالة", confidence: "الثقة",
    actor1: "الطرف الأول", actor2: "الطرف الثاني", reported_by: "نقلاً عن", claimed_by: "تبنّاه",
    open_source: "فتح الخبر الأصلي", published: "تاريخ النشر", source: "المصدر", said: "قال",
    direct: "مباشر", indirect: "غير مباشر", held_by: "تحت سيطرة", since_day: "منذ",
    loading: "جارٍ التحميل…", error: "تعذّر التحميل: {msg}", need_token: "هذا المرصد خاص: أدخل الرمز.",
    no_quotes: "لا تصريحات.",
  },
};

export const EVENT_TYPES = {
  "Battles": "معارك",
  "Explosions/Remote violence": "انفجارات وعنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  "Protests": "احتجاجات",
  "Riots": "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
};

// ACLED's governorate names (the admin1 of events) and their Arabic names.
export const GOVERNORATES = {
  "Aleppo": "حلب", "Idlib": "إدلب", "Hama": "حماة", "Homs": "حمص", "Latakia": "اللاذقية", "Tartus": "طرطوس",
  "Damascus": "دمشق", "Rural Damascus": "ريف دمشق", "Daraa": "درعا", "As-Sweida": "السويداء",
  "Quneitra": "القنيطرة", "Deir ez-Zor": "دير الزور", "Ar-Raqqa": "الرقة", "Al-Hasakeh": "الحسكة",
};

let lang = "en";

export function currentLang() {
  return lang;
}

/** Return the label `key` in the current language, with {name} placeholders filled in. */
export function t(key, values = {}) {
  const text = LABELS[lang][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Return the display name of an ACLED event type or governorate in the current language. */
export function termName(value, table) {
  return lang === "ar" && table[value] ? table[value] : value;
}

/** Switch language: direction, lang attribute and every [data-i18n] label. */
export function setLang(next) {
  lang = next === "ar" ? "ar" : "en";
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  }
  try { localStorage.setItem("marsad.lang", lang); } catch { /* private mode */ }
}

export function savedLang() {
  try { return localStorage.getItem("marsad.lang") || "en"; } catch { return "en"; }
}
