// The layering README promises, checked on every `npm test` (pretest) and in CI:
//   adapters → bot → dialogs/commands/jobs → domain (src/<area>) → db
// Nothing imports upward, the domain knows no channel SDK, Prisma stays under src/db, and there are no cycles.
// src/config.ts is the composition root's env parser (it gathers each adapter's config schema), not domain.
// .dependency-cruiser-known-violations.json lists the violations not removed yet (domain services that still take a
// Prisma client instead of repositories, `db-client-only-in-db`; docs/ARCHITECTURE.md); any new one fails `npm test`.
// Regenerate it after removing some: npx depcruise src adapters dialogs --config .dependency-cruiser.cjs
//   --output-type baseline > .dependency-cruiser-known-violations.json
/* eslint-disable */
const DOMAIN =
  '^src/(complaints|estate|fees|handoff|identity|keys|renovation|reports|sla|notify|nlu|shared|i18n|tickets|privacy|survey|notices|repairs|permits|settings)/';
const CHANNEL_SDK = '^node_modules/(botbuilder[^/]*|wechaty[^/]*|grammy|@grammyjs/[^/]+|botframework-[^/]+)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A folder loop makes every change ripple both ways.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-knows-no-channel',
      comment: 'Business folders never import a channel SDK or an adapter: a new channel must not touch them.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: [CHANNEL_SDK, '^adapters/'] },
    },
    {
      name: 'domain-not-upward',
      comment: 'The domain is called by dialogs, commands and jobs; it never calls them.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: ['^dialogs/', '^src/bot/', '^src/commands/', '^src/http/', '^src/main\\.ts$', '^src/cli\\.ts$'] },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'Repositories know only their own folder, the generated client and shared helpers.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^(src|dialogs|adapters)/', pathNot: '^src/(db|generated|shared)/' },
    },
    {
      name: 'prisma-only-under-db',
      comment: 'Prisma is used only under src/db (README, "How we write code").',
      severity: 'error',
      from: { pathNot: '^(src/db/|src/generated/|test/|bench/|scripts/|prisma\\.config\\.ts)' },
      to: { path: ['^node_modules/(@prisma|prisma)/', '^src/generated/'] },
    },
    {
      name: 'db-client-only-in-db',
      comment:
        'Repositories are injected objects behind interfaces (src/db/repositories.ts), built by the composition roots: ' +
        'nothing else imports the Prisma client (src/db/client.ts) or the generated client and its types.',
      severity: 'error',
      from: { path: '^(src|dialogs|adapters)/', pathNot: '^(src/db/|src/generated/|src/main\\.ts$|src/cli\\.ts$)' },
      to: { path: ['^src/db/client\\.ts$', '^src/generated/'] },
    },
    {
      name: 'row-types-are-plain',
      comment:
        'The plain types the layers above src/db see (src/db/rows.ts) are written out field by field, never derived ' +
        'from the generated client: the file imports neither it, nor src/db/client.ts, nor a repository (only the ' +
        'schema enums of src/db/enums.ts). prisma-repositories.ts holds them to the schema at compile time.',
      severity: 'error',
      from: { path: '^src/db/rows\\.ts$' },
      to: {
        path: ['^src/generated/', '^node_modules/(@prisma|prisma)/', '^src/db/'],
        pathNot: '^src/db/enums\\.ts$',
      },
    },
    {
      name: 'dialogs-know-no-adapter',
      comment: 'One dialog engine behind every channel: dialogs and commands never import an adapter.',
      severity: 'error',
      from: { path: ['^dialogs/', '^src/commands/', '^src/bot/'] },
      to: { path: '^adapters/' },
    },
  ],
  options: {
    // Edges into node_modules and the generated Prisma client are checked, their insides are not walked.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
