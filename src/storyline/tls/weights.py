"""Packaged date-ranking weights (order of :data:`storyline.tls.FEATURES`).

Written from ``storyline.evaluate.tls.train()``: the grid search of
``storyline.evaluate.tls.fit_date_model`` on all 19 Timeline17 timelines with the
storyline time tagger, re-run on 2026-12-03 (the weights packaged before were the choice of an
earlier tagger: 0.25 where these have 0.5). Leave-one-topic-out, 8 of the 9 folds choose these same
weights (`storyline eval tls`, the timelines' ``weights``).
"""

NAME = "grid, trained on all of Timeline17"
COEF = [0.0, 1.0, 1.0, 0.0, 0.0, 0.5, 0.5, 0.0, 0.5, 0.0, 0.0, 0.0]
INTERCEPT = 0.0
