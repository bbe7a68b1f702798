"""Every word an editor or reader sees from our code, in one Swedish catalogue.

Templates have their own Swedish text; this is for messages and labels that
Python produces, so that tests can pin them and translators find them.
"""

MESSAGES: dict[str, str] = {
    # Reading files
    "file_not_utf8": "filen är inte sparad som UTF-8 (byte {byte} på position {pos})",
    "file_empty": "filen är tom",
    "yaml_syntax": "YAML-filen går inte att läsa: {problem}",
    "yaml_unsafe_tag": "taggen `{tag}` är inte tillåten; innehåll får bara vara text, tal, datum, listor och nycklar",
    "yaml_duplicate_key": "nyckeln `{key}` finns två gånger (först på rad {first}); ta bort den ena",
    "yaml_key_not_text": "en nyckel måste vara text",
    "yaml_bad_value": "värdet går inte att tolka: {problem}",
    "yaml_bad_date": "”{value}” är inget giltigt datum",
    "yaml_too_many_nodes": "filen är för stor eller har för många alias (högst {limit} värden)",
    # Validation
    "missing": "fältet `{field}` saknas",
    "extra_forbidden": "fältet `{field}` är okänt här",
    "string_type": "`{field}`: väntade text men fick {found}",
    "int_type": "`{field}`: väntade ett heltal men fick {found}",
    "bool_type": "`{field}`: väntade true eller false men fick {found}",
    "date_type": "`{field}`: väntade ett datum (ÅÅÅÅ-MM-DD) men fick {found}",
    "list_type": "`{field}`: väntade en lista men fick {found}",
    "model_type": "`{field}`: väntade nycklar och värden men fick {found}",
    "dict_type": "`{field}`: väntade nycklar och värden men fick {found}",
    "literal_error": "`{field}`: väntade {expected} men fick {found}",
    "enum": "`{field}`: väntade {expected} men fick {found}",
    "string_pattern_mismatch": "`{field}`: ”{value}” är inget giltigt id (små bokstäver a–z, siffror och bindestreck)",
    "string_too_short": "`{field}`: texten får inte vara tom",
    "too_short": "`{field}`: listan får inte vara tom",
    "greater_than_equal": "`{field}`: talet måste vara minst {ge}",
    "greater_than": "`{field}`: talet måste vara större än {gt}",
    "value_error": "`{field}`: {reason}",
    "other": "`{field}`: ogiltigt värde ({detail})",
    # Files and references
    "unknown_file": "okänd innehållsfil; tillåtna namn här är {allowed}",
    "missing_file": "filen `{name}` saknas",
    "duplicate_id": "id ”{id}” används redan ({first})",
    "unknown_ref": "`{field}`: det finns ingen {kind} med id ”{id}”{hint}",
    "ref_hint": "; finns: {known}",
    "no_content": "mappen innehåller inga innehållsfiler",
    # Validation rules of the model
    "text_or_composition": "en förslagspunkt behöver `text`, `sammansattning` eller båda",
    "year_mismatch": "året {ar} stämmer inte med datumet {datum}",
    "done_needs_date": "en genomförd händelse behöver `ar` eller `datum`",
    "decision_fields": "ett fattat beslut (status: beslutad) har både `datum` och `utfall`; ett beslut som väntar har inget av dem",
    "hand_written": "filen är skriven för hand och skulle skrivas över av en genererad sida; byt namn på den ena",
    "id_not_dir": "id ”{id}” måste vara samma som mappens namn ”{dir}”",
    # Command line
    "ok_check": "Innehållet är giltigt: {files} filer, {investigations} utredning(ar).",
    "ok_render": "Renderade {pages} sidor till {docs}/ ({written} ändrade).",
    "errors_found": "{count} fel i innehållet. Ingenting har skrivits.",
    "build_failed": "Bygget av webbplatsen misslyckades; site/ är oförändrad.",
    "build_ok": "Webbplatsen är byggd i {site}/.",
    "serve_start": "Förhandsvisning på http://{addr}/ – avsluta med Ctrl+C.",
    "serve_rerender": "Innehållet ändrades; renderar om …",
    "serve_keep": "Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade.",
}

# Names of YAML types as an editor would say them.
TYPE_NAMES: dict[str, str] = {
    "str": "text",
    "int": "ett heltal",
    "float": "ett decimaltal",
    "bool": "true/false",
    "NoneType": "ett tomt värde",
    "date": "ett datum",
    "datetime": "en tidpunkt",
    "list": "en lista",
    "dict": "nycklar och värden",
}

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
    "beslutad": "Beslutat",
    "cirka": "cirka",
    "drygt": "drygt",
    "exakt": "",
    "okand": "Anges inte i utredningen",
}

# Aspects of an organisation, in the order the Idag/Förslag table shows them.
ASPECTS: dict[str, str] = {
    "organisationsform": "Organisationsform",
    "politisk_styrning": "Politisk styrning",
    "vardkommun": "Värdkommun",
    "arbetsgivare": "Arbetsgivare",
    "ledning": "Ledning",
    "sammantraden": "Sammanträden",
    "delegation": "Delegation",
    "naringsliv": "Näringslivsfrågor",
}


def msg(name: str, /, **values: object) -> str:
    """One message from the catalogue, filled in."""
    return MESSAGES[name].format(**values)
