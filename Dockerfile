# Throughline: multi-stage image on Node 20, running as a non-root user.
# Build:  docker build -t throughline .
# Run:    docker run --env-file .env -p 3000:3000 throughline

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only (tsx is one: `npm start` runs TypeScript without a build step).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json tsconfig.json manifest.yml ./
COPY --chown=node:node src ./src
COPY --chown=node:node messages ./messages
COPY --chown=node:node jobs ./jobs
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs, without npm in between: npm does not pass SIGTERM on to its child, and
# node must receive it to stop gracefully (finish running jobs, close Redis) and exit 0.
CMD ["node", "--import", "tsx", "src/main.ts"]
