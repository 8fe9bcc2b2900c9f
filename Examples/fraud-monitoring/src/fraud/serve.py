"""Serving entry point: exports fraud_latency_p99_seconds and fraud_predictions_total for Prometheus."""
from prometheus_client import Counter, Gauge

PREDICTIONS = Counter("fraud_predictions_total", "Predictions served.", ["model"])
LATENCY_P99 = Gauge("fraud_latency_p99_seconds", "p99 serving latency.", ["model", "model_version", "country"])
