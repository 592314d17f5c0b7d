"""The packaged tablet app: build settings that `flet build apk|ipa` reads, and an app
whose every import can run on Android and iOS. (The build itself needs the Flutter SDK
and Android's toolchain, which this machine cannot download; docs/mobile.md says how.)"""

import ast
import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from PIL import Image

from app import VERSION
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FLET = PYPROJECT["tool"]["flet"]

FLET_MOBILE_BINARIES = {"pydantic-core": "2.33.2", "msgpack": None}
"""Packages with compiled code that Flet's mobile wheel index builds for Android and iOS
(None: any version it has; msgpack is Flet's own dependency). Everything else the app
needs must be pure Python."""

SERVER_ONLY = ("fastapi", "uvicorn", "psycopg", "sync_server", "starlette")


def test_the_bundle_id_is_valid_on_android_and_ios() -> None:
    bundle = FLET["bundle_id"]
    # Android: segments of letters, digits and underscores starting with a letter; iOS
    # forbids the underscore. Lower-case letters and digits satisfy both.
    assert re.fullmatch(r"[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+", bundle), bundle
    assert bundle.startswith(FLET["org"] + ".")
    assert FLET["product"] == "Wegweiser Harz"


def test_the_app_embeds_python_3_12_which_the_project_supports() -> None:
    pinned = FLET["python_version"]
    assert pinned == "3.12"  # the Android build whose SQLite has FTS5
    supported = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for development in ("3.11.7", "3.12.13", "3.13.14"):
        assert development in supported
    assert "3.14.0" not in supported


def test_the_entry_point_and_what_goes_onto_the_tablet() -> None:
    app = FLET["app"]
    assert (ROOT / app["path"] / f"{app['module']}.py").is_file()
    tree = ast.parse((ROOT / "main.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "app.main" in imported
    excluded = set(app["exclude"])
    assert {"tests", "docs", "bench", "scripts", "sync_server", "data"} <= excluded
    assert not any(part.startswith("assets") for part in excluded)  # example data, fonts
    manifest = FLET["android"]["manifest_application"]
    assert manifest["allowBackup"] == "false"  # the store holds token and private notes


def test_icon_splash_and_version() -> None:
    with Image.open(ROOT / "assets" / "icon.png") as icon:
        assert icon.format == "PNG" and icon.size == (1024, 1024)
    with Image.open(ROOT / "assets" / "splash.png") as splash:
        assert splash.format == "PNG" and splash.size[0] >= 512
    assert PYPROJECT["project"]["version"] == VERSION


def test_the_app_imports_nothing_of_the_server() -> None:
    for folder in ("app", "wegweiser"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    assert name.split(".")[0] not in SERVER_ONLY, f"{path}: {name}"


def _resolve(platform: str, requirements: list[str], no_deps: bool = False) -> list[dict]:
    report = Path(sys.prefix) / "build-resolve-report.json"
    command = [
        sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
        "--python-version", "3.12", "--platform", platform, "--only-binary=:all:",
        "--target", str(Path(sys.prefix) / "build-resolve-target"),
        "--report", str(report), *(["--no-deps"] if no_deps else []), *requirements,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return list(json.loads(report.read_text())["install"])


@pytest.mark.slow
def test_the_apps_dependencies_resolve_for_android_arm64_with_python_3_12() -> None:
    """From the registry, as the build resolves them: pure Python everywhere, except
    the packages Flet's own mobile index builds, in the versions it has."""
    resolved = _resolve("manylinux2014_aarch64", PYPROJECT["project"]["dependencies"])
    compiled = {}
    for item in resolved:
        name = item["metadata"]["name"].lower().replace("_", "-")
        wheel = item["download_info"]["url"].rsplit("/", 1)[-1]
        if not wheel.endswith("-none-any.whl"):
            compiled[name] = item["metadata"]["version"]
    for name, version in FLET_MOBILE_BINARIES.items():
        if version is not None and name in compiled:
            assert compiled[name] == version, (name, compiled[name])
    others = [f"{n}=={v}" for n, v in compiled.items() if n not in FLET_MOBILE_BINARIES]
    if others:
        # Each must have a pure-Python wheel besides its compiled ones (SQLAlchemy has).
        android = _resolve("android_24_arm64_v8a", others, no_deps=True)
        assert all(i["download_info"]["url"].endswith("-none-any.whl") for i in android)
        assert len(android) == len(others)


def _lock(name: str) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "locks" / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            package, version = line.split("==")
            pins[canonicalize_name(package)] = version
    return pins


def test_the_locks_pin_every_dependency_within_the_projects_floors() -> None:
    """A district deploys the same versions twice: the dev lock (what CI installs) pins
    every requirement of every extra within its floor, the tablet lock the app's own with
    the same versions, and Flet's mobile builds' binary packages as Flet builds them."""
    dev, tablet = _lock("dev.txt"), _lock("tablet.txt")
    project = PYPROJECT["project"]
    wanted = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        wanted += [r for r in extra if not r.startswith("wegweiser-harz")]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in dev, f"{name} fehlt in locks/dev.txt"
        assert requirement.specifier.contains(dev[name]), (text, dev[name])
    for text in project["dependencies"]:
        assert canonicalize_name(Requirement(text).name) in tablet
    assert {name: dev[name] for name in tablet} == tablet
    assert tablet["pydantic-core"] == FLET_MOBILE_BINARIES["pydantic-core"]


def test_what_is_installed_is_what_the_lock_says() -> None:
    """The test command installs with the lock as constraints: these tests ran on it."""
    installed: dict[str, str] = {
        canonicalize_name(d.metadata["Name"]): d.version for d in distributions()
    }
    dev = _lock("dev.txt")
    differ = {n: (v, installed[n]) for n, v in dev.items() if n in installed and installed[n] != v}
    assert differ == {}
    for name in ("fastapi", "ruff", "mypy", "flet", "sqlalchemy", "starlette"):
        assert name in installed and name in dev
