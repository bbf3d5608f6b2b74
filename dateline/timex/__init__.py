"""The time engine: TIMEX3 tagging and normalisation, pure Python, rules as data files.

>>> import datetime
>>> from dateline.timex import TimexEngine
>>> eng = TimexEngine()
>>> [(t.text, t.value) for t in eng.tag("They met last month.", datetime.date(2021, 10, 25))]
[('last month', '2021-09')]
"""
from .engine import Timex, TimexEngine
from .errors import RuleFileError
from .rules import load_resources

__all__ = ["Timex", "TimexEngine", "RuleFileError", "load_resources"]
