#!/usr/bin/env bash
# A two-node Temporal cluster on Postgres with its Web UI (scripts/cluster.ts):
# up | down | kill <n> | start <n> | reset. The server binaries are built once into the cache.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_dependencies
cd "$PROJECT_ROOT"
exec node scripts/cluster.ts "$@"
