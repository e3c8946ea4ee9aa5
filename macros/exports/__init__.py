"""The open-data downloads (JSON, CSV, HSDS 3.0) and the contact cards (vCard); each reads the public view only."""
