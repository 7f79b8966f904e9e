"""Marker symbols: distinct colour and shape per role, certainty by geo precision."""

from __future__ import annotations

from strikemap.markers import PRECISION_OPACITY, ROLE_STYLES, cluster_icon_js, point_to_layer_js, symbol_svg


def test_roles_differ_in_colour_and_shape():
    styles = list(ROLE_STYLES.values())
    assert len({s.colour for s in styles}) == len({s.shape for s in styles}) == len(styles)
    assert ROLE_STYLES["attack"].colour == "#E69F00" and ROLE_STYLES["retaliation"].colour == "#0072B2"


def test_precision_fades_and_rings_the_symbol():
    svgs = {g: symbol_svg("retaliation", precision=g) for g in (1, 2, 3)}
    assert "stroke-dasharray" not in svgs[1] and "stroke-dasharray" in svgs[2] and "stroke-dasharray" in svgs[3]
    assert PRECISION_OPACITY[1] > PRECISION_OPACITY[2] > PRECISION_OPACITY[3]
    assert symbol_svg("retaliation", precision=None) == svgs[3]   # unknown precision = least certain


def test_marker_js_reports_the_ref_and_binds_popup_per_marker():
    js = point_to_layer_js("attack").js_code
    assert "m.bindTooltip('#' + p.i" in js and "m.bindPopup(" in js and "sm-marker sm-attack" in js
    assert "sm-cluster-retaliation" in cluster_icon_js("retaliation")
