"""The anonymous employee survey: templates, import of common exports, k-anonymous aggregation."""
