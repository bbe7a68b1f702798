"""Stage 3, publish: write docs/, run the engine, fix and prepare its HTML for the intranet's web server, swap site/ in; the live preview."""
