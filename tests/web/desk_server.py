"""The desk (API and web UI) served by uvicorn in a thread, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time

from marsad.api import Settings, create_app
from marsad.store import Store


class Desk:
    """The app served by uvicorn in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, store: Store, settings: Settings | None = None):
        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(settings or Settings(), store=store), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Desk:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
