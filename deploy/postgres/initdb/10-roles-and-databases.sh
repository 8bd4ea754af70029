#!/bin/sh
# Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d).
# Each consumer gets its own login role that owns only its databases, so neither the app
# nor Temporal needs the superuser, and Temporal's role needs no CREATEDB either: its
# databases exist before the temporal-schema job runs, which only loads schemas.
# Passwords travel as psql variables (:'name') so any character is quoted safely.
set -eu

psql -v ON_ERROR_STOP=1 \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v missions_password="$MISSIONS_DB_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE missions LOGIN PASSWORD :'missions_password';
CREATE DATABASE missions OWNER missions;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
