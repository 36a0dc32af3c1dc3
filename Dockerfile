# Loket engine with the built web clients. Redis runs beside it (docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY engine/package.json engine/
COPY displays/package.json displays/
COPY counter-client/package.json counter-client/
COPY loadtest/package.json loadtest/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/engine/package.json engine/
COPY --from=build /app/displays/package.json displays/
COPY --from=build /app/counter-client/package.json counter-client/
COPY --from=build /app/loadtest/package.json loadtest/
RUN npm ci --omit=dev --no-audit --no-fund -w engine
COPY --from=build /app/engine/dist engine/dist
COPY --from=build /app/displays/dist displays/dist
COPY --from=build /app/counter-client/dist counter-client/dist
COPY --from=build /app/sites sites
EXPOSE 3000
USER node
CMD ["node", "engine/dist/main.js"]
