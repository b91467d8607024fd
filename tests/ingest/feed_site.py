"""A real news site for the feed tests: RSS and Atom feeds and article pages over local HTTP.

`serve()` starts a stdlib HTTP server on 127.0.0.1 in a thread; the test sets what each
path answers (`site.route(...)`), and reads back every request the server got (path,
headers, time). A route can answer with an ETag / Last-Modified and then 304 to a
conditional GET, sleep before answering (a slow server), or answer a sequence of
statuses (503 with Retry-After, then 200).

The reports are short texts written for these tests, one clear event each.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Report:
    """One news report: its page's path, title, feed date, body paragraphs and feed summary."""

    slug: str
    title: str
    date: str  # RFC 822, as RSS writes it
    iso: str   # RFC 3339, as Atom writes it
    paragraphs: tuple[str, ...]
    summary: str
    sub_event_type: str
    admin1: str

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


STRIKE = Report(
    # Published at 01:30 Damascus time: still the 5th in UTC, the 6th where it happened.
    "strike", "غارتان على أطراف معرة مصرين", "Wed, 06 Mar 2024 01:30:00 +0300", "2024-03-06T01:30:00+03:00",
    (("شنّت طائرات حربية، اليوم الأربعاء، غارتين جويتين على أطراف مدينة معرة مصرين في ريف إدلب الشمالي، "
      "ما أسفر عن إصابة أربعة مدنيين بجروح، بحسب فرق الدفاع المدني."),
     ("وقال أحد سكان المدينة إن الغارتين استهدفتا أرضاً زراعية قريبة من مدرسة ابتدائية، وإن الأهالي سارعوا "
      "إلى نقل المصابين إلى مستوصف البلدة.")),
    "غارتان جويتان على معرة مصرين وإصابة أربعة مدنيين.", "Air/drone strike", "Idlib")
CLASH = Report(
    "clash", "اشتباكات على أطراف تل ملح", "Wed, 06 Mar 2024 11:00:00 +0300", "2024-03-06T11:00:00+03:00",
    (("دارت اشتباكات بالأسلحة الخفيفة والمتوسطة، مساء أمس الثلاثاء، بين فصائل المعارضة وقوات النظام على "
      "أطراف قرية تل ملح في ريف حماة الشمالي الغربي، من دون أنباء عن إصابات."),
     "وذكر مصدر ميداني أن المواجهات استمرت قرابة ساعتين قبل أن يعود الهدوء إلى المنطقة."),
    "اشتباكات بين الفصائل وقوات النظام في تل ملح.", "Armed clash", "Hama")
PROTEST = Report(
    "protest", "وقفة احتجاجية في جاسم", "Fri, 08 Mar 2024 13:15:00 +0300", "2024-03-08T13:15:00+03:00",
    (("خرج عشرات من أهالي مدينة جاسم في ريف درعا الشمالي، اليوم الجمعة، في وقفة احتجاجية للمطالبة بالكشف عن "
      "مصير أبنائهم المعتقلين."),
     "ورفع المحتجون لافتات كتبوا عليها أسماء المفقودين، وانتهت الوقفة بعد ساعة من دون حوادث."),
    "وقفة احتجاجية في جاسم للمطالبة بالمعتقلين.", "Peaceful protest", "Daraa")
SHELLING = Report(
    "shelling", "قصف صاروخي على دارة عزة", "Thu, 07 Mar 2024 14:00:00 +0300", "2024-03-07T14:00:00+03:00",
    (("قصفت قوات النظام بالقذائف الصاروخية، ظهر اليوم الخميس، الأحياء الغربية من مدينة دارة عزة في ريف حلب "
      "الغربي، ما ألحق أضراراً بمنازل المدنيين وعدد من المحال التجارية."),
     "وأفاد ناشطون بأن القصف تواصل نحو نصف ساعة."),
    "قصف صاروخي على الأحياء الغربية من دارة عزة.", "Shelling/artillery/missile attack", "Aleppo")
# Its page is gone (404): only the feed's summary tells it, and tells it whole.
ZIYARAH = Report(
    "ziyarah", "قصف مدفعي على الزيارة", "Sat, 09 Mar 2024 08:00:00 +0300", "2024-03-09T08:00:00+03:00",
    ("قصفت مدفعية قوات النظام بلدة الزيارة في سهل الغاب بريف حماة، صباح اليوم السبت، من دون تسجيل إصابات.",),
    "قصفت مدفعية قوات النظام بلدة الزيارة في سهل الغاب بريف حماة، صباح اليوم السبت، من دون تسجيل إصابات.",
    "Shelling/artillery/missile attack", "Hama")


def page(report: Report) -> str:
    """Return a news page as sites serve it: menus, scripts, related links around the article."""
    body = "".join(f"<p>{escape(p)}</p>" for p in report.paragraphs)
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{escape(report.title)} | شبكة الأخبار المحلية</title>
<script>var ads = "<p>إعلان لا يقرأ</p>";</script><style>p {{ line-height: 2 }}</style></head>
<body><nav><a href="/">الرئيسية</a> <a href="/news/">أخبار</a> <a href="/contact">اتصل بنا</a></nav>
<article><h1>{escape(report.title)}</h1>{body}</article>
<aside><h2>اقرأ أيضاً</h2><ul><li><a href="/news/old.html">تقرير أقدم</a></li></ul></aside>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def rss(reports: list[Report], base: str = "") -> str:
    """Return an RSS 2.0 feed of `reports` (links relative to `base`, summaries as escaped HTML)."""
    items = "".join(
        f"<item><title>{escape(r.title)}</title><link>{base}{r.path}</link><guid>{base}{r.path}</guid>"
        f"<pubDate>{r.date}</pubDate><description>{escape('<p>' + escape(r.summary) + '</p>')}</description></item>"
        for r in reports)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>شبكة الأخبار المحلية</title>'
            f"<link>{base}/</link><description>آخر الأخبار</description>{items}</channel></rss>")


def atom(reports: list[Report], base: str = "") -> str:
    """Return an Atom feed of `reports`."""
    entries = "".join(
        f'<entry><title>{escape(r.title)}</title><link rel="alternate" href="{base}{r.path}"/>'
        f"<id>tag:local.test,2024:{r.slug}</id><updated>{r.iso}</updated><published>{r.iso}</published>"
        f'<summary type="html">{escape("<p>" + escape(r.summary) + "</p>")}</summary></entry>'
        for r in reports)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>موقع محلي</title><id>tag:local.test,2024:feed</id><updated>2024-03-09T08:00:00Z</updated>"
            f"{entries}</feed>")


RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


@dataclass
class Answer:
    """What a route answers."""

    body: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    sleep: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """The routes the server answers and the requests it got."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.requests: list[Request] = []
        self.base = ""
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: str | bytes, content_type: str = HTML_TYPE, *then: Answer, **options) -> None:
        """Answer `path` with `body`; `then` are the answers of the following requests (the last one repeats)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = [Answer(data, content_type, **options), *then]

    def publish(self, path: str, feed: str, content_type: str, version: int = 1) -> None:
        """Serve a feed with validators that change with `version` (ETag and Last-Modified)."""
        self.route(path, feed, content_type, etag=f'"{path}-v{version}"',
                   last_modified=formatdate(1_709_700_000 + version * 3600, usegmt=True))

    def pages(self, *reports: Report) -> None:
        for report in reports:
            self.route(report.path, page(report))

    def seen(self, path: str) -> list[Request]:
        """Return the requests the server got for `path`, in order."""
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _answer(self, path: str) -> Answer | None:
        with self._lock:
            answers = self.routes.get(path)
            if not answers:
                return None
            return answers.pop(0) if len(answers) > 1 else answers[0]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with site._lock:
                site.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()},
                                             time.monotonic()))
            answer = site._answer(self.path)
            if answer is None:
                answer = Answer(b"<html><body><h1>404</h1></body></html>", HTML_TYPE, status=404)
            if answer.sleep:
                time.sleep(answer.sleep)
            fresh = (answer.etag and self.headers.get("If-None-Match") == answer.etag) or (
                answer.last_modified and not self.headers.get("If-None-Match")
                and self.headers.get("If-Modified-Since") == answer.last_modified)
            status, body = (304, b"") if fresh and answer.status == 200 else (answer.status, answer.body)
            try:
                self.send_response(status)
                if status != 304:
                    self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (("ETag", answer.etag), ("Last-Modified", answer.last_modified),
                                    *answer.headers.items()):
                    if value:
                        self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout tests)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay silent when a client hung up (the timeout and size tests do); print anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve() -> Iterator[Site]:
    """Run a `Site` on a free port of 127.0.0.1 for the duration of the block."""
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
