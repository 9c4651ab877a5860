# syntax=docker/dockerfile:1
# Noom's rendezvous server with the web app it serves at /.
# docs/self-hosting.md ("Docker and Docker Compose") has more.
#   docker build -t noom-server .
#   docker run --rm -p 3000:3000 -e NOOM_SECRET="$(openssl rand -hex 32)" noom-server
# Settings are NOOM_* environment variables; see --help. Prefer NOOM_PORT to --port: the
# HEALTHCHECK below reads it.
#   docker run --rm noom-server node bin/noom-server.js --help

# Node 22 LTS: Node 20 reached its end of life in April 2026. Any Node >= 20.19 builds and runs Noom.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: the web app (electron-vite) and the server (tsc), with every dev dependency ---------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Neither the Electron binary nor Playwright's browsers are needed to build the web app and server.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

# --- runtime: production dependencies, the built server and web app, nothing else ----------------
FROM ${NODE_IMAGE} AS runtime
# Listen on every interface of the container; the port stays 3000 unless NOOM_PORT (or a
# platform's PORT) says otherwise.
ENV NODE_ENV=production \
    NOOM_HOST=0.0.0.0 \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY bin ./bin
COPY --from=build /app/out/server ./out/server
COPY --from=build /app/out/renderer ./out/renderer
# Everything above belongs to root and is read-only to the server, which runs as the image's
# unprivileged `node` user (uid 1000) and writes nothing.
USER node
EXPOSE 3000
# Liveness only (/healthz). A load balancer should route by /readyz, which turns 503 while draining.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.NOOM_PORT || process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) drains: members are told and reconnect, and the process exits within 5 s.
STOPSIGNAL SIGTERM
CMD ["node", "bin/noom-server.js"]
