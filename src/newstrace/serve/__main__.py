"""``python -m newstrace.serve --db FILE [--host H] [--port P] [--read-only]`` (token from NEWSTRACE_TOKEN).

The same as ``newstrace serve``, without the CLI; the tests start servers this way.
"""

from __future__ import annotations

import argparse
import os

from .app import run_server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m newstrace.serve", description=__doc__)
    parser.add_argument("--db", default=os.environ.get("NEWSTRACE_DB", "newstrace.sqlite"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args()
    token = os.environ.get("NEWSTRACE_TOKEN") or None
    run_server(args.db, host=args.host, port=args.port, read_only=args.read_only, token=token, log_level=args.log_level)


if __name__ == "__main__":
    main()
