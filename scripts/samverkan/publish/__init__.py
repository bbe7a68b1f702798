"""Steps that prepare the built site/ for the intranet's web server."""
