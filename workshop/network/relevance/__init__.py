"""How relevant each organisation is to an idea, from everything the process knows.

Seven kinds of evidence, each between 0 and 1:

* ``need``: the idea's needs against the organisation's offers, matched by meaning
  rather than by equal strings. Labels are cut into words, lemmatised
  (:mod:`workshop.language`: "köket" → "kök") and compared word by word, with Swedish
  compounds read by their head ("storkök" is a kind of "kök", so it meets a need for a
  kitchen), and words of one concept of the domain thesaurus or synonyms meeting at a
  lower value ("vandrarhem" meets "övernattning"), so "kök i bygdegården", "köket" and
  "storkök" all meet each other. A need is *met* by an
  offer scoring at least :data:`NEED_MET`; an offer of another category counts at
  :data:`CROSS_CATEGORY` of its value (a kitchen is not the money to build one).
* ``text``: the idea's title, description, themes, needs and the notes about it,
  against the organisation's profile: its description, offers, the ideas it has
  committed to and the tacit-knowledge notes about it. TF-IDF over lemmas,
  their character 4-grams and compound heads, and, at reduced weight, the thesaurus
  concepts and synonyms they have, so compounds, inflections and other words for the
  same thing still meet; cosine similarity.
* ``named``: the idea names the organisation: its title, description or the notes
  about it share a rare word (a farm, a hall, a hill: "på Kvarnbacken"; never an everyday
  word such as "alla" or "behöver", nor a thing of the thesaurus) with the
  organisation's own name, description or the notes about it. A word counts
  ``1 / d`` for the ``d`` organisations that have it (at most :data:`NAMED_MAX_SHARE`
  of them, and at most :data:`NAMED_MAX_ORGANISATIONS`; a word used by more than that
  share of the ideas is vocabulary, not a name), summed and capped at 1; the
  process's localities and Leader areas are left to ``place``. Topic words are shared
  by many, so only what picks out an organisation counts here.
* ``concept``: what the idea and the profile are about by the thesaurus's concepts
  (:mod:`~.concepts`): idf-weighted vectors over the concepts, cosine. The text vectors
  leave out features common to many documents, and with them most concepts in a small
  process; this keeps them ("kassör" and "redovisning" meet).
* ``grams``: character 3–5-grams of the texts as written (the plain baseline's TF-IDF),
  counted against the idea's best; it ranks, and is never a basis by itself.
* ``place``: 1 in the idea's locality, 0.5 elsewhere in its Leader area, else 0.
* ``committed``: the organisation has said it wants to take part.

An organisation is *relevant* to an idea only with a basis tied to that idea: it has
committed, it meets at least one need, its profile is about the same thing (``text``
at least :data:`TEXT_FLOOR`, or ``concept`` at least
:data:`~.concepts.CONCEPT_BASIS`), or the idea names it. Place alone is never a basis: being
in the village does not make a fishing club a partner for a digital archive (being
the place the idea names does). The
relevance score (:func:`relevance_score`) ranks the relevant ones; everyone else has
no score and is never suggested.

One module per topic: :mod:`~.labels` matches needs and offers, :mod:`~.text` the
profiles' words, :mod:`~.concepts` what they are about, :mod:`~.named` the names, :mod:`~.score` weighs the evidence and
says it as reasons, :mod:`~.hubs` lowers what an organisation brings to every idea alike
(CSLS hubness reduction), and :mod:`~.index` holds it all for one snapshot.

Everything runs offline: the lexicons are vendored under ``data/vocabulary/`` or ship
in simplemma's wheel, nothing is downloaded.
"""

from workshop.network.relevance.labels import *  # noqa: F403
from workshop.network.relevance.text import *  # noqa: F403
from workshop.network.relevance.named import *  # noqa: F403
from workshop.network.relevance.score import *  # noqa: F403
from workshop.network.relevance.index import *  # noqa: F403
from workshop.network.relevance import hubs, index, labels, named, score, text

__all__ = labels.__all__ + text.__all__ + named.__all__ + score.__all__ + index.__all__
