"""Taking the process out and bringing lists in: import, exports, reports, backup.

- :mod:`workshop.exchange.tables` reads CSV files and XLSX sheets into plain tables;
- :mod:`workshop.exchange.importing` checks them row by row (a preview with every problem)
  and writes them in one transaction through the same validation as entry;
- :mod:`workshop.exchange.dataset` reads what an export shows, with the personal-data rule;
- :mod:`workshop.exchange.exports` writes the formats (graph files, workbooks, pictures, report);
- :mod:`workshop.exchange.backup` writes and restores the versioned JSON backup.

Nothing here imports Streamlit.
"""
