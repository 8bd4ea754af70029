#!/usr/bin/env bash
# Starts the whole service locally: Postgres, Temporal dev server + Web UI, worker, API, outbox.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_dependencies
# The worker converts every document sent to a person to PDF with LibreOffice.
ensure_document_readers
cd "$PROJECT_ROOT"
exec node scripts/dev.ts "$@"
