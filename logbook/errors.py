"""The logbook's errors and exit codes: every refusal a user can see is one of these."""

# Exit codes, documented in the README.
OK = 0
REFUSED = 1  # bad input, unknown id, a logbook file we will not touch
USAGE = 2  # unknown command or option, missing argument
BUG = 70  # an unexpected error: a defect in logbook itself


class LogbookError(Exception):
    """A refusal with a one-line message for the user; the logbook file is unchanged."""

    exit_code = REFUSED

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidValue(LogbookError):
    """A value given by the user (or in an import file) that is not accepted."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class UnknownWord(InvalidValue):
    """A word outside a fixed list (a kind, a level, a category): a usage error, like a misspelt name.

    `meant` is the word a slip was one keystroke from, if any, so that a prompt can ask "Did you mean …?".
    """

    exit_code = USAGE

    def __init__(self, field: str, message: str, meant: str | None = None):
        super().__init__(field, message)
        self.meant = meant


class LikelyTypo(LogbookError):
    """A name one slip away from a known one: on a terminal the resident is asked, else it is a usage error."""

    exit_code = USAGE

    def __init__(self, field: str, typed: str, meant: str, unknown: str = "a name the logbook knows"):
        super().__init__(f"{field}: {typed!r} is not {unknown}; did you mean {meant!r}? "
                         f"Type that, or add --as-typed to keep {typed!r}")
        self.field, self.typed, self.meant = field, typed, meant


class NotOneName(LogbookError):
    """A name that stands for none, or several, of those logged (a site to choose): a usage error, like a slip."""

    exit_code = USAGE


class TwoProcedures(LogbookError):
    """A phrase that could be counted under more than one procedure: on a terminal the resident chooses, else refused."""

    exit_code = USAGE

    def __init__(self, typed: str, candidates: tuple[str, ...], details: dict[str, str]):
        names = " or ".join(repr(c) for c in candidates)
        super().__init__(f"procedure: {typed!r} could be {names}; type the one you mean (one procedure an entry), "
                         f"or add --as-typed to keep {typed!r}")
        self.typed, self.candidates, self.details = typed, candidates, details


class DoubledEntry(LogbookError):
    """An entry identical to one already logged that day: a count must not double by a second keystroke."""


class NotFound(LogbookError):
    """No entry answers to the id the user gave."""


class NoInternship(LogbookError):
    """A command needs the internship profile and the logbook has none yet."""


class LogbookFileError(LogbookError):
    """The logbook file cannot be used as it is: unreadable, not a logbook, too new, locked."""


class ChangedMeanwhile(LogbookError):
    """What a command read before a wait (the editor, a question) was changed by another command in the meantime.

    `now` is the value the logbook holds now, so the command can ask again about it.
    """

    def __init__(self, message: str, now: object = None):
        super().__init__(message)
        self.now = now


class PrivacyRefusal(LogbookError):
    """Text that looks like a patient identifier."""


class UsageError(LogbookError):
    """Options that do not go together, or a value no option takes: a usage error, with a pointer to --help."""

    exit_code = USAGE


class MissingInput(LogbookError):
    """Required values not given, and no terminal to ask for them on: a usage error."""

    exit_code = USAGE
