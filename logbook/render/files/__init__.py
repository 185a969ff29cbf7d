"""The report written to files: one module per format."""
