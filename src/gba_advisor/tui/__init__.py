"""The interactive explorer (Textual). Imported only by `gba-advisor explore`: build the app
with `gba_advisor.tui.app.build_app` from a knowledge base, a date and a profile."""
