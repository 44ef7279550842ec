"""The interactive page: the HTML adapter, its assets and templates, and the one module that touches pyvis."""
