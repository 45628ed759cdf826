"""Packaged date-ranking weights (order of :data:`storyline.tls.FEATURES`).

Placeholder hand-set weights until ``storyline.evaluate.tls.train`` writes the trained ones.
"""

NAME = "hand-set"
COEF = [1.0, 2.0, 2.0, 0.5, 0.5, 1.0, 1.0, 0.5, 1.0, 0.5, 0.0, 0.0]
INTERCEPT = -4.0
