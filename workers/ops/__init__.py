"""Operations: the local stack, Kibana objects, the demo, the synthetic feed and the generated
configuration reference."""
