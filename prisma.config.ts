// Prisma CLI configuration. The CLI runs on its bundled WebAssembly engines through a driver adapter, so nothing is
// downloaded (see README "Database"). The provider folder follows PRISMA_PROVIDER, else DATABASE_URL.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const url = process.env.DATABASE_URL ?? 'file:./data/wuye.db';
const provider = process.env.PRISMA_PROVIDER ?? (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite');

export default defineConfig({
  schema: path.join('prisma', provider),
  migrations: { path: path.join('prisma', provider, 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () =>
    provider === 'postgresql'
      ? new PrismaPg({ connectionString: url })
      : new PrismaBetterSQLite3({ url: url.startsWith('file:') ? url : 'file::memory:' }),
});
