"""Small figure cards as HTML, for figures that are not compared with a previous period (the overview's
cumulative story): label, value, and the day the value refers to. st.metric is kept for the period's
figures, whose change and sparkline it draws; these cards stay visibly a different kind of number."""

from html import escape

import pandas as pd

from fxdash import briefing, textfmt
from fxdash.labels import metrics as M

CSS = """
<style>
.fx-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .6rem; }
.fx-card { border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem; padding: .55rem .75rem; }
.fx-card .fx-label { font-size: .9rem; color: rgb(49, 51, 63); }
.fx-card .fx-value { font-size: 1.6rem; font-weight: 600; line-height: 1.3; white-space: nowrap; }
.fx-card .fx-day { font-size: .8rem; color: rgba(49, 51, 63, .65); }
</style>
"""


def card(label: str, value: str, day: str) -> str:
    return (f'<div class="fx-card"><div class="fx-label">{escape(label)}</div>'
            f'<div class="fx-value">{escape(value)}</div><div class="fx-day">{escape(day)}</div></div>')


def story_html(story: pd.DataFrame) -> str:
    """The cumulative figures (fxdash.metrics.story) as cards, each with its date of reference."""
    cards = "".join(card(r.label, briefing.fmt_number(r.value, r.unit), M.STORY_AS_OF.format(day=textfmt.day(r.as_of)))
                    for r in story.itertuples())
    return f'{CSS}<div class="fx-cards">{cards}</div>'
