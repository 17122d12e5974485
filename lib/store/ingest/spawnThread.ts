// The helper serves the render threads too, which may not import the store's engine: it lives in lib/server.
export { fromSources, spawnFromSources } from '@/lib/server/spawnThread';
