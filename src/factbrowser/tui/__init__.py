"""The Textual app (presentation only): imported only when the app opens."""
