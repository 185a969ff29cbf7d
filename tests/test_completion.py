"""Shell completion: commands, kinds, levels, settings, and the sites, names and ids of the current logbook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from logbook.cli import completion
from tests.conftest import INTERNSHIP, export, succeed
from tests.terminal import piped


@pytest.fixture
def logged(run, internship):
    succeed(run, "add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "observed", "-s", "Perinatal center",
            "--supervisor", "Dr. N. Ismoilova")
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted", "-s", "Children's hospital")
    succeed(run, "add", "cultural", "Poi Kalyan", "-d", "2024-12-07")
    return internship


def bash(words: str, cword: int | None = None) -> list[str]:
    """What `logbook` answers a bash completion request, one candidate per line."""
    words_list = words.split(" ")
    result = piped(env={"_LOGBOOK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                        "COMP_CWORD": str(len(words_list) - 1 if cword is None else cword)})
    assert result.returncode == 0
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


def test_the_callbacks_complete_kinds_levels_and_settings():
    assert completion.complete_kind("c") == ["clinical", "cultural"]
    assert [c[0] for c in completion.complete_level("")] == ["observed", "assisted", "supervised", "independent", "teaching"]
    assert completion.complete_level("su") == [("supervised", "did the key steps with the supervisor present")]
    assert [c[0] for c in completion.complete_setting("d")] == ["db", "date_format"]


def test_the_callbacks_read_the_sites_names_and_ids_of_the_current_logbook(run, logged):
    assert completion.complete_site(None, "") == ["Children's hospital", "Perinatal center"]
    assert completion.complete_site(None, "Peri") == ["Perinatal center"]
    assert completion.complete_procedure(None, "Pyl") == ["Pyloromyotomy"]  # logged, and in the catalogue: offered once
    assert completion.complete_supervisor(None, "") == ["Dr. N. Ismoilova"]
    assert completion.complete_place(None, "Poi") == ["Poi-Kalyan"]  # stored as the gazetteer spells it
    newest = export(run)["entries"][-1]
    ids = completion.complete_id(None, newest["id"][:3])
    assert ids[0] == (newest["id"][:8], "2024-12-07 cultural: Poi-Kalyan")


def test_procedure_names_come_from_the_logbook_first_then_the_catalogue_then_its_synonyms(run, logged):
    offered = completion.complete_procedure(None, "P")
    assert offered[0] == "Pyloromyotomy"
    assert "Phacoemulsification" in offered
    assert "Pyloromyotomy" not in offered[1:]
    assert completion.complete_procedure(None, "Caes") == ["Caesarean section"]
    assert completion.complete_procedure(None, "LSC") == [("LSCS", "= Caesarean section")]  # no name fits: synonyms
    assert "Laparoscopic\\ appendectomy" in bash("logbook add procedure Lapa")  # escaped for bash like any name


def test_what_the_logbook_reads_in_any_case_completes_in_any_case_keeping_what_was_typed(run, logged):
    # Typer drops a candidate that does not start with the typed text, so it completes what was typed as typed;
    # the logbook then stores the catalogue's or the logbook's spelling.
    assert "laparoscopic\\ appendectomy" in bash("logbook add procedure lapa")
    assert bash("logbook add procedure ETT -r s-") == ["s-TS"]
    assert bash("logbook add procedure ETT -r ASS") == ["ASSisted"]
    assert bash("logbook add cultural Ark --category BAZ") == ["BAZaar"]
    assert bash("logbook add clinical --site peri") == ["perinatal\\ center"]
    assert bash("logbook config set D") == []  # a setting's key is read exactly as written: offered only so
    assert run("add", "procedure", "laparoscopic appendectomy", "-r", "s-TS", "-d", "2024-12-04").code == 0
    stored = [e for e in export(run)["entries"] if e["date"] == "2024-12-04"]
    assert [(e["procedure"], e["role"]) for e in stored] == [("Laparoscopic appendectomy", "supervised")]


def test_target_add_and_the_report_complete_levels_names_sites_and_kinds(logged):
    assert bash("logbook target add ETT --role ind") == ["independent"]
    assert bash("logbook target add Pyl") == ["Pyloromyotomy"]
    assert bash("logbook target add --site Peri") == ["Perinatal\\ center"]
    assert bash("logbook summary --site Chil") == ["Children\\'s\\ hospital"]
    assert bash("logbook summary --kind proc") == ["procedure"]


def test_the_callbacks_offer_nothing_rather_than_fail_on_an_unreadable_logbook(db):
    db.write_text("not a logbook")
    assert completion.complete_site(None, "") == []
    assert completion.complete_id(None, "") == []


def test_bash_protocol_completes_commands_subcommands_and_option_values(logged):
    assert {"init", "add", "list", "show", "edit", "delete", "summary", "export", "import", "config"} <= set(bash("logbook "))
    assert bash("logbook add ") == ["clinical", "procedure", "cultural"]
    assert bash("logbook list --kind c") == ["clinical", "cultural"]
    assert bash("logbook add procedure --role a") == ["assisted"]
    # Bash inserts a candidate as it is, so spaces and quotes in a name arrive escaped.
    assert bash("logbook add clinical --site ") == ["Children\\'s\\ hospital", "Perinatal\\ center"]
    assert bash("logbook add clinical --site Pe") == ["Perinatal\\ center"]
    assert bash("logbook add procedure Pyl") == ["Pyloromyotomy"]
    assert bash("logbook config set date_format ") == ["iso", "dd.mm.yyyy"]


def test_the_logbook_given_with_db_is_the_one_completed_from(run, logged, tmp_path):
    other = tmp_path / "other.json"
    succeed(run, "--db", other, *INTERNSHIP)
    succeed(run, "--db", other, "add", "procedure", "Hernia repair", "-r", "observed", "-s", "Emergency hospital")
    assert bash(f"logbook --db {other} add procedure --site E") == ["Emergency\\ hospital"]
    assert bash("logbook add procedure --site E") == []


def test_zsh_and_fish_protocols_carry_the_help_of_each_candidate(logged):
    zsh = piped(env={"_LOGBOOK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "logbook add procedure --role ind"})
    assert zsh.stdout.strip() == """_arguments '*: :(("independent":"did it; supervisor absent or only available"))'"""
    fish = piped(env={"_LOGBOOK_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                      "_TYPER_COMPLETE_ARGS": "logbook show "})
    lines = fish.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("\t2024-12-07 cultural: Poi-Kalyan")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_for_each_shell(shell):
    result = piped("--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0
    assert f"_LOGBOOK_COMPLETE=complete_{shell}" in result.stdout or f"_LOGBOOK_COMPLETE complete_{shell}" in result.stdout


def test_install_completion_writes_into_the_users_shell_setup(isolated):
    result = piped("--install-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0, result.stderr
    home = Path(os.environ["HOME"])
    assert "_LOGBOOK_COMPLETE=complete_bash" in (home / ".bash_completions" / "logbook.sh").read_text()
    assert ".bash_completions/logbook.sh" in (home / ".bashrc").read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_real_bash_completes_through_the_installed_script(logged):
    script = piped("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}).stdout
    program = Path(sys.executable).with_name("logbook")
    assert program.exists(), "the console script is installed beside the interpreter"
    session = script + '\nCOMP_WORDS=(logbook add procedure --site P); COMP_CWORD=4\n' \
        '_logbook_completion logbook\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    env = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run(["bash", "--norc", "-c", session], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.splitlines() == ["Perinatal\\ center"], out.stderr


def test_a_logbook_of_thousands_of_places_offers_the_first_200_that_match(run, internship, tmp_path):
    """100,000 places froze zsh for most of a minute: a shell gets at most 200 candidates, the first that match."""
    import json

    document = export(run)
    stamp = "2024-12-07T10:00:00.000+00:00"
    document["entries"] = [{"id": f"{n:032x}", "kind": "cultural", "date": "2024-12-07", "created_at": stamp,
                            "updated_at": stamp, "place": f"Museum-{n:04d}", "category": "museum", "note": None}
                           for n in range(1, 1001)]
    (tmp_path / "places.json").write_text(json.dumps(document))
    assert run("import", tmp_path / "places.json").code == 0
    places = bash("logbook add cultural --category museum --place ")
    assert len(places) == completion.MOST_CANDIDATES
    assert all(p.startswith("Museum-") for p in places)
    # Fewer than 200 match: every one of them.
    assert set(bash("logbook add cultural --category museum --place Museum-09")) == {f"Museum-09{n:02d}" for n in range(100)}
    assert len(bash("logbook show ")) == completion.MOST_CANDIDATES


def test_a_level_is_written_with_its_other_forms_as_the_role_prompt_lists_it():
    from logbook.domain.involvement import forms

    assert [forms(name) for name in ("observed", "assisted", "supervised", "independent", "teaching")] == [
        "observed (obs, O)", "assisted (asst, A)", "supervised (sup, S-TS)", "independent (indep, P)", "teaching (teach, T)"]
