"""The demo catalog that `make demo` loads: six teams, their APIs, versions and specs.

The specs are generated from compact plans (catalog.demo.content) rather than copied
from anywhere, so they are the project's own content under its licence, and they are
the same bytes on every run.
"""
