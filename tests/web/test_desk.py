"""The web desk in a real headless Chromium: filter, open an event, see its evidence; the
control layer replays the days; Arabic labels; and markup in articles is shown, never run.

Each test runs on a store on SQLite and on PostgreSQL; screenshots go to test-output/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_server import Desk
from factory import CIVILIANS, SARAQIB, event, fill, output

from marsad.schema import Actor, Quote, Speaker
from marsad.store import EventFilter, Store

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\">"


@pytest.fixture
def desk(samples_store: Store) -> Iterator[Desk]:
    with Desk(samples_store) as served:
        yield served


def _rows(page) -> list[dict[str, str]]:  # noqa: ANN001
    return page.eval_on_selector_all("tr.event-row", "rows => rows.map(r => ({id: r.dataset.id, "
                                                     "admin1: r.dataset.admin1}))")


def test_filter_to_a_governorate_open_an_event_and_see_its_evidence(
        desk: Desk, samples_store: Store, page, output_dir: Path, backend_url: str) -> None:  # noqa: ANN001
    page.goto(desk.url + "/")
    page.wait_for_selector("tr.event-row")
    assert len(_rows(page)) == samples_store.count_events()
    page.select_option("#f-admin1", "Idlib")
    page.wait_for_function("() => location.hash.includes('admin1=Idlib')")
    wanted = samples_store.search_events(EventFilter(admin1="Idlib"), sort="-event_date")
    page.wait_for_function(f"() => document.querySelectorAll('tr.event-row').length === {len(wanted)}")
    rows = _rows(page)
    assert rows and {r["admin1"] for r in rows} == {"Idlib"}
    assert [r["id"] for r in rows] == [f.event.id for f in wanted]
    assert page.locator(".event-marker").count() >= 1  # on the map too
    backend = "pg" if backend_url.startswith("postgresql") else "sqlite"
    page.screenshot(path=str(output_dir / f"desk-idlib-{backend}.png"))

    page.click("tr.event-row >> nth=0")
    marks = page.locator("#article-text mark.evidence")
    marks.first.wait_for()
    evidence = [e.text for e in wanted[0].event.evidence]
    assert marks.all_text_contents() == evidence
    assert page.get_attribute("#article-text", "dir") == "rtl"
    full = page.text_content("#article-text")
    assert full == samples_store.article(wanted[0].article_sha256).text  # the whole article, nothing added
    page.screenshot(path=str(output_dir / f"desk-event-{backend}.png"), full_page=True)
    page.click("#event-close")
    page.wait_for_selector("#event-page", state="hidden")


def test_timeline_brush_picks_a_date_range(desk: Desk, samples_store: Store, page) -> None:  # noqa: ANN001
    page.goto(desk.url + "/")
    page.wait_for_selector("tr.event-row")
    box = page.locator("#timeline").bounding_box()
    # drag over the right-most tenth of the timeline: the most recent days only
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 20, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.hash.includes('since=')")
    page.wait_for_function("() => !document.querySelector('#brush-clear').hidden")
    since = page.input_value("#f-since")
    expected = samples_store.count_events(EventFilter(since=dt.date.fromisoformat(since)))
    page.wait_for_function(f"() => document.querySelectorAll('tr.event-row').length === {expected}")
    assert 0 < expected < samples_store.count_events()


def test_arabic_labels_and_right_to_left(desk: Desk, page) -> None:  # noqa: ANN001
    page.goto(desk.url + "/")
    page.wait_for_selector("tr.event-row")
    page.click("#lang")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.text_content("[data-i18n=title]") == "مرصد"
    assert page.locator("#f-admin1 option[value=Idlib]").text_content() == "إدلب"
    page.click("#lang")
    assert page.get_attribute("html", "dir") == "ltr"


def test_control_layer_replays_the_days(backend_url: str, page, output_dir: Path) -> None:  # noqa: ANN001
    with Store(backend_url) as store:
        fill(store)
        with Desk(store) as desk:
            page.goto(desk.url + "/")
            page.wait_for_selector("tr.event-row")
            page.check("#control-on")
            page.wait_for_selector(".control-marker")
            assert page.input_value("#control-day") == "2"  # the latest day first
            assert page.locator(".control-marker.side-government").count() == 1
            page.fill("#control-day", "0")
            page.dispatch_event("#control-day", "input")
            assert page.text_content("#control-date") == "2024-11-01"
            assert page.locator(".control-marker.side-opposition").count() == 1
            assert page.locator(".control-marker.side-government").count() == 0
            page.click("#control-play")  # replays from day 0 to the last
            page.wait_for_function("() => document.querySelector('#control-date').textContent === '2024-11-30'",
                                   timeout=10000)
            assert page.locator(".control-marker.side-government").count() == 1


HOSTILE_TEXT = (f"قال شاهد {SCRIPT} إن طائرة قصفت سوق سراقب {IMG} صباح اليوم وقتل مدني.")


def test_markup_in_an_article_is_shown_as_text_and_never_runs(backend_url: str, page) -> None:  # noqa: ANN001
    hostile_actor = Actor(name_en=f"Unknown {IMG}", name_ar=f"مجهول {SCRIPT}", inter=3)
    ev = event(HOSTILE_TEXT, "hostile-1", dt.date(2024, 11, 30), "Air/drone strike", "Explosions/Remote violence",
               SARAQIB.model_copy(update={"name_ar": f"سراقب {IMG}", "text": "سراقب"}), f"طائرة قصفت سوق سراقب {IMG}",
               actor1=hostile_actor, actor2=CIVILIANS, notes=f"Strike {SCRIPT} {IMG}")
    quote = Quote(speaker=Speaker(text=f"شاهد {IMG}", name_en=SCRIPT), text=SCRIPT, start=HOSTILE_TEXT.index(SCRIPT),
                  end=HOSTILE_TEXT.index(SCRIPT) + len(SCRIPT), direct=True, cue=IMG)
    out = output(HOSTILE_TEXT, [ev], f"hostile {SCRIPT}", dt.date(2024, 11, 30), source=f"wire {IMG}",
                 title=f"عنوان {SCRIPT}{IMG}", url="javascript:window.__pwned='link'", quotes=[quote])
    dialogs: list[str] = []
    with Store(backend_url) as store:
        store.add(out, HOSTILE_TEXT)
        with Desk(store) as desk:
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(desk.url + "/")
            page.wait_for_selector("tr.event-row")
            page.click("tr.event-row >> nth=0")
            page.wait_for_selector("#article-text mark.evidence")
            page.hover("#article-text")
            page.wait_for_timeout(500)  # time for an injected onerror to fire, were there one
            assert page.evaluate("() => window.__pwned") is None
            assert dialogs == []
            for where in ("#event-body", "#events"):
                assert page.locator(f"{where} script, {where} img").count() == 0, where
            text = page.text_content("#event-body")
            assert SCRIPT in text and IMG in text  # shown literally
            assert page.text_content("#article-text") == HOSTILE_TEXT
            assert page.locator("#event-body a[href^=javascript]").count() == 0
            assert IMG in page.text_content("#events")
