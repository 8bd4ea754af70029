#!/usr/bin/env bash
# `npm run emails:render`: renders every e-mail for review with Node 24 even when the machine's
# `node` is older (npm runs scripts with the machine's node, which cannot run the .ts file).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_node 2>/dev/null
cd "$PROJECT_ROOT"
exec node scripts/render-emails.ts "$@"
