"""District-wide information sheets (German originals), as Markdown: arriving, residence,
housing, health, school and language here; work, money, counselling and everyday life in
`sheets_everyday`."""

from scripts.demo_data.sheets_everyday import EVERYDAY

# (slug, topic key, title, body); the slug makes the id stable across rebuilds.
ARRIVING: list[tuple[str, str, str, str]] = [
    (
        "erste-schritte",
        "ankommen",
        "Erste Schritte nach der Ankunft im Landkreis Harz",
        """# Erste Schritte nach der Ankunft

Die ersten Wochen sind voller Termine. Diese Reihenfolge hat sich bewährt:

1. **Wohnsitz anmelden** im Bürgerbüro der Kommune (innerhalb von 14 Tagen nach Einzug).
   Mitbringen: Pass oder Ankunftsnachweis, Wohnungsgeberbestätigung.
2. **Ausländerbehörde**: Aufenthaltspapiere klären und Termine für die Verlängerung notieren.
3. **Krankenversicherung**: Gesundheitskarte oder Behandlungsschein klären.
4. **Konto eröffnen**: Jede Person hat Anspruch auf ein Basiskonto.
5. **Leistungen beantragen**: Sozialamt (AsylbLG) oder Jobcenter (Bürgergeld).
6. **Kinder** in Kita oder Schule anmelden, **Integrationskurs** beantragen.

## Tipps für Lotsinnen und Lotsen

- Kopien aller Bescheide in einer Mappe sammeln, nach Datum sortiert.
- Fristen (Widerspruch: ein Monat) gemeinsam in einen Kalender eintragen.
- Bei Sprachproblemen: Sprachmittlung über die Koordinierungsstelle anfragen.

> Schreiben Sie keine Namen, Adressen oder Gesundheitsdaten der begleiteten Personen in die App.
""",
    ),
    (
        "auslaenderbehoerde",
        "aufenthalt",
        "Aufenthaltstitel verlängern – Ausländerbehörde des Landkreises",
        """# Aufenthaltstitel verlängern

Die **Ausländerbehörde des Landkreises Harz** ist für alle Kommunen zuständig.

## Wann?

Den Antrag **spätestens sechs Wochen vor Ablauf** stellen. Wer rechtzeitig beantragt,
erhält eine Fiktionsbescheinigung und bleibt erlaubt im Land.

## Was mitbringen?

| Unterlage | Hinweis |
| --- | --- |
| Pass oder Passersatz | gültig, mit Kopie |
| biometrisches Foto | nicht älter als sechs Monate |
| Mietvertrag | oder Bescheinigung der Übergangswohnung |
| Nachweis Lebensunterhalt | Arbeitsvertrag, Bescheid Jobcenter |

Termine werden online oder telefonisch vergeben. Ohne Termin ist nur in dringenden Fällen
eine Vorsprache möglich.
""",
    ),
    (
        "einbuergerung",
        "aufenthalt",
        "Einbürgerung – Voraussetzungen im Überblick",
        """# Einbürgerung

Eine Einbürgerung ist in der Regel nach **fünf Jahren** rechtmäßigem Aufenthalt möglich.

- Sprachkenntnisse auf Niveau **B1** (Zertifikat)
- bestandener **Einbürgerungstest** (Volkshochschule)
- Lebensunterhalt ohne Bürgergeld (Ausnahmen möglich)
- Bekenntnis zur freiheitlichen demokratischen Grundordnung

Die Einbürgerungsbehörde berät vorab. Die Gebühr beträgt 255 Euro pro Erwachsenem,
für Kinder weniger.
""",
    ),
    (
        "uebergangswohnung",
        "wohnen",
        "Leben in der Übergangswohnung",
        """# Leben in der Übergangswohnung

Übergangswohnungen stellt die Kommune für die erste Zeit zur Verfügung. Die hauptamtlichen
Sozialarbeiterinnen und Sozialarbeiter betreuen die Bewohnerinnen und Bewohner dort.

## Hausordnung

- Ruhezeiten: 22 bis 6 Uhr und sonntags
- Mülltrennung nach den Regeln der Kommune
- Schäden sofort der Hausverwaltung melden

## Auszug

Wer eine eigene Wohnung gefunden hat, meldet den Auszug rechtzeitig. Das Jobcenter muss
eine neue Wohnung **vor** Unterschrift des Mietvertrags genehmigen (Angemessenheit).
""",
    ),
    (
        "wohnung-finden",
        "wohnen",
        "Eine eigene Wohnung finden",
        """# Eine eigene Wohnung finden

- Wohnungsgesellschaften der Städte haben oft freie Wohnungen, auch mit Wohnberechtigungsschein.
- Vor der Zusage: **Mietangebot beim Jobcenter oder Sozialamt prüfen lassen**.
- Kaution: kann als Darlehen beantragt werden.
- Strom beim Versorger anmelden, Zählerstand fotografieren.

Wohngeld gibt es bei der Wohngeldstelle des Landkreises für Menschen mit eigenem Einkommen.
""",
    ),
    (
        "krankenversicherung",
        "gesundheit",
        "Krankenversicherung und Arztbesuch",
        """# Krankenversicherung und Arztbesuch

## Wer ist wie versichert?

- **Asylbewerberleistungen** (erste 36 Monate): Behandlungsschein vom Sozialamt, bei akuten
  Erkrankungen und Schmerzen.
- **Bürgergeld oder Arbeit**: gesetzliche Krankenkasse mit Gesundheitskarte.

## Zum Arzt

1. Termin telefonisch vereinbaren, Gesundheitskarte mitbringen.
2. Bei Fachärzten: Überweisung der Hausarztpraxis.
3. Rezepte in der Apotheke einlösen; Zuzahlung meist 5 bis 10 Euro.

Außerhalb der Sprechzeiten: ärztlicher Bereitschaftsdienst **116117**.
""",
    ),
    (
        "psychosoziale-hilfe",
        "gesundheit",
        "Psychosoziale Unterstützung nach Flucht",
        """# Psychosoziale Unterstützung

Viele Menschen haben auf der Flucht Schweres erlebt. Anzeichen können Schlafprobleme,
Angst oder Rückzug sein.

- Das **Psychosoziale Zentrum** berät kostenlos und mit Sprachmittlung.
- Die Hausarztpraxis kann an Psychotherapie überweisen.
- In einer akuten Krise: Notruf **112** oder die psychiatrische Notaufnahme der Klinik.

Lotsinnen und Lotsen sind keine Therapeuten: zuhören, ernst nehmen, an Fachleute vermitteln.
""",
    ),
    (
        "kita",
        "kita-schule",
        "Einen Kita-Platz beantragen",
        """# Einen Kita-Platz beantragen

Jedes Kind ab dem ersten Geburtstag hat einen **Rechtsanspruch** auf einen Platz.

1. Kita in der Nähe aussuchen und einen Besichtigungstermin vereinbaren.
2. Antrag bei der Wohnsitzgemeinde stellen.
3. Für Familien mit geringem Einkommen übernimmt das Jugendamt die Elternbeiträge ganz
   oder teilweise.

Eingewöhnung: in den ersten zwei Wochen ist ein Elternteil in der Kita dabei.
""",
    ),
    (
        "schule",
        "kita-schule",
        "Schulpflicht und Schulanmeldung",
        """# Schulpflicht und Schulanmeldung

In Sachsen-Anhalt gilt die Schulpflicht für alle Kinder, auch in den ersten Monaten.

- Anmeldung bei der zuständigen Grundschule oder über das Schulamt.
- Kinder ohne Deutschkenntnisse lernen zunächst in **Sprachfördergruppen**.
- Bildung und Teilhabe: Zuschüsse für Schulbedarf, Klassenfahrten und Mittagessen.
""",
    ),
    (
        "integrationskurs",
        "sprache",
        "Integrationskurs: Anmeldung und Kosten",
        """# Integrationskurs

Ein Integrationskurs besteht aus **Sprachkurs** (600 Stunden) und **Orientierungskurs**
(100 Stunden) und endet mit dem Deutsch-Test für Zuwanderer.

## Anmeldung

1. Berechtigung oder Verpflichtung über Ausländerbehörde, Jobcenter oder das BAMF.
2. Kursträger in der Nähe wählen, Einstufungstest machen.
3. Fahrtkosten können erstattet werden.

Für Eltern gibt es Kurse mit Kinderbetreuung, für Frauen eigene Frauenkurse.
""",
    ),
    (
        "berufssprachkurs",
        "sprache",
        "Berufssprachkurse",
        """# Berufssprachkurse

Nach dem Integrationskurs führen Berufssprachkurse zu B2 oder C1, auch mit Fachsprache
für Pflege, Handwerk oder Einzelhandel. Anmeldung über Jobcenter oder Agentur für Arbeit.
""",
    ),
]

SHEETS = [*ARRIVING, *EVERYDAY]
"""(slug, topic key, title, body) of every district-wide sheet, in the order of the topics."""
