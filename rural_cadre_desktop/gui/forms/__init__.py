"""Modules generated from ui/*.ui by build/build_ui.py — do not edit by hand."""
