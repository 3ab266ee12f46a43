"""Plumbing shared by every API endpoint: errors, permissions, pagination, ETags, CSV."""
