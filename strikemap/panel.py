"""The side panel for a selected event: the incident, its sources, the Arabic excerpt, links.

Everything from an article or the gazetteer (text, titles, outlets, names,
links) is escaped here; the result is safe for ``st.html`` /
``st.markdown(..., unsafe_allow_html=True)``. Excerpts are shown right to
left (``dir="rtl" lang="ar"``) with the place marked (``<mark>``). A link is
only made for ``http``/``https`` addresses, or for this app's own pages
(``./Page?...``, built by :mod:`strikemap.export`). Each source links to its
article in the Sources reader; the selected event's source is marked.

>>> f = {"role": "attack", "actor": "iran_backed", "place_ar": "كونيكو", "place_en": "Conoco",
...      "date": "2024-10-15", "time_precision": 1, "weapon": "drone", "killed": None, "wounded": 2,
...      "excerpt": "استهدفت مسيرات <script>x</script> قاعدة كونيكو", "excerpt_place_start": 40,
...      "excerpt_place_end": 46, "article": "a.txt", "outlet": "<b>Outlet</b>",
...      "url": "javascript:alert(1)", "title": "عنوان"}
>>> html_ = panel_html(f)
>>> "<script>" in html_ or "<b>Outlet" in html_ or "javascript:" in html_
False
>>> '<mark>كونيكو</mark>' in html_ and 'dir="rtl"' in html_
True
>>> 'href="./Sources?article=a.txt"' in html_
True
"""

from __future__ import annotations

import html
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from extract.model import ACTORS, GEO_PRECISION, ROLES, TIME_PRECISION
from strikemap.export import article_link
from strikemap.markers import ROLE_STYLES

__all__ = ["panel_html", "highlight", "safe_link", "page_link", "sources_of", "source_event",
           "CORRECTION_FIELDS", "correction_choices", "current_value", "places_written", "PANEL_CSS"]

# What a curator may correct from the panel (the store's fields; time precision follows the date).
CORRECTION_FIELDS: dict[str, str] = {
    "role": "Role", "actor": "Actor", "place": "Place", "date": "Date", "weapon": "Weapon",
    "killed": "Killed", "wounded": "Wounded", "rejected": "Not an event",
}


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def safe_link(url: Any, text: str) -> str:
    """An escaped ``<a>`` for http(s) addresses; otherwise the text alone (escaped).

    >>> safe_link("https://example.org/?a=1&b=<x>", "read")
    '<a href="https://example.org/?a=1&amp;b=&lt;x&gt;" target="_blank" rel="noopener noreferrer">read</a>'
    >>> safe_link("javascript:alert(1)", "read")
    'read'
    """
    url = str(url or "").strip()
    try:
        ok = urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).netloc)
    except ValueError:
        ok = False
    if not ok:
        return _e(text)
    return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(text)}</a>'


def page_link(href: Any, text: str) -> str:
    """An escaped ``<a>`` to one of this app's pages (``./Name?query``); otherwise the text alone.

    >>> page_link("./Sources?article=a.txt&event=e%231", "read")
    '<a href="./Sources?article=a.txt&amp;event=e%231" target="_self">read</a>'
    >>> page_link("//evil.example/x", "read"), page_link("./javascript:x", "read")
    ('read', 'read')
    """
    href = str(href or "")
    name = href[2:].split("?", 1)[0]
    if not href.startswith("./") or not (name == "" or name.replace("_", "").isalnum()):
        return _e(text)
    return f'<a href="{_e(href)}" target="_self">{_e(text)}</a>'


def highlight(text: str, start: Any, end: Any, *, needle: str | None = None) -> str:
    """Escaped ``text`` with ``text[start:end]`` (or the first ``needle``) in ``<mark>``.

    >>> highlight("قصف <الميادين> ليلاً", None, None, needle="الميادين")
    'قصف &lt;<mark>الميادين</mark>&gt; ليلاً'
    """
    text = str(text or "")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        start = text.find(needle) if needle else -1
        end = start + len(needle) if start >= 0 and needle else -1
    if start < 0:
        return _e(text)
    return f"{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}"


def sources_of(feature: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The reports behind a feature: merged ``sources`` if any, else the feature's own article."""
    sources = feature.get("sources")
    if sources:
        return list(sources)
    return [{k: feature.get(k) for k in ("article", "outlet", "url", "published", "title", "excerpt",
                                         "excerpt_place_start", "excerpt_place_end")}]


def source_event(source: Mapping[str, Any], feature: Mapping[str, Any], selected: str | None = None) -> str | None:
    """The event a source stands for: the selected one if the source holds it, else its first."""
    ids = list(source.get("event_ids") or ())
    if selected and selected in ids:
        return selected
    if ids:
        return ids[0]
    return feature.get("event_id") or None


def _n(value: Any) -> str:
    return "not said" if value is None or value == "" else _e(value)


def panel_html(feature: Mapping[str, Any], *, selected_event: str | None = None) -> str:
    """The panel for one feature (or merged incident); the source of ``selected_event`` is marked."""
    role = feature.get("role") or "other"
    style = ROLE_STYLES.get(role, ROLE_STYLES["other"])
    actor = ACTORS.get(feature.get("actor") or "unknown", str(feature.get("actor")))
    group = f" — {_e(feature.get('actor_group'))}" if feature.get("actor_group") else ""
    hedge = f' <span class="sm-hedge">(attribution hedged: <span lang="ar" dir="rtl">{_e(feature.get("actor_hedge"))}</span>)</span>' \
        if feature.get("actor_hedge") else ""
    date = feature.get("date")
    tp = feature.get("time_precision")
    date_txt = f"{_e(date)} <small>(to the {TIME_PRECISION.get(tp, '?')})</small>" if date else "unknown"
    gp = feature.get("geo_precision")
    sources = sources_of(feature)
    count = feature.get("sources_count") or len(sources)
    rows = [
        ("Role", f'<span style="color:{style.colour};font-weight:bold">{style.label}</span>'),
        ("Actor", f"{_e(actor)}{group}{hedge}"),
        ("Place", f'<span lang="ar" dir="rtl">{_e(feature.get("place_ar"))}</span> · {_e(feature.get("place_en") or "not in gazetteer")}'
                  f" <small>(geo precision {_e(gp)}: {GEO_PRECISION.get(gp, 'unknown')})</small>"),
    ]
    if feature.get("place_verified") is False:
        # Placed by the online geocoder (strikemap.geocoding): say so, and where the point came from.
        rows[-1] = ("Place", rows[-1][1] + (
            f'<br><small class="sm-unverified"><b>unverified</b>: placed by the online geocoder, not the '
            f'gazetteer; a curator has not checked it. Found: <span dir="auto">{_e(feature.get("online_name"))}'
            f'</span> ({_e(feature.get("online_source"))})</small>'))
    rows += [
        ("Date", date_txt),
        ("Weapon", _n(feature.get("weapon"))),
        ("Killed / wounded", f"{_n(feature.get('killed'))} / {_n(feature.get('wounded'))}"),
    ]
    if feature.get("origin_place_ar") or feature.get("origin_key"):
        rows.append(("Launched from", f'<span lang="ar" dir="rtl">{_e(feature.get("origin_place_ar") or feature.get("origin_key"))}</span>'))
    rows.append(("Sources", f"{_e(count)}"))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    items = []
    for s in sources:
        title = s.get("title") or s.get("article") or "article"
        meta = " · ".join(_e(v) for v in (s.get("outlet"), s.get("published")) if v)
        same = s.get("excerpt") == feature.get("excerpt")
        start = s.get("excerpt_place_start", feature.get("excerpt_place_start") if same else None)
        end = s.get("excerpt_place_end", feature.get("excerpt_place_end") if same else None)
        quote = highlight(s.get("excerpt") or "", start, end, needle=feature.get("place_ar"))
        eid = source_event(s, feature, selected_event)
        reader = page_link(article_link(str(s.get("article")), event_id=eid), "read in Sources") \
            if s.get("article") else ""
        chosen = bool(selected_event) and eid == selected_event
        li = '<li class="sm-selected">' if chosen else "<li>"
        items.append(
            f'{li}'
            f'<div class="sm-source"><span lang="ar" dir="auto">{safe_link(s.get("url"), title)}</span>'
            f'{" — " + meta if meta else ""} <small>({_e(s.get("article"))})</small>'
            f'{" · " + reader if reader else ""}{" <small>(selected)</small>" if chosen else ""}</div>'
            f'<blockquote class="sm-excerpt" dir="rtl" lang="ar">{quote}</blockquote></li>'
        )
    return (
        '<div class="sm-panel">'
        f'<table class="sm-facts">{table}</table>'
        f'<ol class="sm-sources">{"".join(items)}</ol>'
        "</div>"
    )


PANEL_CSS = """
<style>
.sm-panel table.sm-facts th { text-align: left; padding-right: 8px; vertical-align: top; white-space: nowrap; }
.sm-panel blockquote.sm-excerpt { direction: rtl; text-align: right; font-size: 1.05rem; line-height: 1.7;
  border-right: 3px solid #E69F00; border-left: none; padding: 4px 10px; margin: 4px 0 10px 0; }
.sm-panel mark { background: #ffe08a; padding: 0 2px; }
.sm-panel ol.sm-sources { padding-left: 1.2em; }
.sm-panel li.sm-selected > .sm-source { font-weight: bold; }
</style>
"""


def places_written(features: Iterable[Mapping[str, Any]], event_id: str) -> list[str]:
    """The event's target places as written in the article (what a place correction names).

    >>> places_written([{"event_id": "e", "place_ar": "مراط"}, {"event_id": "e", "place_ar": "خشام"},
    ...                 {"event_id": "x", "place_ar": "حطلة"}], "e")
    ['مراط', 'خشام']
    """
    return list(dict.fromkeys(str(f["place_ar"]) for f in features
                              if f.get("event_id") == event_id and f.get("place_ar")))


def current_value(feature: Mapping[str, Any] | None, field: str) -> Any:
    """What the event now says for a correctable field (None when unsaid or unknown).

    >>> current_value({"role": "attack", "place_key": "mayadin"}, "place"), current_value(None, "role")
    ('mayadin', None)
    """
    if feature is None:
        return None
    if field == "place":
        return feature.get("place_key")
    if field == "rejected":
        return False
    return feature.get(field)


def correction_choices(field: str, *, gazetteer: Any = None) -> list[Any]:
    """The values a curator picks from for ``field`` (``None`` = unsaid / not a place on the map);
    empty for free-entry fields (date, killed, wounded).

    >>> correction_choices("role")
    ['attack', 'retaliation', 'other']
    >>> correction_choices("weapon")[-1] is None
    True
    """
    from strikemap.store import WEAPONS

    if field == "role":
        return list(ROLES)
    if field == "actor":
        return list(ACTORS)
    if field == "weapon":
        return list(WEAPONS) + [None]
    if field == "place":
        places = sorted(gazetteer.places, key=lambda p: p.name_en) if gazetteer is not None else []
        return [p.key for p in places] + [None]
    if field == "rejected":
        return [True, False]
    return []
