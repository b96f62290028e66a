// The rule layer over the model for 特发事件. Recall comes first: a danger word in a message without a cue files at
// once, whatever the model says. Cues say the danger is not happening now or not to this person — negation
// ("不紧急"), the past ("上周", "之前"), a suggestion ("建议装个摄像头"), a hypothetical ("万一着火怎么办"); with a cue
// the model decides, and when it still leans to emergency the owner is asked one yes/no question with the phone shown.
import { normalize } from './features.js';
import type { EmergencyKind } from './labels.js';

const DANGER: Array<[EmergencyKind, RegExp]> = [
  [
    'lift',
    /困在电梯|困电梯|电梯困人|电梯里?困|被困电梯|电梯关人|电梯.{0,6}(出不去|出不来)|电梯.{0,8}困了|被困在?里面|梯.{0,2}困人|电梯.{0,10}卡在.{0,6}(中间|两层|半空)|电梯.{0,12}门打不开|困了.{0,2}(个|两|几)?人|电梯.{0,6}(掉了|往下掉)|电梯里出不来|出不来.{0,4}电梯|关在电梯|卡在电梯|电梯.{0,6}(困住|卡住了?人|关住|有人出不来|下坠|掉下去|坠落)|stuck in (the |a )?(lift|elevator)|trapped in (the |a )?(lift|elevator)|(lift|elevator).{0,20}(stuck|trapped)|(lift|elevator).{0,40}(people|someone|somebody|kids?|children) inside/,
  ],
  [
    'gas',
    /煤气味|燃气味|天然气味|液化气味|煤气泄|燃气泄|天然气泄|漏气|漏.{0,2}(煤气|燃气|天然气)|(煤气|燃气|天然气)的(味|气味)|(煤气|燃气|天然气).{0,6}(嘶嘶|在漏)|闻到.{0,4}(煤气|燃气|天然气)|gas leak|smell(s|ing)? (like |of )?gas|gas smell|leaking gas/,
  ],
  [
    'fire',
    /(?<!打不|点不|打不了|点不了)着火|起火|全是烟(?!头|味|蒂|灰)|自燃|失火|火灾|火情|冒.{0,2}烟|浓烟|烧起来|火苗|烧着了|明火|大火|火光|冒火|烟雾报警|烟好大|烟很大|\bon fire\b|\bfire\b(?! (door|exit|escape|extinguisher|lane|hydrant|drill|alarm test))|smoke (is )?(coming|everywhere|pouring|in the|in my|from|filling)|full of smoke|smell(s|ing)? (of )?(smoke|burning)|thick smoke|burning|flames?/,
  ],
  [
    'water',
    /(水管|管子|管道)(突然)?(爆|裂|破)|爆管|水漫|淹了|被淹|淹水|跑水|喷水(?!池)|水哗哗|发大水|水柱|burst (water )?pipe|pipe (has )?burst|flood(ing|ed)?|water (is )?(pouring|gushing|everywhere)/,
  ],
  [
    'security',
    /砸车|砸窗|砸门|砸.{0,4}(窗户|车窗|家门)|撬门|撬锁|撬窗|撬车|撬.{0,8}门|跟在我后面|一直跟着我|(trying|tried) to (open|get into|break into) (my|the|our) (door|flat|apartment|car)|动手了|入室|小偷|有贼|进贼|在偷(?!偷)|偷(了|走)?(车|电动车|电瓶|自行车|摩托|东西|钱|手机|包)|抢劫|抢东西|打架|打起来|斗殴|跟着我进|跟踪我|持刀|拿刀|拿着刀|砍人|打人|闯进|闯入|翻墙进|翻进|尾随|break(ing)?[ -]in|burglar|thie(f|ves)|robbery|robbing|stealing|(?<!(cats?|dogs?) )fighting|a fight|knife|(someone|somebody|a man|a guy|people) (is |are )?(breaking|smashing)|smashing .{0,20}windows?/,
  ],
  [
    'medical',
    /(摔|掉|倒).{0,12}不动了|(fell|collapsed).{0,20}(not moving|won'?t wake|unresponsive)|晕倒|昏倒|昏迷|不省人事|晕过去|倒在地|倒地不起|摔倒.{0,6}起不来|心脏病|心梗|中风|抽搐|大出血|流血|血流不止|摔伤|没有?呼吸|喘不上气|坠楼|跳楼|人掉下去|人.{0,4}掉下来|溺水|落水|触电|孩子.{0,6}(爬|站).{0,4}(窗|阳台)|collapsed|unconscious|not breathing|heart attack|stroke|bleeding|fell and can'?t get up|electric shock/,
  ],
];

/** Calls for help that name no kind: still a danger word (the dialog asks what happened). */
// "help!!" is a cry; "help" alone is the 帮助 command word and "help me with my fees" a request.
const CALL_FOR_HELP =
  /救命|快来人|来人啊|出事了|出大事|\bhelp\b.{0,12}\bhurry\b|紧急情况|十万火急|有危险|\bhelp\s*!|\bhelp\s*,?\s*come|\bhelp (me|us)\s*($|!|please|now|quick)|somebody help|someone help|\bsos\b|emergency|urgent help/;

export type EmergencyCue = 'negated' | 'past' | 'suggestion' | 'hypothetical';

const CUES: Array<[EmergencyCue, RegExp]> = [
  [
    'negated',
    /不紧急|不着急|不用急|不急|不是(很|太)?紧急|不算紧急|并不紧急|没那么急|没有?(着火|起火|冒烟|漏气|危险)|不危险|已经没事|没事了|误报|not urgent|no rush|not an emergency|nothing urgent|no emergency|false alarm/,
  ],
  [
    'past',
    /上周|上个?星期|上个?月|上次|上回|之前|以前|前几天|前阵子|前段时间|去年|曾经|那次|当时|昨天|前天|已经(修好|处理|解决|灭了|好了|恢复)|早就|last (week|month|time|year)|yesterday|a while ago|used to|previously|earlier this (week|month)/,
  ],
  [
    'suggestion',
    /建议|能不能|可不可以|可否|能否|提个?(意见|建议)|要是能|最好(能|可以)?(装|加|安排|多)|装个|加装|多装|增设|suggest|could you (please )?(install|add|put)|should (install|add|put)|would be (good|nice)|please consider/,
  ],
  [
    'hypothetical',
    /如果|万一|假如|要是.{0,8}(怎么办|咋办)|要是.{0,10}应该|(发生|遇到).{0,6}的时候|演习|演练|消防检查|灭火器|逃生|应急预案|what if|in case of|\bdrill\b|what should i do if|extinguisher|fire (door|exit|escape|lane)/,
  ],
];

export interface EmergencyRuleHit {
  /** A danger word or a call for help was found. */
  danger: boolean;
  /** The kind the danger word names, or null when none is named ("救命"). */
  kind: EmergencyKind | null;
  /** The first cue found, or null. */
  cue: EmergencyCue | null;
}

export function emergencyRules(text: string): EmergencyRuleHit {
  const s = normalize(text);
  const kind = DANGER.find(([, re]) => re.test(s))?.[0] ?? null;
  const cue = CUES.find(([, re]) => re.test(s))?.[0] ?? null;
  return { danger: kind !== null || CALL_FOR_HELP.test(s), kind, cue };
}
