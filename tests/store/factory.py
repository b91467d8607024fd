"""Hand-built marsad.article/1 outputs for store, export and API tests.

The texts are short reports written for these tests; the events are built directly from
marsad.schema, so the tests hold whatever the NLP stages extract.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from marsad.schema import (
    Actor, ArticleMeta, ArticleOutput, Entity, Event, Evidence, Location, Place, Quote, Speaker,
)

GOV = Actor(name_en="Military Forces of Syria (2000-2024)", name_ar="قوات النظام", inter=1, side="government")
REBELS = Actor(name_en="Hayat Tahrir al-Sham", name_ar="هيئة تحرير الشام", inter=2, side="opposition")
CIVILIANS = Actor(name_en="Civilians (Syria)", name_ar="مدنيون", inter=7, side="civilians")
RUSSIA = Actor(name_en="Military Forces of Russia (2000-)", name_ar="الطيران الروسي", inter=8, side="russia")

# Written for these tests: an air strike on Saraqib, shelling near Kafr Nabudah, a town
# changing hands twice, a protest in Suwayda.
TEXT_STRIKE = ("شنّت طائرات حربية روسية غارات على مدينة سراقب في ريف إدلب الشرقي صباح اليوم، "
               "وقال الدفاع المدني إن أربعة مدنيين قُتلوا.")
TEXT_SHELLING = "قصفت قوات النظام بالمدفعية الثقيلة أطراف بلدة كفرنبودة في ريف حماة الشمالي."
TEXT_TAKEOVER = ("سيطرت فصائل المعارضة على بلدة خان شيخون جنوب إدلب بعد اشتباكات، "
                 "ثم استعادت قوات النظام البلدة بعد أسبوعين.")
TEXT_PROTEST = "تظاهر العشرات في ساحة الكرامة بمدينة السويداء مطالبين بالإفراج عن المعتقلين."


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span(text: str, part: str) -> Evidence:
    start = text.index(part)
    return Evidence(start=start, end=start + len(part), text=part)


def place(name_ar: str, name_en: str, admin1: str, lat: float, lon: float, gid: int, admin2: str | None = None
          ) -> Location:
    return Location(name_ar=name_ar, name_en=name_en, text=name_ar, geonames_id=gid, lat=lat, lon=lon,
                    country="Syria", admin1=admin1, admin2=admin2, geo_precision=1)


SARAQIB = place("سراقب", "Saraqib", "Idlib", 35.8647, 36.8047, 163806, admin2="Idlib")
KAFR_NABUDAH = place("كفرنبودة", "Kafr Nabudah", "Hama", 35.4386, 36.4967, 169923, admin2="As-Suqaylabiyah")
KHAN_SHAYKHUN = place("خان شيخون", "Khan Shaykhun", "Idlib", 35.4417, 36.6508, 170017, admin2="Maarrat an-Nu'man")
SUWAYDA = place("السويداء", "As-Suwayda", "As-Sweida", 32.7089, 36.5695, 163345, admin2="As-Sweida")


def event(text: str, eid: str, day: dt.date, sub: str, etype: str, loc: Location, evidence: str, *,
          actor1: Actor | None = None, actor2: Actor | None = None, fatalities: int | None = None,
          end: dt.date | None = None, notes: str = "", status: str = "reported") -> Event:
    return Event(id=eid, event_type=etype, sub_event_type=sub, event_date=day, date_end=end,
                 time_precision=2 if end else 1, actor1=actor1, actor2=actor2, location=loc, fatalities=fatalities,
                 status=status, evidence=[span(text, evidence)], notes=notes or f"{sub} in {loc.name_en}",
                 confidence=0.8)


def output(text: str, events: list[Event], article_id: str, published: dt.date, *, source: str = "test-wire",
           title: str | None = None, url: str | None = None, quotes: list[Quote] | None = None) -> ArticleOutput:
    places = [Place(text=e.location.text, start=text.index(e.location.text), end=text.index(e.location.text)
                    + len(e.location.text), name_ar=e.location.name_ar, name_en=e.location.name_en,
                    geonames_id=e.location.geonames_id, lat=e.location.lat, lon=e.location.lon, country="Syria",
                    admin1=e.location.admin1, admin2=e.location.admin2, feature_code="PPL")
              for e in events if e.location.text and e.location.text in text]
    entities = [Entity(text=p.text, label="LOC", start=p.start, end=p.end) for p in places]
    return ArticleOutput(article=ArticleMeta(id=article_id, source=source, published=published, title=title,
                                             url=url, sha256=sha(text)),
                         entities=entities, places=places, events=events, quotes=quotes or [])


def corpus() -> list[tuple[ArticleOutput, str]]:
    """Four articles, six events, one quote: what most store, export and API tests load."""
    strike = output(TEXT_STRIKE, [
        event(TEXT_STRIKE, "strike-1", dt.date(2024, 11, 30), "Air/drone strike", "Explosions/Remote violence",
              SARAQIB, "شنّت طائرات حربية روسية غارات", actor1=RUSSIA, actor2=CIVILIANS, fatalities=4),
    ], "wire-strike", dt.date(2024, 11, 30), title="غارات روسية على سراقب", url="https://news.example/strike",
        quotes=[Quote(speaker=Speaker(text="الدفاع المدني", name_en="Syria Civil Defence"),
                      text="أربعة مدنيين قُتلوا", start=TEXT_STRIKE.index("أربعة"),
                      end=TEXT_STRIKE.index("أربعة") + len("أربعة مدنيين قُتلوا"), direct=False, cue="قال")])
    shelling = output(TEXT_SHELLING, [
        event(TEXT_SHELLING, "shell-1", dt.date(2019, 5, 12), "Shelling/artillery/missile attack",
              "Explosions/Remote violence", KAFR_NABUDAH, "قصفت قوات النظام بالمدفعية", actor1=GOV),
    ], "wire-shelling", dt.date(2019, 5, 12), title="قصف على كفرنبودة")
    takeover = output(TEXT_TAKEOVER, [
        event(TEXT_TAKEOVER, "take-1", dt.date(2024, 11, 1), "Non-state actor overtakes territory", "Battles",
              KHAN_SHAYKHUN, "سيطرت فصائل المعارضة على بلدة خان شيخون", actor1=REBELS, actor2=GOV),
        event(TEXT_TAKEOVER, "take-2", dt.date(2024, 11, 15), "Government regains territory", "Battles",
              KHAN_SHAYKHUN, "استعادت قوات النظام البلدة", actor1=GOV, actor2=REBELS),
        event(TEXT_TAKEOVER, "clash-1", dt.date(2024, 11, 1), "Armed clash", "Battles", KHAN_SHAYKHUN,
              "اشتباكات", actor1=REBELS, actor2=GOV),
    ], "wire-takeover", dt.date(2024, 11, 16), source="other-wire", title="خان شيخون تتبدل")
    protest = output(TEXT_PROTEST, [
        event(TEXT_PROTEST, "protest-1", dt.date(2023, 9, 15), "Peaceful protest", "Protests", SUWAYDA,
              "تظاهر العشرات", actor1=Actor(name_en="Protesters (Syria)", name_ar="متظاهرون", inter=6)),
    ], "wire-protest", dt.date(2023, 9, 15), title="مظاهرة في السويداء")
    return [(strike, TEXT_STRIKE), (shelling, TEXT_SHELLING), (takeover, TEXT_TAKEOVER), (protest, TEXT_PROTEST)]


def fill(store) -> None:  # noqa: ANN001 - a marsad Store
    for out, text in corpus():
        assert store.add(out, text)
