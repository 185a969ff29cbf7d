"""A realistic sample internship: twelve days in Bukhara, checked and stored as `logbook import` takes a resident's export."""

from __future__ import annotations

from datetime import date

from logbook.domain import entries as rules
from logbook.domain.reflections import reflection
from logbook.domain.targets import new_target
from logbook.services.exports import FORMAT, SCHEMA_VERSION
from logbook.services.imports import import_document
from logbook.storage.database import Logbook

INTERNSHIP = {
    "resident": "Madina Sultanova",
    "specialty": "Anesthesiology and resuscitation",
    "home_institution": "Home State Medical University",
    "host_institution": "Abu Ali ibn Sina Bukhara State Medical Institute",
    "start": "2024-12-02",
    "end": "2024-12-13",
}

PERINATAL = "Bukhara Regional Perinatal Center"
CHILDREN = "Bukhara Regional Children's Hospital"
EMERGENCY = "Bukhara Emergency Medical Care Hospital"
CLINIC = "University Clinic of the Medical Institute"

# (date, kind, fields) in the order a resident would log them.
ENTRIES: list[tuple[str, str, dict]] = [
    ("2024-12-02", "clinical", dict(site=CLINIC, department="Anesthesiology and ICU", hours="4", activity="Introduction to the department, ward round in the ICU", role="observed", supervisor="Prof. Sh. Rakhimov")),
    ("2024-12-02", "cultural", dict(place="Lyabi-Hauz", category="landmark", note="Evening walk with the department's assistants")),
    ("2024-12-03", "clinical", dict(site=PERINATAL, department="Obstetric anaesthesia", hours="7", activity="Theatre: elective and emergency caesarean sections", role="assisted", supervisor="Dr. N. Ismoilova")),
    ("2024-12-03", "procedure", dict(procedure="Spinal anaesthesia for caesarean section", role="assisted", count="2", site=PERINATAL, supervisor="Dr. N. Ismoilova")),
    ("2024-12-03", "procedure", dict(procedure="Epidural analgesia in labour", role="observed", site=PERINATAL, supervisor="Dr. N. Ismoilova", note="Local protocol: ropivacaine 0.1% with fentanyl")),
    ("2024-12-04", "clinical", dict(site=PERINATAL, department="Neonatal intensive care", hours="6", activity="Ward round and neonatal resuscitation training", role="observed", supervisor="Dr. F. Hamroyeva")),
    ("2024-12-04", "procedure", dict(procedure="Neonatal resuscitation", role="assisted", site=PERINATAL, supervisor="Dr. F. Hamroyeva")),
    ("2024-12-04", "procedure", dict(procedure="Spinal anaesthesia for caesarean section", role="supervised", site=PERINATAL, supervisor="Dr. N. Ismoilova")),
    ("2024-12-05", "clinical", dict(site=CHILDREN, department="Paediatric surgery theatre", hours="7.5", activity="Theatre: paediatric anaesthesia, inhalational induction", role="assisted", supervisor="Dr. B. Jurayev")),
    ("2024-12-05", "procedure", dict(procedure="Inhalational induction", details="sevoflurane, child", role="assisted", count="3", site=CHILDREN, supervisor="Dr. B. Jurayev")),
    ("2024-12-05", "procedure", dict(procedure="Caudal block", role="observed", count="2", site=CHILDREN, supervisor="Dr. B. Jurayev")),
    ("2024-12-05", "procedure", dict(procedure="Endotracheal intubation", role="supervised", site=CHILDREN, supervisor="Dr. B. Jurayev")),
    ("2024-12-06", "clinical", dict(site=CHILDREN, department="Paediatric ICU", hours="6", activity="ICU ward round, diagnostics: point-of-care ultrasound", role="assisted", supervisor="Dr. D. Nazarova")),
    ("2024-12-06", "procedure", dict(procedure="Central venous catheterisation", details="ultrasound-guided", role="observed", site=CHILDREN, supervisor="Dr. D. Nazarova")),
    ("2024-12-06", "cultural", dict(place="Ark of Bukhara", category="landmark", note="Citadel and museum of the emirs; guided tour")),
    ("2024-12-07", "cultural", dict(place="Poi-Kalyan", category="mosque", note="Kalyan Minaret and Mosque")),
    ("2024-12-07", "cultural", dict(place="Mir-i-Arab Madrasa", category="madrasa", note="Still a working madrasa; seen from the courtyard")),
    ("2024-12-07", "cultural", dict(place="Toki Zargaron", category="bazaar")),
    ("2024-12-08", "cultural", dict(place="Samanid Mausoleum", category="landmark")),
    ("2024-12-08", "cultural", dict(place="Chor Minor", category="madrasa")),
    ("2024-12-09", "clinical", dict(site=EMERGENCY, department="Emergency department", hours="8", activity="Night shift: trauma and emergency admissions", role="assisted", supervisor="Dr. U. Sobirov")),
    ("2024-12-09", "procedure", dict(procedure="Rapid sequence induction", role="assisted", count="2", site=EMERGENCY, supervisor="Dr. U. Sobirov")),
    ("2024-12-09", "procedure", dict(procedure="Arterial line placement", role="supervised", site=EMERGENCY, supervisor="Dr. U. Sobirov")),
    ("2024-12-10", "clinical", dict(site=EMERGENCY, department="Intensive care", hours="6", activity="ICU ward round, ventilator management", role="assisted", supervisor="Dr. U. Sobirov")),
    ("2024-12-10", "procedure", dict(procedure="Endotracheal intubation", role="supervised", count="2", site=EMERGENCY, supervisor="Dr. U. Sobirov")),
    ("2024-12-10", "procedure", dict(procedure="Femoral nerve block", details="ultrasound-guided", role="observed", site=EMERGENCY, supervisor="Dr. U. Sobirov")),
    ("2024-12-11", "clinical", dict(site=CLINIC, department="Anesthesiology and ICU", hours="7", activity="Theatre: general surgery lists", role="supervised", supervisor="Prof. Sh. Rakhimov")),
    ("2024-12-11", "procedure", dict(procedure="Laryngeal mask airway insertion", role="independent", count="3", site=CLINIC, supervisor="Prof. Sh. Rakhimov")),
    ("2024-12-11", "procedure", dict(procedure="Endotracheal intubation", role="independent", site=CLINIC, supervisor="Prof. Sh. Rakhimov")),
    ("2024-12-12", "clinical", dict(site=CLINIC, department="Simulation centre", hours="4", activity="Case presentation and airway workshop for junior residents", role="teaching", supervisor="Prof. Sh. Rakhimov")),
    ("2024-12-12", "procedure", dict(procedure="Difficult airway drill (simulation)", role="teaching", site=CLINIC, supervisor="Prof. Sh. Rakhimov", note="Taught two first-year residents")),
    ("2024-12-12", "cultural", dict(place="Nadir Divan-Begi Madrasa", category="performance", note="Folk music and dance evening; Buxoro tunlari")),
]

# What the resident set out to learn: (kind, fields).
TARGETS: list[tuple[str, dict]] = [
    ("procedure", dict(procedure="Endotracheal intubation", role="supervised", count="5")),
    ("procedure", dict(procedure="Spinal anaesthesia for caesarean section", role="assisted", count="3")),
    ("procedure", dict(procedure="Laryngeal mask airway insertion", role="supervised", count="3")),
    ("procedure", dict(procedure="Central venous catheterisation", role="assisted", count="2")),
    ("hours", dict(site=PERINATAL, hours="12")),
    ("hours", dict(site=EMERGENCY, hours="16")),
]

REFLECTIONS: list[tuple[str, str]] = [
    ("2024-12-03", "First spinal for a caesarean here: the team uses hyperbaric bupivacaine with a fixed dose "
                   "and phenylephrine by infusion from the start. Ask Dr. Ismoilova about their hypotension protocol."),
    ("2024-12-05", "Paediatric lists move fast: inhalational induction, then the cannula. I need more practice "
                   "with small airways before I would do it alone."),
    ("2024-12-09", "Night shift in the emergency hospital. Rapid sequence induction twice; the checklist on the "
                   "wall of the resuscitation bay is worth copying at home."),
    ("2024-12-12", "Taught the airway drill to two first-year residents. Explaining each step showed me where "
                   "my own sequence was vague."),
]


def write_demo(logbook: Logbook) -> None:
    """Fill an empty logbook with the sample internship; 2024-12-13 stays unlogged (departure).

    One import, not 43 `add`s: the file is written (and waited on to reach the disk) once, which on a
    busy machine is most of the demo's time; the import checks every entry, target and reflection as
    `add`, `target` and `reflect` do.
    """
    document = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "internship": INTERNSHIP,
        "entries": [rules.new_entry(rules.parse_kind(kind), date.fromisoformat(day), fields) for day, kind, fields in ENTRIES],
        "targets": [new_target(kind, fields) for kind, fields in TARGETS],
        "reflections": [reflection(date.fromisoformat(day), text, None) for day, text in REFLECTIONS],
    }
    import_document(logbook, document, "the demo", sample=True)  # its week may lie after a pinned today
