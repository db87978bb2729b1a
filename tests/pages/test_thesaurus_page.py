"""The coordinator's thesaurus tab through AppTest: pick a concept, see its words, add a
missing word, be told in Swedish why a word cannot be added, and remove an added word."""

from __future__ import annotations

from tests.factories import coordinator_token
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from workshop.services import thesaurus


def _tab(app_store):
    return open_tab(open_app("pages/coordinator.py", coordinator=coordinator_token(app_store)), "Tesaurus")


def _added(app_store, key="transport"):
    return [w.word for w in next(v for v in thesaurus.list_concepts(app_store) if v.key == key).added]


def test_the_coordinator_adds_a_missing_word_to_a_concept_and_removes_it_again(app_store):
    at = _tab(app_store)
    pick = at.selectbox(key="coordinator_concept_pick")
    assert pick.placeholder == "Välj ett begrepp …"
    assert "transport" in pick.options and "övernattning" in pick.options  # the Swedish labels

    pick.set_value("transport").run()
    assert "minibuss" in " ".join(t.value for t in at.text)  # the file's words
    assert "Inga ord är tillagda i det här begreppet ännu." in texts(at)

    widget(at.text_input, "Ord eller fras").input("Ekipage")
    widget(at.button, "Lägg till ordet").click().run()
    assert not at.exception and not errors(at)
    assert "”ekipage” hör nu till begreppet transport." in texts(at)
    assert _added(app_store) == ["ekipage"]
    assert at.dataframe[0].value["Ord"].tolist() == ["ekipage"]

    at.selectbox(key="coordinator_word_remove_pick").set_value("ekipage").run()
    widget(at.button, "Ta bort ordet").click().run()
    assert not at.exception
    assert "”ekipage” hör inte längre till begreppet transport." in texts(at)
    assert _added(app_store) == []


def test_a_word_the_concept_has_or_an_everyday_word_is_refused_under_the_field(app_store):
    at = _tab(app_store)
    at.selectbox(key="coordinator_concept_pick").set_value("transport").run()

    widget(at.text_input, "Ord eller fras").input("Minibussar")
    widget(at.button, "Lägg till ordet").click().run()
    assert errors(at) == ["Ord eller fras: ”minibussar” finns redan i begreppet transport."]

    widget(at.text_input, "Ord eller fras").input("behöver")
    widget(at.button, "Lägg till ordet").click().run()
    assert not at.exception
    assert errors(at) == [
        "Ord eller fras: ”behöver” är ett vardagsord; det skulle koppla nästan varje text till begreppet. Skriv ett mer bestämt ord."
    ]
    assert _added(app_store) == []



def test_a_typed_word_that_is_not_letters_is_refused_under_the_field(app_store):
    at = _tab(app_store)
    at.selectbox(key="coordinator_concept_pick").set_value("transport").run()
    widget(at.text_input, "Ord eller fras").input("**häst** [vagn](javascript:alert(1))")
    widget(at.button, "Lägg till ordet").click().run()

    assert not at.exception
    assert errors(at) == ["Ord eller fras: Skriv bara bokstäver, med mellanslag eller bindestreck mellan orden."]
    assert _added(app_store) == []
