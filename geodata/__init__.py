"""Places for the Strike Map: Arabic folding, the gazetteer, name matching and resolution.

>>> from geodata import Gazetteer, Place
>>> gaz = Gazetteer([Place(key="mayadin", name_ar="الميادين", name_en="Mayadin",
...                        kind="city", lat=35.02, lon=40.45, source="GeoNames")])
>>> [m.places[0].key for m in gaz.find("غارة على بادية الميادين")]
['mayadin']
>>> gaz.resolve("بالميادين").place.name_en
'Mayadin'
"""

from geodata.gazetteer import (
    COUNTRY_BOUNDS,
    KINDS,
    Gazetteer,
    GazetteerError,
    NameMatch,
    Place,
    load_gazetteer,
)
from geodata.resolve import Resolution, ResolveContext

__all__ = [
    "COUNTRY_BOUNDS",
    "KINDS",
    "Gazetteer",
    "GazetteerError",
    "NameMatch",
    "Place",
    "Resolution",
    "ResolveContext",
    "load_gazetteer",
]
