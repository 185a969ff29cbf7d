"""Pure rules in the residents' words: entries, names, dates, involvement, internship, targets, reflections, privacy."""
