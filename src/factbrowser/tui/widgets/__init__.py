"""The app's widgets, one per module. Each owns its keys and is given what it shows."""

from factbrowser.tui.widgets.detail_view import DetailView, LinkList
from factbrowser.tui.widgets.filter_bar import FilterBar
from factbrowser.tui.widgets.nav_list import NavList, Row
from factbrowser.tui.widgets.results_list import ResultsList
from factbrowser.tui.widgets.scroll_pane import ScrollPane
from factbrowser.tui.widgets.search_box import SearchBox
from factbrowser.tui.widgets.source_view import Highlight, SourceView

__all__ = [
    "DetailView",
    "FilterBar",
    "Highlight",
    "LinkList",
    "NavList",
    "ResultsList",
    "Row",
    "ScrollPane",
    "SearchBox",
    "SourceView",
]
