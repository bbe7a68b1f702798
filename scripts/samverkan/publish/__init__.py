"""Stage 3, publish: write docs/, run the engine, fix and index its HTML, swap site/ in; the live preview."""
