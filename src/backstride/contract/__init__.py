"""The assessment contract (version 1): the case that goes in and the result that comes out."""
