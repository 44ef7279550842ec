"""Reading: YAML text to nodes that keep their line and column, a tolerant reading past syntax errors, and the
model built from the nodes."""
