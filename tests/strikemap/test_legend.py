"""The legend names every symbol and the basemap's provenance."""

from strikemap.legend import legend_html
from strikemap.markers import ROLE_STYLES


def test_legend_lists_roles_precision_and_layers():
    html = legend_html()
    for s in ROLE_STYLES.values():
        assert f"{s.label} ({s.shape})" in html
    for words in ("geo precision", "around a town", "only the region", "launched from", "coalition base",
                  "Natural Earth", "Khabur, approximate", "governorate"):
        assert words in html
