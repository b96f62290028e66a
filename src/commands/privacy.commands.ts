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
      summary: '申请查阅（导出）或删除物业保存的您的个人信息',
      summaryKey: 'command.summary.myData',
      usage: '我的数据',
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
