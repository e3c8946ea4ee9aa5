"""The site: the MkDocs plugin, generated pages and their views and templates, and the hand-written pages' macros."""
