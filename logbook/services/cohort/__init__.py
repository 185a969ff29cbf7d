"""A group's report from its residents' exports: read the files, merge each resident's logbook, aggregate the figures."""
