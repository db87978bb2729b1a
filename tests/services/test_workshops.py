"""Creating a workshop: the join code, the facilitator key, and what a facilitator must fill in."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import text

from tests.factories import make_workshop, row_counts
from workshop.errors import InvalidInput, WrongFacilitatorKey
from workshop.security import new_join_code
from workshop.services import organisations, workshops

AMBIGUOUS = set("0O1IL")

VALID = {
    "title": "Framtidens Ramsberg",
    "challenge": "Hur kan fler idéer bli projekt i Ramsberg?",
    "date": dt.date(2026, 11, 30),
    "locality": "Ramsberg",
}


def test_join_code_is_six_characters_without_letters_and_digits_that_look_alike(store):
    meeting = make_workshop(store)

    assert len(meeting.join_code) == 6
    assert all(ch.isupper() or ch.isdigit() for ch in meeting.join_code)
    assert not AMBIGUOUS & set(meeting.join_code)


def test_generated_join_codes_never_use_zero_o_one_i_or_l():
    # 2000 codes of 6 characters draw 12000 times from the alphabet: a stray 0/O/1/I/L would show.
    drawn = set("".join(new_join_code() for _ in range(2000)))

    assert not AMBIGUOUS & drawn
    assert all(ch.isupper() or ch.isdigit() for ch in drawn)


def test_each_workshop_gets_its_own_join_code(store):
    first, second = make_workshop(store), make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")

    assert first.join_code != second.join_code


def test_facilitator_key_is_shown_once_and_only_a_hash_is_stored(store):
    meeting = make_workshop(store)

    with store.engine.connect() as connection:
        stored = " ".join(str(value) for row in connection.execute(text("SELECT * FROM workshops")) for value in row)

    assert len(meeting.key.replace("-", "")) == 16
    assert meeting.key not in stored
    assert meeting.key.replace("-", "") not in stored
    assert "sha256$" in stored  # salted: the same key never gives the same stored text



def test_a_key_stored_by_an_earlier_version_still_signs_in(store):
    """Databases made before keys were hashed with salted SHA-256 hold PBKDF2 hashes: they keep working."""
    meeting = make_workshop(store)
    salt = "00112233445566778899aabbccddeeff"
    folded = meeting.key.replace("-", "").upper()
    old = f"pbkdf2_sha256$1000${salt}${hashlib.pbkdf2_hmac('sha256', folded.encode(), bytes.fromhex(salt), 1000).hex()}"
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE workshops SET facilitator_key_hash = :old WHERE id = :id"), {"old": old, "id": meeting.id})

    assert workshops.facilitator_sign_in(store, meeting.id, meeting.key.lower())
    with pytest.raises(WrongFacilitatorKey):
        workshops.facilitator_sign_in(store, meeting.id, "AAAA-BBBB-CCCC-DDDD")

def test_created_workshop_shows_what_the_facilitator_typed(store):
    meeting = make_workshop(store, title="  Framtidens Ullersäter ", locality="Ullersäter", date=dt.date(2027, 2, 1))

    info = workshops.workshop_info(store, meeting.id)

    assert (info.title, info.locality, info.date, info.join_code) == (
        "Framtidens Ullersäter",
        "Ullersäter",
        dt.date(2027, 2, 1),
        meeting.join_code,
    )
    assert info.submissions_open is True


def test_a_new_place_becomes_a_known_locality(store):
    make_workshop(store, locality="Kärrbo")

    assert "Kärrbo" in [locality.name for locality in organisations.list_localities(store)]


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "changes,field,message_key",
    [
        ({"title": ""}, "title", "errors.required"),
        ({"title": "   "}, "title", "errors.required"),
        ({"title": "x" * 161}, "title", "errors.too_long"),
        ({"title": "Ramsberg\x00"}, "title", "errors.control_characters"),
        ({"challenge": ""}, "challenge", "errors.required"),
        ({"locality": ""}, "locality", "errors.required"),
        ({"locality": "x" * 121}, "locality", "errors.too_long"),
        ({"date": None}, "date", "errors.required"),
        ({"date": "2026-11-30"}, "date", "errors.required"),
    ],
)
def test_incomplete_workshop_is_refused_at_the_field_and_nothing_is_written(store, coordinator, changes, field, message_key):
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        workshops.create_workshop(store, coordinator, **{**VALID, **changes})

    assert (refused.value.field, refused.value.message_key) == (field, message_key)
    assert row_counts(store) == before


def test_title_of_exactly_the_maximum_length_is_accepted(store, coordinator):
    created = workshops.create_workshop(store, coordinator, **{**VALID, "title": "x" * 160})

    assert workshops.workshop_info(store, created.workshop_id).title == "x" * 160


def test_meetings_are_numbered_by_date_not_by_creation(store):
    later = make_workshop(store, title="Andra mötet", date=dt.date(2027, 3, 1))
    earlier = make_workshop(store, title="Första mötet", date=dt.date(2027, 1, 15))

    assert [(w.title, w.sequence) for w in workshops.list_workshops(store)] == [("Första mötet", 1), ("Andra mötet", 2)]
    assert workshops.workshop_info(store, later.id).sequence == 2
    assert workshops.workshop_info(store, earlier.id).sequence == 1
