"""The web app and JSON API: a thin FastAPI layer over the engine, storage and training core.

Nothing is built at import time: `backstride.web.app.create_app(settings)` makes an app, and
`backstride serve` runs one. The domain core never imports this package.
"""
