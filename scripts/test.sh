#!/usr/bin/env bash
# Runs the whole test suite against real servers, provisioning whatever is missing first.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_node
ensure_dependencies
ensure_schemathesis
ensure_facturx
ensure_chromium
ensure_document_readers
ensure_promtool
cd "$PROJECT_ROOT"
# Building the Temporal binaries can take minutes on a fresh machine: do it before the test
# runner starts its clock.
node scripts/provision.ts
npx tsc --noEmit -p tsconfig.json
npx biome check .
# A cycle, even through type-only imports, means two modules each need the other: move the shared
# part into a module both import.
npm run --silent check:cycles
exec npx vitest run "$@"
