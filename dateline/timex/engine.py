"""The TIMEX3 tagger: phase 1 finds expressions with data-file rules and writes underspecified
values; phase 2 anchors them on the reference date or on the previous dated expression.

* Phase 1 runs every rule (``dateline/data/timex/rules/*.rules``) over the lowercased text, only
  near the words a rule ``needs``; overlapping candidates are resolved longest first, then by
  rule priority; negative rules (type NONE) block what they cover. Words just before a match
  such as "about", "nearly", "early", "the end of" extend it and set ``mod``
  (``normalization/mod_prefix.tsv``), except before a possessive ("around Wednesday's ruling").
  ``tense`` is "future" when a future cue ("will", "plans to", "as soon as", "next") comes earlier
  in the same sentence (up to 120 characters back) and nothing cancels it: a past cue between
  the cue and the expression, a past perfect before the cue ("had been due to expire Friday")
  or a past verb right after the expression ("planned for Saturday was cancelled"). With no
  cue, resolution keeps news' past bias.
* Phase 2 resolves the underspecified values (see :mod:`dateline.timex.anchor`): against the
  reference (``anchor="published"``) or, for "the next day", "a week later", "that day", "the
  following month", "the previous Friday" and bare clock times, against the previous dated
  expression of the same list (``anchor="timex:<k>"``). "A year ago/earlier" read from the last
  quarter mentioned in an earnings context (within 1,500 characters), else at month (ago) or
  year (earlier) granularity.

No machine clock is read anywhere: the reference date is a required argument.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import norm
from .anchor import is_underspecified, needs_anchor, resolve
from .calendar import Point, valid_date
from .rules import _FIELD, Resources, Rule, load_resources


@dataclass
class Timex:
    """One time expression; ``text == input[start:end]`` always."""

    start: int
    end: int
    text: str
    type: str                      # DATE | TIME | DURATION | SET
    value: str                     # TIMEX3 value
    mod: str | None = None         # TimeML mod: APPROX, START, MID, END, BEFORE, AFTER, ...
    anchor: str = "published"      # "published" or "timex:<k>" (k-th item of the same list)
    relative: bool = False         # the value depended on the reference
    raw: str | None = None         # underspecified phase-1 value (debugging, reanchor)
    tense: str | None = None       # "future" when a future cue was seen near the expression
    rule: str | None = None        # name of the rule that matched

    def to_dict(self) -> dict:
        return asdict(self)


_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|upcoming|plans? to|planned|planning|scheduled|"
    r"expects? to|expected to|is due|are due|due to|to be held|intends? to|until|set to|as soon as|"
    r"as early as|"
    r"next|coming|hope to|hopes to|is to|are to|maybe|perhaps|someday)\b")
# a modal just after the expression ("one day we might"), not across a relative pronoun
_FUTURE_RIGHT = re.compile(r"^\W*(?:(?!which\b|that\b|who\b)\w+\s+)?"
                           r"(?:will|might|could|would|'ll|shall|may)\b")
_PAST = re.compile(r"\b(?:was|were|had|did|said|ago|last|earlier|since|(?<!be )(?<!been )(?<!being )"
                   r"(?<!to )[a-z]{3,}ed)\b")
# a past perfect just before the future cue: the plan is over ("had been due to expire Friday")
_PAST_PERFECT = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+\s+)?$")
# a past verb right after the expression closes a future cue ("planned for Saturday was canceled",
# "until Thursday, they had not"); not across "and"/"but"/"or"
_RIGHT_PAST = re.compile(r"^\W*(?:(?!and\b|but\b|or\b)[a-z]+\s+){0,2}?(?:was|were|had)\b")
_SENT_END = re.compile(r"[.!?][\'\"’”)]*\s|\n")
_DATE_FULL = re.compile(r"^(\d{4})-(\d\d)(?:-(\d\d))?(?=$|T)")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
_TOKEN = re.compile(r"[a-z]+|\d+")
_PAST_REACH = 0  # past cues: measured worse on TimeBank and AQUAINT at 15-60, so off (0)
_TENSE_REACH = 120  # how far back (within the sentence) a future cue still counts (characters)
_QUARTER_REACH = 1500  # how far back a quarter still frames "a year ago" (characters)
_BEFORE, _AFTER = 90, 70  # how far a match may reach before / after its needed word


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # rare characters whose lowercase form is longer (e.g. 'İ'): keep them as they are
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _as_point(reference) -> Point:
    if isinstance(reference, _dt.datetime):
        return Point.from_date(reference.date())
    if isinstance(reference, _dt.date):
        return Point.from_date(reference)
    if isinstance(reference, str):
        p = Point.parse(reference.strip()[:10] if re.match(r"\d{4}-\d\d-\d\d", reference.strip())
                        else reference.strip())
        if p is not None:
            return p
    raise ValueError(f"reference must be a date or a TIMEX3 date value like '2021-09-28', "
                     f"not {reference!r}")


class TimexEngine:
    """Load the rules once; :meth:`tag` is safe to call from several threads."""

    def __init__(self, data_dir: str | Path | None = None):
        self.resources: Resources = load_resources(data_dir)
        self.rules: list[Rule] = self.resources.rules
        prefixes = self.resources.mod_prefixes
        self._mod_lookup = {p: (mod, types) for p, mod, types in prefixes}
        alts = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p, _, _ in prefixes)
        self._mod_re = re.compile(rf"(?:^|(?<=[^\w]))(?P<p>{alts})(?:\s+|-)$") if alts else None

    # -- phase 1 --------------------------------------------------------------------------------
    def _windows(self, rule: Rule, low: str, index: dict) -> list[tuple[int, int]] | None:
        """Text windows around the rule's needed words, or None to scan the whole text."""
        if not rule.needs:
            return None
        needs = rule.needs
        if len(needs) < len(index):
            present = [w for w in needs if w in index]
        else:
            present = [w for w in index if w in needs]
        if not present:
            return []
        spans = []
        for w in present:
            spans.extend(index[w])
        spans.sort()
        out: list[list[int]] = []
        n = len(low)
        for s, e in spans:
            a, b = max(0, s - _BEFORE), min(n, e + _AFTER)
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        res = []
        for a, b in out:
            if a > 0:
                a = low.rfind(" ", 0, a) + 1
            if b < n:
                k = low.find(" ", b)
                b = n if k < 0 else k
            res.append((a, b))
        return res

    def _candidates(self, text: str, low: str):
        cands = []
        index: dict[str, list[tuple[int, int]]] = {}
        for m in _TOKEN.finditer(low):
            w = m.group()
            index.setdefault("#num" if w[0].isdigit() else w, []).append(m.span())
        for ri, rule in enumerate(self.rules):
            wins = self._windows(rule, low, index)
            if wins is None:
                matches = rule.regex.finditer(low)
            elif not wins:
                continue
            else:
                matches = [m for a, b in wins for m in rule.regex.finditer(low, a, b)]
            for m in matches:
                ms = m.start()
                if not rule.span and ms > 0 and (low[ms - 1].isalnum() or low[ms - 1] == "_"):
                    continue
                if rule.cap and m.group(rule.cap) and not text[m.start(rule.cap)].isupper():
                    continue
                s, e = m.span(rule.span) if rule.span else (ms, m.end())
                if s < 0 or e <= s:
                    continue
                cands.append((s, e, ri, m))
        # longest first, then rule priority, then earliest; keep what does not overlap
        cands.sort(key=lambda c: (-(c[1] - c[0]), -self.rules[c[2]].priority, c[0], c[2]))
        taken: list[tuple[int, int]] = []
        chosen = []
        seen = set()
        for c in cands:
            s, e = c[0], c[1]
            if (s, e, c[2]) in seen:
                continue
            seen.add((s, e, c[2]))
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            chosen.append(c)
        chosen.sort(key=lambda c: c[0])
        return chosen

    def _expand(self, template: str, groups: dict) -> str | None:
        tables = self.resources.tables
        failed = False

        def sub(m):
            nonlocal failed
            g, fn = m.group(1), m.group(2)
            val = groups.get(g)
            if val is None:
                failed = True
                return ""
            out = norm.apply(fn, val, groups, tables)
            if out is None:
                failed = True
                return ""
            return out
        out = _FIELD.sub(sub, template)
        return None if failed else out

    def _tense(self, low: str, s: int, e: int) -> str | None:
        """"future" when a future cue governs the expression, "past" never (news bias is the
        default), None otherwise. The cue is the last one in the sentence before the expression
        (up to ``_TENSE_REACH`` characters); a past cue after it, a past perfect just before it or
        a past verb right after the expression cancels it."""
        left = low[max(0, s - _TENSE_REACH):s]
        cut = None
        for cut in _SENT_END.finditer(left):
            pass
        if cut is not None:
            left = left[cut.end():]
        fut = None
        for fut in _FUTURE.finditer(left):
            pass
        if fut is not None and _PAST_PERFECT.search(left, 0, fut.start()):
            fut = None
        right = low[e:e + 40]
        m = _SENT_END.search(right)
        if m:
            right = right[:m.start()]
        past = None
        for past in _PAST.finditer(left, fut.end() if fut else 0):
            pass
        if past is not None and len(left) - past.end() <= _PAST_REACH:
            return "past"
        if fut is None:
            # a cue right after the expression: "one day we might ..."
            if _FUTURE_RIGHT.search(right[:25]):
                return "future"
            return None
        if past is not None or _RIGHT_PAST.search(right):
            return None
        return "future"

    def _mod_prefix(self, low: str, s: int, floor: int, typ: str):
        if self._mod_re is None:
            return None
        if low.startswith(("the ", "these ", "those "), s):
            return None
        window = low[max(floor, s - 40):s]
        m = self._mod_re.search(window)
        if not m:
            return None
        key = norm.norm_key(m["p"])
        hit = self._mod_lookup.get(key)
        if hit is None or typ not in hit[1]:
            return None
        return s - (len(window) - m.start("p")), hit[0]

    def phase1(self, text: str, reference: Point | None = None) -> list[dict]:
        """Find expressions and their underspecified values (no anchoring yet)."""
        low = _lower(text)
        out: list[dict] = []
        prev_end = 0
        for s, e, ri, m in self._candidates(text, low):
            rule = self.rules[ri]
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            tense = rule.tense or self._tense(low, s, e)
            if tense == "future":
                groups["future"] = "future"
            typ = Rule.pick(rule.types, groups)
            if typ == "NONE" or typ is None:
                prev_end = max(prev_end, e)
                continue
            tmpl = Rule.pick(rule.values, groups)
            value = self._expand(tmpl, groups) if tmpl is not None else None
            if not value:
                continue
            if value.startswith("P") and not value.startswith("PRESENT") and \
                    not value.startswith("PAST") and not value.startswith("PT"):
                value = norm.canonical_duration(value)
            fm = _DATE_FULL.match(value)
            if fm and (not 1 <= int(fm[2]) <= 12 or
                       (fm[3] and not valid_date(int(fm[1]), int(fm[2]), int(fm[3])))):
                continue  # "February 30": not a date, never a crash
            mtmpl = Rule.pick(rule.mods, groups)
            mod = self._expand(mtmpl, groups) if mtmpl else None
            # "get around Wednesday's ruling": a possessive is a determiner, the word before it
            # belongs to the noun phrase, not to the time expression
            pre = None if low.startswith(("'s", "’s"), e) else \
                self._mod_prefix(low, s, prev_end, typ)
            if pre is not None:
                s = pre[0]
                mod = mod or pre[1]
            out.append({"start": s, "end": e, "type": typ, "raw": value, "mod": mod or None,
                        "tense": tense, "rule": rule.name})
            prev_end = e
        return out

    # -- phase 2 --------------------------------------------------------------------------------
    def tag(self, text: str, reference) -> list[Timex]:
        """Every time expression in ``text``, valued against ``reference`` (a date, or a TIMEX3
        date value string); relative ones that need a previous date are anchored on it."""
        ref = _as_point(reference)
        found: list[Timex] = []
        last_dated: int | None = None
        last_quarter: int | None = None
        hol = self.resources.holidays
        for item in self.phase1(text, ref):
            raw = item["raw"]
            anchor = "published"
            relative = is_underspecified(raw)
            base_i = last_dated
            if raw.endswith("@ctxq"):  # "the 1988 period": that year's quarter in earnings talk
                raw = raw[:-5]
                if last_quarter is not None and item["start"] - found[last_quarter].end < _QUARTER_REACH:
                    raw += found[last_quarter].value[4:7]
            elif "@ctx" in raw:
                # "a year ago/earlier" in an earnings report compares quarters: read it from the
                # last quarter mentioned; otherwise month (ago) or year (earlier) granularity
                if last_quarter is not None and item["start"] - found[last_quarter].end < _QUARTER_REACH:
                    raw, base_i = "ANC:" + raw[4:].replace("@ctx", "@quarter"), last_quarter
                else:
                    raw = raw.replace("@ctx", "@month" if raw.startswith("REF:") else "@year")
            if needs_anchor(raw) and base_i is not None and raw.startswith("ANC:day+0T") and \
                    not _DAY_VALUE.match(found[base_i].value):
                base_i = None  # a clock time sits on the last mentioned day, else on the reference
            if needs_anchor(raw) and base_i is not None:
                base = Point.parse(found[base_i].value)
                value = resolve(raw, ref, item["tense"], hol, anchor=base)
                anchor = f"timex:{base_i}"
            else:
                value = resolve(raw, ref, item["tense"], hol)
            if value is None:
                continue
            t = Timex(item["start"], item["end"], text[item["start"]:item["end"]], item["type"],
                      value, item["mod"], anchor, relative, raw, item["tense"], item["rule"])
            found.append(t)
            if t.type in ("DATE", "TIME") and Point.parse(value) is not None and \
                    "@ctx" not in item["raw"]:
                last_dated = len(found) - 1
                if value[4:6] == "-Q":
                    last_quarter = len(found) - 1
        return found

    def reanchor(self, t: Timex, reference: str, anchor: str) -> Timex:
        """Re-resolve one relative expression against another reference (a TIMEX3 date value
        such as ``2021-09-28`` or ``2021-09``); ``anchor`` is recorded in the result."""
        if not t.relative or not t.raw:
            return t
        try:
            ref = _as_point(reference)
        except ValueError:
            return t
        value = resolve(t.raw, ref, t.tense, self.resources.holidays, anchor=ref)
        if value is None:
            return t
        return replace(t, value=value, anchor=anchor)


__all__ = ["Timex", "TimexEngine"]
