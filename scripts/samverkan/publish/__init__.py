"""Steps after the site generator: what we do to the built site before it
is published, whichever engine (MkDocs, ProperDocs) built it."""
