"""Progress of a long ingest: a bar on a terminal, plain periodic log lines otherwise."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    """Counts records done; ``total`` (may be None) gives the ETA."""

    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, every: float = 10.0,
                 bar: bool | None = None, label: str = "ingest"):
        self.stream = stream or sys.stderr
        self.total = total
        self.every = every
        self.label = label
        self.done = 0
        self.start = time.monotonic()
        self._last = self.start
        self._bar = None
        if bar is None:
            bar = hasattr(self.stream, "isatty") and self.stream.isatty()
        if bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=" articles", file=self.stream, dynamic_ncols=True,
                             smoothing=0.1, desc=f"dateline {label}")

    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        text = f"dateline {self.label}: {self.done}"
        if self.total:
            text += f"/{self.total} ({100 * self.done / self.total:.0f}%)"
        text += f" articles, {rate:.1f} articles/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f", ETA {_duration((self.total - self.done) / rate)}"
        return text

    def update(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            print(self.line(), file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
