"""The neighbourhood-office requirements draft (grannskapskontor): what a shared office near
one development point should offer, each requirement traced to the figures behind it.

One topic per module, pure except the last:

- :mod:`.rules`: every threshold and rule, in one place (docs/neighbourhood-office.md explains each);
- :mod:`.records`: the companies within reach, the figures and the requirements as plain records;
- :mod:`.requirements`: the rules applied (:func:`~.requirements.office_requirements`);
- :mod:`.words`: titles, texts (the coordinator's edits) and figures in words;
- :mod:`.document`: the draft as Markdown, DOCX or PDF, and as an idea's fields;
- :mod:`.service`: reading the evidence, the files and the idea, for coordinators only.
"""
