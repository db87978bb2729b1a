"""The application draft from the command line: ``export --format application --idea TITEL -o FIL``.

The format (docx, pdf or md) follows the output file's suffix. Private persons read
"Privatperson N" unless ``--personal-data`` is given, as in every other export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ServiceError
from ..i18n import Translator
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, open_store, system_actor

__all__ = ["run_application"]


def run_application(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..exchange.audit import record_now
    from ..leader.draft import DRAFT_FORMATS
    from ..leader.service import application_draft, find_idea

    t = Translator("sv")
    fmt = Path(args.output).suffix.lower().lstrip(".")
    if not args.idea:
        print("Ange idén med --idea TITEL.", file=sys.stderr)
        return EXIT_REFUSED
    if fmt not in DRAFT_FORMATS:
        print(f"Ansökningsutkastet skrivs som {', '.join(sorted(DRAFT_FORMATS))}: ge -o en fil som slutar på en av dem.", file=sys.stderr)
        return EXIT_REFUSED
    store = open_store(args.db)
    try:
        idea_id = find_idea(store, args.idea)
        personal = bool(getattr(args, "personal_data", False))
        # A draft with names is recorded by the service itself, as every path to one is.
        data = application_draft(store, idea_id, fmt, token=system_actor(), personal_data=personal)
        Path(args.output).write_bytes(data)
        if not personal:
            detail = {"format": f"application.{fmt}", "personal_data": False}
            record_now(store, system_actor(), "exchange.export", subject_type="idea", subject_id=idea_id, subject_label=args.idea, detail=detail)
    except ServiceError as error:
        print(f"{args.idea}: {t(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"Kunde inte skriva {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    print(f"Skrev {args.output} ({len(data)} byte, ansökningsutkast som {fmt}).")
    return EXIT_OK
