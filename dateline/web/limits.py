"""Request limits and security headers: a small pure-ASGI middleware in front of the app.

The app only answers GET requests with short parameters, so anything large is refused before it
reaches a route: a path longer than :data:`MAX_PATH` or a query string longer than :data:`MAX_QUERY`
bytes gives 414, a request body over :data:`MAX_BODY` bytes (announced by Content-Length, or
counted as it streams in) gives 413. Every response carries headers that stop the browser from
sniffing types, framing the pages or running scripts from anywhere but ``/static``.
"""
from __future__ import annotations

import json

# roomy enough for the longest valid parameters percent-encoded (a 500-character article id or a
# 200-character query of 4-byte characters is 6,000 bytes), far below what could hurt
MAX_PATH = 8192
MAX_QUERY = 8192
MAX_BODY = 16 * 1024

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
     b"base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
]


class _TooLarge(Exception):
    pass


class LimitsMiddleware:
    """Refuses oversized requests (413/414) and adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app, *, max_path: int = MAX_PATH, max_query: int = MAX_QUERY, max_body: int = MAX_BODY):
        self.app, self.max_path, self.max_query, self.max_body = app, max_path, max_query, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
        if len(path) > self.max_path:
            return await _refuse(send, 414, f"the path is longer than {self.max_path} bytes")
        if len(scope.get("query_string", b"")) > self.max_query:
            return await _refuse(send, 414, f"the query string is longer than {self.max_query} bytes")
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                return await _refuse(send, 400, "Content-Length is not a number")
            if too_big:
                return await _refuse(send, 413, f"the request body is larger than {self.max_body} bytes")

        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return message

        async def secured_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message, headers=list(message.get("headers", []))
                               + [h for h in SECURITY_HEADERS if h[0] not in names])
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, f"the request body is larger than {self.max_body} bytes")


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"detail": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})
