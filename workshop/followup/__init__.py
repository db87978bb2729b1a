"""Follow-up across meetings (docs/after-the-meeting.md): every idea's next step and owner,
kept with their history; the follow-up read model with the stale flag; a workshop's next
meeting and its calendar file; the A4 poster for the village notice board.

Modules: ``steps`` (the next step), ``overview`` (the read model), ``meetings`` (the next
meeting), ``calendar`` (the .ics file), ``poster`` (the PDF). Import from the module that
holds a name; nothing is gathered here.
"""
