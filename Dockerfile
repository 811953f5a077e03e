# Paperasse: the HTTP service on Node 20, compiled JavaScript and production dependencies only, run as a non-root user.
FROM node:20.20-bookworm-slim AS construction
WORKDIR /app
# better-sqlite3 (the upload store) downloads a prebuilt binary, or compiles when none can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json vite.config.ts ./
COPY src ./src
COPY server ./server
COPY templates ./templates
COPY schemas ./schemas
# npm ci runs `prepare`, which compiles the sources into dist/; the compiler then leaves with the dev dependencies.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=construction /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY src ./src
COPY server ./server
COPY schemas ./schemas
COPY templates ./templates
COPY samples ./samples
COPY --from=construction /app/dist ./dist
USER node
# The service's SQLite database and files: a folder the non-root user can write (mount a volume here to keep them).
ENV PAPERASSE_DATA_DIR=/home/node/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/sante').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "src/cli/paperasse.mjs"]
CMD ["serve"]
