"""The labelled query set for search quality: what guides type, and which records they
expect (title prefixes: a hit is any result whose title starts with one of them).

Every query is searched as a guide in Halberstadt would (the Kommune's own records and
the district-wide ones). Kinds: noun, inflected, compound (a part of a compound word),
typo, multiword, question, synonym (everyday or old words), english, arabic, cyrillic
(Ukrainian and Russian).
"""

TAFEL = ["Tafel Halberstadt", "Tafeln, Kleiderkammern"]
KLEIDER = ["Kleiderkammer Halberstadt", "Tafeln, Kleiderkammern"]
JOBCENTER = ["Jobcenter Landkreis Harz – Standort Halberstadt", "Arbeit finden"]
AGENTUR = ["Agentur für Arbeit Halberstadt", "Arbeit finden"]
ABH = ["Ausländerbehörde des Landkreises Harz", "Aufenthaltstitel verlängern"]
ARZT = ["Hausarztpraxis am Markt Halberstadt", "Krankenversicherung und Arztbesuch"]
KITA = ["Kita Sonnenschein Halberstadt", "Einen Kita-Platz beantragen"]
SCHULE = ["Grundschule Halberstadt", "Schulpflicht und Schulanmeldung"]
IK = ["Integrationskurs: Anmeldung und Kosten", "Kreisvolkshochschule Harz"]
DEUTSCH = ["Integrationskurs", "Berufssprachkurse", "Kreisvolkshochschule", "Deutschkurs"]
WOHNUNG = ["Eine eigene Wohnung finden", "Leben in der Übergangswohnung"]
WOHNGELD = ["Wohngeldstelle"]
KINDERGELD = ["Kindergeld und Kinderzuschlag", "Familienkasse Sachsen-Anhalt Süd"]
BUERGERGELD = ["Bürgergeld – was Lotsen wissen sollten", "Jobcenter Landkreis Harz"]
MBE = ["Migrationsberatung für Erwachsene", "Jugendmigrationsdienst Halberstadt"]
SCHWANGER = ["Schwangerschaft und Geburt", "Schwangerschafts- und Familienberatung"]
NOTRUF = ["Notrufnummern und was im Notfall zu tun ist"]
BUS = ["Bus und Bahn im Landkreis Harz", "Kundencenter Harzer Verkehrsbetriebe"]
FUEHRERSCHEIN = ["Führerschein umschreiben", "Fahrerlaubnisbehörde"]
ANERKENNUNG = ["Anerkennung ausländischer Abschlüsse", "Anerkennungsberatung Harz"]
EINBUERGERUNG = ["Einbürgerung – Voraussetzungen im Überblick"]
PSZ = ["Psychosoziales Zentrum für Geflüchtete Harz", "Psychosoziale Unterstützung nach Flucht"]
SCHULDEN = ["Schuldner- und Insolvenzberatung"]
FRAUENHAUS = ["Frauenschutzhaus Harz"]
BIBLIOTHEK = ["Stadtbibliothek Halberstadt"]
BUERGERBUERO = ["Bürgerbüro der Stadt Halberstadt", "Erste Schritte nach der Ankunft"]
MUELL = ["Müll trennen"]
SPORT = ["Sport, Vereine und Freizeit"]
LOTSE = ["Integrationslotse werden", "Koordinierungsstelle für Migration und Ehrenamt"]
ASYL = ["Leistungen nach dem Asylbewerberleistungsgesetz", "Sozialamt"]
GESUNDHEITSAMT = ["Gesundheitsamt Landkreis Harz"]
SPRACHMITTLUNG = ["Koordinierungsstelle für Migration und Ehrenamt", "Psychosoziales Zentrum"]

QUERIES: list[tuple[str, str, list[str]]] = [
    # Tafel
    ("noun", "Tafel", TAFEL),
    ("inflected", "Tafeln", TAFEL),
    ("typo", "Tafle", TAFEL),
    ("question", "Wo gibt es eine Tafel?", TAFEL),
    ("synonym", "Lebensmittel", TAFEL),
    ("english", "food bank", TAFEL),
    ("arabic", "طعام", TAFEL),
    ("cyrillic", "їжа", TAFEL),
    # Kleiderkammer
    ("noun", "Kleiderkammer", KLEIDER),
    ("inflected", "Kleiderkammern", KLEIDER),
    ("typo", "Kleiderkamer", KLEIDER),
    ("compound", "Kammer", KLEIDER),
    ("synonym", "Kleidung", KLEIDER),
    ("english", "clothes", KLEIDER),
    ("arabic", "ملابس", KLEIDER),
    ("cyrillic", "одежда", KLEIDER),
    # Jobcenter
    ("noun", "Jobcenter", JOBCENTER),
    ("typo", "Jobcentr", JOBCENTER),
    ("typo", "Jobzenter", JOBCENTER),
    ("multiword", "Jobcenter Halberstadt", JOBCENTER),
    ("question", "Wo ist das Jobcenter?", JOBCENTER),
    ("cyrillic", "джобцентр", JOBCENTER),
    ("arabic", "جوب سنتر", JOBCENTER),
    # Agentur für Arbeit
    ("multiword", "Agentur für Arbeit", AGENTUR),
    ("synonym", "Arbeitsamt", AGENTUR),
    ("synonym", "Arbeitsagentur", AGENTUR),
    ("noun", "Arbeit", AGENTUR),
    ("english", "job agency", AGENTUR),
    ("arabic", "مكتب العمل", AGENTUR),
    ("cyrillic", "биржа труда", AGENTUR),
    ("question", "Wo finde ich Arbeit?", AGENTUR),
    # Ausländerbehörde
    ("noun", "Ausländerbehörde", ABH),
    ("noun", "Auslaenderbehoerde", ABH),
    ("typo", "Ausländerbehörte", ABH),
    ("synonym", "Migrationsamt", ABH),
    ("synonym", "Ausländeramt", ABH),
    ("noun", "Aufenthaltstitel", ABH),
    ("synonym", "Visum", ABH),
    ("english", "residence permit", ABH),
    ("cyrillic", "міграційна служба", ABH),
    ("question", "Wie verlängere ich den Aufenthaltstitel?", ABH),
    # Arzt
    ("noun", "Arzt", ARZT),
    ("inflected", "Ärzte", ARZT),
    ("compound", "Hausarzt", ARZT),
    ("compound", "Kinderarzt", ARZT),
    ("synonym", "Ärztin", ARZT),
    ("synonym", "Doktor", ARZT),
    ("english", "doctor", ARZT),
    ("arabic", "طبيب", ARZT),
    ("cyrillic", "лікар", ARZT),
    ("cyrillic", "врач", ARZT),
    ("question", "Wo finde ich einen Arzt?", ARZT),
    ("typo", "Hausartz", ARZT),
    # Kita
    ("noun", "Kita", KITA),
    ("synonym", "Kindergarten", KITA),
    ("synonym", "Kindertagesstätte", KITA),
    ("inflected", "Kitas", KITA),
    ("compound", "Kitaplatz", KITA),
    ("english", "daycare", KITA),
    ("arabic", "روضة", KITA),
    ("cyrillic", "детский сад", KITA),
    ("question", "Wie bekomme ich einen Kita-Platz?", KITA),
    # Schule
    ("noun", "Schule", SCHULE),
    ("inflected", "Schulen", SCHULE),
    ("compound", "Grundschule", SCHULE),
    ("noun", "Schulanmeldung", SCHULE),
    ("english", "school", SCHULE),
    ("arabic", "مدرسة", SCHULE),
    ("cyrillic", "школа", SCHULE),
    ("typo", "Schuhle", SCHULE),
    ("question", "Wie melde ich mein Kind in der Schule an?", SCHULE),
    # Integrationskurs
    ("noun", "Integrationskurs", IK),
    ("inflected", "Integrationskurse", IK),
    ("typo", "Integrationskurz", IK),
    ("compound", "Kurs", IK),
    ("synonym", "Orientierungskurs", IK),
    ("english", "integration course", IK),
    ("cyrillic", "інтеграційний курс", IK),
    ("arabic", "دورة الاندماج", IK),
    # Deutsch lernen
    ("noun", "Deutschkurs", DEUTSCH),
    ("inflected", "Deutschkurse", DEUTSCH),
    ("compound", "Sprachkurs", DEUTSCH),
    ("multiword", "Deutsch lernen", DEUTSCH),
    ("question", "Wo gibt es einen Deutschkurs?", DEUTSCH),
    ("english", "German course", DEUTSCH),
    ("english", "language course", DEUTSCH),
    ("cyrillic", "курсы немецкого", DEUTSCH),
    ("arabic", "دورة لغة", DEUTSCH),
    ("typo", "Deutschkuhrs", DEUTSCH),
    # Wohnung
    ("noun", "Wohnung", WOHNUNG),
    ("inflected", "Wohnungen", WOHNUNG),
    ("synonym", "Miete", WOHNUNG),
    ("synonym", "Wohnen", WOHNUNG),
    ("english", "apartment", WOHNUNG),
    ("english", "housing", WOHNUNG),
    ("arabic", "شقة", WOHNUNG),
    ("cyrillic", "квартира", WOHNUNG),
    ("question", "Wie finde ich eine Wohnung?", WOHNUNG),
    ("typo", "Wonung", WOHNUNG),
    # Wohngeld
    ("noun", "Wohngeld", WOHNGELD),
    ("compound", "Geld", WOHNGELD + KINDERGELD + BUERGERGELD),
    ("synonym", "Mietzuschuss", WOHNGELD),
    ("english", "housing benefit", WOHNGELD),
    ("typo", "Wohngelt", WOHNGELD),
    # Kindergeld
    ("noun", "Kindergeld", KINDERGELD),
    ("noun", "Kinderzuschlag", KINDERGELD),
    ("synonym", "Familienkasse", KINDERGELD),
    ("english", "child benefit", KINDERGELD),
    ("cyrillic", "допомога на дітей", KINDERGELD),
    ("typo", "Kindergelt", KINDERGELD),
    ("question", "Wo beantrage ich Kindergeld?", KINDERGELD),
    # Bürgergeld
    ("noun", "Bürgergeld", BUERGERGELD),
    ("noun", "Buergergeld", BUERGERGELD),
    ("synonym", "Hartz IV", BUERGERGELD),
    ("synonym", "Hartz 4", BUERGERGELD),
    ("synonym", "Sozialhilfe", BUERGERGELD + ASYL),
    ("english", "welfare", BUERGERGELD),
    ("arabic", "المساعدة الاجتماعية", BUERGERGELD),
    ("cyrillic", "пособие", BUERGERGELD),
    ("typo", "Bürgergelt", BUERGERGELD),
    # Migrationsberatung
    ("noun", "Migrationsberatung", MBE),
    ("inflected", "Beratungen", MBE + SCHULDEN + SCHWANGER + ANERKENNUNG),
    ("noun", "Jugendmigrationsdienst", MBE),
    ("compound", "Beratung", MBE + SCHULDEN + SCHWANGER + ANERKENNUNG),
    ("multiword", "Beratung für Migranten", MBE),
    ("english", "counselling", MBE + SCHULDEN + SCHWANGER + ANERKENNUNG),
    ("arabic", "استشارة", MBE + SCHULDEN + SCHWANGER + ANERKENNUNG),
    ("typo", "Migratonsberatung", MBE),
    # Schwangerschaft
    ("noun", "Schwangerschaft", SCHWANGER),
    ("synonym", "schwanger", SCHWANGER),
    ("synonym", "Hebamme", SCHWANGER),
    ("english", "pregnancy", SCHWANGER),
    ("arabic", "حمل", SCHWANGER),
    ("cyrillic", "вагітність", SCHWANGER),
    ("multiword", "Frauen Beratung", SCHWANGER + FRAUENHAUS),
    ("compound", "Frauenarzt", SCHWANGER + ARZT),
    ("typo", "Schwangerschft", SCHWANGER),
    # Notruf
    ("noun", "Notruf", NOTRUF),
    ("noun", "Notfall", NOTRUF),
    ("synonym", "Krankenwagen", NOTRUF),
    ("synonym", "Polizei", NOTRUF),
    ("english", "emergency", NOTRUF),
    ("arabic", "طوارئ", NOTRUF),
    ("cyrillic", "швидка", NOTRUF),
    ("multiword", "112 Notruf", NOTRUF),
    # Bus
    ("noun", "Bus", BUS),
    ("multiword", "Bus und Bahn", BUS),
    ("synonym", "Fahrkarte", BUS),
    ("synonym", "Nahverkehr", BUS),
    ("english", "public transport", BUS),
    ("cyrillic", "автобус", BUS),
    ("arabic", "حافلة", BUS),
    # Führerschein
    ("noun", "Führerschein", FUEHRERSCHEIN),
    ("noun", "Fuehrerschein", FUEHRERSCHEIN),
    ("synonym", "Fahrerlaubnis", FUEHRERSCHEIN),
    ("english", "driving licence", FUEHRERSCHEIN),
    ("typo", "Führerschien", FUEHRERSCHEIN),
    ("question", "Wie kann ich meinen Führerschein umschreiben?", FUEHRERSCHEIN),
    # Anerkennung
    ("noun", "Anerkennung", ANERKENNUNG),
    ("synonym", "Zeugnis", ANERKENNUNG),
    ("synonym", "Diplom", ANERKENNUNG),
    ("english", "recognition", ANERKENNUNG),
    ("multiword", "Abschluss anerkennen", ANERKENNUNG),
    ("inflected", "Abschlüsse", ANERKENNUNG),
    # Einbürgerung
    ("noun", "Einbürgerung", EINBUERGERUNG),
    ("synonym", "Staatsangehörigkeit", EINBUERGERUNG),
    ("english", "citizenship", EINBUERGERUNG),
    ("arabic", "الجنسية", EINBUERGERUNG),
    ("cyrillic", "гражданство", EINBUERGERUNG),
    ("multiword", "deutscher Pass", EINBUERGERUNG),
    # Psychosoziale Hilfe
    ("noun", "Psychosoziale", PSZ),
    ("synonym", "Trauma", PSZ),
    ("synonym", "Psychologe", PSZ),
    ("english", "mental health", PSZ),
    ("cyrillic", "психолог", PSZ),
    # Schulden
    ("noun", "Schuldnerberatung", SCHULDEN),
    ("synonym", "Schulden", SCHULDEN),
    ("english", "debt", SCHULDEN),
    ("noun", "Insolvenz", SCHULDEN),
    # Frauenhaus
    ("synonym", "Frauenhaus", FRAUENHAUS),
    ("synonym", "häusliche Gewalt", FRAUENHAUS),
    ("english", "domestic violence", FRAUENHAUS),
    ("cyrillic", "насильство", FRAUENHAUS),
    # Bibliothek
    ("noun", "Bibliothek", BIBLIOTHEK),
    ("compound", "Stadtbibliothek", BIBLIOTHEK),
    ("synonym", "Bücherei", BIBLIOTHEK),
    ("english", "library", BIBLIOTHEK),
    ("arabic", "مكتبة", BIBLIOTHEK),
    # Bürgerbüro
    ("noun", "Bürgerbüro", BUERGERBUERO),
    ("synonym", "Einwohnermeldeamt", BUERGERBUERO),
    ("synonym", "Anmeldung", BUERGERBUERO),
    ("english", "registration office", BUERGERBUERO),
    ("cyrillic", "прописка", BUERGERBUERO),
    # Müll
    ("noun", "Müll", MUELL),
    ("noun", "Muell", MUELL),
    ("compound", "Mülltrennung", MUELL),
    ("noun", "Abfall", MUELL),
    # Sport
    ("noun", "Sport", SPORT),
    ("noun", "Verein", SPORT),
    ("inflected", "Vereine", SPORT),
    ("noun", "Freizeit", SPORT),
    # Lotsen, Ehrenamt
    ("noun", "Integrationslotse", LOTSE),
    ("noun", "Ehrenamt", LOTSE),
    ("synonym", "Freiwillige", LOTSE),
    ("english", "volunteer", LOTSE),
    ("synonym", "Dolmetscher", SPRACHMITTLUNG),
    ("english", "interpreter", SPRACHMITTLUNG),
    ("cyrillic", "перекладач", SPRACHMITTLUNG),
    # Asyl
    ("noun", "Asylbewerberleistungsgesetz", ASYL),
    ("noun", "Asyl", ASYL),
    ("noun", "Sozialamt", ASYL),
    # Gesundheitsamt
    ("noun", "Gesundheitsamt", GESUNDHEITSAMT),
    ("compound", "Amt", GESUNDHEITSAMT + ABH + ["Sozialamt"]),
]
