#!/bin/sh
# Loads or upgrades Temporal's schemas in its two Postgres databases with the server's SQL tool,
# as scripts/provision/temporal-cluster.ts does for the tests and the fault drill. Both steps are
# idempotent (setup-schema skips a database already past 0.0), so it runs on every `up`; the
# databases themselves are created by deploy/postgres/initdb.
set -eu

ATTEMPTS="${SETUP_ATTEMPTS:-60}"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "${POSTGRES_SEEDS:-postgres}" --port "${DB_PORT:-5432}" \
    --user "${POSTGRES_USER:-temporal}" --password "$POSTGRES_PWD" "$@"
}

for pair in temporal:postgresql/v12/temporal temporal_visibility:postgresql/v12/visibility; do
  database=${pair%%:*}
  i=1
  # Postgres may still be finishing its first start when this job begins.
  until sql_tool --db "$database" setup-schema -v 0.0; do
    if [ "$i" -ge "$ATTEMPTS" ]; then
      echo "gave up reaching database $database after $ATTEMPTS attempts" >&2
      exit 1
    fi
    i=$((i + 1))
    sleep 2
  done
  sql_tool --db "$database" update-schema --schema-name "${pair#*:}"
  echo "schema of $database up to date"
done
