"""Fraud detection model: features, training, evaluation."""
