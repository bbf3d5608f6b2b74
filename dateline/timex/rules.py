"""Loading and validating the time engine's resources (``dateline/data/timex``).

Layout (the file name is the key everywhere):

``patterns/NAME.txt``
    one regex fragment a line (lowercase); a rule pattern refers to the list as ``%NAME``, which
    expands to ``(?:line1|line2|...)`` with longer lines first. ``%holiday`` is generated from
    ``holidays.tsv``.
``normalization/NAME.tsv``
    ``text<TAB>value`` lines; a value template applies the table as ``{group|NAME}``.
``rules/*.rules``
    blocks of ``key: value`` lines, each block opened by ``[rule_name]``::

        [date_month_day_year]
        pattern: (?P<month>%month)\\.? (?P<day>%daynum),? (?P<year>%year4)
        type: DATE
        value: {year}-{month|month}-{day|day}
        example: They met on Sept. 30, 2020. @ 2021-10-25 => Sept. 30, 2020 | DATE | 2020-09-30

    keys: ``pattern`` (required; matched against the lowercased text; a word boundary is required
    on both sides), ``type`` (DATE, TIME, DURATION, SET, or NONE for a negative rule that only
    blocks others), ``value`` (required), ``mod``, ``span`` (report only this group), ``cap``
    (this group must start with a capital letter in the original text), ``priority`` (int,
    breaks ties between equally long matches), ``tense`` (past/future: overrides the cue words),
    ``needs`` (speed: words of which at least one must occur in every match, ``@table`` for the
    first words of a table's keys, ``%list`` for the words of a plain-word pattern list, ``#num`` for
    any number; the rule then runs only near them),
    ``example`` (repeatable: ``SENTENCE @ REFERENCE => SPAN | TYPE | VALUE [| MOD]`` or
    ``SENTENCE @ REFERENCE => NONE``). ``value``, ``type`` and ``mod`` may be conditional:
    ``value[year]: ...`` is used only when group ``year`` matched (``[future]``: when a future cue
    is near); the first usable line wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RuleFileError
from .holidays import Holiday, load_holidays
from . import norm as _norm

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "timex"
TYPES = ("DATE", "TIME", "DURATION", "SET", "NONE")
_KEYS = {"pattern", "type", "value", "mod", "span", "cap", "priority", "tense", "example",
         "needs"}
_COND_KEYS = {"value", "type", "mod"}
_LINE = re.compile(r"^(?P<key>[a-z]+)(?:\[(?P<cond>[a-z_0-9,]+)\])?\s*:\s?(?P<val>.*)$")
_MACRO = re.compile(r"%([a-z_0-9]+)")
_FIELD = re.compile(r"\{([a-z_0-9]+)(?:\|([a-z_0-9]+))?\}")
_EXAMPLE = re.compile(r"^(?P<text>.+?)\s+@\s+(?P<ref>\d{4}-\d\d-\d\d)\s+=>\s+(?P<out>.+)$")


@dataclass(frozen=True)
class Example:
    text: str
    reference: str
    span: str | None          # None: nothing may be found
    type: str | None = None
    value: str | None = None
    mod: str | None = None
    source: str = ""


@dataclass
class Rule:
    name: str
    source: str
    line: int
    pattern: str
    regex: re.Pattern
    types: list[tuple[tuple[str, ...], str]]
    values: list[tuple[tuple[str, ...], str]]
    mods: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    span: str | None = None
    cap: str | None = None
    priority: int = 0
    tense: str | None = None
    examples: list[Example] = field(default_factory=list)
    needs: frozenset[str] = frozenset()

    @staticmethod
    def pick(options: list[tuple[tuple[str, ...], str]], groups: dict) -> str | None:
        for cond, val in options:
            if all(groups.get(g) for g in cond):
                return val
        return None


@dataclass
class Resources:
    patterns: dict[str, str]
    tables: dict[str, dict[str, str]]
    holidays: dict[str, Holiday]
    rules: list[Rule]
    mod_prefixes: list[tuple[str, str, frozenset[str]]]


def _load_patterns(folder: Path, holidays: dict[str, Holiday]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(folder.glob("*.txt")):
        lines = []
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                re.compile(line)
            except re.error as exc:
                raise RuleFileError(path, lineno, path.stem, f"bad regex {line!r}: {exc}") from None
            lines.append(line)
        if not lines:
            raise RuleFileError(path, 1, path.stem, "empty pattern list")
        lines = sorted(set(lines), key=lambda s: (-len(s), s))
        out[path.stem] = lines  # type: ignore[assignment]
    names = [n for h in holidays.values() for n in h.names]
    out["holiday"] = sorted(set(names), key=lambda s: (-len(s), s))  # type: ignore[assignment]
    # expand macros inside pattern lists (one level deep is enough for our lists)
    flat: dict[str, str] = {}
    for key, lines in out.items():
        flat[key] = "(?:" + "|".join(lines) + ")"  # type: ignore[arg-type]
    for key in list(flat):
        flat[key] = _MACRO.sub(lambda m: flat.get(m.group(1), m.group(0)), flat[key])
    return flat


def _load_tables(folder: Path, holidays: dict[str, Holiday]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.tsv")):
        table: dict[str, str] = {}
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            cols = raw.split("\t")
            if len(cols) < 2:
                raise RuleFileError(path, lineno, path.stem,
                                    f"expected 'text<TAB>value', got {raw!r}")
            k = _norm.norm_key(cols[0])
            if k in table:
                raise RuleFileError(path, lineno, path.stem, f"duplicate entry {cols[0]!r}")
            table[k] = "\t".join(c.strip() for c in cols[1:])
        out[path.stem] = table
    hol: dict[str, str] = {}
    for h in holidays.values():
        for name in h.names:
            hol[name] = h.key
    out["_holiday_regexes"] = hol
    return out


def _parse_example(path: Path, lineno: int, key: str, val: str) -> Example:
    m = _EXAMPLE.match(val.strip())
    if not m:
        raise RuleFileError(path, lineno, key,
                            "example must read 'SENTENCE @ YYYY-MM-DD => SPAN | TYPE | VALUE [| MOD]'"
                            " or 'SENTENCE @ YYYY-MM-DD => NONE'")
    out = m["out"].strip()
    src = f"{path.name}:{lineno}"
    if out == "NONE":
        return Example(m["text"], m["ref"], None, source=src)
    parts = [p.strip() for p in out.split("|")]
    if len(parts) not in (3, 4) or parts[1] not in TYPES[:4]:
        raise RuleFileError(path, lineno, key, f"bad example expectation {out!r}")
    if parts[0] not in m["text"]:
        raise RuleFileError(path, lineno, key, f"example span {parts[0]!r} is not in the sentence")
    return Example(m["text"], m["ref"], parts[0], parts[1], parts[2],
                   parts[3] if len(parts) == 4 else None, src)


def _build_rule(path: Path, name: str, line: int, items: list[tuple[int, str, str | None, str]],
                patterns: dict[str, str], tables: dict[str, dict[str, str]]) -> Rule:
    single: dict[str, tuple[int, str]] = {}
    conds: dict[str, list[tuple[tuple[str, ...], str]]] = {"value": [], "type": [], "mod": []}
    examples: list[Example] = []
    for lineno, key, cond, val in items:
        if key not in _KEYS:
            raise RuleFileError(path, lineno, name, f"unknown key {key!r} (known: {sorted(_KEYS)})")
        if cond and key not in _COND_KEYS:
            raise RuleFileError(path, lineno, name, f"key {key!r} cannot take a [condition]")
        if key == "example":
            examples.append(_parse_example(path, lineno, name, val))
        elif key in _COND_KEYS:
            conds[key].append((tuple(cond.split(",")) if cond else (), val.strip()))
        else:
            if key in single:
                raise RuleFileError(path, lineno, name, f"key {key!r} given twice")
            single[key] = (lineno, val.strip())
    if "pattern" not in single:
        raise RuleFileError(path, line, name, "missing key 'pattern'")
    for req in ("value", "type"):
        if not conds[req]:
            raise RuleFileError(path, line, name, f"missing key {req!r}")
    plineno, pat = single["pattern"]
    unknown = [m for m in _MACRO.findall(pat) if m not in patterns]
    if unknown:
        raise RuleFileError(path, plineno, name,
                            f"unknown pattern list %{unknown[0]} (no patterns/{unknown[0]}.txt)")
    expanded = _MACRO.sub(lambda m: patterns[m.group(1)], pat)
    try:
        regex = re.compile(f"(?:{expanded})(?![\\w])")
    except re.error as exc:
        raise RuleFileError(path, plineno, name, f"pattern does not compile: {exc}") from None
    groups = set(regex.groupindex)
    for key, opts in conds.items():
        for cond, val in opts:
            for g in cond:
                if g not in groups and g not in ("future",):
                    raise RuleFileError(path, plineno, name,
                                        f"{key}[{g}]: no group (?P<{g}>...) in the pattern")
            if key == "type" and val not in TYPES:
                raise RuleFileError(path, plineno, name, f"type must be one of {TYPES}, not {val!r}")
            for g, fn in _FIELD.findall(val):
                if g not in groups:
                    raise RuleFileError(path, plineno, name,
                                        f"{key} uses {{{g}}} but the pattern has no group {g!r}")
                if fn and fn not in tables and fn not in _norm.FUNCTIONS:
                    raise RuleFileError(path, plineno, name,
                                        f"{key} uses unknown function or table {fn!r}")
    for key in ("span", "cap"):
        if key in single and single[key][1] not in groups:
            raise RuleFileError(path, single[key][0], name, f"{key}: no group {single[key][1]!r}")
    priority = 0
    if "priority" in single:
        try:
            priority = int(single["priority"][1])
        except ValueError:
            raise RuleFileError(path, single["priority"][0], name, "priority must be an integer") \
                from None
    tense = single.get("tense", (0, None))[1]
    if tense not in (None, "past", "future"):
        raise RuleFileError(path, single["tense"][0], name, "tense must be past or future")
    needs: set[str] = set()
    if "needs" in single:
        nline, nval = single["needs"]
        for item in nval.split():
            if item.startswith("@"):
                if item[1:] not in tables:
                    raise RuleFileError(path, nline, name, f"needs: no table {item[1:]!r}")
                for k in tables[item[1:]]:
                    needs.update(re.findall(r"[a-z]+", k)[:1])
            elif item.startswith("%"):
                if item[1:] not in patterns:
                    raise RuleFileError(path, nline, name, f"needs: no pattern list {item[1:]!r}")
                needs.update(re.findall(r"[a-z]+", patterns[item[1:]]))
            elif item == "#num" or re.fullmatch(r"[a-z]+", item):
                needs.add(item)
            else:
                raise RuleFileError(path, nline, name,
                                    f"needs: {item!r} is not a lowercase word, @table, %list or #num")
    return Rule(name=name, source=path.name, line=line, pattern=pat, regex=regex,
                needs=frozenset(needs),
                types=conds["type"], values=conds["value"], mods=conds["mod"],
                span=single.get("span", (0, None))[1], cap=single.get("cap", (0, None))[1],
                priority=priority, tense=tense, examples=examples)


def load_rule_file(path: Path, patterns: dict[str, str], tables: dict[str, dict[str, str]],
                   seen: dict[str, str] | None = None) -> list[Rule]:
    """Parse one ``.rules`` file; raise :class:`RuleFileError` naming the file, line and rule."""
    seen = {} if seen is None else seen
    rules: list[Rule] = []
    name: str | None = None
    start = 0
    items: list[tuple[int, str, str | None, str]] = []
    text = path.read_text(encoding="utf-8")

    def flush():
        if name is not None:
            rules.append(_build_rule(path, name, start, items, patterns, tables))

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("["):
            if not re.fullmatch(r"\[[a-z][a-z_0-9]*\]", line):
                raise RuleFileError(path, lineno, None,
                                    f"bad rule header {line!r}: use [lowercase_name]")
            flush()
            name = line[1:-1]
            if name in seen:
                raise RuleFileError(path, lineno, name, f"duplicate rule name (also in {seen[name]})")
            seen[name] = f"{path.name}:{lineno}"
            start, items = lineno, []
            continue
        m = _LINE.match(line.strip())
        if not m:
            raise RuleFileError(path, lineno, name, f"expected 'key: value', got {line.strip()!r}")
        if name is None:
            raise RuleFileError(path, lineno, None, "key before the first [rule_name] header")
        items.append((lineno, m["key"], m["cond"], m["val"]))
    flush()
    return rules


def _load_mod_prefixes(tables: dict[str, dict[str, str]]) -> list[tuple[str, str, frozenset[str]]]:
    out = []
    for phrase, rest in tables.get("mod_prefix", {}).items():
        mod, _, types = rest.partition("\t")
        out.append((phrase, mod, frozenset(types.split(",")) if types else frozenset(TYPES[:4])))
    return sorted(out, key=lambda x: -len(x[0]))


def load_resources(data_dir: Path | str | None = None) -> Resources:
    """Load and validate every resource under ``data_dir`` (default: the packaged data)."""
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    holidays = load_holidays(base / "holidays.tsv")
    patterns = _load_patterns(base / "patterns", holidays)
    tables = _load_tables(base / "normalization", holidays)
    seen: dict[str, str] = {}
    rules: list[Rule] = []
    for path in sorted((base / "rules").glob("*.rules")):
        rules.extend(load_rule_file(path, patterns, tables, seen))
    return Resources(patterns, tables, holidays, rules, _load_mod_prefixes(tables))
