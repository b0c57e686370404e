"""Transport edge: the Faust worker, Kafka and Elasticsearch clients, dead letters, metrics, the
producer and the HTTP ingest API. Everything that talks to Kafka or Elasticsearch lives here."""
