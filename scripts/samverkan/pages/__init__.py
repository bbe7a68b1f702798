"""Stage 2, pages: plan the pages and render them to Markdown with Jinja2."""
