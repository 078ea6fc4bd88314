# syntax=docker/dockerfile:1
# Both stages on Debian bookworm so the native module (better-sqlite3) is built against the same libc.

FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY test ./test
# npm ci runs `prepare`, which compiles TypeScript into dist/.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
# Noto fonts so that label sheets print Chinese, Arabic and Thai names (pdfkit embeds them).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-core fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
RUN groupadd --system terroir && useradd --system --gid terroir --home /app terroir \
  && mkdir -p /data && chown terroir:terroir /data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY views ./views
COPY public ./public
COPY locales ./locales
USER terroir
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same V8 limits as `npm start`: a small young generation and a capped heap keep RSS low.
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=512", "dist/src/server.js"]
