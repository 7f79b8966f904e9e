"""Sources: every stored article, and a reader showing what was recognised in it.

``?article=<file>`` opens one article; ``?event=<id>`` marks one of its events.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from strikemap import curation, export, page, reader

st.set_page_config(page_title="Sources · Strike Map", page_icon="📰", layout="wide")


store, base = page.store_and_gazetteer()
gaz = curation.current_gazetteer(store, base)
articles = store.articles()
events_per_article: dict[int, int] = {}
for article_id in store.event_article_ids().values():
    events_per_article[article_id] = events_per_article.get(article_id, 0) + 1

st.title("Sources")
table = pd.DataFrame([{
    "outlet": a.outlet,
    "published": a.published.isoformat() if a.published else "",
    "title": a.title,
    "events": events_per_article.get(a.id, 0),
    "added": "seed" if a.origin == "seed" else f"curator, {a.added_at[:10]}",
    "read": export.article_link(a.file),
    "file": a.file,
} for a in articles], columns=["outlet", "published", "title", "events", "added", "read", "file"])
st.dataframe(table, hide_index=True, width="stretch", key="articles-table",
             column_config={"read": st.column_config.LinkColumn("reader", display_text="read")})

files = [a.file for a in articles]
wanted = st.query_params.get("article")
if not files:
    st.info("No article is stored yet.")
    st.stop()
file = st.selectbox("Article", files, index=files.index(wanted) if wanted in files else 0, key="article-choice",
                    format_func=lambda f: next((f"{a.title or a.file} · {a.outlet}" for a in articles if a.file == f), f))
if file != wanted:
    st.query_params["article"] = file
article = store.article_by_file(file)
events = curation.corrected_events(store, article.id, gazetteer=gaz)

# Titles and outlets are untrusted text: escaped, never markdown.
published = article.published.isoformat() if article.published else "date unknown"
link = (f' · <a href="{html.escape(article.url, quote=True)}" rel="noopener noreferrer" target="_blank">original</a>'
        if article.url.startswith(("http://", "https://")) else "")
st.html(f'<h3 dir="auto" class="sm-article-title">{html.escape(article.title or article.file)}</h3>'
        f'<p class="sm-article-meta"><bdi>{html.escape(article.outlet or "outlet unknown")}</bdi> · '
        f"<bdi>{html.escape(published)}</bdi>{link}</p>")

text_col, events_col = st.columns([3, 2])
with text_col:
    st.caption("Hover a marked word to see how it was read: places (orange), actors (blue), dates (green), "
               "other gazetteer names (grey).")
    st.html(reader.article_html(article.text, events, gazetteer=gaz, selected_event=st.query_params.get("event")))
with events_col:
    st.caption(f"{len(events)} event{'s' if len(events) != 1 else ''} extracted from this article")
    if events:
        rows = [dict(row, map=export.map_link(row["event"]), correct=export.correction_link(row["event"]))
                for row in reader.event_rows(events)]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="article-events", column_config={
            "map": st.column_config.LinkColumn("map", display_text="marker", width="small"),
            "correct": st.column_config.LinkColumn("correct", display_text="correct", width="small"),
        })
    else:
        st.write("No strike was found in this article.")
