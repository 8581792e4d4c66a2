"""Who is who: one canonical name per speaker, shared by the build and the search.

``merge`` holds the rules that group spellings of one person ("Obama", "President Obama", "Barack
Obama"), ``people`` a small gazetteer for surnames the corpus never spells out, and ``table`` the
alias table kept beside the index (``aliases.json``, tagged with the Whoosh generation it describes).
The build writes the table; the search reads it to resolve ``speaker:obama``. Neither side needs the
other, so this package imports neither.
"""
