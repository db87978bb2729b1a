"""AppTest of the LEADER card, its check, the self-check score, the draft and the coordinator's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import add_idea, commit, coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, open_tab, texts
from workshop.errors import NotAllowed
from workshop.leader import service
from workshop.models import AuditEvent


@pytest.fixture
def fellingsbro(app_store):
    meeting = make_workshop(app_store, title="Fellingsbro", locality="Fellingsbro")
    jonas = join(app_store, meeting, "Jonas", "Fellingsbro företagarförening", kind="company", locality="Fellingsbro", org_number="556036-0793")
    eva = join(app_store, meeting, "Eva", "Fellingsbro bygdegårdsförening", locality="Fellingsbro", org_number="802412-4532")
    idea = add_idea(app_store, jonas, "Marknadsdagar", locality="Fellingsbro")
    commit(app_store, eva, idea, role="possible_owner")
    commit(app_store, jonas, idea)
    return meeting, jonas, eva, idea


def test_the_card_in_fellingsbro_asks_for_the_area_and_saving_it_shows_the_areas_kinds_of_support(fellingsbro):
    meeting, _jonas, _eva, idea = fellingsbro
    at = open_app("pages/leader_card.py", facilitator=meeting.facilitator)
    # Northern Fellingsbro is in neither area by the offices' own pages: the card says so and asks.
    assert ("Gränsen mellan Leader-områdena går genom Fellingsbro: södra Fellingsbro (Leader Mälardalen); Leader Bergslagen omfattar inte "
            "Fellingsbro. Resten av orten hör enligt områdenas sidor till inget område – fråga samordnaren innan ni väljer.") in texts(at)
    area = next(s for s in at.selectbox if s.label == "Idéns Leader-område")
    area.set_value("Leader Mälardalen")
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception, at.exception
    assert "LEADER-kortet är sparat." in texts(at)
    kinds = next(s for s in at.selectbox if s.label == "Stödform")
    assert kinds.options == ["Projektstöd", "Projektstöd till företag", "Småprojektstöd"]


def test_the_check_tab_says_what_to_do_next_line_by_line(fellingsbro, app_store):
    meeting, jonas, eva, idea = fellingsbro
    service.save_card(app_store, meeting.id, meeting.facilitator, idea, leader_area="Leader Mälardalen", support_type="smaprojekt", benefit="public",
                      budget={"materials": 34_000}, volunteer_hours={eva.organisation_id: 60, jonas.organisation_id: 39})
    at = open_tab(open_app("pages/leader_card.py", facilitator=meeting.facilitator), "Kontroll")
    shown = texts(at)
    # 99 h × 340 kr = 33 660 kr of the 34 000 kr sought: 340 kr, one hour, short.
    assert "❌ **Medfinansiering (ideell tid)** — 99 timmar × 340 kr = 33\xa0660 kr, men 34\xa0000 kr (100 %) krävs: samla in 1 timmar till från parterna." in shown
    assert "✅ **Leader-område** — Leader Mälardalen, vald för Fellingsbro" in shown
    # The owner's legal form from its organisation number 802412-4532 (first digit 8).
    assert "✅ **Projektägare** — Fellingsbro bygdegårdsförening kan äga projektet; den som söker behöver fullmakt från firmatecknaren. (Ideell förening eller stiftelse)" in shown
    assert "❌ **Start** — Ange planerad start" in shown


def test_the_score_tab_is_labelled_a_self_check_and_sums_the_points(fellingsbro, app_store):
    meeting, _jonas, eva, idea = fellingsbro
    service.save_card(app_store, meeting.id, meeting.facilitator, idea, leader_area="Leader Mälardalen", support_type="smaprojekt", benefit="public",
                      budget={"materials": 34_000}, volunteer_hours={eva.organisation_id: 100}, focus_area="delaktighet", goal="Starkare föreningsliv och samverkan")
    at = open_tab(open_app("pages/leader_card.py", facilitator=meeting.facilitator), "Egenpoäng")
    shown = texts(at)
    assert "Egenkontroll, inte styrelsens beslut" in shown
    table = at.dataframe[0].value
    assert list(table["Kriterium"]) == ["Samverkan", "Lokal förankring", "Kostnadseffektivitet", "Genomförandekapacitet", "Bestående resultat", "Insatsområdets mål"]
    assert f"{int(table['Poäng'].sum())} av 500 poäng; minst 250 krävs" in shown


def test_the_draft_tab_offers_the_application_for_download(fellingsbro):
    meeting, *_ = fellingsbro
    at = open_tab(open_app("pages/leader_card.py", facilitator=meeting.facilitator), "Utkast")
    assert not at.exception
    assert "Att fylla i" in texts(at)


def test_a_participant_cannot_open_the_card(fellingsbro):
    _meeting, jonas, _eva, _idea = fellingsbro
    at = open_app("pages/leader_card.py", participant=jonas.token)
    assert "LEADER-kort" not in [h.value for h in at.title]


def test_the_coordinator_sees_every_rule_with_its_source(app_store):
    at = open_app("pages/coordinator_leader.py", coordinator=coordinator_token(app_store))
    shown = texts(at)
    assert "Leader Bergslagen (2023-2027), fil leader-bergslagen-2023-2027.toml" in shown
    assert "Ideell tid: 340 kr per timme." in shown
    kinds = at.dataframe[1].value
    assert "Föreningscheck livskvalitet" in list(kinds["Stödform"])
    assert all(str(source).startswith("https://") for frame in at.dataframe for source in (frame.value["Källa"] if "Källa" in frame.value else []))


@pytest.fixture
def ramsberg(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening", org_number="802412-4532")
    bo = join(app_store, meeting, "Bo", "Ramsbergs Såg AB", kind="company", org_number="556036-0793")
    idea = add_idea(app_store, anna, "Bygdekök i skolan")
    commit(app_store, bo, idea)
    return meeting, idea


def test_egenpoang_in_leader_bergslagen_is_a_labelled_self_check_not_an_empty_tab(ramsberg):
    meeting, _idea = ramsberg
    at = open_tab(open_app("pages/leader_card.py", facilitator=meeting.facilitator), "Egenpoäng")
    assert not at.exception
    shown = texts(at)
    assert "inga urvalskriterier" not in shown
    assert "Leader Bergslagen har inte publicerat sina urvalskriterier i sin helhet" in shown
    table = at.dataframe[0].value
    assert len(table) == 5 and "Samverkan mellan aktörer (ideell, privat, offentlig sektor)" in list(table["Kriterium"])
    assert "av 500 poäng i egenkontrollen. Kontoret har inte publicerat någon poänggräns" in shown


def test_the_coordinator_sees_that_northern_fellingsbro_is_in_no_area_and_is_asked_to_confirm(app_store):
    at = open_app("pages/coordinator_leader.py", coordinator=coordinator_token(app_store))
    assert not at.exception
    shown = texts(at)
    assert "Orter som delas av en områdesgräns" in shown
    assert "Resten av Fellingsbro: inget Leader-område enligt områdenas sidor – bekräfta med kontoren" in shown
    # The self-check's criteria each show the page they come from.
    sources = [frame.value for frame in at.dataframe if "Källa" in frame.value.columns and "Kriterium" in frame.value.columns]
    assert sources and all(source.startswith("https://") for frame in sources for source in frame["Källa"])


NAMES_BOX = "Med namn på privatpersoner"


@pytest.fixture
def with_private_person(fellingsbro, app_store):
    meeting, _jonas, _eva, idea = fellingsbro
    gunnel = join(app_store, meeting, "Gunnel Ekström")  # a private person, no organisation
    commit(app_store, gunnel, idea, role="contributor", contribution="Bakar bröd till marknaden")
    # Her hours are in the draft's volunteer-time table, where a private person is named or numbered.
    hours = {gunnel.organisation_id: 20}
    service.save_card(app_store, meeting.id, meeting.facilitator, idea, leader_area="Leader Mälardalen", volunteer_hours=hours)
    return meeting, idea


@pytest.fixture
def media(monkeypatch):
    """The media file managers of the app's runs (AppTest drops its runtime after each run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    managers = []

    class Kept(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Kept)
    return managers


def _downloaded(at, media, label: str) -> str:
    """What pressing the download button ``label`` hands the browser (a deferred one is written on the press)."""
    button = next(b for b in at.get("download_button") if b.proto.label == label)
    manager = media[-1]  # the last run's
    url = manager.execute_deferred(button.proto.deferred_file_id) if button.proto.deferred_file_id else button.proto.url
    return manager._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content.decode("utf-8")


def _audit(store, action: str) -> list[tuple]:
    with store.unit_of_work() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        return [(e.actor_role, e.subject_type, e.subject_id, e.detail) for e in events]


def test_a_facilitator_is_not_offered_names_in_the_draft_and_the_service_refuses_them(with_private_person, app_store):
    meeting, idea = with_private_person
    at = open_tab(open_app("pages/leader_card.py", facilitator=meeting.facilitator), "Utkast")
    assert not at.exception
    assert NAMES_BOX not in [c.label for c in at.checkbox]
    with pytest.raises(NotAllowed):  # the rule is the service's, not only the page's
        service.application_draft(app_store, idea, "md", token=meeting.facilitator, personal_data=True)
    assert "Gunnel Ekström" not in service.application_draft(app_store, idea, "md").decode("utf-8")


def test_a_coordinator_who_ticks_the_box_gets_the_private_persons_name_in_the_md_draft_and_it_is_logged(
    with_private_person, app_store, media
):
    meeting, idea = with_private_person
    at = open_tab(open_app("pages/leader_card.py", coordinator=coordinator_token(app_store), leading=meeting.id), "Utkast")
    next(r for r in at.radio if r.label == "Format").set_value("md").run()
    assert "Gunnel Ekström" not in _downloaded(at, media, "Ladda ner utkastet (MD)")  # names only when asked, for a coordinator too
    next(c for c in at.checkbox if c.label == NAMES_BOX).check().run()
    assert not at.exception, at.exception
    assert _audit(app_store, "exchange.export") == []  # nothing is written before the press
    draft = _downloaded(at, media, "Ladda ner MD med namn")
    assert "Gunnel Ekström" in draft and "Privatperson 1" not in draft
    assert _audit(app_store, "exchange.export") == [("coordinator", "idea", idea, {"format": "application.md", "personal_data": True})]
