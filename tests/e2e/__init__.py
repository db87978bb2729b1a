"""Real-browser tests: Playwright drives Debian's Chromium against real Streamlit servers."""
