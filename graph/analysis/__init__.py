"""Analysis of a valid map: the networkx graph, loops and paths, text measurement, the layout and its drawing,
and comparisons."""
