# One image for the web app and the worker; docker-compose.yml picks the command.
# Built in one stage with every dependency, run in another with production dependencies
# only, as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NODE_ENV=production npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --chown=node:node . .
RUN rm -rf tests && mkdir -p data && chown -R node:node data .next dist
USER node
EXPOSE 3000
CMD ["npm", "start"]
