# syntax=docker/dockerfile:1
# DocuQuery image: one image for every role. ROLE=web (admin API, Slack events,
# e-mail webhook), ROLE=worker (indexing from the BullMQ queue), ROLE=all (both,
# the single-machine default). `node dist/src/migrate.js` is the release step.
#
#   docker build -t docuquery .
#   docker run -e DATABASE_URL=… -e REDIS_URL=… -e ROLE=web -p 3000:3000 docuquery
#
# Stages: deps (every dependency, from the lockfile) → build (npm run build →
# dist/) → prod-deps (production dependencies only) → runtime (those + dist).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Only the manifest and the lockfile: this layer is rebuilt when dependencies
# change, not when a source file does. --ignore-scripts because `prepare`
# builds from sources this stage does not have yet; the build stage runs it.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts

FROM deps AS build
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
COPY prompts ./prompts
COPY migrations ./migrations
COPY bin ./bin
RUN npm run build

# Production dependencies only (no vitest, msw, drizzle-kit, typescript…).
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKER_HEALTH_PORT=3001 \
    DATA_DIR=/app/data \
    ROLE=all
# Everything the process runs is owned by root and read-only to it; only the
# data directory (PGlite, when DATABASE_URL is unset) is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The SQL migrations travel inside dist/ (the build copies them there, next to
# the compiled opener); this copy keeps them at the path drizzle.config.ts names.
COPY migrations ./migrations
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001
# Web processes answer on PORT; workers on WORKER_HEALTH_PORT. No curl in the
# slim image: node's own fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD node -e "const p=process.env.ROLE==='worker'?process.env.WORKER_HEALTH_PORT:process.env.PORT;fetch('http://127.0.0.1:'+p+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1 (not npm): SIGTERM reaches main.ts, which finishes the
# documents in hand before exiting.
CMD ["node", "dist/src/main.js"]
