"""Distances between places, and which bank of the Euphrates a point is on.

News qualifies a shared name by its neighbours («الصالحية بريف البوكمال»)
or by the river («الصالحية شرقي الفرات»); these helpers answer both.

>>> from geodata.distance import km, euphrates_bank
>>> round(km((35.336, 40.140), (34.452, 40.918)))   # Deir ez-Zor city to Albukamal
121
>>> euphrates_bank(35.376, 40.163), euphrates_bank(35.014, 40.451)   # Husseiniyah, Mayadin
('east', 'west')
"""

from __future__ import annotations

import math
from functools import lru_cache

from geopy.distance import geodesic

__all__ = ["km", "euphrates_bank", "EUPHRATES"]


@lru_cache(maxsize=65536)
def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic (WGS84) distance in km between two (lat, lon) points."""
    return geodesic(a, b).km


# The Euphrates' course from the Turkish border to al-Qaim, downstream,
# as (lat, lon). Hand-traced from the river's main bends and checked
# against GeoNames towns of known bank (tests/geodata/test_resolve.py);
# good to a couple of km, so a village on the water's edge may fall on
# either side — callers only use it to separate places that lie clearly
# apart.
EUPHRATES: tuple[tuple[float, float], ...] = (
    (36.83, 38.02),   # Jarabulus
    (36.40, 38.20),
    (35.97, 38.30),
    (35.87, 38.57),   # Tabqa dam
    (35.92, 38.85),
    (35.93, 39.02),   # Raqqa (on the left bank)
    (35.85, 39.33),
    (35.78, 39.60),   # past Maadan (on the right bank)
    (35.66, 39.80),
    (35.60, 39.86),   # between Tibni and Kisrah
    (35.54, 39.92),
    (35.49, 40.00),
    (35.37, 40.07),
    (35.35, 40.10),   # below al-Husayniyah (left bank)
    (35.345, 40.15),  # Deir ez-Zor city (right bank) / al-Salihiyah (left)
    (35.325, 40.17),  # Huwayjat Saqr
    (35.293, 40.23),  # between Hatla (left) and al-Mari'iyah (right)
    (35.275, 40.262),
    (35.255, 40.29),
    (35.239, 40.316),  # between Tabiyah (left) and Muhasan (right)
    (35.17, 40.40),   # Khabur mouth, Busayrah (left)
    (35.08, 40.44),
    (35.03, 40.46),
    (35.01, 40.50),   # Mayadin (right) / Dhiban (left)
    (34.99, 40.53),
    (34.93, 40.58),   # Ashara (right)
    (34.86, 40.63),
    (34.82, 40.68),
    (34.80, 40.705),
    (34.75, 40.755),  # Dura-Europos / al-Salihiyah (right), Gharanij (left)
    (34.69, 40.80),   # Hajin (left)
    (34.63, 40.855),  # al-Jalaa (right)
    (34.60, 40.88),
    (34.565, 40.915),  # al-Shaafah (left)
    (34.52, 40.94),
    (34.48, 40.94),
    (34.455, 40.935),  # Albukamal (right) / Baghuz (left)
    (34.43, 40.985),
    (34.37, 41.10),   # al-Qaim
)


def _side(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """(squared distance to segment ab, cross product sign) in a local flat frame."""
    k = math.cos(math.radians(p[0]))
    ax, ay = a[1] * k, a[0]
    bx, by = b[1] * k, b[0]
    px, py = p[1] * k, p[0]
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return (px - cx) ** 2 + (py - cy) ** 2, dx * (py - ay) - dy * (px - ax)


def euphrates_bank(lat: float, lon: float, *, max_km: float = 60.0) -> str | None:
    """'east' (left bank, al-Jazira) or 'west' (right bank, the Shamiya) of the
    Euphrates in Syria, or None when the point is more than *max_km* from it.
    """
    best = min(_side((lat, lon), a, b) for a, b in zip(EUPHRATES, EUPHRATES[1:]))
    if math.sqrt(best[0]) * 111.0 > max_km:
        return None
    # Facing downstream, the left bank is to the left (positive cross product).
    return "east" if best[1] > 0 else "west"
