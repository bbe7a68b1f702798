"""What readers see from our code: labels for the content model's values.

Templates hold the rest of the reader's Swedish. The model owns which values
exist (content/model.py); this only says how each one reads.
"""

# Labels for values in the content model, shown to readers.
LABELS: dict[str, str] = {
    "avslutad": "Avslutad",
    "pagaende": "Pågående",
    "kommunalforbund": "Kommunalförbund",
    "forvaltning": "Förvaltning",
    "direktion": "Direktion",
    "namnd": "Nämnd",
    "gemensam_namnd": "Gemensam nämnd",
    "genomford": "Genomfört",
    "nasta": "Nästa steg",
    "vantar": "Väntar på beslut",
    "inget_svar": "Inget svar ännu",
    "inkommet": "Svar inkommet",
    "fullt": "helt förenlig",
    "delvis": "delvis förenlig",
    "inte": "inte förenlig",
    "beslutad": "Beslutat",
    "cirka": "cirka",
    "drygt": "drygt",
    "exakt": "",
}

# The model's aspects of an organisation (model.ASPECTS), as a form's choices
# in the browser editor (editors/cms.py).
ASPECT_LABELS: dict[str, str] = {
    "organisationsform": "Organisationsform",
    "politisk_styrning": "Politisk styrning",
    "vardkommun": "Värdkommun",
    "arbetsgivare": "Arbetsgivare",
    "ledning": "Ledning",
    "sammantraden": "Sammanträden",
    "delegation": "Delegation",
    "naringsliv": "Näringslivsfrågor",
}

# What the source calls a board's regular members (model.Sammansattning):
# the noun in NOUNS that counts them.
MEMBER_WORDS: dict[str, str] = {
    "ledamoter": "ledamot",
    "ordinarie": "ordinarie",
    "ordinarie_ledamoter": "ordinarie ledamot",
}

# Nouns the templates count: gender (the word for one), singular, plural.
NOUNS: dict[str, tuple[str, str, str]] = {
    "ledamot": ("en", "ledamot", "ledamöter"),
    "ordinarie": ("en", "ordinarie", "ordinarie"),
    "ordinarie ledamot": ("en", "ordinarie ledamot", "ordinarie ledamöter"),
    "ersättare": ("en", "ersättare", "ersättare"),
    "kommun": ("en", "kommun", "kommuner"),
    "anställd": ("en", "anställd", "anställda"),
    "utskott": ("ett", "utskott", "utskott"),
    "år": ("ett", "år", "år"),
}

# The search dialog's accessible name.
SEARCH_DIALOG = "Sök på webbplatsen"
