"""Quotation marks: find them, tell them from apostrophes, pair them (pure string work).

Rules, in the order they apply:

* double marks: curly ``“ ”``, straight ``"``, doubled apostrophes ``''`` (some newswires), low
  ``„``, guillemets ``« »``; single marks: ``‘ ’`` and the straight ``'`` (which it shares with the
  apostrophe);
* a single mark between two letters or digits (don't, Teigen's), before a decade or year ('90s),
  or in a known elision (rock 'n' roll, 'em, 'til) is an apostrophe; a mark after a letter with a
  space after it (parents') closes a quote only when a single quote is open, and not when it is an
  s-plural followed by a lower-case word while a later mark can close the quote (workers' badges);
* marks pair within a paragraph (a line); a paragraph that opens a double quote without closing it,
  followed by one that re-opens with a mark, is news convention for a quote running on: the first
  span ends at its paragraph's end (``runs_on``) and the next starts ``resumes``; an opener left
  alone at the start of a paragraph runs to the paragraph's end; any other unmatched mark is
  ignored. Nothing here raises on odd counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"'{1,3}|``|[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a]")
_DOUBLE_OPEN = {"\u201c", "\u201e", "\u00ab", "``"}
_DOUBLE_CLOSE = {"\u201d", "\u00bb"}
_DOUBLE_AMBIG = {'"', "''"}
_SINGLE = {"'", "\u2018", "\u2019", "\u2039", "\u203a"}
_ELISIONS = {"n", "em", "til", "cause", "bout", "tis", "twas", "round", "cos", "ol", "nuff", "sup"}
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/") | _DOUBLE_OPEN | {'"'}
_CLOSE_AFTER = set(" \t\n.,;:!?)]}\u2014\u2013-/") | _DOUBLE_CLOSE | {'"', "'", "\u2019"}


@dataclass
class QSpan:
    """A stretch of text between paired marks. ``start``/``end``: the words, marks and edge spaces
    excluded; ``open``/``close``: the marks' outer edges (``close == end`` when there is no mark)."""

    open: int
    start: int
    end: int
    close: int
    style: str  # "double" or "single"
    parent: int | None = None  # index of the enclosing span in the list returned by find_spans
    runs_on: bool = False  # no closing mark: the quote goes on in the next paragraph
    resumes: bool = False  # re-opens a quote the previous paragraph left open
    closed: bool = True  # False when the end is a paragraph end, not a mark


def _tokens(text: str):
    """(offset, mark) pairs; ``'''`` is split into a single and a double mark."""
    for m in _TOKEN.finditer(text):
        s, tok = m.start(), m.group()
        if tok == "'''":
            prev = text[s - 1] if s else "\n"
            if prev.isspace() or prev in _OPEN_BEFORE:
                yield s, "''"
                yield s + 2, "'"
            else:
                yield s, "'"
                yield s + 1, "''"
        else:
            yield s, tok


def _is_apostrophe(text: str, i: int, tok: str) -> bool:
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    if (prev.isspace() or prev in "([-") and nxt.isdigit():  # '90s, '16
        m = re.match(r"\d+s?\b", text[i + 1:i + 6])
        return bool(m)
    if not prev.isalnum():  # 'n', 'em, 'til ...
        m = re.match(r"[A-Za-z]+", text[i + 1:i + 8])
        if m and m.group().lower() in _ELISIONS:
            after = text[i + 1 + m.end():i + 2 + m.end()]
            if m.group().lower() != "n" or after in ("'", "\u2019"):
                return True
    if prev == "n" and text[i - 2:i - 1] in ("'", "\u2018") and tok in ("'", "\u2019"):  # 'n' closing
        return True
    return False


def _later_close(text: str, i: int, pend: int) -> bool:
    """Is there a mark after ``i`` (and a space and a lower-case word) that can close a single quote?"""
    if not (text[i:i + 1] == " " and text[i + 1:i + 2].islower()):
        return False
    for m in re.finditer(r"['\u2019]", text[i:pend]):
        j = i + m.start()
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if not text[j - 1].isspace() and not (text[j - 1].isalnum() and nxt.isalnum()) and \
                (nxt in _CLOSE_AFTER or nxt.isspace()):
            return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _opens_paragraph(text: str, start: int, end: int) -> bool:
    s, _ = _trim(text, start, end)
    return s < end and (text[s] in _DOUBLE_OPEN or text[s] == '"' or text.startswith("''", s))


def find_spans(text: str) -> list[QSpan]:
    """Every quoted stretch of ``text``, in order of the opening mark, with ``parent`` set."""
    spans: list[QSpan] = []
    paras = [p for p in _paragraphs(text) if text[p[0]:p[1]].strip()]
    marks = list(_tokens(text))
    mi = 0
    resume_next = False
    for pi, (pstart, pend) in enumerate(paras):
        stack: list[tuple[str, int, int]] = []  # (style, mark offset, content start)
        first_in_para = True
        while mi < len(marks) and marks[mi][0] < pstart:
            mi += 1
        while mi < len(marks) and marks[mi][0] < pend:
            i, tok = marks[mi]
            mi += 1
            after = i + len(tok)
            prev = text[i - 1] if i > pstart else "\n"
            nxt = text[after] if after < pend else "\n"
            if tok in _SINGLE:
                if _is_apostrophe(text, i, tok):
                    continue
                can_close = not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace())
                can_open = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
                if tok in ("\u2018", "\u2039"):
                    can_close = can_close and not can_open
                if can_close and stack and stack[-1][0] == "single" and prev in "sz" and \
                        _later_close(text, after, pend):
                    continue  # "the workers' badges": a plural possessive; the quote closes later
                if stack and stack[-1][0] == "single" and can_close:
                    _, o, cs = stack.pop()
                    s, e = _trim(text, cs, i)
                    spans.append(QSpan(o, s, e, after, "single"))
                elif can_open:
                    stack.append(("single", i, after))
                continue
            # a double mark
            has_double = any(st.startswith("double") for st, _, _ in stack)
            if tok in _DOUBLE_OPEN:
                is_open = True
            elif tok in _DOUBLE_CLOSE:
                is_open = False
            elif not has_double:
                is_open = not nxt.isspace()
            else:
                is_open = (prev.isspace() or prev in "([") and nxt.isalnum()
            if is_open:
                if has_double and tok in _DOUBLE_AMBIG:
                    # an opener while one is open: the older opener had no partner
                    while stack:
                        stack.pop()
                resumes = resume_next and first_in_para and not text[pstart:i].strip()
                stack.append(("double", i, after))
                if resumes:
                    stack[-1] = ("double-resumes", i, after)
                resume_next = False
                first_in_para = False
                continue
            if not has_double:
                continue  # a stray closing mark
            while stack and not stack[-1][0].startswith("double"):
                stack.pop()  # singles left open inside: apostrophes or odd marks
            st, o, cs = stack.pop()
            s, e = _trim(text, cs, i)
            spans.append(QSpan(o, s, e, after, "double", resumes=st == "double-resumes"))
        # paragraph end: a double opener still open
        resume_next = False
        bottom = next((x for x in stack if x[0].startswith("double")), None)
        if bottom is not None:
            st, o, cs = bottom
            nxt_para = paras[pi + 1] if pi + 1 < len(paras) else None
            s, e = _trim(text, cs, pend)
            at_start = not text[pstart:o].strip()
            if nxt_para is not None and _opens_paragraph(text, *nxt_para):
                spans.append(QSpan(o, s, e, e, "double", runs_on=True, resumes=st == "double-resumes",
                                   closed=False))
                resume_next = True
            elif at_start and e > s:
                spans.append(QSpan(o, s, e, e, "double", resumes=st == "double-resumes", closed=False))
    spans = [sp for sp in spans if sp.end > sp.start]
    spans.sort(key=lambda sp: (sp.open, -sp.close))
    _set_parents(spans)
    return spans


def _set_parents(spans: list[QSpan]) -> None:
    stack: list[int] = []
    for idx, sp in enumerate(spans):
        while stack and not (spans[stack[-1]].open <= sp.open and sp.close <= spans[stack[-1]].close):
            stack.pop()
        sp.parent = stack[-1] if stack else None
        stack.append(idx)
