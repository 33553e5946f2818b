"""The command line over core/ and reports/: one module per command family.

Each module here (other than main and common) defines `register(subparsers)`; main discovers them,
so a new command family is a new module and nothing else changes.
"""
