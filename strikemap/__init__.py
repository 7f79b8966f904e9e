"""The Strike Map's application logic, without Streamlit.

``config`` reads settings from the environment, ``store`` keeps articles,
extracted events and curator work in SQLite, ``corpus`` fills the store from
the seeds folder and turns it into flat features, ``incidents`` merges
reports of one incident, ``filters`` narrows features for the map.

>>> from strikemap.config import Settings
>>> Settings.from_env({}).online_geocoder
False
"""
