"""Arabic news articles → located strike events.

>>> from extract import extract_events
>>> from geodata import Gazetteer, Place
>>> gaz = Gazetteer([Place(key="marrat", name_ar="مراط", name_en="Murat", kind="village",
...     lat=35.285, lon=40.262, affiliation="militia")])
>>> [(e.role, e.actor, e.targets[0].key) for e in extract_events(
...     "قصفت القوات الأمريكية مواقع للميليشيات الإيرانية في بلدة مراط.", gazetteer=gaz)]
[('retaliation', 'us_coalition', 'marrat')]
"""

from extract.model import ArticleMeta, Event, EventDate, PlaceMention
from extract.pipeline import extract_events

__all__ = ["extract_events", "ArticleMeta", "Event", "EventDate", "PlaceMention"]
