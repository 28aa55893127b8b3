# syntax=docker/dockerfile:1
# rfc-panel as a GitHub App server: `docker build -t rfc-panel .`, then
#   docker run -p 3000:3000 -e APP_ID=… -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=… rfc-panel
# Debian slim rather than Alpine: glibc for the optional native add-ons of runtime dependencies
# (the PostgreSQL parser is WebAssembly and runs on either).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: compile TypeScript to dist/ (dev dependencies stay in this stage) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (tsc) would run before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json

# --- runtime: production dependencies, compiled code, built-in reviewers; runs as `node` ---
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node, so `docker stop` stops the app instead of timing out.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
# HOST=0.0.0.0: Probot listens on localhost by default, unreachable from outside the container.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY reviewers ./reviewers
COPY app.yml ./
# The code and dependencies stay owned by root: the app cannot rewrite itself.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs (probot run ./dist/src/index.js), without npm in between.
CMD ["node", "node_modules/probot/bin/probot.js", "run", "./dist/src/index.js"]
