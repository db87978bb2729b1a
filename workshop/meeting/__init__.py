"""The run of show: a workshop's meeting as a sequence of phases, and the results moment.

- :mod:`template`: the Swedish template of the challenge-driven meeting (``data/meeting/phases.toml``),
  pure;
- :mod:`service`: a workshop's own sequence (edit, copy, move on, the times kept) and the
  results moment after a revealed voting round;
- :mod:`results`: the top ideas of a revealed round with their best constellation and what
  they still lack, from the analysis the constellations page shows.
"""
