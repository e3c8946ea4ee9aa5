"""Tools for editors and developers: the command line (check, new, schemas, generate), scaffolds, synthetic data."""
