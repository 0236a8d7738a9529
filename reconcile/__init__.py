"""Reconcile stage."""
