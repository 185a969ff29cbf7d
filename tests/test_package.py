"""The package as a resident installs it: a wheel named internship-logbook holding the `logbook` command and its data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent
# What a fresh clone holds, not what a run or an install left beside it.
LEFT_BY_RUNS = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                      ".hypothesis", "results")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel built from it by `python -m build`, from a copy of the source (the tree stays clean)."""
    root = tmp_path_factory.mktemp("package")
    shutil.copytree(SOURCE, root / "source", ignore=LEFT_BY_RUNS)
    # --no-isolation: the build uses this environment's setuptools (the test extra pins it), nothing is downloaded.
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(root / "dist"),
                            str(root / "source")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return root / "dist"


def wheel_names(dist: Path) -> list[str]:
    (wheel,) = dist.glob("internship_logbook-*-py3-none-any.whl")
    return zipfile.ZipFile(wheel).namelist()


def test_the_wheel_holds_the_catalogue_its_index_the_fonts_their_licence_and_the_message_catalogues(dist):
    names = wheel_names(dist)
    for data in ("logbook/domain/procedures.toml", "logbook/domain/procedures.index.json",
                 "logbook/domain/places.toml", "logbook/domain/places.index.json",
                 "logbook/render/files/fonts/DejaVuSans.ttf", "logbook/render/files/fonts/DejaVuSans-Bold.ttf",
                 "logbook/render/files/fonts/LICENSE", "logbook/render/locale/ru/LC_MESSAGES/logbook.mo",
                 "logbook/render/locale/uz/LC_MESSAGES/logbook.mo"):
        assert data in names, data
    licences = [name for name in names if ".dist-info/licenses/" in name]
    assert sorted(licences) == ["internship_logbook-0.1.0.dist-info/licenses/LICENSE",
                                "internship_logbook-0.1.0.dist-info/licenses/logbook/render/files/fonts/LICENSE"]


def test_the_wheel_holds_no_tests_and_no_bench(dist):
    names = wheel_names(dist)
    assert not [name for name in names if name.split("/")[0] in ("tests", "bench", "docs")]
    assert {name.split("/")[0] for name in names} == {"logbook", "internship_logbook-0.1.0.dist-info"}


def test_the_distribution_is_internship_logbook_and_its_command_logbook(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("internship_logbook-0.1.0.dist-info/METADATA").decode("utf-8")
        entry_points = archive.read("internship_logbook-0.1.0.dist-info/entry_points.txt").decode("utf-8")
    assert "\nName: internship-logbook\n" in metadata
    assert "\nLicense-Expression: MIT AND Bitstream-Vera\n" in metadata
    assert "[console_scripts]\nlogbook = logbook.launch:run" in entry_points


def test_the_sdist_carries_the_whole_test_suite(dist):
    (sdist,) = dist.glob("internship_logbook-*.tar.gz")
    names = {name.split("/", 1)[1] for name in tarfile.open(sdist).getnames() if "/" in name}
    assert {"LICENSE", "tests/conftest.py", "tests/terminal.py", "tests/test_package.py"} <= names
    assert any(name.startswith("tests/fixtures/") for name in names)
