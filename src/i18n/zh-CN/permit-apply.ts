// zh-CN texts of the owners' 装修申报 by chat and of staff review (待审批 / 批准 N 押金 2000 / 驳回 N 原因), with the
// approval ladder's reminders. Limits and the rules text are our defaults, per estate (Estate.settings.renovation).
export const permitApplyZh = {
  'permitApply.noUnit': '您名下没有可以申报装修的房屋（须为业主本人申报）。如有疑问请联系物业前台 {deskPhone}。',
  'permitApply.askContractor':
    '好的，为您办理装修申报（{unit}），共 6 步，随时回复“取消”退出。\n第 1 步：请告诉我施工单位（装修公司或施工队）的名称。',
  'permitApply.badContractor': '施工单位名称请用 2–40 个字。',
  'permitApply.askPhone': '第 2 步：请提供施工负责人的手机号（11 位）。',
  'permitApply.badPhone': '手机号应为 1 开头的 11 位数字，请重新输入。',
  'permitApply.askScope': '第 3 步：请说明施工项目，例如“厨卫改造、铺地板、墙面刷漆”。',
  'permitApply.badScope': '施工项目请用 2–200 个字说明。',
  'permitApply.askStart': '第 4 步：计划哪天开工？例如“12月10日”或“2026-12-10”（最早 {earliest}）。',
  'permitApply.badDate': '没看懂这个日期，请说例如“12月10日”或“2026-12-10”。',
  'permitApply.tooEarly': '开工日期最早为 {earliest}（物业需要时间审批）。',
  'permitApply.askEnd': '第 5 步：计划哪天完工？（开工 {start}，装修期最长 {maxDays} 天）',
  'permitApply.endBeforeStart': '完工日期不能早于开工日期 {start}。',
  'permitApply.tooLong': '装修期最长 {maxDays} 天（最晚 {latest} 完工），请重新选择完工日期。',
  'permitApply.askDrawings': '第 6 步：请发送施工图纸的照片（可以多张），发完回复“好了”；没有图纸回复“没有”。',
  'permitApply.photoReceived': '已收到 {count} 张图纸，可以继续发送，发完回复“好了”。',
  'permitApply.photoUnsupported': '暂不支持这种文件（{type}），请发送图纸的照片。',
  'permitApply.photoRetry': '请发送图纸照片，发完回复“好了”；没有图纸回复“没有”。',
  'permitApply.summary':
    '请核对装修申报：\n房屋：{unit}\n施工单位：{contractor}（{phone}）\n施工项目：{scope}\n施工期：{start} 至 {end}\n图纸：{drawings} 张\n确认提交请回复“确认”；需要修改请回复“取消”后重新申报。',
  'permitApply.confirmRetry': '请回复“确认”提交，或回复“取消”放弃本次申报。',
  'permitApply.submitted':
    '已提交装修申报，编号 #{seq}（许可号 {number}，待审批）。物业将在 {days} 个工作日内审批（本小区时限），结果会发消息通知您。',
  'permitApply.duplicate': '{unit} 已有装修许可 {number}（{status}），不能重复申报。延期等请回复“装修”。',
  'permitApply.rules':
    '1. 施工时间：工作日 8:00–12:00、14:00–18:00，周末及法定节假日不得进行噪音施工。\n2. 不得拆改承重墙和梁柱，不得改变外立面，不得擅自封闭阳台或改动燃气管道。\n3. 装修垃圾须袋装并运至指定地点，不得堆放在楼道等公共区域。\n4. 施工人员凭出入证进出小区。\n（以上为本系统默认规定，以本小区物业公布的规定为准。）',
  'permitApply.staff.new':
    '【装修申报】#{seq} {unit} 业主 {owner}（{ownerPhone}）\n施工单位：{contractor}（{foremanPhone}）\n施工项目：{scope}\n施工期：{start} 至 {end}｜图纸 {drawings} 张\n回复“批准 {seq} 押金 {deposit}”或“驳回 {seq} 原因”。',
  'permitApply.staff.line':
    '#{seq} 装修申报｜{unit} 业主 {owner}（{ownerPhone}）｜{scope}｜{start} 至 {end}｜施工方 {contractor}｜图纸 {drawings} 张',
  'permitApply.staff.approved': '已批准 #{seq} 装修申报（{unit}，许可 {number}，押金 {deposit} 元），已通知业主。',
  'permitApply.staff.badDeposit': '押金金额请写整数元，例如：批准 12 押金 2000',
  'permitApply.owner.approved':
    '您的装修申报 #{seq} 已批准：装修许可 {number}，施工期 {start} 至 {end}，押金 {deposit} 元（请到物业前台缴纳，退场验收合格后退还）。\n装修管理规定：\n{rules}',
  'permitApply.owner.rejected':
    '您的装修申报 #{seq} 未获批准，原因：{reason}。修改后可回复“装修申报”重新提交，或联系物业前台。',
  'permitApply.sla.step': '【审批时限】装修申请 #{seq}（{kind}，许可 {number}）{step}：时限 {due}。{ask}',
  'permitApply.sla.ask.ack_warn': '请尽快审批。',
  'permitApply.sla.ask.ack_breach': '请主管督办。',
  'permitApply.sla.ask.ack_2x': '请经理关注。',
} as const;
