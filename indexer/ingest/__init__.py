"""The index's life cycle: from article files to a committed Whoosh index.

``readers/`` turns files into raw articles, ``pipeline`` cleans and extracts them (in worker processes),
``build`` writes and commits them under the reindex ``lock``, with ``manifest``, ``cache``, ``spool`` and
``corpus_state`` as the bookkeeping beside the index. The search side never imports this package.
"""
