"""The `conceptmap` command line: arguments, commands, the watch loop and the local server."""
