"""An import's problems as a table a coordinator can read: file, row, column, message.

Its own module because it needs pandas, which only the import pages load.
"""

from __future__ import annotations

import pandas as pd

from workshop.i18n import Translator

__all__ = ["problem_table"]


def problem_table(t: Translator, problems) -> pd.DataFrame:
    """An import's problems (``workshop.exchange.importing.results.Problem``) as a table: file, row, column, message."""
    return pd.DataFrame(
        [
            {
                t("exchange.import.col.file"): p.source,
                t("exchange.import.col.row"): p.row if p.row is not None else "",
                t("exchange.import.col.column"): p.column or "",
                t("exchange.import.col.problem"): t(p.key, **p.message_params()),
            }
            for p in problems
        ]
    )
