// 我的数据: an owner asks for a copy or erasure of their personal data (PIPL); staff are told and act from the CLI.
import type { PersonDataService } from '../privacy/person-data.service.js';
import type { Command } from './command.js';

export interface PrivacyCommandDeps {
  personData: PersonDataService;
}

export function privacyCommands({ personData }: PrivacyCommandDeps): Command[] {
  return [
    {
      name: '我的数据',
      aliases: ['mydata'],
      roles: [],
      summaryKey: 'command.summary.myData',
      usageKey: 'command.usage.mydata',
      async run(ctx) {
        const s = ctx.sender;
        return personData.requestFromChat(
          {
            identityId: s.identityId,
            personId: s.personId!,
            estateId: s.estate.id,
            name: s.name,
            units: s.units.map((u) => u.label),
          },
          s.locale,
        );
      },
    },
  ];
}
