"""The Strike Map's application logic, tested without Streamlit.

``config`` reads settings from the environment, ``store`` keeps articles,
extracted events and curator work in SQLite, ``corpus`` fills the store from
the seeds folder and turns it into flat features, ``incidents`` merges
reports of one incident, ``filters`` narrows features for the map,
``mapview`` (with ``markers``, ``legend``, ``assets``) builds the folium map,
``panel``, ``reader`` and ``export`` render events for people and tools,
``auth`` and ``curation`` guard and apply a curator's changes. Only ``page``,
the furniture every Streamlit page shares, imports Streamlit.

>>> from strikemap.config import Settings
>>> Settings.from_env({}).online_geocoder
False
"""
