"""Tools for editors and developers: the command line (check, new, schemas, generate), scaffolding and synthetic data."""
