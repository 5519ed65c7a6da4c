"""Rendering: Markdown to HTML, themes (Jinja templates and hashed static assets)."""
