import { configFromEnv } from './config';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = configFromEnv();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const where = `http://localhost:${config.port}`;
  config.log(`kefu: event store ${config.eventStore.kind}, read store ${config.readStore.kind}${config.redisUrl ? ', redis' : ''}`);
  config.log(`kefu: ready on ${where} — admin ${where}/admin/ · agent ${where}/agent/ · demo ${where}/demo`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
