"""The processing core: pure components with no Kafka or Elasticsearch imports, shared by the
stream workers and the batch command."""
