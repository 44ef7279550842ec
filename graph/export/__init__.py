"""Exporters: pure functions from a map (and its drawing) to text or bytes, registered in one table
(formats.FORMATS)."""
