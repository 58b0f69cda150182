"""Search over a fact base: pure, no I/O, no Rich, no Textual.

Modules by job: `query` (parsing), `vocabulary` (words, postings, typo look-ups),
`records` (a record's searchable keys), `index` (build and load cache), `entities` and
`statements` (ranking each kind), `proximity`, `rank` (one list), `highlight`, `result`.
"""

from factbrowser.search.index import SearchIndex
from factbrowser.search.query import MAX_QUERY_CHARS, Query, parse_query
from factbrowser.search.result import Result, SourceRef

__all__ = ["MAX_QUERY_CHARS", "Query", "Result", "SearchIndex", "SourceRef", "parse_query"]
