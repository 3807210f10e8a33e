"""Outputs a manager takes home: the Word plan (and, later, other documents)."""
