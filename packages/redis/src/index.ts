export { type RedisJobStore, type RedisJobStoreOptions, redisJobStore } from './redis-job-store';
