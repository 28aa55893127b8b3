import type { Redis } from 'ioredis';

/** QUIT when connected; otherwise stop reconnecting at once (a QUIT would wait for a connection). */
export async function hangUpRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
