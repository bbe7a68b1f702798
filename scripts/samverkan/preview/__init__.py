"""The live preview, a caller of pipeline.py: the server, the page-by-page engine and the browser client."""
