"""Translations of district-wide sheets: (slug of the German sheet, language, title, body)."""

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
