# One image for the API, the worker, the console and the migration job; compose picks the command.
# Plain Dockerfile syntax (no RUN --mount): docker-compose 1.x builds with the classic builder.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- deps: production node_modules only -------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Copied alone so this layer is rebuilt only when dependencies change, not on every code edit.
COPY package.json package-lock.json ./
# --ignore-scripts: nothing needs compiling. The Temporal core bridge ships prebuilt glibc
# binaries for linux x64/arm64 and @swc/core gets its binary as an optional dependency, so
# install scripts would only add attack surface and build time.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# No build step: Node 24 strips TypeScript types natively, so the .ts sources run as they are
# (the code sticks to erasable syntax, see tsconfig's erasableSyntaxOnly). What runs in
# production is exactly what was reviewed and tested, with no compiled output to drift.
# The workflow bundle is built once here (WORKFLOW_BUNDLE_PATH), not by every worker at start-up:
# webpack inside the worker kept ~170 MB of its memory. It cannot go stale in the image (same
# sources), and the worker checks anyway: it loads the bundle only when the manifest of sources
# written beside it still matches (worker/workflow-bundle.ts), else it builds its own.
# MALLOC_ARENA_MAX=2: glibc's per-thread arenas inflated the worker's peak memory (854 → 746 MB
# at 100 missions with it, bench/README.md).
ENV NODE_ENV=production \
    MISSIONS_DATA_DIR=/var/lib/missions \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    MALLOC_ARENA_MAX=2
WORKDIR /app

COPY --from=deps /app/node_modules ./node_modules
# "type": "module" in package.json is what makes Node load the .ts files as ES modules.
COPY package.json ./
COPY config ./config
COPY db ./db
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api
COPY worker ./worker
COPY links ./links
COPY tracing ./tracing
COPY reporting ./reporting
COPY pages ./pages
COPY console ./console
COPY scripts/build-workflow-bundle.ts ./scripts/build-workflow-bundle.ts
# The read model's rebuild and check (docs/operations.md), run in a container of this image.
COPY scripts/read-model.ts ./scripts/read-model.ts
COPY scripts/lib/progress-bar.ts ./scripts/lib/progress-bar.ts
RUN node scripts/build-workflow-bundle.ts /app/dist/workflow-bundle.js \
 && node scripts/build-workflow-bundle.ts /app/dist/workflow-bundle.traced.js --traced

# Code stays root-owned (read-only to the process); the one writable place is the data dir
# (email outbox when no Resend key is set), created here so a fresh named volume inherits
# the node user's ownership.
RUN mkdir -p /var/lib/missions && chown node:node /var/lib/missions
USER node

EXPOSE 3000
CMD ["node", "api/server.ts"]
