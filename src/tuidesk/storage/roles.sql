-- What agents' database roles may do on PostgreSQL: applied by `tuidesk db grant`, run
-- as the role that owns the tables. {schema}, {owner}, {agents} and {admins} are filled
-- in there ({agents_name} and {admins_name} as text). Idempotent: the groups' privileges
-- are revoked, then granted again, so running it twice, or after an upgrade, is fine.
--
-- Agents read everything and write what the app writes, column by column; the history
-- (ticket_event, article_revision) is appended to, never changed. Admins (a group inside
-- the agents' group) may also create and change agents and delete articles. Only the
-- owner can alter or drop a table or a trigger. Every table of the schema is named here
-- (tests/test_postgres_roles.py checks it): a new table is readable by default and
-- writable once it has its line.

REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC, {agents}, {admins};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM PUBLIC, {agents}, {admins};
-- PostgreSQL before 15 let everyone create objects in public (functions that could
-- shadow the desk's)
REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;
GRANT USAGE ON SCHEMA {schema} TO {agents};
GRANT {agents} TO {admins};

-- the ids of new rows
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {agents};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema}
    GRANT USAGE ON SEQUENCES TO {agents};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema}
    GRANT SELECT ON TABLES TO {agents};

-- the schema version, read at every start; only the owner migrates
GRANT SELECT ON {schema}.alembic_version TO {agents};
-- what made the database (the demo opens --as to everyone): written by the owner only
GRANT SELECT ON {schema}.desk_fact TO {agents};

-- agents: their own row on first use (as a tier-1 agent, see tuidesk_agent_guard);
-- admins add agents and change their tier, role and the rest, never their login
GRANT SELECT, INSERT ON {schema}.agent TO {agents};
GRANT UPDATE (name, email, tier, role, timezone, active) ON {schema}.agent TO {admins};

-- who asks, their organization and equipment, and the vendors: taken while working
GRANT SELECT, INSERT ON {schema}.organization TO {agents};
GRANT SELECT, INSERT ON {schema}.customer TO {agents};
GRANT SELECT, INSERT ON {schema}.asset TO {agents};
GRANT SELECT, INSERT ON {schema}.vendor TO {agents};

-- tickets: what the desk's use cases change; a ticket's subject, symptoms, goal,
-- requester, asset, channel, category and creation time are never rewritten
GRANT SELECT, INSERT ON {schema}.ticket TO {agents};
GRANT UPDATE (
    status, tier, assignee_id, urgency, impact, priority, theory, resolution,
    vendor_id, vendor_ref, vendor_due_at, vendor_responded_at, minutes_spent,
    updated_at, version, sla_policy,
    first_response_due_at, first_responded_at, resolution_due_at, resolved_at, closed_at,
    sla_due_at, queue_due_at, sla_warn_at, sla_next_check_at, resolution_paused_left
) ON {schema}.ticket TO {agents};
GRANT SELECT, INSERT, DELETE ON {schema}.ticket_tag TO {agents};

-- the history: appended to, as the agent connected (see tuidesk_author_guard)
GRANT SELECT, INSERT ON {schema}.ticket_event TO {agents};
GRANT SELECT, INSERT ON {schema}.article_revision TO {agents};

-- the knowledge base; deleting an article (with its revisions) is an admin's
GRANT SELECT, INSERT ON {schema}.article TO {agents};
GRANT UPDATE (
    title, symptoms, cause, resolution, tags, category, visibility, status, slug,
    author_id, updated_at, version, times_linked, times_solved
) ON {schema}.article TO {agents};
GRANT DELETE ON {schema}.article, {schema}.article_revision TO {admins};
GRANT SELECT, INSERT ON {schema}.ticket_article TO {agents};
GRANT UPDATE (solved) ON {schema}.ticket_article TO {agents};

-- SLA policies and calendars come from the config file
GRANT SELECT ON {schema}.calendar, {schema}.sla_policy TO {agents};

-- each agent's saved views, who has which ticket open, the hand-offs they have read
GRANT SELECT, INSERT, DELETE ON {schema}.saved_view TO {agents};
GRANT UPDATE (base_view, filter, sort, descending) ON {schema}.saved_view TO {agents};
GRANT SELECT, INSERT, DELETE ON {schema}.ticket_presence TO {agents};
GRANT UPDATE (activity, seen_at) ON {schema}.ticket_presence TO {agents};
GRANT SELECT, INSERT ON {schema}.handoff_seen TO {agents};

-- The guards below run as whoever writes, with a search path that no temporary table
-- can shadow (pg_temp last, every name qualified).

-- Whether a role may do what only admins and the owner may (superusers may anything).
CREATE OR REPLACE FUNCTION {schema}.tuidesk_privileged(who name) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, {schema}, pg_temp AS $$
    SELECT pg_catalog.pg_has_role(who, {admins_name}, 'MEMBER')
        OR pg_catalog.pg_has_role(who, (SELECT c.relowner FROM pg_catalog.pg_class c
            WHERE c.oid = '{schema}.ticket'::pg_catalog.regclass), 'MEMBER')
$$;

-- The connected role when it is an agent's (a member of the agents' group, neither the
-- owner nor a superuser): the desk then acts as the agent of that login.
CREATE OR REPLACE FUNCTION {schema}.tuidesk_agent_role(OUT login text, OUT privileged boolean)
RETURNS SETOF record
LANGUAGE sql STABLE SET search_path = pg_catalog, {schema}, pg_temp AS $$
    SELECT current_user::text, pg_catalog.pg_has_role(current_user, {admins_name}, 'MEMBER')
    WHERE pg_catalog.pg_has_role(current_user, {agents_name}, 'MEMBER')
      AND NOT pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c
            WHERE c.oid = '{schema}.ticket'::pg_catalog.regclass), 'MEMBER')
$$;

-- An agent's role creates only its own agent row, as a tier-1 agent.
CREATE OR REPLACE FUNCTION {schema}.tuidesk_agent_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $$
BEGIN
    IF {schema}.tuidesk_privileged(current_user) THEN
        RETURN NEW;
    END IF;
    IF NEW.login IS DISTINCT FROM current_user::text OR NEW.role IS DISTINCT FROM 'agent'
            OR NEW.tier IS DISTINCT FROM 1 THEN
        RAISE EXCEPTION 'database role % may only create its own agent: login %, tier 1, role agent',
            current_user, current_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS agent_guard ON {schema}.agent;
CREATE TRIGGER agent_guard BEFORE INSERT ON {schema}.agent
    FOR EACH ROW EXECUTE FUNCTION {schema}.tuidesk_agent_guard();

-- History is written in the connected agent's name (or the system's: the SLA sweep);
-- admins act as others with --as.
CREATE OR REPLACE FUNCTION {schema}.tuidesk_author_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $$
BEGIN
    IF NEW.author_id IS NULL OR {schema}.tuidesk_privileged(current_user) OR NEW.author_id = (
            SELECT a.id FROM {schema}.agent a WHERE a.login = current_user::text) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'database role % may write % rows only in the name of agent %',
        current_user, TG_TABLE_NAME, current_user USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS ticket_event_author_guard ON {schema}.ticket_event;
CREATE TRIGGER ticket_event_author_guard BEFORE INSERT ON {schema}.ticket_event
    FOR EACH ROW EXECUTE FUNCTION {schema}.tuidesk_author_guard();
DROP TRIGGER IF EXISTS article_revision_author_guard ON {schema}.article_revision;
CREATE TRIGGER article_revision_author_guard BEFORE INSERT ON {schema}.article_revision
    FOR EACH ROW EXECUTE FUNCTION {schema}.tuidesk_author_guard();
