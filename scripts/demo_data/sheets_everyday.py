"""District-wide information sheets on work, money, counselling, family, mobility, everyday
life, volunteering and emergencies (German originals, Markdown)."""

EVERYDAY: list[tuple[str, str, str, str]] = [
    (
        "arbeit-finden",
        "arbeit",
        "Arbeit finden: Jobcenter und Agentur für Arbeit",
        """# Arbeit finden

- Menschen mit **Bürgergeld** werden vom **Jobcenter Landkreis Harz** betreut.
- Alle anderen wenden sich an die **Agentur für Arbeit**.
- Arbeitserlaubnis prüfen: sie steht auf dem Aufenthaltstitel oder der Gestattung.

Bewerbungsunterlagen: tabellarischer Lebenslauf ohne Foto ist erlaubt. Viele Betriebe im
Harz suchen Auszubildende in Pflege, Gastronomie und Handwerk.
""",
    ),
    (
        "anerkennung",
        "arbeit",
        "Anerkennung ausländischer Abschlüsse",
        """# Anerkennung ausländischer Abschlüsse

Für reglementierte Berufe (z. B. Pflege, Medizin, Lehramt) ist die Anerkennung Pflicht.
Die **Anerkennungsberatung** prüft kostenlos, welche Stelle zuständig ist, und hilft bei
Übersetzungen. Zeugnisse im Original und beglaubigte Übersetzungen aufbewahren.
""",
    ),
    (
        "asylblg",
        "geld",
        "Leistungen nach dem Asylbewerberleistungsgesetz",
        """# Leistungen nach dem Asylbewerberleistungsgesetz

Während des Asylverfahrens zahlt das **Sozialamt des Landkreises** Leistungen für Essen,
Kleidung, Wohnen und Gesundheit.

- Auszahlung monatlich auf ein Konto oder per Bezahlkarte.
- Änderungen (Umzug, Arbeit, Geburt) sofort melden.
- Gegen einen Bescheid kann innerhalb eines Monats **Widerspruch** eingelegt werden.
""",
    ),
    (
        "buergergeld",
        "geld",
        "Bürgergeld – was Lotsen wissen sollten",
        """# Bürgergeld

Nach Anerkennung oder mit bestimmten Aufenthaltstiteln ist das **Jobcenter** zuständig.

| Was | Wo |
| --- | --- |
| Erstantrag | Jobcenter, Standort nach Wohnort |
| Weiterbewilligung | alle 12 Monate, rechtzeitig stellen |
| Umzug | vorher Zustimmung einholen |

Post vom Jobcenter immer sofort öffnen: Termine zu versäumen kann die Leistung mindern.
""",
    ),
    (
        "kindergeld",
        "geld",
        "Kindergeld und Kinderzuschlag",
        """# Kindergeld und Kinderzuschlag

Kindergeld beantragt man bei der **Familienkasse**. Dafür braucht jedes Kind eine
Steuer-Identifikationsnummer. Familien mit kleinem Einkommen können zusätzlich den
Kinderzuschlag bekommen.
""",
    ),
    (
        "migrationsberatung",
        "beratung",
        "Migrationsberatung für Erwachsene und Jugendmigrationsdienst",
        """# Migrationsberatung

- Die **Migrationsberatung für Erwachsene (MBE)** berät Menschen ab 27 Jahren zu allen
  Fragen des Ankommens, kostenlos und vertraulich.
- Der **Jugendmigrationsdienst (JMD)** berät junge Menschen von 12 bis 26 Jahren.

Beide haben Sprechstunden in mehreren Städten des Landkreises; ein Termin ist empfohlen.
""",
    ),
    (
        "schwangerschaft",
        "familie",
        "Schwangerschaft und Geburt",
        """# Schwangerschaft und Geburt

- Vorsorge bei einer Frauenärztin, der Mutterpass dokumentiert alle Untersuchungen.
- Hebammen begleiten vor und nach der Geburt; die Kosten trägt die Krankenkasse.
- Schwangerschaftsberatungsstellen helfen bei Anträgen auf Mittel der Bundesstiftung.
- Nach der Geburt: Geburtsurkunde beim Standesamt, dann Kindergeld und Elterngeld.
""",
    ),
    (
        "bus-und-bahn",
        "mobilitaet",
        "Bus und Bahn im Landkreis Harz",
        """# Bus und Bahn

Die **Harzer Verkehrsbetriebe** fahren im ganzen Landkreis, Züge verbinden Halberstadt,
Wernigerode, Quedlinburg und Thale.

- Das **Deutschlandticket** gilt in Bus und Regionalzug; mit Sozialleistungen gibt es
  oft eine Ermäßigung.
- Abends und am Wochenende fahren auf dem Land wenige Busse: Rufbus vorher bestellen.
""",
    ),
    (
        "fuehrerschein",
        "mobilitaet",
        "Führerschein umschreiben",
        """# Führerschein umschreiben

Ein ausländischer Führerschein gilt sechs Monate nach der Anmeldung. Danach muss er bei
der **Fahrerlaubnisbehörde des Landkreises** umgeschrieben werden; je nach Land mit
theoretischer und praktischer Prüfung.
""",
    ),
    (
        "tafeln",
        "alltag",
        "Tafeln, Kleiderkammern und Sozialkaufhäuser",
        """# Günstig einkaufen

- **Tafeln** geben gegen einen kleinen Beitrag Lebensmittel aus. Nachweis: Bescheid über
  Leistungen.
- **Kleiderkammern** geben gespendete Kleidung ab, oft kostenlos.
- **Sozialkaufhäuser** verkaufen Möbel und Hausrat günstig, manche liefern auch.
""",
    ),
    (
        "muelltrennung",
        "alltag",
        "Müll trennen",
        """# Müll trennen

| Tonne | Was gehört hinein? |
| --- | --- |
| Gelbe Tonne | Verpackungen aus Plastik und Metall |
| Blaue Tonne | Papier und Pappe |
| Biotonne | Essensreste, Gartenabfälle |
| Schwarze Tonne | Restmüll |

Glas kommt in die Container, getrennt nach Farben. Die Abfuhrtermine stehen im
Abfallkalender des Landkreises.
""",
    ),
    (
        "lotse-werden",
        "freizeit",
        "Integrationslotse werden",
        """# Integrationslotse werden

Im Landkreis Harz arbeiten 18 ehrenamtliche Integrationslotsinnen und -lotsen mit den
hauptamtlichen Sozialarbeiterinnen und Sozialarbeitern zusammen. Sie begleiten zu
Terminen, helfen bei Formularen und öffnen Türen in Vereine und Nachbarschaft.

Interesse? Die **Koordinierungsstelle für Migration und Ehrenamt** berät und lädt zu
Schulungen ein: integration&inklusion@kreis-hz.de.
""",
    ),
    (
        "vereine",
        "freizeit",
        "Sport, Vereine und Freizeit",
        """# Sport, Vereine und Freizeit

Vereine sind der beste Ort, um Nachbarn kennenzulernen. Viele Sportvereine erlassen
Beiträge für Kinder über **Bildung und Teilhabe**. Bibliotheken bieten kostenlose
Ausweise für Kinder und Bücher in vielen Sprachen.
""",
    ),
    (
        "notruf",
        "notfall",
        "Notrufnummern und was im Notfall zu tun ist",
        """# Notfall

| Nummer | Wofür |
| --- | --- |
| **112** | Feuerwehr und Rettungsdienst |
| **110** | Polizei |
| **116117** | ärztlicher Bereitschaftsdienst, wenn die Praxis zu ist |
| **116016** | Hilfetelefon Gewalt gegen Frauen, in vielen Sprachen |

## Was sagen?

1. **Wo** ist es passiert? (Adresse, Ort)
2. **Was** ist passiert?
3. **Wie viele** Verletzte?
4. **Warten** auf Rückfragen.
""",
    ),
]
