"""newsflow workers: the processing core (``workers.core``), and the transport edges around it
(Faust app, Elasticsearch indexer, local stack, CLI)."""

__version__ = "0.1.0"
