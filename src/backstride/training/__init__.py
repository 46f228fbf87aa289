"""Training history in the domain core: activities, load metrics, the pain diary. No I/O here."""
