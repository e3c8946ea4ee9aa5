"""The site: the MkDocs plugin, generated pages, views for templates, the templates, and the macros for hand-written pages."""
