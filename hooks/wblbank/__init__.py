"""Shared logic of the material bank's build hooks.

The hook modules in ``hooks/`` are thin: they listen to MkDocs events and call
the plain functions in this package, which the tests call directly too.
"""
