import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Opens the replica's Redis connections. They share one up/down flag, so an outage is logged once
 * (not on every reconnect attempt of every connection) until a connection is ready again.
 */
export function createRedisConnector(
  url: string,
  redisOptions: RedisOptions | undefined,
  log: Logger,
): (role: string, maxRetriesPerRequest: number | null) => Redis {
  let down = false;
  return (role, maxRetriesPerRequest) => {
    // disconnectTimeout: ioredis otherwise keeps a never-connected socket's 2 s timer after close.
    const redis = new Redis(url, { maxRetriesPerRequest, disconnectTimeout: 500, ...redisOptions });
    redis.on('error', (error: Error) => {
      if (!down) log.warn({ err: error, role }, 'redis connection error');
      down = true;
    });
    redis.on('ready', () => (down = false));
    return redis;
  };
}
