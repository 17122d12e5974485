# Broadsheet as a container: a standalone Next.js server with its content folder.
#   docker build -t broadsheet .
#   docker run -p 3000:3000 broadsheet
#   docker run -p 3000:3000 -v /srv/newsroom/content:/app/content broadsheet   # live content
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# npm ci applies patches/ (patch-package) to Next.js.
COPY patches ./patches
RUN npm ci
COPY . .
RUN BROADSHEET_OUTPUT=standalone npm run build && node scripts/assemble-standalone.mjs .next

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# Server code, browser assets, public/ and the demo content (in /app/content), nothing else.
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# Articles are read from CONTENT_DIR (default /app/content) and watched: mount a volume there and
# editors' files go live without a new image. The page cache and the content snapshot live in
# /app/.next/cache.
CMD ["node", "server.js"]
