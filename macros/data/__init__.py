"""The data: the models (the schema), safe loading with file and line, vocabularies, guards, the checked catalog.

No MkDocs imports.
"""
