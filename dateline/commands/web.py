"""`dateline serve`: the read-only web UI and JSON API over a store (a thin shell over dateline.web)."""
from __future__ import annotations

import os

import click

from ..errors import UsageError
from ..store import default_path


@click.command("serve")
@click.option("--db", "db", metavar="FILE", default=None,
              help="The database file (default: $DATELINE_DB, else dateline.db). Opened read-only.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each opens the database read-only; use about one per CPU core).")
def serve_cmd(db, host, port, workers):
    """Browse a knowledge base in a web browser: search quotes and articles, read an article with
    its quotes coloured by speaker, see a person's profile and timeline. Every page has a JSON twin
    under /api; the API is described at /docs and /openapi.json. The database is opened read-only.

    \b
    Examples:
      dateline serve --db news.db
      dateline serve --db news.db --host 0.0.0.0 --port 8080 --workers 2
    """
    try:
        import uvicorn

        from ..web import create_app
        from ..web.app import ENV_DB
    except ModuleNotFoundError as exc:
        raise UsageError(f"`dateline serve` needs {exc.name}: pip install 'dateline[web]'") from None
    path = default_path(db)
    app = create_app(path)  # a missing or foreign database stops here, with a one-line message
    click.echo(f"dateline: serving {path} on http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)",
               err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    else:
        os.environ[ENV_DB] = os.path.abspath(path)
        uvicorn.run("dateline.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning", access_log=False)


COMMANDS = [serve_cmd]
