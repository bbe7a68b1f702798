"""Stage 3, publish: write docs/, run the engine (MkDocs or ProperDocs), fix, index and prepare its HTML for the intranet's web server, swap site/ in."""
