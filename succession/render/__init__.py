"""Views of what the engine decided: text for people, JSON for programs."""
