"""Notices and diffusions: the request document, its intake criteria and the notice lifecycle."""
