-- The CitiPart database and one login role per subgraph, each owning its own schema.
--
-- The postgres image runs this file once, as the superuser, when it initialises an empty
-- data volume (see compose.yaml); it is idempotent, so it is also safe to run by hand:
--   psql -U postgres -f docker/init-roles.sql
-- The psql variable citipart_database (default: citipart) names the database, so a check
-- can run this very file against a throwaway one:
--   psql -U postgres -v citipart_database=citipart_check -f docker/init-roles.sql
--
-- Least privilege: a subgraph's role owns its schema and nothing else. It has no usage on
-- another subgraph's schema (so it can neither read nor change those tables) and cannot
-- create anything in `public`.
--
-- DEVELOPMENT ONLY: the passwords below are not secrets. They are repeated in the
-- DATABASE_URL of each service in compose.yaml; any real deployment needs its own.

\set ON_ERROR_STOP on

\if :{?citipart_database}
\else
  \set citipart_database citipart
\endif

select format('create database %I', :'citipart_database')
where not exists (select from pg_database where datname = :'citipart_database') \gexec

\connect :citipart_database

-- Nobody but the roles granted below (and superusers) may connect or create schemas.
revoke all on database :"citipart_database" from public;
-- PostgreSQL 15 and later already refuse this; stated for clarity and older servers.
revoke create on schema public from public;

do $$
declare
  subgraph record;
begin
  for subgraph in
    select * from (values
      -- (role, schema, password)
      ('citipart_network', 'network', 'citipart-network-dev'),
      ('citipart_cities', 'cities', 'citipart-cities-dev'),
      ('citipart_european_houses', 'european_houses', 'citipart-european-houses-dev'),
      ('citipart_foundations', 'foundations', 'citipart-foundations-dev'),
      ('citipart_youth_associations', 'youth_associations', 'citipart-youth-associations-dev')
    ) as subgraphs (role, schema, password)
  loop
    if not exists (select from pg_roles where rolname = subgraph.role) then
      execute format('create role %I', subgraph.role);
    end if;
    execute format(
      'alter role %I with login nosuperuser nocreatedb nocreaterole noinherit password %L',
      subgraph.role, subgraph.password
    );
    execute format('alter role %I in database %I set search_path = %I', subgraph.role, current_database(), subgraph.schema);
    -- CONNECT only: the schema is made here, so a subgraph's migrations never need to
    -- create one (MikroORM creates it only when it is missing).
    execute format('grant connect on database %I to %I', current_database(), subgraph.role);
    execute format('create schema if not exists %I authorization %I', subgraph.schema, subgraph.role);
    execute format('alter schema %I owner to %I', subgraph.schema, subgraph.role);
    execute format('revoke all on schema %I from public', subgraph.schema);
  end loop;
end
$$;
