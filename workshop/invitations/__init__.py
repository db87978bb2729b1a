"""Invitations: a constellation's uncommitted members asked to join an idea, and their answers (issue 26).

- :mod:`.service`: invite (the idea's facilitator or a coordinator), open and answer by code
  (anyone holding the link), the counts the follow-up page shows;
- :mod:`.addressing`: to which address an invitation may be e-mailed (a pure rule);
- :mod:`.letters`: the files of a batch: a PDF letter per organisation, the mail-merge sheet,
  one ``.eml`` per invitation (:func:`.letters.invitation_email`).

See docs/after-the-meeting.md.
"""
