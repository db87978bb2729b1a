"""Property 3: valid text comes back from the read models exactly as typed, after the documented cleaning.

``clean_text`` strips surrounding white space and nothing else; names, titles, localities
and tags also lose direction controls and zero-width characters (``strip_invisible``);
tags are also lower-cased with inner white space collapsed; organisation numbers come
back as ``NNNNNN-NNNN``. Every other character — right-to-left text, combining marks,
emoji, characters of several bytes, quotes and markup, and in descriptions the marks and
joiners too — must come back as it went in, on SQLite and on PostgreSQL, up to each
field's length limit.
"""

from __future__ import annotations

from hypothesis import given, reject
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import (
    OMIT,
    as_name,
    calls,
    expected_capabilities,
    expected_tags,
    organisation_fields,
    organisation_forms,
    valid_capabilities,
    valid_name,
    valid_optional_name,
    valid_optional_text,
    valid_tags,
    valid_text,
)
from tests.fuzz.world import World, accept
from workshop.errors import DuplicateOrganisation
from workshop.lengths import NAME_MAX, TEXT_MAX, TITLE_MAX
from workshop.services import contributions, moderation, organisations, participants, views, workshops
from workshop.text import name_key
from workshop.vocabulary import COMMITMENT_ROLES, NEED_CATEGORIES, NOTE_KINDS, NOTE_VISIBILITIES

IDEA_TEXT = {
    "title": valid_name(TITLE_MAX),
    "description": valid_optional_text(TEXT_MAX),
    "locality": valid_optional_name(NAME_MAX),
    "themes": st.one_of(st.just(OMIT), valid_tags),
    "needs": st.one_of(st.just(OMIT), valid_capabilities(NEED_CATEGORIES)),
}


def cleaned(value, *, none_when_blank: bool = False, name: bool = False):
    """What an optional text field stores: the text stripped (a ``name`` also without invisible
    characters); blank, ``None`` or left out as ``""`` (or ``None``)."""
    text = "" if value is None or value is OMIT else as_name(value) if name else value.strip()
    return (text or None) if none_when_blank else text


def org_number(typed):
    digits = "".join(c for c in typed or "" if c.isdigit()) if typed is not OMIT else ""
    return f"{digits[:6]}-{digits[6:]}" if digits else None


def idea_card(world: World, idea_id: int):
    cards = {card.id: card for card in views.wall(world.store, world.a.id, facilitator=True).ideas}
    return cards[idea_id]


def idea_text(card) -> tuple:
    return card.title, card.description, card.locality, card.themes, card.needs


def expected_idea_text(fields: dict, before: tuple | None = None) -> tuple:
    """What the wall shows after ``fields`` were written; an edit keeps the fields it was not given."""
    expected = (
        as_name(fields["title"]),
        cleaned(fields.get("description")),
        cleaned(fields.get("locality"), none_when_blank=True, name=True),
        tuple(expected_tags(fields.get("themes"))),
        tuple(expected_capabilities(fields.get("needs"))),
    )
    if before is None:
        return expected
    names = ("title", "description", "locality", "themes", "needs")
    return tuple(new if name in fields and fields[name] is not OMIT else old for name, new, old in zip(names, expected, before))


def organisation_listed(world: World, organisation_id: int):
    return {o.id: o for o in organisations.list_organisations(world.store)}[organisation_id]


def existing_duplicate(world: World, error: DuplicateOrganisation, name: str, number) -> bool:
    """The refusal is right: an organisation of the world folds to the same name or has the number."""
    existing = organisation_listed(world, error.existing_id)
    return name_key(existing.name) == name_key(name.strip()) or (
        existing.org_number is not None and existing.org_number == org_number(number)
    )


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_an_ideas_text_comes_back_from_the_wall_exactly(world, data):
    world.restore()
    fields = data.draw(calls(IDEA_TEXT, {}), label="idea")

    idea_id = accept(world, lambda: contributions.add_idea(world.store, world.anna.token, **fields), fields)

    card = idea_card(world, idea_id)
    assert idea_text(card) == expected_idea_text(fields)
    assert (card.author_name, card.author_organisation) == ("Anna Berg", "Ramsbergs IF")


@fuzz_settings(max_examples=40)
@given(data=st.data(), by=st.sampled_from(["author", "facilitator"]))
def test_an_edited_or_moderated_ideas_text_comes_back_from_the_wall_exactly(world, data, by):
    world.restore()
    fields = data.draw(calls(IDEA_TEXT, {}), label="idea")

    idea_id = world.ideas["a_anna"] if by == "author" else world.ideas["b_carried"]
    before = idea_text(idea_card(world, idea_id))
    if by == "author":
        accept(world, lambda: contributions.edit_idea(world.store, world.anna.token, idea_id, **fields), fields)
    else:
        # Carried forward from meeting b to a: its home facilitator edits it, meeting a's wall shows it.
        accept(world, lambda: moderation.moderate_idea(world.store, world.b.id, world.b.facilitator, idea_id, **fields), fields)

    assert idea_text(idea_card(world, idea_id)) == expected_idea_text(fields, before)


@fuzz_settings(max_examples=40)
@given(
    text=valid_text(TEXT_MAX),
    kind=st.sampled_from(NOTE_KINDS),
    subject=st.sampled_from(["place", "person"]),
    about=valid_name(NAME_MAX),
    visibility=st.sampled_from(NOTE_VISIBILITIES),
)
def test_a_notes_text_and_what_it_is_about_come_back_from_the_wall_exactly(world, text, kind, subject, about, visibility):
    world.restore()
    inputs = {"text": text, "about_text": about}

    note_id = accept(
        world,
        lambda: contributions.add_note(
            world.store, world.bo.token, kind=kind, text=text, subject=subject, about_text=about, visibility=visibility
        ),
        inputs,
    )

    notes = {n.id: n for n in views.wall(world.store, world.a.id, facilitator=True).notes}
    assert (notes[note_id].text, notes[note_id].about, notes[note_id].author_name) == (text.strip(), as_name(about), "Bo Ek")


@fuzz_settings(max_examples=40)
@given(role=st.sampled_from(COMMITMENT_ROLES), contribution=valid_text(TEXT_MAX))
def test_what_a_commitment_contributes_comes_back_from_the_wall_exactly(world, role, contribution):
    world.restore()

    accept(
        world,
        lambda: contributions.commit_to_idea(world.store, world.cilla.token, world.ideas["a_bo"], role=role, contribution=contribution),
        {"contribution": contribution},
    )

    (commitment,) = idea_card(world, world.ideas["a_bo"]).commitments
    assert (commitment.role, commitment.contribution, commitment.organisation_name) == (role, contribution.strip(), "Cilla Nord")


@fuzz_settings(max_examples=40)
@given(innovation=valid_text(TEXT_MAX), budget=st.integers(0, 100_000_000), hours=st.one_of(st.none(), st.integers(0, 1_000_000)))
def test_leader_details_come_back_from_the_wall_exactly(world, innovation, budget, hours):
    world.restore()
    idea_id = world.ideas["a_anna"]

    accept(
        world,
        lambda: moderation.update_leader_details(
            world.store,
            world.a.id,
            world.a.facilitator,
            idea_id,
            innovation=innovation,
            budget_sek=budget,
            cofinancing_hours=hours,
            owner_organisation_id=world.anna.organisation_id,
        ),
        {"innovation": innovation},
    )

    card = idea_card(world, idea_id)
    assert (card.innovation, card.budget_sek, card.cofinancing_hours, card.owner_organisation_id) == (
        innovation.strip(),
        budget,
        hours,
        world.anna.organisation_id,
    )


@fuzz_settings(max_examples=50)
@given(data=st.data())
def test_an_organisations_text_comes_back_from_the_list_exactly(world, data):
    world.restore()
    fields = data.draw(calls(organisation_fields(), {}), label="organisation")

    try:
        view = accept(world, lambda: organisations.register_organisation(world.store, **fields), fields)
    except DuplicateOrganisation as duplicate:
        if existing_duplicate(world, duplicate, fields["name"], fields.get("org_number")):
            reject()
        raise

    listed = organisation_listed(world, view.id)
    assert (listed.name, listed.kind, listed.locality, listed.org_number, listed.description, listed.offers) == (
        as_name(fields["name"]),
        fields["kind"],
        cleaned(fields.get("locality"), none_when_blank=True, name=True),
        org_number(fields.get("org_number")),
        cleaned(fields.get("description")),
        tuple(expected_capabilities(fields.get("offers"))),
    )


@fuzz_settings(max_examples=40)
@given(data=st.data())
def test_a_corrected_organisations_text_comes_back_from_the_list_exactly(world, data):
    world.restore()
    changes = data.draw(calls(organisation_fields(), {}), label="changes")
    organisation_id = world.dag.organisation_id
    before = organisations.get_organisation_view(world.store, organisation_id)

    try:
        accept(
            world,
            lambda: organisations.update_organisation(world.store, world.a.id, world.coordinator, organisation_id, **changes),
            changes,
        )
    except DuplicateOrganisation as duplicate:
        if existing_duplicate(world, duplicate, "", changes.get("org_number")):
            reject()
        raise

    listed = organisation_listed(world, organisation_id)
    assert (listed.name, listed.kind, listed.locality, listed.org_number, listed.description, listed.offers) == (
        as_name(changes["name"]),
        changes["kind"],
        cleaned(changes["locality"], none_when_blank=True, name=True) if "locality" in changes else before.locality,
        org_number(changes["org_number"]) if "org_number" in changes else before.org_number,
        cleaned(changes["description"]) if "description" in changes else before.description,
        tuple(expected_capabilities(changes["offers"])) if "offers" in changes else before.offers,
    )


@fuzz_settings(max_examples=50)
@given(data=st.data(), name=valid_name(NAME_MAX), how=st.sampled_from(["private person", "existing organisation", "new organisation"]))
def test_a_participants_name_comes_back_from_identify_and_the_wall_exactly(world, data, name, how):
    world.restore()
    inputs: dict = {"name": name}
    if how == "existing organisation":
        inputs["organisation_id"] = world.anna.organisation_id
    elif how == "new organisation":
        inputs["new_organisation"] = data.draw(organisation_forms(), label="new_organisation")
    form = inputs.get("new_organisation", {})

    try:
        joined = accept(
            world,
            lambda: participants.join_workshop(world.store, world.a.id, **inputs),
            inputs,
        )
    except DuplicateOrganisation as duplicate:
        if existing_duplicate(world, duplicate, form["name"], form.get("org_number")):
            reject()
        raise

    expected_organisation = {"private person": as_name(name), "existing organisation": "Ramsbergs IF"}.get(how) or as_name(form.get("name", ""))
    who = participants.identify(world.store, joined.token)
    assert (who.name, who.organisation_name) == (as_name(name), expected_organisation)
    assert organisation_listed(world, who.organisation_id).name == expected_organisation
    idea_id = contributions.add_idea(world.store, joined.token, title="Min idé")
    card = idea_card(world, idea_id)
    assert (card.author_name, card.author_organisation) == (as_name(name), "" if how == "private person" else expected_organisation)


@fuzz_settings(max_examples=40)
@given(title=valid_name(TITLE_MAX), challenge=valid_text(TEXT_MAX), locality=valid_name(NAME_MAX), date=st.dates())
def test_a_workshops_text_comes_back_from_its_information_exactly(world, title, challenge, locality, date):
    world.restore()

    created = accept(
        world,
        lambda: workshops.create_workshop(world.store, world.coordinator, title=title, challenge=challenge, date=date, locality=locality),
        {"title": title},
    )

    info = workshops.find_workshop_by_code(world.store, created.join_code.lower())
    assert (info.title, info.challenge, info.locality, info.date) == (as_name(title), challenge.strip(), as_name(locality), date)
    assert as_name(locality) in {loc.name for loc in organisations.list_localities(world.store)}


@fuzz_settings(max_examples=40)
@given(locality=st.one_of(st.just("Ramsberg"), valid_name(NAME_MAX)), area=valid_optional_name(NAME_MAX, omittable=False))
def test_a_localitys_leader_area_comes_back_from_the_list_exactly(world, locality, area):
    world.restore()

    accept(world, lambda: organisations.set_locality_area(world.store, world.coordinator, locality, area), {})

    areas = {loc.name: loc.leader_area for loc in organisations.list_localities(world.store)}
    assert areas[as_name(locality)] == cleaned(area, none_when_blank=True, name=True)
