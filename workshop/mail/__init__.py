"""E-mail delivery: an outbox in the database, sent through the municipality's SMTP server.

A feature queues an :class:`email.message.EmailMessage` with :func:`enqueue` in its own unit
of work, calls :func:`wake_sender` after its commit, and later reads :func:`statuses` by its
``about`` key ("invitation:17"); ``ui/mail.py``'s ``status_table`` shows them on a page. Each server
process runs a sender thread (:mod:`.sender`) that claims due messages and sends them
(:func:`send_due`), retrying temporary failures. The settings are environment variables
(:mod:`.settings`, the README's config table); docs/deployment.md says how to set them.
"""

from .outbox import DeliveryStatus, enqueue, send_due, statuses
from .sender import wake_sender
from .settings import MailSettings, mail_settings

__all__ = ["DeliveryStatus", "MailSettings", "enqueue", "mail_settings", "send_due", "statuses", "wake_sender"]
