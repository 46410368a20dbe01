"""Stateful offline mock of the Huhu public API v1."""
