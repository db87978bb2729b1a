"""pytest collects the doctests of the benchmark modules (``testpaths`` in pyproject.toml);
these files run as soon as they are imported (Streamlit pages, A/B scripts), so it skips them."""

collect_ignore = ["ab", "floor_app.py", "floor_page.py", "tick_app.py"]
