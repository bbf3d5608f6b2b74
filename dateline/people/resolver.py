"""``ctx.resolve``: who a stretch of text refers to, for the quote stage.

Inside a quote (``quoted_by`` given) "I"/"me" is the quoter, "we" the quoter with the partner the
article names, "they" the latest group of other people; everything else is what the people stage
resolved it to.
"""
from __future__ import annotations

from bisect import bisect_left

from .coref import Coref, group_ids
from .mentions import Mention
from .tokens import index

_I = {"i", "me", "my", "mine", "myself"}
_WE = {"we", "us", "our", "ours", "ourselves"}
_THEY = {"they", "them", "their", "theirs", "themselves"}


class Resolver:
    def __init__(self, mentions: list[Mention], coref: Coref, partners: dict[str, list[str]],
                 aliases: dict[str, str]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]
        self.coref = coref
        self.partners = partners
        self.aliases = aliases

    def inside(self, start: int, end: int) -> list[Mention]:
        k = bisect_left(self.starts, start)
        out = []
        for m in self.mentions[k:k + 64]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        if not out:  # the span lies within a mention ("Legend" inside "John Legend's")
            out = [m for m in self.mentions[max(0, k - 8):k + 1] if m.start <= start and end <= m.end
                   and m.kind != "group"]
        return out

    def __call__(self, start: int, end: int, quoted_by: list[str] | None = None) -> list[str]:
        found = self.inside(start, end)
        # the outermost mentions only: a group covers its members
        top = [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and (o.end - o.start) > (m.end - m.start) for o in found)]
        # a possessor is not the referent when something else is: "Teigen's husband"
        heads = [m for m in top if self.coref.doc[m.head].dep_ != "poss"] or top
        out: list[str] = []
        for m in heads:
            for i in self._ids(m, quoted_by):
                if i not in out:
                    out.append(i)
        if not out and not found:
            key = index(self.coref.doc).text[start:end].strip()
            if key.endswith(("'s", "\u2019s")):
                key = key[:-2]
            if key in self.aliases:
                out = [self.aliases[key]]
        return out

    def _ids(self, m: Mention, quoted_by) -> list[str]:
        low = m.text.lower()
        if m.kind == "group":
            return [i for x in m.members for i in self._ids(x, quoted_by)] or group_ids(m)
        if m.kind == "pronoun":
            if low in _I:
                return list(quoted_by or [])
            if low in _WE:
                if not quoted_by:
                    return []
                out = list(quoted_by)
                for q in quoted_by:
                    for p in self.partners.get(q, []):
                        if p not in out:
                            out.append(p)
                return out
            if low in _THEY and quoted_by:
                ids = self.coref.latest_group(m.start, avoid=quoted_by)
                return ids or list(m.ids)
        return list(m.ids)
