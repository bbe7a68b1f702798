"""`make ny-utredning`: a new investigation's folder with every required file.

The files are valid against the model, so the site builds at once, and the
investigation is a draft (`publicera: false`): its placeholder text is never
published. The editor replaces each "SKRIV:" and then removes the draft line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..content.layout import INVESTIGATIONS_DIR
from .schema import modeline

# "SKRIV:" is content/layout.py's PLACEHOLDER: make check refuses to publish it.
_FILES = {
    "utredning.yml": """\
id: {id}
titel: {titel}
# Utkast: inget av utredningen visas förrän raden nedan tas bort.
publicera: false
projektnamn: "SKRIV: projektets namn som det skrivs i original"
status: pagaende
region: {region}
kommuner: [{kommuner}]
organisationer: [{organisation}]
utredare:
  namn: "SKRIV: namn"
  roll: "SKRIV: roll, t.ex. Utredare"
  bakgrund: "SKRIV: bakgrund, med liten bokstav"
uppdrag: "SKRIV: vad som utreds."
bakgrund:
  - "SKRIV: varför det utreds, en mening per punkt."
slutsats: "SKRIV: utredarens viktigaste slutsats."
informationsagare: "SKRIV: vem som äger informationen"
uppdaterad: {idag}
kalla:
  titel: "SKRIV: källans rubrik"
  agare: "SKRIV: vem som står bakom källan"
  datum: {idag}
""",
    "styrgrupp.yml": """\
styrgrupp:
  beskrivning: "SKRIV: vilka som ingick."
underlag:
  beskrivning: "SKRIV: vilka som tog fram underlag."
arbetssatt:
  - rubrik: "SKRIV: rubrik"
    text: "SKRIV: hur arbetet gick till."
""",
    "gemensam-bild.yml": """\
inledning: "SKRIV: vad som diskuterades."
teman:
  - namn: "SKRIV: tema"
uttalanden:
  handelse: start
  inledning: "SKRIV: meningen som leder in citaten."
  citat:
    - "SKRIV: citat"
fortsatta_behov:
  - "SKRIV: vad som behövs."
""",
    "process.yml": """\
tidslinje:
  - id: start
    titel: "SKRIV: vad som ska hända"
    status: nasta
remiss:
  handelse: start
  mottagare: "SKRIV: vilka remissen går till"
  svar: []
beslut:
  organ: Kommunfullmäktige
  fraga: "SKRIV: vad beslutet gäller."
  kommuner:
{beslut}""",
}


def scaffold(content: Path, id_: str, titel: str, today: dt.date | None = None) -> Path:
    """Write content/utredningar/<id_>/ with every required file; fails if it exists."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id_):
        raise ValueError(f"id ska bestå av små bokstäver a–z, siffror och bindestreck, t.ex. ny-utredning: {id_!r}")
    folder = content / INVESTIGATIONS_DIR / id_
    folder.mkdir(parents=True)  # never over an existing investigation
    kommuner_fil = yaml.safe_load((content / "kommuner.yml").read_text("utf-8"))
    organisationer = yaml.safe_load((content / "organisationer.yml").read_text("utf-8"))["organisationer"]
    kommuner = [k["id"] for k in kommuner_fil["kommuner"]]
    values = {
        "id": id_,
        # A title is text: quoted for YAML, so "ja" or a colon stays text.
        "titel": yaml.safe_dump(titel, allow_unicode=True, width=1000).removesuffix("\n...\n").strip(),
        "region": kommuner_fil["region"]["id"],
        "kommuner": ", ".join(kommuner),
        "organisation": organisationer[0]["id"],
        "idag": (today or dt.date.today()).isoformat(),
        "beslut": "".join(f"    - kommun: {k}\n      status: vantar\n" for k in kommuner),
    }
    for name, text in templates().items():
        (folder / name).write_text(text.format(**values), "utf-8")
    return folder


def templates() -> dict[str, str]:
    """Each new file's text, its values left as {id}, {titel}, {region},
    {kommuner}, {organisation}, {idag} and {beslut}: make ny-utredning fills
    them above, the browser editor in redaktor/redaktor.js (from regler.json)."""
    # Every investigation's folder is as deep: one modeline serves them all.
    folder = Path("content") / INVESTIGATIONS_DIR / "ny"
    return {name: modeline(folder / name, Path("schemas")) + "\n" + text for name, text in _FILES.items()}
