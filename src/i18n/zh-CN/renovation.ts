// zh-CN texts of the owners' renovation flow (装修许可 延期/停工/复工/退场验收/押金).
export const renovationZh = {
  'renovation.menu':
    '装修服务，请回复数字：\n1 我的装修许可\n2 申请延期\n3 申报停工\n4 申报复工\n5 预约退场验收\n6 押金退还进度',
  'renovation.noOption': '没有这个选项，请回复 1–6 的数字（回复“取消”退出）。',
  'renovation.noSuchNumber': '没有这个序号，请回复列表中的数字（回复“取消”退出）。',
} as const;
