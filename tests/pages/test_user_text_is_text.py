"""Whatever people type is shown as text: no HTML, script, link or markdown takes effect.

Streamlit 1.67 renders markdown with remark-gfm, which links bare web and e-mail addresses
even in escaped text (it searches the text after the escapes are removed). The two searches
it runs are copied here from its frontend (``StreamlitMarkdown``, the mdast transform of
mdast-util-gfm-autolink-literal), so these tests fail if ``plain()`` stops defeating them.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import each_tab, open_app, texts, wall_cards
from ui.frame import SANDBOX, isolated_document
from ui.text import WORD_JOINER, as_typed, plain
from workshop.services import contributions

HOSTILE = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[klicka här](javascript:alert(1))",
    "**fet** :red[röd] $x^2$",
]
ADDRESSES = [
    "Läs mer på https://www.ramsberg.se/bygdekok?a=1&b=2",
    "eller på www.vedevag.se, eller HTTP://EXAMPLE.ORG",
    "skriv till anna.berg+kok@ramsbergs-if.se",
    "mailto:bo@bryggeriet.se och xmpp:cilla@chat.example.org",
    ":material/home: och <https://autolink.example.org>",
]

# What remark-gfm links in a text node (Streamlit 1.67, mdast-util-gfm-autolink-literal).
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII)
GFM_EMAIL = re.compile(r"(?:^|(?<=[\s\W]))([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)


def text_nodes(markdown: str) -> str:
    """The text remark searches: ``markdown`` with its backslash escapes resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def links_gfm_would_make(shown: str) -> list[str]:
    text = text_nodes(shown)
    return [m.group(0) for m in GFM_URL.finditer(text)] + [m.group(0) for m in GFM_EMAIL.finditer(text)]


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_searches_remark_runs_find_the_addresses_in_text_escaped_the_old_way(address):
    # The regular expressions above are the ones that made links of escaped text:
    old_plain = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~:$<&])", r"\\\1", address)
    assert links_gfm_would_make(old_plain) != []


@pytest.mark.parametrize("address", ADDRESSES + HOSTILE)
def test_plain_text_holds_no_address_remark_would_link_and_reads_as_typed(address):
    shown = plain(address)

    assert links_gfm_would_make(shown) == []
    assert as_typed(shown) == address


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["https://", "http://", "www.", "WWW.", "@", ".", ":", "/", "-", "+", "_", " ", "\n", "\r\n", "    ", "\t", "mailto:", "se", "x"]),
            st.text(max_size=6),
        ),
        max_size=16,
    ).map("".join)
)
def test_no_text_at_all_becomes_an_address_remark_would_link(text):
    shown = plain(text)

    assert links_gfm_would_make(shown) == []
    # A word joiner someone typed is as invisible as the ones plain() adds: it reads the same.
    assert as_typed(shown) == text.replace("\r\n", "\n").replace("\r", "\n").replace(WORD_JOINER, "")


def test_an_indented_line_after_a_blank_line_is_not_a_code_block():
    shown = plain("Steg ett:\n\n    kod som inte är kod")

    assert not re.search(r"^( {4}|\t)", shown, re.MULTILINE)
    assert as_typed(shown) == "Steg ett:\n\n    kod som inte är kod"


@pytest.fixture
def hostile_workshop(app_store):
    meeting = make_workshop(app_store, title="<b>Titel</b> www.ramsberg.se", challenge="<i>Fråga</i> https://ramsberg.se")
    anna = join(app_store, meeting, "<script>alert('namn')</script>", '<img src=x onerror="alert(2)"> anna@ramsberg.se')
    for text in HOSTILE + ADDRESSES:
        idea = add_idea(app_store, anna, text[:160], description=text, themes=["tema"])
        contributions.commit_to_idea(app_store, anna.token, idea, role="partner")
    contributions.add_note(app_store, anna.token, kind="obstacles", text=HOSTILE[0] + " " + ADDRESSES[2], subject="place", about_text=HOSTILE[1])
    return meeting, anna


def test_the_projector_escapes_every_user_string(hostile_workshop):
    meeting, _anna = hostile_workshop
    shown = texts(open_app("pages/projector.py", facilitator=meeting.facilitator))
    assert "<script>alert" not in shown and "<img src=x" not in shown and "<b>Titel" not in shown
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert "&lt;b&gt;Titel&lt;/b&gt;" in shown
    assert "<a " not in shown


def markdown_of(at) -> list[str]:
    """Every markdown string the page sends: bodies, captions, alerts and expander labels."""
    found = []
    for kind in ("markdown", "caption", "title", "subheader", "success", "info", "warning", "error"):
        found += [e.value for e in at.get(kind)]
    return found + [e.label for e in at.expander]


@pytest.mark.parametrize("page", ["pages/home.py", "pages/wall.py", "pages/mine.py", "pages/contribute.py"])
def test_participant_pages_show_user_text_without_markup_or_links(hostile_workshop, page):
    _meeting, anna = hostile_workshop
    at = open_app(page, participant=anna.token)
    seen = []
    for at in each_tab(at) if at.tabs else [at]:
        for shown in markdown_of(at):
            # Markdown is escaped character by character, so no link, emphasis or colour is formed,
            # and no address is left for remark-gfm to link.
            assert "](javascript:" not in shown
            assert "**fet**" not in shown and ":red[" not in shown
            assert "<script>" not in shown
            assert links_gfm_would_make(shown) == [], shown
            seen.append(as_typed(shown))
        # Lists sent as one HTML block (ui/cards.py) hold user text escaped, never as markup.
        for block in (h.value for h in at.html if "pb-list" in h.value or "pb-rows" in h.value):
            assert "<script>" not in block and "<img" not in block and "<b>" not in block and "<a " not in block
    if page == "pages/wall.py":  # and it still reads as typed
        seen += [card["text"] for card in wall_cards(at)]
        for text in ADDRESSES:
            assert any(text in shown for shown in seen), text


@pytest.mark.parametrize("page", ["pages/moderate.py", "pages/voting_admin.py", "pages/constellations.py", "pages/insights.py", "pages/network_map.py"])
def test_facilitator_pages_show_user_text_without_markup_or_links(hostile_workshop, page):
    meeting, _anna = hostile_workshop
    at = open_app(page, facilitator=meeting.facilitator)
    seen = []
    for at in each_tab(at) if at.tabs else [at]:
        for shown in markdown_of(at):
            assert "**fet**" not in shown and "](javascript:" not in shown
            assert links_gfm_would_make(shown) == [], shown
            seen.append(as_typed(shown))
        # Lists and tables sent as one HTML block hold user text escaped, never as markup.
        for block in (h.value for h in at.html if 'class="pb-' in h.value):
            assert "<script>" not in block and "<img" not in block and "<b>" not in block and "<a " not in block
            seen.append(html.unescape(block))
    if page == "pages/moderate.py":  # the note, on its own tab, was shown (as text)
        assert any(HOSTILE[0] + " " + ADDRESSES[2] in shown for shown in seen)


def test_the_map_is_shown_in_a_frame_without_the_apps_origin(hostile_workshop):
    meeting, _anna = hostile_workshop
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)

    (frame,) = at.get("iframe")
    wrapper = frame.proto.srcdoc
    # Streamlit's own frame holds only a fixed wrapper: no script, one inner frame, whose
    # sandbox lets scripts run but gives the document an opaque origin.
    assert "<script" not in wrapper.split("srcdoc=", 1)[0] and wrapper.count("<iframe") == 1
    assert re.search(r'<iframe sandbox="' + SANDBOX + '"', wrapper) and "allow-same-origin" not in wrapper
    assert "allow-top-navigation" not in wrapper and "allow-popups" not in wrapper
    # The map travels as an escaped attribute value: even its own script is text in the wrapper.
    assert "<script" not in wrapper and "&lt;script" in wrapper


def test_the_wrapper_gives_back_the_document_exactly():
    import html as html_module

    document = '<p title="x">Hej &amp; "välkommen"</p><script>var s = "</p>";</script>'
    wrapper = isolated_document(document, "Karta")
    escaped = re.search(r'srcdoc="([^"]*)"', wrapper).group(1)

    assert html_module.unescape(escaped) == document


def test_plain_keeps_the_word_joiner_out_of_what_is_read():
    assert WORD_JOINER not in as_typed(plain("https://x.se anna@x.se www.x.se"))
