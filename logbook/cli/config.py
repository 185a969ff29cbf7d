"""`logbook config show` and `logbook config set`: the optional settings file."""

from typing import Annotated

import typer

from logbook.cli import completion, context
from logbook.cli.options import AllowIdsOpt, JsonOpt

config_app = typer.Typer(no_args_is_help=True)


@config_app.callback()
def config() -> None:
    """Settings kept in a config file: db (the logbook file), site (a default site), date_format (iso or dd.mm.yyyy).

    An option beats an environment variable (LOGBOOK_DB, LOGBOOK_SITE, LOGBOOK_DATE_FORMAT), which beats
    the config file, which beats the built-in default.

    Example: logbook config set date_format dd.mm.yyyy
    """

@config_app.command("show", short_help="Show each setting, its value and where it comes from.")
def show_config(json: JsonOpt = False) -> None:
    """Show each setting, its value, and where it comes from: option, environment, config or default.

    Example: logbook config show
    """
    from logbook.config import KEYS
    from logbook.services.log import default_logbook_path

    settings = context.settings()
    found = {key: settings.lookup(key) for key in KEYS}
    if found["db"][0] is None:
        found["db"] = (str(default_logbook_path()), "default")
    if json:
        from logbook.render.files.json_data import print_json

        print_json({"config_file": str(settings.path),
                    "settings": {key: {"value": value, "source": source} for key, (value, source) in found.items()}})
        return
    from logbook.render.terminal.settings import print_settings

    print_settings([(key, value, source) for key, (value, source) in found.items()], str(settings.path),
                   settings.path.exists())


@config_app.command("set", short_help='Set a key in the config file; "" removes it.')
def set_config(
    key: Annotated[str, typer.Argument(help="db, site, date_format or language.", autocompletion=completion.complete_setting)],
    value: Annotated[str, typer.Argument(help='The new value; "" removes the key from the file.', autocompletion=completion.complete_setting_value)],
    allow_identifiers: AllowIdsOpt = False,
) -> None:
    """Set a key in the config file (written atomically); an empty value ("") removes it.

    Example: logbook config set site "Bukhara Regional Perinatal Center"
    """
    import os

    from logbook.config import check_key, environment_variable, write_setting
    from logbook.render.terminal.messages import say

    settings = context.settings()
    if check_key(key) == "site" and value:
        from logbook.services.log import check_privacy

        check_privacy({"site": value}, allow_identifiers)
    stored, kept = write_setting(settings.path, check_key(key), value)
    shown = f"{key} = {stored[key]}" if key in stored else f"removed {key}"
    note = ""
    if os.environ.get(environment_variable(key)):
        note = f" (${environment_variable(key)} is set and overrides it)"
    if kept is not None:
        note += f"; the old file held what logbook cannot read or write back, so it was kept as {kept}"
    say(f"{shown} in {settings.path}{note}")


COMMANDS = {"config": config_app}
