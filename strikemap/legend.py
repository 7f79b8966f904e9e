"""The map's legend: a Leaflet control listing every symbol and what it means.

Its text is our own (no article text reaches it), written once into the base
map so it is the same on every run.

>>> from strikemap.assets import LocalMap
>>> m = LocalMap(location=[35, 40], tiles=None)
>>> _ = Legend().add_to(m)
>>> html = m.get_root().render()
>>> "Retaliation" in html and "geo precision" in html
True
"""

from __future__ import annotations


from branca.element import MacroElement
from jinja2 import Template

from strikemap.markers import ROLE_STYLES, symbol_svg

__all__ = ["Legend", "legend_html", "BASE_SVG", "ORIGIN_SVG"]

BASE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
            '<rect x="2" y="2" width="12" height="12" fill="#fff" stroke="#000" stroke-width="2"/>'
            '<path d="M5 8h6M8 5v6" stroke="#000" stroke-width="2"/></svg>')
ORIGIN_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="34" height="14" viewBox="0 0 34 14">'
              '<circle cx="5" cy="7" r="4" fill="#fff" stroke="#CC79A7" stroke-width="2"/>'
              '<path d="M9 7H30M24 2l6 5-6 5" fill="none" stroke="#CC79A7" stroke-width="2"/></svg>')


def _row(symbol: str, text: str) -> str:
    return f'<div class="sm-legend-row"><span class="sm-legend-sym">{symbol}</span>{text}</div>'


def legend_html() -> str:
    """The legend's inner HTML (static, trusted)."""
    rows = [_row(symbol_svg(s.role, precision=1), f"{s.label} ({s.shape})") for s in ROLE_STYLES.values()]
    rows += [
        '<div class="sm-legend-head">ACLED geo precision</div>',
        _row(symbol_svg("attack", precision=1), "1: the site or town"),
        _row(symbol_svg("attack", precision=2), "2: around a town (dashed ring)"),
        _row(symbol_svg("attack", precision=3), "3: only the region (faint, dotted)"),
        '<div class="sm-legend-head">Other layers</div>',
        _row(ORIGIN_SVG, "launched from → target"),
        _row(BASE_SVG, "coalition base (gazetteer)"),
        _row('<span class="sm-legend-line" style="border-top:2px solid #4a90c2"></span>',
             "river (Natural Earth 1:50m)"),
        _row('<span class="sm-legend-line" style="border-top:2px dashed #4a90c2"></span>',
             "Khabur, approximate (through towns on it)"),
        _row('<span class="sm-legend-line" style="border-top:2px solid #555"></span>',
             "border (Natural Earth 1:50m)"),
        _row('<span class="sm-legend-line" style="border-top:1px dashed #777"></span>',
             "governorate (Natural Earth 1:10m)"),
        '<div class="sm-legend-note">Numbered circles group nearby events; click to open.</div>',
    ]
    return "".join(rows)


LEGEND_CSS = """
.sm-legend { background: rgba(255,255,255,0.92); padding: 6px 8px; font: 11px/1.3 sans-serif;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.35); max-width: 215px; }
.sm-legend-row { display: flex; align-items: center; gap: 6px; margin: 1px 0; }
.sm-legend-sym { display: inline-flex; width: 34px; justify-content: center; }
.sm-legend-line { display: inline-block; width: 28px; height: 0; }
.sm-legend-head { font-weight: bold; margin-top: 5px; }
.sm-legend-note { color: #444; margin-top: 4px; }
"""


class Legend(MacroElement):
    """A bottom-right control (over Iraq, away from the events) with :func:`legend_html` (collapsible: click the title)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function() {
                var div = L.DomUtil.create('div', 'sm-legend');
                div.innerHTML = '<div class="sm-legend-title" style="cursor:pointer;font-weight:bold">Legend</div>'
                    + '<div class="sm-legend-body">' + {{ this.html|tojson }} + '</div>';
                L.DomEvent.disableClickPropagation(div);
                div.firstChild.onclick = function() {
                    var b = div.lastChild; b.style.display = b.style.display === 'none' ? '' : 'none';
                };
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "Legend"
        self.position = position
        self.html = legend_html()
