"""The notifications app's services (functions that write), one module per concern.

Nothing is re-exported here: catalog.services.versions imports `lifecycle` while the
catalog's own services are still loading, so this package must stay import-light.
"""
