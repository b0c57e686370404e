"""Real-time feeds: poll RSS 2.0, Atom, JSON Feed and news sitemaps, fetch each new item's page
politely and publish it as a ``RawArticle`` to the raw topic (``newsflow feeds run FEEDS.toml``).

Components: ``config`` (the FEEDS.toml model), ``parsing`` (feed formats → items), ``fetching``
(HTTP with limits and decoding), ``politeness`` (per-host concurrency, delay, robots.txt),
``seen`` (what was already published, kept in a compacted Kafka topic), ``runner`` (the poll
loops), ``status`` (per-poll reports to Elasticsearch for the Kibana panel), ``service`` (the
Kafka/ES/HTTP edge that wires them together).
"""
