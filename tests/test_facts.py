"""Every statement of the seed article can be read on the built site.

The checklist is drawn from ../shared/seeds/000_bb83914407cef0e0.txt by hand,
independently of content/, so a fact lost from the YAML or from a template
fails here. Matching is on visible text, not on the HTML source.
"""

import pytest

from conftest import html_pages, visible_text

# (page, phrase): page is a path under site/, or None for "somewhere on the site".
FACTS = [
    # The investigation
    ("index.html", "Utredningen är avslutad"),
    ("index.html", "Nästa steg är en remiss till samtliga partier"),
    ("samverkan-i-bergslagen/index.html", "Projekt samverkan i Bergslagen"),
    ("samverkan-i-bergslagen/index.html", "Marianne Skinnars-Bruno"),
    ("samverkan-i-bergslagen/index.html", "tidigare sjukhusdirektör på Lindesbergs lasarett"),
    ("index.html", "genomlyst och analyserat vad som fungerat bra och vad som behöver förbättras i samverkan"),
    ("index.html", "Den förändrade befolkningsstrukturen innebär på sikt en förändrad kommunal ekonomi"),
    ("index.html", "Mycket har hänt i området under de senaste tio åren"),
    ("samverkan-i-bergslagen/process/index.html", "20 mars 2015"),
    ("samverkan-i-bergslagen/process/index.html", "Styrgruppens sista sammanträde"),
    ("samverkan-i-bergslagen/process/index.html", "Så småningom ska kommunfullmäktige i de fyra kommunerna besluta om framtidens samverkan"),
    (None, "Informationsägare: Kommunerna i norra länsdelen/Nora kommunförvaltning"),
    (None, "Sidan uppdaterad: 7 april 2015"),
    # The municipalities
    ("index.html", "KNÖL-kommunerna"),
    ("index.html", "kommunerna i norra Örebro län"),
    ("index.html", "Hällefors, Ljusnarsberg, Lindesberg och Nora"),
    ("index.html", "drygt tio år"),
    # BKT
    ("samverkan-i-bergslagen/bkt/index.html", "Bergslagens Kommunalteknik (BKT)"),
    ("samverkan-i-bergslagen/bkt/index.html", "Kommunalförbund"),
    ("samverkan-i-bergslagen/bkt/index.html", "Direktion"),
    ("samverkan-i-bergslagen/bkt/index.html", "cirka 170"),
    ("samverkan-i-bergslagen/bkt/index.html", "Pershyttan, Nora"),
    ("samverkan-i-bergslagen/bkt/index.html", "En gemensam nämnd ersätter den nuvarande direktionen, att jämföra med Bergslagens miljö- och byggnämnd"),
    ("samverkan-i-bergslagen/bkt/index.html", "En kommun blir värdkommun"),
    ("samverkan-i-bergslagen/bkt/index.html", "nio ordinarie ledamöter och nio ersättare"),
    ("samverkan-i-bergslagen/bkt/index.html", "Kommunalförbundet upphör"),
    ("samverkan-i-bergslagen/bkt/index.html", "BKT blir en förvaltning/verksamhet i en värdkommun"),
    ("samverkan-i-bergslagen/bkt/index.html", "Värdkommunen är arbetsgivare"),
    ("samverkan-i-bergslagen/bkt/index.html", "förvaltnings-/verksamhetschef"),
    ("samverkan-i-bergslagen/bkt/index.html", "stark och självständig ställning"),
    ("samverkan-i-bergslagen/bkt/index.html", "andra spelregler"),
    ("samverkan-i-bergslagen/bkt/index.html", "mer strikta uppdrag med en tydlig finansiering"),
    ("samverkan-i-bergslagen/bkt/index.html", "Kommunernas representanter får många gånger ta diskussionen med invånarna"),
    ("samverkan-i-bergslagen/bkt/index.html", "Ansträngda kommunala ekonomier"),
    ("samverkan-i-bergslagen/bkt/index.html", "en femte organisation i norra länsdelen med egen administration och exempelvis eget bokslut"),
    ("samverkan-i-bergslagen/bkt/index.html", "En viss besparing sker genom att byta organisationsform"),
    ("samverkan-i-bergslagen/bkt/index.html", "enhetliga spelregler och likartad syn på kvalitet och resurser"),
    ("samverkan-i-bergslagen/bkt/index.html", "Flera gånger tidigare har utredningar initierats"),
    ("samverkan-i-bergslagen/bkt/index.html", "troligtvis var det bästa valet av organisering vid bildande av förbundet"),
    # BMB
    ("samverkan-i-bergslagen/bmb/index.html", "Bergslagens miljö- och byggförvaltning (BMB)"),
    ("samverkan-i-bergslagen/bmb/index.html", "Bergslagens miljö- och byggnämnd"),
    ("samverkan-i-bergslagen/bmb/index.html", "cirka 40"),
    ("samverkan-i-bergslagen/bmb/index.html", "Gamla kirurgen, Lindesberg"),
    ("samverkan-i-bergslagen/bmb/index.html", "Lindesbergs kommun"),
    ("samverkan-i-bergslagen/bmb/index.html", "Lindesberg är även fortsättningsvis värdkommun"),
    ("samverkan-i-bergslagen/bmb/index.html", "Antalet ledamöter i nämnden minskas"),
    ("samverkan-i-bergslagen/bmb/index.html", "långsiktiga och strategiska frågor"),
    ("samverkan-i-bergslagen/bmb/index.html", "minskat antal sammanträden"),
    ("samverkan-i-bergslagen/bmb/index.html", "Ökad delegation till nämndens arbetsutskott"),
    ("samverkan-i-bergslagen/bmb/index.html", "fem ordinarie ledamöter och fem ersättare"),
    ("samverkan-i-bergslagen/bmb/index.html", "Lindesbergs kommun är även fortsättningsvis värdkommun och arbetsgivare"),
    ("samverkan-i-bergslagen/bmb/index.html", "eget verksamhetsområde inom tillväxtförvaltningen"),
    ("samverkan-i-bergslagen/bmb/index.html", "värdkommunens näringslivsfrågor"),
    ("samverkan-i-bergslagen/bmb/index.html", "Alternativt flyttas värdkommunens näringslivsfrågor till BMB"),
    ("samverkan-i-bergslagen/bmb/index.html", "samlat ansvar för verksamheten"),
    ("samverkan-i-bergslagen/bmb/index.html", "Kundnyttan måste öka"),
    ("samverkan-i-bergslagen/bmb/index.html", "näringslivskontor, markkontor, miljökontor och bygglovskontor"),
    ("samverkan-i-bergslagen/bmb/index.html", "2010"),
    ("samverkan-i-bergslagen/bmb/index.html", "Bergslagens miljö- och byggnämnd och dess förvaltning – en utvärdering och förslag till förändringar"),
    ("samverkan-i-bergslagen/bmb/index.html", "BMB:s rådgivande och stödjande roll"),
    ("samverkan-i-bergslagen/bmb/index.html", "i stort desamma som diskuteras i detta projekt"),
    ("samverkan-i-bergslagen/bmb/index.html", "Utvecklingstakten måste öka"),
    ("samverkan-i-bergslagen/bmb/index.html", "företagslots"),
    ("samverkan-i-bergslagen/bmb/index.html", "systematiskt med stor uthållighet och med fokuserat ledarskap"),
    # Conclusion
    ("samverkan-i-bergslagen/index.html", "Det är i ledningen för och styrningen av de två organisationerna som de största förändringarna kommer att märkas"),
    # People
    ("samverkan-i-bergslagen/styrgrupp/index.html", "Kommunstyrelseordförande"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "Representanter för den politiska oppositionen"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "ordförande i BKT och BMB"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "Kommunchefer samt cheferna för BKT och BMB"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "underlag till projektledaren"),
    # How the work was done
    ("samverkan-i-bergslagen/styrgrupp/index.html", "Förankring av själva syftet och målet för utredningen har prioriterats"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "från de egna medarbetarna och de folkvalda"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "publicerats på respektive organisations intranät"),
    ("samverkan-i-bergslagen/styrgrupp/index.html", "inga givna svar eller förslag funnits från början utan har arbetats fram i dialog"),
    # The common picture
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "kompetensförsörjning"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "förbättra service och tillgänglighet"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "kostnadseffektivitet"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "Kundnyttan måste vara i centrum"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "få ut det mesta av varje skattekrona"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "exempelvis i ett gemensamt servicecenter"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "Vi måste förändra det vi vill ska bli bättre"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "Samverkan är framtiden!"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "se över kommunikationen verksamheterna emellan"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "styrning och uppföljning"),
    ("samverkan-i-bergslagen/gemensam-bild/index.html", "En gemensam utvecklingsstrategi behövs för KNÖL-kommunerna"),
]


@pytest.mark.parametrize(("page", "phrase"), FACTS, ids=[f"{p or '*'}:{f[:40]}" for p, f in FACTS])
def test_fact_is_visible(built_site, page, phrase):
    # The accessibility statement is about the site, with its own owner and date.
    pages = [built_site / page] if page else [p for p in html_pages(built_site) if "tillganglighet" not in p.parts]
    texts = {p.relative_to(built_site).as_posix(): visible_text(p) for p in pages}
    if page:
        assert phrase in texts[page]
    else:
        missing = [p for p, text in texts.items() if phrase not in text]
        assert not missing, f"not on: {missing}"
