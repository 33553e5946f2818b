"""reportlab documents built from plain data (core/documents.py): no Qt, no queries."""
