"""PostgreSQL roles for a team: the tables' owner, an agents' group, an admins' group.

`grant()` (the command `tuidesk db grant`, run as the owner) applies roles.sql: what
an agent's database role may read and write, table by table and column by column, and
the guards that keep it to its own agent row and its own name in the history. On a
database set up so, the desk acts as the agent whose login is the connected role
(`server_role`), not as the OS user of the machine it connects from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from tuidesk.errors import DatabaseError, ValidationError
from tuidesk.storage.engine import Database

SQL_FILE = Path(__file__).with_name("roles.sql")
AGENTS = "tuidesk_agents"
ADMINS = "tuidesk_admins"
GROUP_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
ADVICE = "run it as the role that owns the tables, with CREATEROLE (README: PostgreSQL)"


@dataclass(frozen=True)
class ServerRole:
    """The agent's role a connection logged in as."""

    login: str
    privileged: bool  # a member of the admins' group


def server_role(connection: Connection) -> ServerRole | None:
    """The connected role when the database was set up by `grant()` and the role is an
    agent's (a member of the agents' group, neither the owner nor a superuser); None
    otherwise, and always on SQLite."""
    if connection.dialect.name != "postgresql":
        return None
    found = connection.execute(text("SELECT to_regprocedure('tuidesk_agent_role()')")).scalar()
    if found is None:
        return None
    row = connection.execute(text("SELECT login, privileged FROM tuidesk_agent_role()")).first()
    return None if row is None else ServerRole(row[0], bool(row[1]))


def check_group(name: str, option: str) -> str:
    """A group role's name as `grant()` takes it; ValidationError otherwise."""
    if not GROUP_PATTERN.fullmatch(name):
        raise ValidationError(
            f"{option} {name!r} is not a group role name tuidesk takes: lower-case letters, "
            "digits and '_', at most 63, not starting with a digit",
            field=option,
        )
    return name


@dataclass
class GrantReport:
    """What `grant()` did."""

    owner: str
    schema: str
    agents: str
    admins: str
    created: list[str] = field(default_factory=list)  # roles created by this run
    members: list[tuple[str, str]] = field(default_factory=list)  # (login, group)
    promoted: list[str] = field(default_factory=list)  # agents made admins of the desk
    others: list[str] = field(default_factory=list)  # other roles with privileges here


def grant(
    db: Database,
    *,
    agents: str = AGENTS,
    admins: str = ADMINS,
    agent_logins: Sequence[str] = (),
    admin_logins: Sequence[str] = (),
) -> GrantReport:
    """Give the agents' and admins' groups (created if missing) their privileges on
    `db`, and make the given login roles (created if missing) members; in one
    transaction, as the tables' owner. Running it again resets the groups' privileges."""
    if db.is_sqlite:
        raise DatabaseError(
            "db grant sets up PostgreSQL roles; on SQLite whoever may write the file may "
            "change all of it (README: Trust model)"
        )
    check_group(agents, "--agents-group")
    check_group(admins, "--admins-group")
    if agents == admins:
        raise ValidationError("the agents' and the admins' groups must be two roles")
    import psycopg

    with db.engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with connection.begin():
                return _grant(cursor, agents, admins, agent_logins, admin_logins)
        except psycopg.Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise DatabaseError(
                f"the server refused db grant on {db.describe()}: {first}; nothing was "
                f"changed: {ADVICE}"
            ) from None


def _grant(
    cursor: Any,
    agents: str,
    admins: str,
    agent_logins: Sequence[str],
    admin_logins: Sequence[str],
) -> GrantReport:
    from psycopg import sql

    cursor.execute(
        "SELECT c.relowner, pg_get_userbyid(c.relowner), c.relnamespace, n.nspname, current_user,"
        " pg_has_role(current_user, c.relowner, 'USAGE')"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.oid = to_regclass('ticket')"
    )
    row = cursor.fetchone()
    if row is None:
        raise DatabaseError("this database has no tuidesk tables; start tuidesk on it once")
    owner_oid, owner, schema_oid, schema, me, acts_as_owner = row
    if not acts_as_owner:
        raise DatabaseError(
            f"db grant runs as the role that owns the tables ({owner}), not as {me}: "
            f"connect as {owner} (--db postgresql://{owner}@HOST/DBNAME)"
        )
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relnamespace = %s"
        " AND relkind IN ('r', 'p', 'S', 'v', 'm') AND relowner <> %s ORDER BY 1",
        (schema_oid, owner_oid),
    )
    strangers = [r[0] for r in cursor.fetchall()]
    if strangers:
        raise DatabaseError(
            f"{', '.join(strangers[:5])} in schema {schema} not owned by {owner}: a grant "
            f"there would do nothing; ALTER TABLE … OWNER TO {owner} first"
        )
    report = GrantReport(owner=owner, schema=schema, agents=agents, admins=admins)
    for group in (agents, admins):
        _ensure_role(cursor, group, owner_oid, report, login=False)
    names = {
        "schema": sql.Identifier(schema),
        "owner": sql.Identifier(owner),
        "agents": sql.Identifier(agents),
        "admins": sql.Identifier(admins),
        "agents_name": sql.Literal(agents),
        "admins_name": sql.Literal(admins),
    }
    cursor.execute(sql.SQL(SQL_FILE.read_text(encoding="utf-8")).format(**names))
    for group, logins in ((agents, agent_logins), (admins, admin_logins)):
        for login in logins:
            _ensure_role(cursor, login, owner_oid, report, login=True)
            for kind in ("TABLES", "SEQUENCES"):  # only what its group gives it
                cursor.execute(
                    sql.SQL(f"REVOKE ALL ON ALL {kind} IN SCHEMA {{}} FROM {{}}").format(
                        sql.Identifier(schema), sql.Identifier(login)
                    )
                )
            cursor.execute(sql.SQL("GRANT {} TO {}").format(*map(sql.Identifier, (group, login))))
            report.members.append((login, group))
    for login in admin_logins:
        # the desk's own check must agree with the server's: an admin's agent is an admin
        cursor.execute(
            sql.SQL("UPDATE {}.agent SET role = 'admin' WHERE login = %s AND role <> 'admin'")
            .format(sql.Identifier(schema)),
            (login,),
        )  # fmt: skip
        if cursor.rowcount:
            report.promoted.append(login)
    cursor.execute(
        "SELECT DISTINCT pg_get_userbyid(g.grantee) FROM ("
        " SELECT c.relowner, (aclexplode(c.relacl)).grantee FROM pg_class c"
        " WHERE c.relnamespace = %(schema)s"
        " UNION ALL SELECT c.relowner, (aclexplode(t.attacl)).grantee"
        " FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid"
        " WHERE c.relnamespace = %(schema)s) g"
        " WHERE g.grantee NOT IN (0, g.relowner)"
        " AND pg_get_userbyid(g.grantee) NOT IN (%(agents)s, %(admins)s) ORDER BY 1",
        {"schema": schema_oid, "agents": agents, "admins": admins},
    )
    report.others = [r[0] for r in cursor.fetchall()]
    return report


def _ensure_role(
    cursor: Any, name: str, owner_oid: int, report: GrantReport, *, login: bool
) -> None:
    """Create the role if it is missing; refuse one the server would not restrict."""
    from psycopg import sql

    cursor.execute(
        "SELECT rolsuper OR pg_has_role(oid, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
        (owner_oid, name),
    )
    row = cursor.fetchone()
    if row is None:
        kind = "LOGIN" if login else "NOLOGIN"
        cursor.execute(sql.SQL(f"CREATE ROLE {{}} {kind}").format(sql.Identifier(name)))
        report.created.append(name)
    elif row[0]:
        raise DatabaseError(
            f"role {name} is a superuser or may act as the tables' owner, so the server would "
            "not hold it to an agent's privileges; give it a role of its own"
        )


# Who besides the owner and superusers may rewrite the history, or change agents' roles
# and tiers without being an admin ({admin} is the test of an admin's role).
_LOOSE = """
WITH owner AS (SELECT relowner AS oid FROM pg_class WHERE oid = to_regclass('ticket')),
people AS (  -- 16384: the first role not built into the server
    SELECT r.oid, r.rolname FROM pg_roles r, owner o
    WHERE r.oid >= 16384 AND NOT r.rolsuper AND NOT pg_has_role(r.oid, o.oid, 'MEMBER')
)
SELECT p.rolname, w.what FROM people p, (VALUES
    ('ticket_event', 'UPDATE', 'update ticket_event'),
    ('ticket_event', 'DELETE', 'delete from ticket_event'),
    ('ticket_event', 'TRUNCATE', 'truncate ticket_event'),
    ('article_revision', 'UPDATE', 'update article_revision'),
    ('article_revision', 'TRUNCATE', 'truncate article_revision')
) w(tbl, priv, what) WHERE has_table_privilege(p.oid, w.tbl, w.priv)
UNION ALL
SELECT p.rolname, 'change agents'' ' || c.col FROM people p, (VALUES ('role'), ('tier')) c(col)
WHERE has_column_privilege(p.oid, 'agent', c.col, 'UPDATE') AND NOT {admin}
ORDER BY 1, 2
"""


def loose_privileges(connection: Connection) -> tuple[bool, list[str]]:
    """(whether `grant()` set this database up, "ROLE may WHAT" for every role besides
    the owner and superusers that may rewrite the history or change agents' roles or
    tiers without being an admin)."""
    set_up = (
        connection.execute(text("SELECT to_regprocedure('tuidesk_privileged(name)')")).scalar()
        is not None
    )
    admin = "tuidesk_privileged(p.rolname)" if set_up else "false"
    rows = connection.execute(text(_LOOSE.replace("{admin}", admin))).all()
    return set_up, [f"{role} may {what}" for role, what in rows]
