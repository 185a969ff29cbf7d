"""What a cohort report holds: its tables, in the order every format shows them (services fill them, render draws them)."""

# Each table is a list of flat rows carrying their cohort's number.
TABLES = ("cohorts", "specialties", "residents", "sites", "procedures", "procedures_by_specialty", "cultural", "targets")
