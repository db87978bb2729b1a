"""The demo holds three LEADER cards: one that passes, one in Fellingsbro short of volunteer time, one without an owner."""

from __future__ import annotations

from sqlalchemy import select

from workshop.leader.service import idea_check
from workshop.models import Idea


def test_the_demo_gives_three_ideas_a_card_that_the_check_reads(store, demo):
    with store.unit_of_work() as session:
        ids = {title.split()[0]: idea_id for idea_id, title in session.execute(select(Idea.id, Idea.title))}
    kitchen = idea_check(store, ids["Bygdekök"])
    assert kitchen.check.ready, [line.message.key for line in kitchen.check.failed]
    market = idea_check(store, ids["Marknadsdagar"])
    assert market.facts.crosses_boundary and market.check.area == "Leader Mälardalen"
    # 100 h × 340 kr = 34 000 kr against the 40 000 kr sought: 18 hours short (6 000 / 340 = 17.6).
    assert market.check.line("cofinancing").message.params["missing_hours"] == 18
    assert market.score is not None and market.score.max_points == 500
    forest = idea_check(store, ids["Skogsdag"])
    assert forest.check.support_type.key == "check_ungdom" and not forest.check.line("owner").passed
    # 18 000 kr is within the youth check's 20 000 kr: what it lacks is an owner, not money.
    assert forest.check.line("budget").passed and forest.check.total_sek == 18_000
