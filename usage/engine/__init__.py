"""Plain-Python parts of usage ingest (no Django): the path matcher and the log parsers."""
