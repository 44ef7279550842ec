"""Importers: CmapTools CXL and JSON Canvas files read into checked maps."""
