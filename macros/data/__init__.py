"""The data: the models (the schema), safe loading with file and line, vocabularies, guards, and the checked catalog. No MkDocs imports."""
