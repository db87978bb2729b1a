"""Data protection (GDPR): what is stored about a person, their copy of it, erasure and retention.

The municipality is the data controller. This package holds the use cases that concern
personal data as such; it reads and writes the same model as the services:

- :mod:`.contact`: contact details kept only with the person's explicit consent;
- :mod:`.records`: everything stored about a participant or a person, as a JSON export
  (art. 15 and 20);
- :mod:`.erasure`: a participant deleting themselves, a coordinator erasing a person
  (art. 17), with contributions kept anonymised or removed;
- :mod:`.contact_key`: an invitation answer's contact person reaching their own data by a key;
- :mod:`.people`: the coordinator's register of people across the whole process;
- :mod:`.retention`: people anonymised once every meeting they attended is past its
  retention date.

See ``docs/privacy.md``.
"""

ANONYMOUS_NAME = "En deltagare"
