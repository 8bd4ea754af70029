#!/usr/bin/env bash
# The fault drill (bench/fault-drill.ts), provisioning Node, dependencies and Temporal first.
# Short form by default; `./scripts/drill.sh --long` for 200 missions.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_dependencies
# The worker converts every document sent to a person to PDF with LibreOffice.
ensure_document_readers
cd "$PROJECT_ROOT"
node scripts/provision.ts
exec node bench/fault-drill.ts "$@"
