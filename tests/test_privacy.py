"""A logbook must not hold patient-identifiable data: text that looks like an identifier is refused,
naming the field and what matched, unless the resident confirms with --allow-identifiers."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.domain.privacy import findings
from tests.conftest import digest, export

IDENTIFIERS = [
    ("Reviewed MRN 1234567 with the team", "MRN 1234567", "medical record"),
    ("hospital number: 00451234", "hospital number: 00451234", "medical record"),
    ("история болезни № 1234", "история болезни № 1234", "medical record"),
    ("Newborn, DOB 01.02.1990", "DOB 01.02.1990", "date of birth"),
    ("date of birth: 3 March 1990", "date of birth: 3 March 1990", "date of birth"),
    ("Family reachable on +998 90 123 45 67", "+998 90 123 45 67", "phone number"),
    ("results sent to name@example.com", "name@example.com", "e-mail address"),
    ("NHS 943 476 5919", "NHS 943 476 5919", "medical record"),
    ("NHS number 943 476 5919", "NHS number 943 476 5919", "medical record"),
    ("9434765919 seen in clinic", "9434765919", "NHS number"),
    # The forms issue 15 found passing, and their neighbours.
    ("Patient: John Smith", "Patient: John Smith", "patient's name"),
    ("DOB=01.02.1990", "DOB=01.02.1990", "date of birth"),
    ("medical record 1234567", "medical record 1234567", "medical record"),
    ("M.R.N. 1234567", "M.R.N. 1234567", "medical record"),
    ("passport AA 1234567", "passport AA 1234567", "passport"),
    ("паспорт АА 1234567", "паспорт АА 1234567", "passport"),
    ("ФИО: Иванов И.И.", "ФИО: Иванов", "patient's name"),
    ("дата рождения 01.02.1990", "дата рождения 01.02.1990", "date of birth"),
    ("пациент Иванов", "пациент Иванов", "patient's name"),
    ("bemor Karimova", "bemor Karimova", "patient's name"),
    ("Pt: J. Smith, extubated", "Pt: J. Smith", "patient's name"),
    ("DOB: Feb 1, 1990", "DOB: Feb 1, 1990", "date of birth"),
    ("d.o.b. 1990-02-01", "d.o.b. 1990-02-01", "date of birth"),
    ("tug'ilgan sana 01.02.1990", "tug'ilgan sana 01.02.1990", "date of birth"),
    ("hosp no 123456", "hosp no 123456", "medical record"),
    ("NI number AB 12 34 56 C", "NI number AB 12 34 56", "national ID"),
    ("tel 123-45-67", "tel 123-45-67", "phone number"),
    ("lives at 12 Baker Street", "lives at 12 Baker", "address"),
    ("postcode SW1A 1AA", "SW1A 1AA", "postcode"),
    ("ул. Ленина, д. 5", "ул. Ленина, д. 5", "address"),
    ("write to j.smith [at] example [dot] com", "j.smith [at] example [dot] com", "e-mail"),
    ("passport AA1234567", "passport AA1234567", "passport"),
    ("PINFL 31234567890123", "PINFL 31234567890123", "national ID"),
    ("SSN 123-45-6789", "SSN 123-45-6789", "national ID"),
    ("Intubated patient John Smith", "patient John Smith", "patient's name"),
    ("пациент Иван Иванов, 45 лет", "пациент Иван Иванов", "patient's name"),
    ("осмотр пациентки Анны Петровой", "пациентки Анны Петровой", "patient's name"),
    ("bemor Aziz Karimov", "bemor Aziz Karimov", "patient's name"),
    ("Spoke with Mrs Karimova", "Mrs Karimova", "title"),
    # Variants the issue does not name: what a hurried or sly hand types.
    ("ＭＲＮ １２３４５６７", "ＭＲＮ １２３４５６７", "medical record"),  # fullwidth
    ("M\u200bRN 1234567", "M\u200bRN 1234567", "medical record"),  # a zero-width space inside the label
    ("\u041cRN 1234567", "\u041cRN 1234567", "medical record"),  # a Cyrillic М in a Latin word
    ("mrn#1234567", "mrn#1234567", "medical record"),
    ("Patient\nJohn Smith", "Patient\nJohn Smith", "patient's name"),
    ("MRN \u0661\u0662\u0663\u0664\u0665\u0666\u0667", "MRN \u0661\u0662\u0663\u0664\u0665\u0666\u0667", "medical record"),
    # Issue 23's bypasses: decomposed letters, invisible marks, Greek and Cyrillic twins, grouped numbers, Roman months.
    (unicodedata.normalize("NFD", "Пациент Йўлдошев"), unicodedata.normalize("NFD", "Пациент Йўлдошев"), "patient's name"),
    (unicodedata.normalize("NFD", "Пациент: Ёркинов"), unicodedata.normalize("NFD", "Пациент: Ёркинов"), "patient's name"),
    (unicodedata.normalize("NFD", "Patient: José Muñoz"), unicodedata.normalize("NFD", "Patient: José Muñoz"), "patient's name"),
    ("M\u034fRN 1234567", "M\u034fRN 1234567", "medical record"),  # a combining grapheme joiner
    ("M\u3164R\u115fN 1234567", "M\u3164R\u115fN 1234567", "medical record"),  # Hangul fillers
    ("M\ufe0fRN\U000e0020 1234567", "M\ufe0fRN\U000e0020 1234567", "medical record"),  # a variation selector, a tag
    ("\u039cR\u039d 1234567", "\u039cR\u039d 1234567", "medical record"),  # Greek Μ and Ν
    ("\u03a1atient John Smith", "\u03a1atient John Smith", "patient's name"),  # a Greek Ρ
    ("\u0420\u0410\u0422\u0406\u0415NT: John Smith", "\u0420\u0410\u0422\u0406\u0415NT: John Smith", "patient's name"),
    ("MRN: 1,234,567", "MRN: 1,234,567", "medical record"),
    ("hospital no 12'345'678", "hospital no 12'345'678", "medical record"),
    ("NHS 943\u2013476\u20135919", "NHS 943\u2013476\u20135919", "medical record"),
    ("ref 943\u2014476\u20145919", "943\u2014476\u20145919", "NHS number"),
    ("DOB 12/III/1990", "DOB 12/III/1990", "date of birth"),
    ("д.р. 03.XII.1990", "д.р. 03.XII.1990", "date of birth"),
    ("tavallud sanasi 12.03.1990", "tavallud sanasi 12.03.1990", "date of birth"),
    ("таваллуд санаси 12.03.1990", "таваллуд санаси 12.03.1990", "date of birth"),
    ("осмотр, пациент иванов, 45 лет", "пациент иванов", "patient's name"),
    ("больная петрова анна", "больная петрова", "patient's name"),
    ("bemor karimova, 32 yosh", "bemor karimova", "patient's name"),
]

# Every label word and shape each pattern knows, alone: removing one word from a pattern fails its case here.
# (bench/privacy_patterns.py deletes each alternative in turn and checks that a test fails.)
LABELS = [
    # An e-mail address, written out or spelt to dodge a filter.
    ("name@example.com", "an e-mail address"),
    ("name@mail.example.com", "an e-mail address"),
    ("name [at] example [dot] com", "an e-mail address"),
    ("name (at) example (dot) com", "an e-mail address"),
    ("name [at] mail [dot] example [dot] com", "an e-mail address"),
    ("name (at) mail (dot) example (dot) com", "an e-mail address"),
    # A date of birth: each label word before a date.
    ("DOB 01.02.1990", "a date of birth"),
    ("D.O.B. 01.02.1990", "a date of birth"),
    ("date of birth 01.02.1990", "a date of birth"),
    ("birth date 01.02.1990", "a date of birth"),
    ("birthdate: 01.02.1990", "a date of birth"),
    ("birthday 01.02.1990", "a date of birth"),
    ("born 01.02.1990", "a date of birth"),
    ("born on 01.02.1990", "a date of birth"),
    ("д.р. 01.02.1990", "a date of birth"),
    ("дата рождения 01.02.1990", "a date of birth"),
    ("родился 01.02.1990", "a date of birth"),
    ("родилась 01.02.1990", "a date of birth"),
    ("туғилган 01.02.1990", "a date of birth"),
    ("туғилган санаси 01.02.1990", "a date of birth"),
    ("tugʻilgan 01.02.1990", "a date of birth"),
    ("tug'ilgan sanasi 01.02.1990", "a date of birth"),
    ("DOB 3rd March 1990", "a date of birth"),
    ("DOB March 3, 1990", "a date of birth"),
    ("DOB 3 2 1990", "a date of birth"),
    ("д.р. 3 марта 1990", "a date of birth"),  # the month in Russian
    ("tugʻilgan 3 dekabr 1990", "a date of birth"),  # and in Uzbek
    ("DOB декабря 3, 1990", "a date of birth"),  # the month first
    ("DOB dekabr 3, 1990", "a date of birth"),
    # A medical record or hospital number: each label word before a number of seven digits.
    ("MRN 1234567", "a medical record or hospital number"),
    ("med rec 1234567", "a medical record or hospital number"),
    ("medical records 1234567", "a medical record or hospital number"),
    ("health record 1234567", "a medical record or hospital number"),
    ("UHID 1234567", "a medical record or hospital number"),
    ("hospital no 1234567", "a medical record or hospital number"),
    ("hosp. no 1234567", "a medical record or hospital number"),
    ("case no 1234567", "a medical record or hospital number"),
    ("record number 1234567", "a medical record or hospital number"),
    ("history no 1234567", "a medical record or hospital number"),
    ("chart # 1234567", "a medical record or hospital number"),
    ("unit no 1234567", "a medical record or hospital number"),
    ("patient id 1234567", "a medical record or hospital number"),
    ("pt no 1234567", "a medical record or hospital number"),
    ("UR no 1234567", "a medical record or hospital number"),
    ("EMR no 1234567", "a medical record or hospital number"),
    ("EHR no 1234567", "a medical record or hospital number"),
    ("file no 1234567", "a medical record or hospital number"),
    ("reg no 1234567", "a medical record or hospital number"),
    ("hospital registration number 1234567", "a medical record or hospital number"),
    ("IP no 1234567", "a medical record or hospital number"),
    ("OP no 1234567", "a medical record or hospital number"),
    ("IPD no 1234567", "a medical record or hospital number"),
    ("OPD num. 1234567", "a medical record or hospital number"),
    ("CR № 1234567", "a medical record or hospital number"),
    ("URN 1234567", "a medical record or hospital number"),
    ("NHS 1234567", "a medical record or hospital number"),
    ("CHI 1234567", "a medical record or hospital number"),
    ("ист. бол. 1234567", "a medical record or hospital number"),
    ("история болезни 1234567", "a medical record or hospital number"),
    ("и/б 1234567", "a medical record or hospital number"),
    ("ИБ 1234567", "a medical record or hospital number"),
    ("карта 1234567", "a medical record or hospital number"),
    ("мед. карта 1234567", "a medical record or hospital number"),
    ("карточка 1234567", "a medical record or hospital number"),
    ("kasallik tarixi 1234567", "a medical record or hospital number"),
    ("tibbiy karta 1234567", "a medical record or hospital number"),
    ("№ 1234567", "a medical record or hospital number"),
    ("MRN no. 1234567", "a medical record or hospital number"),  # the words between a label and its number
    ("MRN number: 1234567", "a medical record or hospital number"),
    ("MRN num. 1234567", "a medical record or hospital number"),
    ("MRN # 1234567", "a medical record or hospital number"),
    ("MRN № 1234567", "a medical record or hospital number"),
    ("MRN id 1234567", "a medical record or hospital number"),
    # A national ID or passport number: each label word before eight digits (fewer than a phone number's nine).
    ("passport 12345678", "a national ID or passport number"),
    ("pasport 12345678", "a national ID or passport number"),
    ("паспорт 12345678", "a national ID or passport number"),
    ("ID card 12345678", "a national ID or passport number"),
    ("ID 12345678", "a national ID or passport number"),
    ("national ID 12345678", "a national ID or passport number"),
    ("national insurance 12345678", "a national ID or passport number"),
    ("NI 12345678", "a national ID or passport number"),
    ("PINFL 12345678", "a national ID or passport number"),
    ("ПИНФЛ 12345678", "a national ID or passport number"),
    ("JSHSHIR 12345678", "a national ID or passport number"),
    ("ЖШШИР 12345678", "a national ID or passport number"),
    ("SSN 12345678", "a national ID or passport number"),
    ("social security 12345678", "a national ID or passport number"),
    ("СНИЛС 12345678", "a national ID or passport number"),
    ("ИНН 12345678", "a national ID or passport number"),
    ("driving licence 12345678", "a national ID or passport number"),
    ("водительское удостоверение 12345678", "a national ID or passport number"),
    ("passport no. 12345678", "a national ID or passport number"),
    ("passport number: 12345678", "a national ID or passport number"),
    ("passport num. 12345678", "a national ID or passport number"),
    ("passport # 12345678", "a national ID or passport number"),
    ("passport № 1234", "a national ID or passport number"),
    # The shapes that need no label.
    ("123-45-6789", "a national ID or passport number"),
    ("31234567890123", "a national ID or passport number"),
    ("AA1234567", "a national ID or passport number"),
    ("AB 12 34 56 C", "a national ID or passport number"),
    # A phone number: each label word before seven digits (fewer than an unlabelled number's nine).
    ("tel 123-45-67", "a phone number"),
    ("phone 123-45-67", "a phone number"),
    ("mob 123-45-67", "a phone number"),
    ("mobile 123-45-67", "a phone number"),
    ("cell 123-45-67", "a phone number"),
    ("тел. 123-45-67", "a phone number"),
    ("телефон 123-45-67", "a phone number"),
    ("моб. 123-45-67", "a phone number"),
    ("+998 90 123 45 67", "a phone number"),
    # An address or postcode.
    ("address: Mustaqillik 12", "an address or postcode"),
    ("addr: Mustaqillik 12", "an address or postcode"),
    ("адрес Мустакиллик 12", "an address or postcode"),
    ("проживает Мустакиллик 12", "an address or postcode"),
    ("manzil: Mustaqillik 12", "an address or postcode"),
    ("lives at 12 Baker", "an address or postcode"),
    ("resides at 12 Baker", "an address or postcode"),
    ("SW1A 1AA", "an address or postcode"),
    ("12 Baker Street", "an address or postcode"),
    ("12 Baker St", "an address or postcode"),
    ("12 Baker Road", "an address or postcode"),
    ("12 Baker Rd", "an address or postcode"),
    ("12 Baker Avenue", "an address or postcode"),
    ("12 Baker Ave", "an address or postcode"),
    ("12 Baker Lane", "an address or postcode"),
    ("12 Baker Drive", "an address or postcode"),
    ("12 Baker Crescent", "an address or postcode"),
    ("12 Baker Close", "an address or postcode"),
    ("12 Baker Terrace", "an address or postcode"),
    ("ул. Ленина 5", "an address or postcode"),
    ("улица Ленина 5", "an address or postcode"),
    ("проспект Ленина 5", "an address or postcode"),
    ("пр-т Ленина 5", "an address or postcode"),
    ("переулок Ленина 5", "an address or postcode"),
    ("мкр. Ленина 5", "an address or postcode"),
    ("микрорайон Ленина 5", "an address or postcode"),
    ("ул. Ленина, д. 5", "an address or postcode"),
    ("ул. Ленина, дом 5", "an address or postcode"),
    # A patient's name: each label word before a name.
    ("patient John Smith", "a patient's name"),
    ("pt John Smith", "a patient's name"),
    ("pat. John Smith", "a patient's name"),
    ("client: John Smith", "a patient's name"),
    ("пациентка Анна Петрова", "a patient's name"),
    ("больной Иванов", "a patient's name"),
    ("больная Иванова", "a patient's name"),
    ("больного Иванова", "a patient's name"),
    ("больному Ивану Петрову", "a patient's name"),
    ("больную Анну Петрову", "a patient's name"),
    ("больным Иваном Петровым", "a patient's name"),
    ("б-ной Иванов", "a patient's name"),
    ("б-ная Иванова", "a patient's name"),
    ("б-ного Иванова", "a patient's name"),
    ("бемор Каримов", "a patient's name"),
    ("bemor Karimov", "a patient's name"),
    ("patient name: Smith", "a patient's name"),
    ("pt name Smith", "a patient's name"),
    ("name of the patient: Smith", "a patient's name"),
    ("ФИО Смит", "a patient's name"),
    ("имя пациента: Смит", "a patient's name"),
    ("bemorning ismi: Aziz", "a patient's name"),
    ("patient J. Smith", "a patient's name"),
    ("patient Smith J.", "a patient's name"),
    # Surnames of the region, alone after a label.
    ("patient Karimov", "a patient's name"), ("patient Karimova", "a patient's name"),
    ("patient Aliev", "a patient's name"), ("patient Alieva", "a patient's name"),
    ("patient Aliyev", "a patient's name"), ("patient Aliyeva", "a patient's name"),
    ("patient Petrenko", "a patient's name"), ("patient Ivanovsky", "a patient's name"),
    ("patient Ivanovskaya", "a patient's name"), ("пациент Иванов", "a patient's name"),
    ("пациент Иванова", "a patient's name"), ("пациент Алиев", "a patient's name"),
    ("пациент Алиева", "a patient's name"), ("пациент Сергеёв", "a patient's name"),
    ("пациент Сергеёва", "a patient's name"), ("пациент Путин", "a patient's name"),
    ("пациент Путина", "a patient's name"), ("пациент Петренко", "a patient's name"),
    ("пациент Невский", "a patient's name"), ("пациент Невская", "a patient's name"),
    # A name with a title.
    ("Mr Karimov", "a name with a title"),
    ("Mrs Karimova", "a name with a title"),
    ("Ms Karimova", "a name with a title"),
    ("Miss Karimova", "a name with a title"),
    ("Mx Karimov", "a name with a title"),
    ("гр. Иванов", "a name with a title"),
    ("г-н Иванов", "a name with a title"),
    ("г-жа Иванова", "a name with a title"),
    ("гражданину Иванову", "a name with a title"),
]


# Realistic clinical and cultural text that must go through without a flag.
ORDINARY = [
    "Ward round with Dr. Rakhimov",
    "Transfused 2 units of packed red cells",
    "Epidural: ropivacaine 0.1% 10 ml, then 8 ml/h",
    "Room 12, bed 4",
    "Clinical hospital №1, ward № 312",
    "Rotation 2024-12-02 - 2024-12-06 at the perinatal center",
    "Seen on 2024-12-03 and 03.12.2024",
    "Patient Controlled Analgesia set-up; Patient Safety briefing",
    "Patient was stable; patients seen: 12",
    "BP 120/80, SpO2 98%, HR 120, GCS 15, Hb 110 g/L",
    "Apgar 8/9, 3.2 kg, 38 weeks, born at 38 weeks",
    "Night shift 20:00-08:00, 3 cases",
    "Year of birth 1990 (allowed: ACGME keeps it)",
    "Outpatient Clinic Visit",
    "Картина 1890 года в музее",
    "Oʻzbekiston, Buxoro — Chor Minor, بخارا",
    # The issue's own examples of ordinary notes, and more of a week in Bukhara.
    "Assisted LSCS under spinal, 3.5 kg baby, Apgar 8/9",
    "12 mm port",
    "G2P1 at 39 weeks",
    "Propofol 2 mg/kg, fentanyl 1 mcg/kg @ 08:30; infusion @ 5.5 ml/h",
    "Patient Transport Service handover; Patient Group Directions",
    "Address the parents' concerns about 2 procedures",
    "Lives at home with 2 children",
    "CO2 insufflation 12 mmHg; T2 weighted MRI; ASA 2, Mallampati 1",
    "Hb 98 g/L, Plt 250x10^9/L, INR 1.1, K 4.2 mmol/L",
    "GA with ETT 3.5 uncuffed, 12 cm at lips",
    "Phaco, IOL +21.5 D, VA 6/60 -> 6/9",
    "Lap appy, 3 ports (12 mm, 5 mm, 5 mm)",
    "Born at 32+4 weeks, 1.8 kg; day 3 of life",
    "Pt stable, extubated at 14:30; Patient positioned prone",
    "8 cases, 2 emergencies; case 3 of 5; Room 1234, Ward 4B, Bed 12",
    "Spinal: bupivacaine 0.5% heavy 2.2 ml; EBL 500 ml, UO 0.5 ml/kg/h",
    "Rh negative, anti-D 1500 IU given at 28 weeks",
    "Internship 02.12.2024 to 13.12.2024, day 5; Dec 3 2024 teaching",
    "MS Teams teaching session; Miss out nothing",
    "Patient: stable, extubated; Patient: Male, 45",
    "пациентка 32 лет, роды вторые; Больной стабилен",
    "Кесарево сечение под спинальной анестезией, 3500 г, Апгар 8/9",
    "Bemor ahvoli barqaror, 2 soat kuzatildi",
    "Paediatric surgery 2024/25; shift 08:00-20:00 (12 h)",
    "Dr Karimov's list: 4 hernias, 1 pyloromyotomy",
    "MAC 1.0, sevo 2%, BIS 40-60",
    "Weight 3200 g, length 51 cm, head 34 cm",
    "Visited the Ark 10:00-12:00, ticket 50000 som",
    "CTG: baseline 140 bpm, variability 5-15",
    "Retinopathy of prematurity screening, zone II stage 2",
    # Ordinary Russian and Uzbek notes around the words the third round looks at.
    "пациент готов к операции; пациентка здорова, выписана",
    "пациент мужчина 45 лет, пациентка женщина 30 лет",
    "пациенту атропин 0,5 мг; пациентке окситоцин 5 ЕД",
    "пациентка после родов, швы состоятельны; пациентка после кесарева сечения",
    "пациент хирургический, больной стабилен, переведён в отделение",
    "Bemor ahvoli barqaror, tug'ruqdan keyin 2 kun",
    "Кровопотеря 500–600 мл, АД 120/80 — стабильно, 3–4 часа наблюдения",
    "Лапароскопия 12–14 мм Hg; II период родов 40 мин; XII съезд акушеров",
    "µg/kg, α2-agonist, β-blocker; Δ 2 mm",
    "Дежурство 20:00–08:00, палата № 12, 3 койки",
    "Oʻzbekiston Respublikasi, Buxoro, tavallud uyi (perinatal markaz)",
]


@pytest.fixture
def logbook(run, internship):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-03").code == 0
    return internship


@pytest.mark.parametrize("text,label", LABELS, ids=[text for text, _ in LABELS])
def test_every_label_word_and_shape_is_refused_by_itself(run, logbook, text, label):
    result = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", "--note", f"Seen {text} today")
    assert result.code == 1, result
    assert f"Error: note: {text!r} looks like {label}" in result.err


def test_an_nhs_number_is_named_by_its_check_digit_and_a_wrong_one_is_only_a_long_number(run, logbook):
    for number in ("943 476 5919", "400 000 0020"):  # the second's weighted sum leaves no remainder: check digit 0
        good = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", "--note", f"ref {number} seen")
        assert good.code == 1, good.err
        assert f"{number!r} looks like an NHS number" in good.err, good.err
    for wrong in ("943 476 5918", "943 476 5910", "9434765911"):  # the check digit is 9
        refused = run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", "--note", f"ref {wrong} seen")
        assert refused.code == 1, refused.err
        assert f"{wrong!r} looks like a phone number" in refused.err, refused.err
    assert findings({"note": "ref 400 000 0080 seen"}) == [("note", "a phone number", "400 000 0080")]  # its check would be 10


@pytest.mark.parametrize("note,matched,label", IDENTIFIERS, ids=[i[2] + ":" + i[1] for i in IDENTIFIERS])
def test_identifiers_are_refused_naming_the_field_and_the_match_unless_allowed(run, logbook, note, matched, label):
    args = ("add", "procedure", "Intubation", "-d", "2024-12-05", "-r", "observed", "--note", note)
    before = digest(logbook)
    result = run(*args)
    assert result.code == 1
    (line,) = result.err.splitlines()
    assert line.startswith("Error: note: ")
    assert repr(matched) in line
    assert label in line
    assert "--allow-identifiers" in line
    assert "Traceback" not in result.err
    assert digest(logbook) == before

    assert run(*args, "--allow-identifiers").code == 0
    assert export(run)["entries"][-1]["note"] == note


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_clinical_text_is_not_taken_for_an_identifier(run, logbook, text):
    result = run("add", "clinical", "-d", "2024-12-05", "-s", "Perinatal center", "-H", "4", "-a", text, "--note", text)
    assert result.code == 0, result.err
    assert export(run)["entries"][-1]["note"] == text


def test_every_free_text_field_is_checked(run, logbook):
    for args, field in (
        (("add", "clinical", "-s", "Ward, tel. +998 90 123 45 67", "-H", "2", "-a", "Round"), "site"),
        (("add", "clinical", "-s", "ER", "-H", "2", "-a", "Round", "--department", "MRN 1234567"), "department"),
        (("add", "clinical", "-s", "ER", "-H", "2", "-a", "Round", "--supervisor", "a@b.uz"), "supervisor"),
        (("add", "procedure", "Biopsy of patient Ali Valiyev", "-r", "observed"), "procedure"),
        (("add", "cultural", "Museum", "--category", "DOB 01.02.1990", "--as-typed"), "category"),  # past the list
    ):
        before = digest(logbook)
        result = run(*args, "-d", "2024-12-05")
        assert result.code == 1, result.err
        assert result.err.startswith(f"Error: {field}: "), result.err
        assert digest(logbook) == before


def test_edit_checks_the_text_it_changes(run, logbook):
    ident = export(run)["entries"][0]["id"]
    before = digest(logbook)
    result = run("edit", ident, "--note", "guide: name@example.com")
    assert result.code == 1
    assert result.err.startswith("Error: note: 'name@example.com' looks like an e-mail address")
    assert digest(logbook) == before
    assert run("edit", ident, "--note", "guide: name@example.com", "--allow-identifiers").code == 0
    assert export(run)["entries"][0]["note"] == "guide: name@example.com"


def test_a_supervisor_may_be_mr_or_miss_as_uk_surgeons_are(run, logbook):
    result = run("add", "procedure", "Hernia repair", "-d", "2024-12-05", "-r", "assisted", "--supervisor", "Mr Jurayev")
    assert result.code == 0, result.err
    assert run("add", "procedure", "Hernia repair", "-d", "2024-12-05", "-r", "assisted", "--note", "Mr Jurayev").code == 1


def test_every_way_in_checks_its_free_text(run, logbook, tmp_path):
    """init, target, config set and import were never checked; each refuses, and --allow-identifiers lets it through."""
    entry = export(run)["entries"][0]["id"]
    attacks = [
        (("init", "--specialty", "Surgery, MRN 1234567"), "specialty"),
        (("init", "--host", "Clinic, tel. +998 90 123 45 67"), "host_institution"),
        (("init", "--home", "Patient: John Smith"), "home_institution"),
        (("target", "add", "Lap appy for patient John Smith", "--count", "2"), "procedure"),
        (("target", "add", "--site", "Ward, MRN 1234567", "--hours", "10"), "site"),
        (("add", "clinical", "-s", "ER", "-H", "2", "-a", "Round, DOB=01.02.1990", "-d", "2024-12-05"), "activity"),
        (("edit", entry, "--place", "Home of Mrs Karimova"), "place"),
        (("reflect", "-d", "2024-12-05", "Talked to пациент Иванов"), "text"),
    ]
    for args, field in attacks:
        before = digest(logbook)
        result = run(*args)
        assert result.code == 1, (args, result.err)
        (line,) = result.err.splitlines()
        assert f"{field}: " in line, line
        assert "--allow-identifiers" in line, line
        assert "Traceback" not in result.err, line
        assert digest(logbook) == before
        assert run(*args, "--allow-identifiers").code == 0, args


def test_config_set_site_refuses_an_identifier(run, logbook, isolated):
    config = isolated / "xdg_config_home" / "logbook" / "config.toml"
    result = run("config", "set", "site", "Ward 3, M.R.N. 1234567")
    assert result.code == 1
    assert result.err.startswith("Error: site: ")
    assert "M.R.N. 1234567" in result.err
    assert not config.exists()
    assert run("config", "set", "site", "Ward 3, M.R.N. 1234567", "--allow-identifiers").code == 0
    assert "1234567" in config.read_text()


def test_edit_with_an_editor_checks_the_note_it_brings_back(run, logbook, tmp_path, monkeypatch):
    entry = export(run)["entries"][0]["id"]
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "Guide was patient John Smith\\n" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.setenv("VISUAL", str(script))
    before = digest(logbook)
    result = run("edit", entry, "-e")
    assert result.code == 1, result.err
    assert "note: 'patient John Smith'" in result.err, result.err
    assert digest(logbook) == before


def test_an_edit_of_other_fields_keeps_a_note_that_was_allowed(run, logbook):
    assert run("add", "procedure", "Biopsy", "-d", "2024-12-05", "-r", "observed", "--note", "MRN 1234567",
               "--allow-identifiers").code == 0
    entry = export(run)["entries"][-1]["id"]
    result = run("edit", entry, "--count", "2")
    assert result.code == 0, result.err


def test_a_site_and_supervisor_allowed_once_carry_over_to_the_days_next_entry(run, logbook):
    assert run("add", "clinical", "-d", "2024-12-05", "-s", "Ward MRN 1234567", "--hours", "6", "--activity", "Rounds",
               "--supervisor", "Dr Aziz, passport AA 1234567", "--allow-identifiers").code == 0
    result = run("add", "procedure", "Lumbar puncture", "-d", "2024-12-05", "-r", "observed")
    assert result.code == 0, result.err
    assert export(run)["entries"][-1]["site"] == "Ward MRN 1234567"
    # Typed again later, the text the logbook already holds is not news either; new text still is.
    assert run("add", "procedure", "Biopsy", "-d", "2024-12-06", "-r", "observed", "-s", "Ward MRN 1234567").code == 0
    result = run("add", "procedure", "Biopsy", "-d", "2024-12-06", "-r", "observed", "-s", "Ward MRN 7654321")
    assert result.code == 1
    assert "MRN 7654321" in result.err


def test_a_site_carried_over_from_the_config_file_is_refused_saying_where_it_came_from(run, logbook):
    assert run("config", "set", "site", "Ward 3, M.R.N. 1234567", "--allow-identifiers").code == 0
    before = digest(logbook)
    result = run("add", "procedure", "Lumbar puncture", "-d", "2024-12-05", "-r", "observed")
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "carried over from the config file" in result.err
    assert "Give --site" in result.err
    assert "--allow-identifiers" in result.err
    assert digest(logbook) == before
    assert run("add", "procedure", "Lumbar puncture", "-d", "2024-12-05", "-r", "observed", "-s", "Ward 3").code == 0


def test_an_import_is_checked_whole_and_refused_naming_the_entry(run, logbook, tmp_path):
    document = export(run)
    document["entries"].append({**document["entries"][0], "id": "f" * 32, "note": "Guide: Patient: John Smith"})
    path = tmp_path / "incoming.json"
    path.write_text(json.dumps(document))
    before = digest(logbook)
    result = run("import", path)
    assert result.code == 1, result.err
    (line,) = result.err.splitlines()
    assert f"entry {'f' * 32}, note: 'Patient: John Smith'" in line
    assert "nothing was imported" in line
    assert digest(logbook) == before
    assert run("import", path, "--allow-identifiers").code == 0


def test_an_import_into_a_new_logbook_checks_the_profile_targets_and_reflections(run, logbook, tmp_path, db):
    document = export(run)
    for mutate, said in (
        (lambda d: d["internship"].update(specialty="Surgery; pt John Smith"), "internship, specialty"),
        (lambda d: d["targets"].append({"id": "e" * 32, "kind": "hours", "created_at": "2024-12-03T10:00:00+00:00",
                                        "updated_at": "2024-12-03T10:00:00+00:00", "site": "Bed 3, NHS 943 476 5919",
                                        "hours": 5}), "target"),
        (lambda d: d["reflections"].append({"date": "2024-12-04", "text": "Met DOB 01.02.1990",
                                            "created_at": "2024-12-04T10:00:00+00:00",
                                            "updated_at": "2024-12-04T10:00:00+00:00"}), "reflection of 2024-12-04"),
    ):
        changed = json.loads(json.dumps(document))
        mutate(changed)
        path = tmp_path / "one.json"
        path.write_text(json.dumps(changed))
        fresh = tmp_path / f"fresh-{said[:6]}.json"
        result = run("--db", fresh, "import", path)
        assert result.code == 1, result.err
        assert said in result.err, result.err
        assert "nothing was imported" in result.err, result.err
        assert not fresh.exists() or "entries" not in fresh.read_text()


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_clean_in_every_field(text):
    fields = ("site", "department", "activity", "supervisor", "note", "procedure", "place", "category", "text",
              "specialty", "host_institution", "resident")
    assert findings({field: text for field in fields}) == []


def test_a_supervisor_or_resident_may_carry_a_title_and_a_site_an_address():
    assert findings({"supervisor": "Mr Jurayev", "resident": "Mrs Karimova",
                     "site": "Perinatal Center, 12 Navoi Avenue", "place": "Museum, 5 Lyabi Hauz Street"}) == []
    assert findings({"note": "Mrs Karimova"})
    assert findings({"note": "lives at 12 Navoi Avenue"})


def test_the_demo_logbook_is_clean(run, tmp_path):
    """The demo logs a realistic week through the same checks: none of its text may look like an identifier."""
    assert run("demo", "--keep", tmp_path / "demo.json").code == 0


@given(st.text(alphabet=st.sampled_from("0123456789 .,-/:()+%"), max_size=40))
@settings(max_examples=300, deadline=None)
def test_numbers_without_a_label_are_no_identifier_below_nine_digits(text):
    """Doses, times, ratios and scores: a run of punctuation and fewer than nine digits is never flagged."""
    if sum(c.isdigit() for c in text) < 9:
        assert findings({"note": text}) == []


@given(st.sampled_from(["MRN", "M.R.N.", "mrn:", "hospital number", "medical record", "passport", "NHS", "DOB", "паспорт"]),
       st.integers(min_value=1_000_000, max_value=9_999_999),
       st.sampled_from(["", " ", "  ", ": ", "#", " # ", "\n", " - "]),
       st.text(alphabet="abc ,.", max_size=10))
@settings(max_examples=300, deadline=None)
def test_a_labelled_number_is_found_however_it_is_spaced(label, number, joint, tail):
    found = findings({"note": f"Seen {label}{joint}{number}{tail}"})
    if label == "DOB":  # a date of birth needs a date, not a bare number
        return
    assert found, (label, joint, number)


@given(st.integers(min_value=0, max_value=999_999_999))
@settings(max_examples=300, deadline=None)
def test_an_nhs_number_is_found_by_its_checksum(body):
    digits = [int(d) for d in f"{body:09d}"]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    if check == 10:
        return  # no NHS number has this body
    number = "".join(map(str, digits)) + str(check % 11)
    assert ("note", "an NHS number", number) in findings({"note": f"ref {number} seen"})


# Second-round attacks: forms found after the first fix, each missed before it.
VARIANTS = [
    "M-R-N 1234567", "Hospital Reg. No 123456", "registration number 1234567", "IP no 123456", "UHID 12345678",
    "OPD no 12345", "**Patient:** John Smith", "Patient — John Smith", "Patient (John Smith)", "DOB 01 02 1990",
    "б-ной Иванов", "и/б № 4567", "№ и/б 4567", "ИБ 12345", "п\u0061спорт 1234567", "MRN:: 1234567",
    "Пациент: Иванов Иван Иванович", "bemorning ismi: Aziz", "driver's licence 12345678", "AB123456C",
]


@pytest.mark.parametrize("text", VARIANTS)
def test_variants_of_the_listed_forms_are_found_too(text):
    assert findings({"note": text}), text


def test_every_name_in_the_procedure_catalogue_is_clean():
    """The catalogue is the text residents log most: none of its names or synonyms may be taken for an identifier."""
    import tomllib
    from importlib.resources import files

    catalogue = files("logbook.domain") / "procedures.toml"
    if not catalogue.is_file():
        pytest.skip("no procedure catalogue in this tree yet")
    names: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            names.extend(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            names.extend(n for n in node if isinstance(n, str))

    walk(tomllib.loads(catalogue.read_text("utf-8")))
    assert len(names) > 100
    assert [n for n in names if findings({"procedure": n, "note": n})] == []


# Pieces of the notes residents write, to build notes the list above never had.
_DRUGS = ["Propofol", "fentanyl", "ropivacaine 0.2%", "bupivacaine 0.5% heavy", "oxytocin", "ketamine", "sevoflurane",
          "cefazolin", "paracetamol", "morphine", "атропин", "кетамин"]
_AMOUNTS = ["2 mg/kg", "1 mcg/kg", "10 ml", "8 ml/h", "5 IU", "1 g IV", "15 mg/kg", "0.1 mg", "2.2 ml", "40 mg"]
_FINDINGS = ["BP 120/80", "HR 142", "SpO2 97%", "GCS 15", "Apgar 8/9", "3.5 kg baby", "G2P1 at 39 weeks", "T 38.2",
             "Hb 98 g/L", "EBL 500 ml", "ASA 2", "Mallampati 1", "12 mm port", "CTG 140 bpm", "IOL +21.5 D",
             "born at 32+4 weeks", "day 3 of life", "ETT 3.5 uncuffed, 12 cm", "VA 6/9", "IOP 18 mmHg"]
_WHEN = ["08:30", "20:00-08:00", "2024-12-05", "05.12.2024", "on day 4", "at 14:30", "for 45 min", "2024-12-02 - 2024-12-06"]
_WHO = ["with Dr. Rakhimov", "with the anaesthetist", "Patient Controlled Analgesia",
        "patient stable", "Patient positioned supine", "в Перинатальном центре", "Buxoro viloyat perinatal markazi"]


@given(st.lists(st.one_of(
    st.builds("{} {}".format, st.sampled_from(_DRUGS), st.sampled_from(_AMOUNTS)),
    st.sampled_from(_FINDINGS), st.sampled_from(_WHEN), st.sampled_from(_WHO),
), min_size=1, max_size=6), st.sampled_from([", ", "; ", ". ", " ", "\n"]))
@settings(max_examples=400, deadline=None)
def test_notes_built_from_ordinary_clinical_pieces_are_clean(pieces, joint):
    note = joint.join(pieces)
    assert findings({"note": note}) == [], note


def test_the_characters_read_without_folding_are_ones_folding_would_keep():
    """Text of only these skips the per-character folding, so each must be one NFKC keeps and a reader sees."""
    import re

    from logbook.domain.privacy import SETTLED

    settled = re.compile(f"[{SETTLED}]")
    for code in range(0x3000):
        char = chr(code)
        if settled.fullmatch(char) and char != "№":
            assert unicodedata.normalize("NFKC", char) == char, hex(code)
            assert unicodedata.category(char) not in ("Cf", "Mn", "Me"), hex(code)
