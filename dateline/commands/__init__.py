"""Subcommand families of the ``dateline`` CLI; see :mod:`dateline.cli`."""
