"""The network map as text (its WCAG text alternative): what is drawn is what is listed."""

from __future__ import annotations

from tests.factories import join, make_workshop
from workshop.services import analysis, contributions
from workshop.services.map_text import map_as_text
from workshop.services.network import read_snapshot


def test_the_text_lists_only_what_the_map_draws(store):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs bygdeförening")
    cilla = join(store, meeting, "Cilla", "Ramsbergs Såg AB", kind="company")
    join(store, meeting, "Dan", "Ramsbergs IF")
    contributions.add_tie(store, cilla.token, organisation_a_id=cilla.organisation_id, organisation_b_id=anna.organisation_id, kind="know")
    view = analysis.network_view(read_snapshot(store))
    everything = {row.name: row.links for row in map_as_text(view)}
    # All three met at the workshop; the tie makes the sawmill the association's strongest link.
    assert list(everything) == ["Ramsbergs bygdeförening", "Ramsbergs IF", "Ramsbergs Såg AB"]  # by name
    assert everything["Ramsbergs Såg AB"] == ("Ramsbergs bygdeförening", "Ramsbergs IF")
    assert everything["Ramsbergs bygdeförening"] == ("Ramsbergs Såg AB", "Ramsbergs IF")
    assert set(everything["Ramsbergs IF"]) == {"Ramsbergs Såg AB", "Ramsbergs bygdeförening"}
    # The slider hides the weaker links: only the tie is left, and the club is listed alone.
    strongest = max(d["strength"] for _, _, d in view.graph.edges(data=True))
    hidden_weak = {row.name: row.links for row in map_as_text(view, min_strength=strongest)}
    assert hidden_weak == {"Ramsbergs IF": (), "Ramsbergs Såg AB": ("Ramsbergs bygdeförening",), "Ramsbergs bygdeförening": ("Ramsbergs Såg AB",)}
    # A size-limited map draws some organisations: the others are not in the text either.
    drawn = [cilla.organisation_id, anna.organisation_id]
    assert [row.name for row in map_as_text(view, drawn)] == ["Ramsbergs bygdeförening", "Ramsbergs Såg AB"]
