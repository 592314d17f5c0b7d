"""District-wide information sheets (German originals), as Markdown."""

# (slug, topic key, title, body); the slug makes the id stable across rebuilds.
SHEETS: list[tuple[str, str, str, str]] = [
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

# Translations: (slug of the German original, language, title, body)
TRANSLATIONS: list[tuple[str, str, str, str]] = [
    (
        "notruf",
        "en",
        "Emergency numbers and what to do",
        """# Emergency

| Number | For |
| --- | --- |
| **112** | fire brigade and ambulance |
| **110** | police |
| **116117** | on-call doctor when practices are closed |
| **116016** | helpline violence against women, in many languages |

## What to say

1. **Where** did it happen?
2. **What** happened?
3. **How many** people are injured?
4. **Wait** for questions.
""",
    ),
    (
        "notruf",
        "ar",
        "أرقام الطوارئ وما يجب فعله",
        """# الطوارئ

| الرقم | لماذا |
| --- | --- |
| **112** | الإطفاء والإسعاف |
| **110** | الشرطة |
| **116117** | الطبيب المناوب عندما تكون العيادات مغلقة |
| **116016** | خط المساعدة للنساء ضحايا العنف، بعدة لغات |

## ماذا تقول؟

1. **أين** حدث ذلك؟
2. **ماذا** حدث؟
3. **كم** عدد المصابين؟
4. **انتظر** الأسئلة.
""",
    ),
    (
        "notruf",
        "uk",
        "Номери екстрених служб і що робити",
        """# Екстрена допомога

| Номер | Для чого |
| --- | --- |
| **112** | пожежна служба та швидка допомога |
| **110** | поліція |
| **116117** | черговий лікар, коли практики зачинені |
| **116016** | гаряча лінія для жінок, які зазнали насильства |

## Що сказати?

1. **Де** це сталося?
2. **Що** сталося?
3. **Скільки** постраждалих?
4. **Чекайте** на запитання.
""",
    ),
    (
        "erste-schritte",
        "en",
        "First steps after arriving in the district of Harz",
        """# First steps

1. **Register your address** at the citizens' office within 14 days of moving in.
2. **Immigration office**: clarify residence papers and note renewal dates.
3. **Health insurance**: health card or treatment voucher.
4. **Open a bank account**: everyone is entitled to a basic account.
5. **Apply for benefits**: social welfare office or job centre.
6. Register **children** for day care or school, apply for an **integration course**.
""",
    ),
    (
        "erste-schritte",
        "ar",
        "الخطوات الأولى بعد الوصول إلى منطقة هارتس",
        """# الخطوات الأولى

1. **تسجيل السكن** في مكتب المواطنين خلال 14 يومًا من الانتقال.
2. **دائرة الأجانب**: توضيح أوراق الإقامة وتسجيل مواعيد التجديد.
3. **التأمين الصحي**: بطاقة التأمين أو قسيمة العلاج.
4. **فتح حساب مصرفي**: لكل شخص الحق في حساب أساسي.
5. **طلب المساعدات**: مكتب الشؤون الاجتماعية أو مركز العمل.
6. تسجيل **الأطفال** في الروضة أو المدرسة، وطلب **دورة الاندماج**.
""",
    ),
    (
        "erste-schritte",
        "uk",
        "Перші кроки після прибуття до округу Гарц",
        """# Перші кроки

1. **Зареєструвати місце проживання** в бюро громадян протягом 14 днів.
2. **Відомство у справах іноземців**: з'ясувати документи на проживання.
3. **Медичне страхування**: картка або направлення на лікування.
4. **Відкрити банківський рахунок**: кожен має право на базовий рахунок.
5. **Подати заяву на допомогу**: соціальне відомство або джобцентр.
6. Записати **дітей** до дитсадка чи школи, подати заяву на **інтеграційний курс**.
""",
    ),
    (
        "krankenversicherung",
        "en",
        "Health insurance and seeing a doctor",
        """# Health insurance and seeing a doctor

- **Asylum seekers' benefits** (first 36 months): treatment voucher from the social
  welfare office for acute illness and pain.
- **Citizen's income or employment**: statutory health insurance with a health card.

Outside office hours call the on-call doctor service **116117**.
""",
    ),
    (
        "krankenversicherung",
        "uk",
        "Медичне страхування і візит до лікаря",
        """# Медичне страхування

- **Допомога шукачам притулку**: направлення на лікування від соціального відомства.
- **Громадянська допомога або робота**: державна лікарняна каса з медичною карткою.

Поза годинами прийому: черговий лікар **116117**.
""",
    ),
]
