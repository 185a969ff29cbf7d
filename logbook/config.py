"""Settings: command options beat environment variables, which beat the config file, which beats the defaults."""

from __future__ import annotations

import os
from pathlib import Path

from logbook.errors import InvalidValue, LogbookError

# Each key of the config file, what it means, and the environment variable that overrides it.
KEYS: dict[str, str] = {
    "db": "the logbook file (a path; ~ is your home folder)",
    "site": "the site used when an entry needs one and none was given or used earlier that day",
    "date_format": "how dates are shown: iso (2024-12-10) or dd.mm.yyyy (10.12.2024); input accepts both",
    "language": "the language of reports (summary, demo, cohort): en (English), ru (Russian) or uz (Uzbek)",
}
DATE_FORMATS = ("iso", "dd.mm.yyyy")
DEFAULTS: dict[str, str | None] = {"db": None, "site": None, "date_format": "iso", "language": "en"}


def environment_variable(key: str) -> str:
    return f"LOGBOOK_{key.upper()}"


def config_path() -> Path:
    """The config file: on Linux ~/.config/logbook/config.toml (or under $XDG_CONFIG_HOME)."""
    from platformdirs import user_config_path

    return user_config_path("logbook", appauthor=False) / "config.toml"


def check_key(key: str) -> str:
    if key not in KEYS:
        raise InvalidValue("key", f"{key!r} is not a setting; use one of {', '.join(KEYS)}")
    return key


def check_setting(key: str, value: object, in_file: bool = False) -> str:
    """A setting's value as stored, or a refusal naming the key and what it accepts."""
    check_key(key)
    if not isinstance(value, str):
        raise InvalidValue(key, f"must be text in quotes, not {type(value).__name__}")
    if not value.strip() or "\0" in value:
        raise InvalidValue(key, "cannot be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValue(key, "is not valid UTF-8 text (check the terminal's encoding)") from None
    longest = 4096 if key == "db" else 200  # a path as long as Linux allows; a site as long as an entry's
    if len(value) > longest:
        raise InvalidValue(key, f"is {len(value):,} characters long; {key} holds at most {longest:,}")
    if key == "date_format":
        if value.strip().lower() not in DATE_FORMATS:
            raise InvalidValue(key, f"{value!r} is not a date format; use {' or '.join(DATE_FORMATS)}")
        return value.strip().lower()
    if key == "language":
        from logbook.render.language import check_language  # the languages are those the report has catalogues for

        return check_language(value, key)
    if key == "db":
        value = check_home(value)
    if key == "db" and in_file and not Path(value).expanduser().is_absolute():
        # A relative path in a config file would change meaning with the current folder.
        raise InvalidValue(key, f"{value!r} is a relative path; give a full path or one starting with ~")
    return value


def check_home(value: str) -> str:
    """A path whose `~user` names a user this machine has (else every command would fail on it later).

    Nor may it name the config file: a logbook written there would replace the settings.
    """
    try:
        path = Path(value).expanduser()
    except RuntimeError:
        user = value.split("/", 1)[0]
        raise InvalidValue("db", f"{value!r} starts with {user}, and there is no user {user[1:]!r} on this machine; "
                           "give a full path, or ~/… for your own home folder") from None
    if path.resolve() == config_path().resolve():
        raise InvalidValue("db", f"{value!r} is the config file itself; name the logbook's own file, e.g. ~/logbook.json")
    return value


def read_config(path: Path) -> dict[str, str]:
    """The settings in the config file; none when there is no file. An unknown key is warned about and ignored."""
    document = read_document(path)
    for key in document:
        if key not in KEYS:
            import sys

            from logbook.render.escaping import inert

            sys.stderr.write(inert(f"Warning: the config file {path}: {key!r} is not a setting (known: "
                                   f"{', '.join(KEYS)}); ignored", one_line=True) + "\n")
    try:
        return {key: check_setting(key, value, in_file=True) for key, value in document.items() if key in KEYS}
    except InvalidValue as err:
        raise LogbookError(f"the config file {path}: {err.message}; fix it or use `logbook config set`") from None


def read_document(path: Path) -> dict:
    """The config file's TOML as it is; empty when there is no file."""
    from logbook.storage.files import read_regular

    data = read_regular(path, "config file", 2**20)  # a FIFO or /dev/zero named as the config file is refused
    if data is None:
        return {}
    problem = _parsed(data)
    if isinstance(problem, str):
        raise LogbookError(f"the config file {path} {problem}; fix or delete it, or `logbook config set` writes a new "
                           "one and keeps this one beside it")
    return problem


def _parsed(data: bytes) -> dict | str:
    """The TOML document in `data`, or what keeps it from being read."""
    import tomllib  # only once there is a file to parse

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        return f"is not UTF-8 text ({err.reason} at byte {err.start})"
    except tomllib.TOMLDecodeError as err:
        return f"is not valid TOML ({err})"
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        return "nests arrays or tables too deeply to be read (a settings file holds a few lines of text)"


def to_toml(settings: dict[str, object]) -> str:
    """The small TOML file of settings, written by tomli-w (imported here only: ~2.4 ms, and only `config set` needs it)."""
    import tomli_w

    return "# logbook settings; `logbook config set KEY VALUE` writes this file.\n" + tomli_w.dumps(settings)


def write_setting(path: Path, key: str, value: str) -> tuple[dict[str, object], Path | None]:
    """Set one key in the config file (an empty value removes it), rewriting the file atomically under its lock.

    Returns the file's settings and, when some of the old file could not be read or written back, where the old
    file was kept.
    Every other key stays as it was, even a value another command refuses: only the key named is changed.
    """
    from logbook.storage.files import read_regular, write_atomically
    from logbook.storage.lock import locked

    check_key(key)
    if value != "":
        value = check_setting(key, value)
        if key == "db" and not value.startswith("~"):
            value = str(Path(value).absolute())
    with locked(path):  # a read-modify-write: two `config set` at once each keep their key
        data = read_regular(path, "config file", 2**20)
        old = {} if data is None else _parsed(data)
        document = {**old, key: value} if isinstance(old, dict) else {key: value}
        if value == "":
            del document[key]
        # Known keys first, in their order; a newer version's keys (or a typo) are kept for the user to see.
        ordered = {**{k: document[k] for k in KEYS if k in document}, **document}
        known, mine = {k: document[k] for k in KEYS if k in document}, {key: value} if value else {}
        for document in [ordered, known, mine] if isinstance(old, dict) else [mine]:
            try:
                text = to_toml(document)
                break
            except (RecursionError, TypeError, ValueError):  # nested too deeply for tomli-w to write back
                continue
        kept = None
        if data is not None and document is not ordered:  # some of the old file is left out: keep it beside
            from datetime import datetime

            kept = path.with_name(f"{path.name}.{datetime.now():%Y%m%dT%H%M%S%f}.unreadable")
            write_atomically(kept, data)
        write_atomically(path, text.encode("utf-8"))
    return {k: v for k, v in document.items() if k in KEYS}, kept


class Settings:
    """The settings in force, and where each comes from; the config file is read only if a setting needs it."""

    def __init__(self, options: dict[str, str | None] | None = None, environ: dict[str, str] | None = None,
                 path: Path | None = None):
        self.options = {k: v for k, v in (options or {}).items() if v is not None}
        self.environ = os.environ if environ is None else environ
        self._path = path
        self._file: dict[str, str] | None = None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = config_path()
        return self._path

    def file(self) -> dict[str, str]:
        if self._file is None:
            self._file = read_config(self.path)
        return self._file

    def get(self, key: str) -> str | None:
        return self.lookup(key)[0]

    def lookup(self, key: str) -> tuple[str | None, str]:
        """(value, source): source is option, environment, config or default."""
        if key in self.options:
            if key == "db":
                try:
                    check_home(self.options[key])
                except InvalidValue as err:
                    raise LogbookError(f"--db: {err.message.split(': ', 1)[-1]}") from None
            return self.options[key], "option"
        variable = environment_variable(key)
        if self.environ.get(variable):
            try:
                return check_setting(key, self.environ[variable]), "environment"
            except InvalidValue as err:
                raise LogbookError(f"{variable}: {err.message.split(': ', 1)[-1]}") from None
        if key in self.file():
            return self.file()[key], "config"
        return DEFAULTS[key], "default"
