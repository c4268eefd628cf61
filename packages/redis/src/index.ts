export { type RedisJobStore, type RedisJobStoreOptions, redisJobStore } from './redis-job-store';
export {
  type RedisLimitStore,
  type RedisLimitStoreOptions,
  redisLimitStore,
} from './redis-limit-store';
