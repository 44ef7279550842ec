"""Checking a read map: references, uniqueness, safety, steps, and evidence quotes against their sources."""
