"""``storyline serve``: a local web app to explore one or more dossiers.

:mod:`storyline.web.data` holds every data access, filter and view shape (pure
functions of a loaded dossier); :mod:`storyline.web.app` only wires routes to it.
"""
