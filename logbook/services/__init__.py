"""What each command does, over the storage and the domain rules: the command line's only way in."""
