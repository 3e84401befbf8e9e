#!/bin/sh
# The role services run as: owns no tables, cannot bypass row-level security. Migrations (as the owner) grant it
# privileges on what they create.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres --set=pw="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE growth_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SQL
