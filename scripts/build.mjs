#!/usr/bin/env node
// Production build: one esbuild bundle of our TypeScript (src/, adapters/, dialogs/, the generated Prisma clients) into
// dist/, run by `npm start` with plain node. npm packages stay in node_modules (native modules, Prisma's WebAssembly
// and the font are found there at run time), except botbuilder-dialogs: it is bundled so that the
// @microsoft/recognizers-text-* packages it requires at load (≈ 20–30 MB of RSS and their load time) become
// stand-ins that load the real package on first use. Code splitting keeps the channels main.ts imports on demand
// (WeChat, the Official Account) and the chart renderer in their own chunks.
// Runs from `postinstall` (after prisma generate) and `prestart`; `npm run build` by hand. Takes about a second.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The package name of a bare specifier ('@scope/name/sub' → '@scope/name'), or null for a relative/absolute path. */
function packageName(spec) {
  // node: builtins too: esbuild's platform 'node' leaves them external.
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const BUNDLED = new Set(['botbuilder-dialogs']);
const LAZY = /^@microsoft\/recognizers-text(-[a-z-]+)?$/;

// A CommonJS stand-in for a recognizer package. botbuilder-dialogs reads its exports only when a prompt recognises
// (`Recognizers.recognizeDateTime(…)`), except `Culture.*` (locale strings) while its modules load: those come from
// the small base package. `__esModule` keeps TypeScript's __importStar from copying (and so loading) the module.
function lazyModule(pkg) {
  return `
let real;
const load = () => (real ??= require(${JSON.stringify(pkg)}));
module.exports = new Proxy({}, {
  get(_, key) {
    if (key === '__esModule') return true;
    if (key === 'Culture') return require('@microsoft/recognizers-text').Culture;
    return load()[key];
  },
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
`;
}

const externals = {
  name: 'externals-but-botbuilder-dialogs',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const pkg = packageName(args.path);
      if (pkg === null) return undefined;
      const fromDialogs = args.importer.includes(`${path.sep}node_modules${path.sep}botbuilder-dialogs${path.sep}`);
      if (fromDialogs && LAZY.test(args.path) && args.path !== '@microsoft/recognizers-text')
        return { path: args.path, namespace: 'lazy-recognizer' };
      if (BUNDLED.has(pkg)) {
        const r = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { real: true },
        });
        return r.errors.length ? { errors: r.errors } : { path: r.path };
      }
      return { path: args.path, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-recognizer' }, (args) => ({
      contents: lazyModule(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Bundles `entryPoints` ({ outName: 'src/file.ts' }) into `outdir` (inside the repository). Exported for the bench,
 * which measures memory on the same bundle the production start runs.
 */
export async function buildBundle({ entryPoints, outdir }) {
  // Not emptied first: a bot still running from dist/ may yet import one of its chunks (the chart renderer, a channel).
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    plugins: [externals],
    // Bundled CommonJS (botbuilder-dialogs) calls require() for packages left in node_modules.
    banner: {
      js: "import { createRequire as __wuyeCreateRequire } from 'node:module';\nconst require = __wuyeCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `--outdir <dir>` (the smoke test builds into its own folder); it must lie inside the repository, so that
  // node_modules and the repository root are found by walking up from it, as from dist/.
  const at = process.argv.indexOf('--outdir');
  const outdir = path.resolve(root, at > 0 ? process.argv[at + 1] : 'dist');
  const started = performance.now();
  // `--entry name=file.ts` (repeatable) instead of the app's two programs: the bench bundles its memory child.
  const entries = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--entry' ? [a.split('=')] : []));
  const entryPoints = entries.length ? Object.fromEntries(entries) : { main: 'src/main.ts', cli: 'src/cli.ts' };
  await buildBundle({ entryPoints, outdir });
  process.stdout.write(`built ${path.relative(root, outdir)}/ in ${Math.round(performance.now() - started)} ms\n`);
}
