# syntax=docker/dockerfile:1
#
# One image for every Onsale role; docker-compose.yml picks the command:
#   node packages/db/dist/migrate-cli.js   (= pnpm db:migrate)
#   node apps/api/dist/main.js             (= pnpm start:api)
#   node apps/worker/dist/main.js          (= pnpm start:worker)

# ---------------------------------------------------------------------------
# base: Node 20 + the pnpm version pinned in package.json ("packageManager").
# corepack would also work here; a global npm install avoids corepack fetching
# pnpm again at runtime under the unprivileged user.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS base
ARG PNPM_VERSION=10.34.9
RUN npm install --global pnpm@${PNPM_VERSION} \
 && npm cache clean --force
WORKDIR /app

# ---------------------------------------------------------------------------
# build: full install (dev deps included: turbo, typescript) and `pnpm build`.
# ---------------------------------------------------------------------------
FROM base AS build
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1
# Download every package named in the lockfile into the store first; this layer
# is only rebuilt when the lockfile (or pnpm settings) change.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
# The patched dependencies' patches (see README, dependencies), which install applies.
COPY patches ./patches
RUN pnpm fetch --store-dir=/pnpm/store
# Then the sources (see .dockerignore: no host node_modules, dist, .turbo).
COPY . .
RUN pnpm install --offline --frozen-lockfile --store-dir=/pnpm/store
RUN pnpm build

# ---------------------------------------------------------------------------
# prod-deps: the built tree with node_modules reinstalled without dev deps.
# (`pnpm prune --prod` does not support workspaces, so delete and reinstall
# from the store filled above; no network needed.)
# ---------------------------------------------------------------------------
FROM build AS prod-deps
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules scripts/node_modules \
           .turbo apps/*/.turbo packages/*/.turbo scripts/.turbo \
 && pnpm install --offline --frozen-lockfile --prod --store-dir=/pnpm/store

# ---------------------------------------------------------------------------
# runtime: the whole /app tree (pnpm's relative node_modules symlinks stay
# valid because the layout is unchanged), owned by root and read-only to the
# app, run as the unprivileged `node` user.
# ---------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production
COPY --from=prod-deps /app /app
USER node
EXPOSE 3000
# Default role; compose overrides it for migrate and worker.
CMD ["node", "apps/api/dist/main.js"]
