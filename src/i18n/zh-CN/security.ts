// zh-CN texts of the trust boundary: inbound rate limit, staff commands outside registered groups, role ceilings.
export const securityZh = {
  'security.slowDown': '您发送得太快了，请稍等 {seconds} 秒再发（这期间发来的消息不会被处理，请稍后重新发送）。',
  'security.groupNotRegistered':
    '本群尚未登记为员工群，员工命令只能在已登记的员工群或与我的私聊中使用。主管可在本群发送“注册群 客户助理”登记。',
  'security.roleAboveIssuer':
    '不能为{role}生成员工码：员工码只能授予与您（{own}）同级或更低的岗位，请联系{role}或以上岗位办理。',
  'security.otherEstate': '只能处理本小区的事务（您是另一个小区的员工）。',
} as const;
