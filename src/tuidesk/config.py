"""Settings: platformdirs paths, the TOML config file, environment overrides.

Precedence for the database: `--db`, then `TUIDESK_DB`, then `[database] path` in the
config file, then `tuidesk.db` in the user data directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from tuidesk.domain.sla_policies import SlaRules, default_rules, load_rules
from tuidesk.errors import ConfigError

APP_NAME = "tuidesk"
KNOWN_SECTIONS: dict[str, set[str]] = {
    "database": {"path"},
    "ui": {"theme"},
    "workflow": {"take_on_first_reply"},
    "calendars": set(),  # names are the user's; checked by the SLA configuration
    "sla": set(),
}


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "tuidesk.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def default_config_path() -> Path:
    return Path(os.environ.get("TUIDESK_CONFIG") or config_dir() / "config.toml")


def load_config(path: Path) -> dict[str, Any]:
    """The parsed config file, {} if it does not exist; ConfigError names file, key, problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror}") from None
    import tomllib  # only when there is a file: every start without one saves its import

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path}: {error}; fix the TOML syntax") from None
    for section, value in data.items():
        if section not in KNOWN_SECTIONS:
            known = ", ".join(f"[{name}]" for name in KNOWN_SECTIONS)
            raise ConfigError(f"config file {path}: unknown section [{section}]; known: {known}")
        if not isinstance(value, dict):
            raise ConfigError(f"config file {path}: {section} must be a [{section}] table")
        keys = KNOWN_SECTIONS[section]
        for key in value if keys else ():
            if key not in keys:
                raise ConfigError(
                    f"config file {path}: unknown key {section}.{key}; known: "
                    + ", ".join(f"{section}.{k}" for k in sorted(keys))
                )
    take = data.get("workflow", {}).get("take_on_first_reply")
    if take is not None and not isinstance(take, bool):
        raise ConfigError(f"config file {path}: workflow.take_on_first_reply must be true or false")
    db_path = data.get("database", {}).get("path")
    if db_path is not None and (not isinstance(db_path, str) or not db_path.strip()):
        raise ConfigError(f"config file {path}: database.path must be a non-empty string")
    return data


@dataclass
class Settings:
    """What the CLI decided: which database, as whom, with which configuration."""

    db: str
    demo: bool = False
    as_login: str | None = None
    config_path: Path | None = None
    config: dict[str, Any] = field(default_factory=dict)
    rules: SlaRules = field(default_factory=default_rules)

    @property
    def take_on_first_reply(self) -> bool:
        """Whether the first agent of its tier to answer an unassigned ticket takes it."""
        return bool(self.config.get("workflow", {}).get("take_on_first_reply", True))


def resolve_settings(
    *, db: str | None = None, demo: bool = False, as_login: str | None = None
) -> Settings:
    """Settings from the command line, the environment and the config file."""
    config_path = default_config_path()
    config = load_config(config_path)
    if demo:
        target = db or str(demo_db_path())
    else:
        target = (
            db
            or os.environ.get("TUIDESK_DB")
            or config.get("database", {}).get("path")
            or str(default_db_path())
        )
    return Settings(
        db=target,
        demo=demo,
        as_login=as_login,
        config_path=config_path,
        config=config,
        rules=load_rules(config, str(config_path)),
    )
