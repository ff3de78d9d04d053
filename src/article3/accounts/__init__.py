"""Accounts, roles, API tokens and the permission table."""
