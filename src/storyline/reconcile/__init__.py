"""Reconcile: what reads the whole story, across documents.

In: every stored document of a story with its annotations (sentences, entity mentions, time
expressions, amounts and, for the parse, the spaCy ``Doc``). Out: the story-level records of the
dossier. :func:`storyline.pipeline.reconcile` runs the modules in this order:

- :mod:`.entities`: entity mentions -> :class:`~storyline.records.Entity` (types voted, aliases
  merged within and across documents; :class:`~.entities.EntityIndex`);
- :mod:`.ledger`: amounts -> the money ledger (payer, payee, purpose, time from the parse; totals
  per relationship; conflicting figures);
- :mod:`.events`: the parse -> :class:`~storyline.records.EventMention` (typed triggers with
  participants, time and amounts);
- :mod:`.coref`: event mentions across outlets -> :class:`~storyline.records.Event` (one per
  real-world happening);
- :mod:`.findings`: events and amounts -> corroborated, single-source and conflict findings;
- :mod:`.relations`: events, amounts and quotes -> entity-to-entity relations for the graph;
- :mod:`.sources`: the rule that names an independent source (copies and outlets count once),
  shared by findings and the ledger.

Each module is a pure function of its input; nothing here reads or writes files. The faces are
imported as modules (``from storyline.reconcile import coref``) so that loading one does not load
the others.
"""
