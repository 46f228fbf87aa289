"""The assessment engine: a pure function from a case to a result."""
