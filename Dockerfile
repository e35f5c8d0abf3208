# One image for every part of the platform; SERVICES picks what a container runs.
FROM node:20-bookworm-slim

# pnpm comes from the version pinned in package.json ("packageManager").
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable

# The app runs as the unprivileged `node` user, so it also owns the install
# (corepack's pnpm download and the pnpm store land in its home directory).
# /keys exists here, owned by `node`, so a fresh named volume mounted there
# inherits that ownership.
WORKDIR /app
RUN mkdir -p /keys && chown node:node /app /keys
USER node

# Manifests first: the dependency layer is rebuilt only when they change.
# (COPY with a glob would flatten subgraphs/*/package.json into one folder.)
COPY --chown=node:node package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY --chown=node:node patches patches/
COPY --chown=node:node platform/package.json platform/
COPY --chown=node:node gateway/package.json gateway/
COPY --chown=node:node stack/package.json stack/
COPY --chown=node:node schema/package.json schema/
COPY --chown=node:node testkit/package.json testkit/
COPY --chown=node:node subgraphs/users/package.json subgraphs/users/
COPY --chown=node:node subgraphs/catalog/package.json subgraphs/catalog/
COPY --chown=node:node subgraphs/shows/package.json subgraphs/shows/
COPY --chown=node:node subgraphs/bookings/package.json subgraphs/bookings/
COPY --chown=node:node subgraphs/payments/package.json subgraphs/payments/
COPY --chown=node:node subgraphs/notifications/package.json subgraphs/notifications/
# Development dependencies are needed at run time too: `pnpm start` runs the
# TypeScript sources through tsx, so NODE_ENV is set only after this step.
RUN pnpm install --frozen-lockfile

COPY --chown=node:node . .

ENV NODE_ENV=production
EXPOSE 4000 4001 4002 4003 4004 4005 4006
CMD ["pnpm", "start"]
