"""Scripts that print figures about the portal: run them with `python -m benchmarks.<name>`."""
