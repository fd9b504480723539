"""Phase 5, serve: the web app and HTTP API (``newstrace serve``).

from newstrace.serve import create_app
app = create_app("newstrace.sqlite", token="secret")   # an ASGI app: uvicorn.run(app)
"""

from __future__ import annotations

from .app import create_app, run_server

__all__ = ["create_app", "run_server"]
