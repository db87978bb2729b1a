"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-30

The whole first data model: workshops, organisations, people, ideas, commitments,
notes, ties, voting, access control and the Leader-area reference tables.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('access_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_attempts')),
    sa.UniqueConstraint('key', name=op.f('uq_access_attempts_key'))
    )
    op.create_table('leader_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('budget_cap_sek', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leader_areas')),
    sa.UniqueConstraint('name', name=op.f('uq_leader_areas_name'))
    )
    op.create_table('localities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('leader_area', sa.String(length=120), nullable=True),
    sa.Column('is_development_point', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_localities')),
    sa.UniqueConstraint('name', name=op.f('uq_localities_name'))
    )
    op.create_table('process_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_state'))
    )
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('challenge', sa.Text(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('locality', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('facilitator_key_hash', sa.String(length=200), nullable=False),
    sa.Column('submissions_open', sa.Boolean(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops')),
    sa.UniqueConstraint('join_code', name=op.f('uq_workshops_join_code'))
    )
    op.create_table('facilitator_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_facilitator_sessions_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_facilitator_sessions_token_hash'))
    )
    with op.batch_alter_table('facilitator_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facilitator_sessions_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('locality', sa.String(length=120), nullable=True),
    sa.Column('org_number', sa.String(length=11), nullable=True),
    sa.Column('offers', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('first_workshop_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['first_workshop_id'], ['workshops.id'], name=op.f('fk_organisations_first_workshop_id_workshops')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['organisations.id'], name=op.f('fk_organisations_merged_into_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_org_number'), ['org_number'], unique=False)

    op.create_table('voting_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('dots_per_participant', sa.Integer(), nullable=False),
    sa.Column('max_dots_per_idea', sa.Integer(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('results_visible', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_voting_rounds_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_rounds')),
    sa.UniqueConstraint('workshop_id', 'number', name=op.f('uq_voting_rounds_workshop_id'))
    )
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_rounds_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_people_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_name_key'), ['name_key'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_participants_person_id_people')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_participants_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_participants_token_hash'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('locality', sa.String(length=120), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('innovation', sa.Text(), nullable=False),
    sa.Column('budget_sek', sa.Integer(), nullable=True),
    sa.Column('cofinancing_hours', sa.Integer(), nullable=True),
    sa.Column('owner_organisation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['participants.id'], name=op.f('fk_ideas_author_id_participants')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['ideas.id'], name=op.f('fk_ideas_merged_into_id_ideas')),
    sa.ForeignKeyConstraint(['owner_organisation_id'], ['organisations.id'], name=op.f('fk_ideas_owner_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_ideas_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas'))
    )
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideas_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('ties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_a_id', sa.Integer(), nullable=False),
    sa.Column('organisation_b_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('organisation_a_id < organisation_b_id', name=op.f('ck_ties_ordered_pair')),
    sa.ForeignKeyConstraint(['author_id'], ['participants.id'], name=op.f('fk_ties_author_id_participants')),
    sa.ForeignKeyConstraint(['organisation_a_id'], ['organisations.id'], name=op.f('fk_ties_organisation_a_id_organisations')),
    sa.ForeignKeyConstraint(['organisation_b_id'], ['organisations.id'], name=op.f('fk_ties_organisation_b_id_organisations')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_ties_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ties')),
    sa.UniqueConstraint('organisation_a_id', 'organisation_b_id', 'kind', name=op.f('uq_ties_organisation_a_id'))
    )
    with op.batch_alter_table('ties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ties_organisation_a_id'), ['organisation_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ties_organisation_b_id'), ['organisation_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ties_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('carried_ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_carried_ideas_idea_id_ideas')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_carried_ideas_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carried_ideas')),
    sa.UniqueConstraint('workshop_id', 'idea_id', name=op.f('uq_carried_ideas_workshop_id'))
    )
    with op.batch_alter_table('carried_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carried_ideas_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('contribution', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_commitments_idea_id_ideas')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_commitments_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_commitments_participant_id_participants')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_commitments_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments')),
    sa.UniqueConstraint('idea_id', 'organisation_id', name=op.f('uq_commitments_idea_id'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('about_organisation_id', sa.Integer(), nullable=True),
    sa.Column('about_idea_id', sa.Integer(), nullable=True),
    sa.Column('about_text', sa.String(length=120), nullable=False),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['about_idea_id'], ['ideas.id'], name=op.f('fk_notes_about_idea_id_ideas')),
    sa.ForeignKeyConstraint(['about_organisation_id'], ['organisations.id'], name=op.f('fk_notes_about_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['author_id'], ['participants.id'], name=op.f('fk_notes_author_id_participants')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_notes_workshop_id_workshops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('dots', sa.Integer(), nullable=False),
    sa.CheckConstraint('dots > 0', name=op.f('ck_votes_positive_dots')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_votes_idea_id_ideas')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_votes_participant_id_participants')),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], name=op.f('fk_votes_round_id_voting_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    sa.UniqueConstraint('round_id', 'participant_id', 'idea_id', name=op.f('uq_votes_round_id'))
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_votes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_votes_round_id'), ['round_id'], unique=False)

    # The single row whose revision caches of process-wide analyses key on.
    op.execute("INSERT INTO process_state (id, revision) VALUES (1, 0)")


def downgrade() -> None:
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_votes_round_id'))
        batch_op.drop_index(batch_op.f('ix_votes_participant_id'))

    op.drop_table('votes')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_workshop_id'))

    op.drop_table('notes')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_idea_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('carried_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_carried_ideas_workshop_id'))

    op.drop_table('carried_ideas')
    with op.batch_alter_table('ties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ties_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_ties_organisation_b_id'))
        batch_op.drop_index(batch_op.f('ix_ties_organisation_a_id'))

    op.drop_table('ties')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideas_workshop_id'))

    op.drop_table('ideas')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_workshop_id'))

    op.drop_table('participants')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name_key'))

    op.drop_table('people')
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_rounds_workshop_id'))

    op.drop_table('voting_rounds')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_org_number'))
        batch_op.drop_index(batch_op.f('ix_organisations_name_key'))

    op.drop_table('organisations')
    with op.batch_alter_table('facilitator_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facilitator_sessions_workshop_id'))

    op.drop_table('facilitator_sessions')
    op.drop_table('workshops')
    op.drop_table('process_state')
    op.drop_table('localities')
    op.drop_table('leader_areas')
    op.drop_table('access_attempts')
