import { describe, expect, it } from 'vitest';
import { INTENT_NAMES, matchingIntents, parseUtterance, type IntentName, type Slots } from './grammar';

type Row = [utterance: string, slots?: Slots];

/** At least three phrasings per intent per language, with the slots each must yield. */
const TABLE: Record<IntentName, { en: Row[]; zh: Row[] }> = {
  'light.on': {
    en: [['Turn on the living room light', { room: 'living_room' }], ['Switch on all the lights', { room: 'all' }], ['Lights on in the bedroom', { room: 'bedroom' }], ['hallway lights on', { room: 'hallway' }], ['Turn the lights on', {}]],
    zh: [['打开客厅灯', { room: 'living_room' }], ['把卧室的灯打开', { room: 'bedroom' }], ['开灯', {}], ['请打开所有灯', { room: 'all' }]],
  },
  'light.off': {
    en: [['Turn off the living room lights', { room: 'living_room' }], ['Lights off', {}], ['switch off all lights', { room: 'all' }], ['Turn the hallway light off.', { room: 'hallway' }]],
    zh: [['关灯', {}], ['关掉客厅的灯', { room: 'living_room' }], ['把所有灯关了', { room: 'all' }], ['走廊关灯', { room: 'hallway' }]],
  },
  'ac.on': {
    en: [['Turn on all AC', { room: 'all' }], ['Switch on the bedroom air conditioner', { room: 'bedroom' }], ['Start the air con', {}]],
    zh: [['打开空调', {}], ['把卧室的空调打开', { room: 'bedroom' }], ['开启所有空调', { room: 'all' }]],
  },
  'ac.off': {
    en: [['Turn off the AC', {}], ['switch off the living room air conditioning', { room: 'living_room' }], ['Bedroom AC off', { room: 'bedroom' }]],
    zh: [['关空调', {}], ['把客厅空调关掉', { room: 'living_room' }], ['关闭所有空调', { room: 'all' }]],
  },
  'ac.set': {
    en: [
      ['Set the living room AC to 22 degrees', { room: 'living_room', temperature: 22 }], ['Set the temperature to 24', { temperature: 24 }],
      ['Set the bedroom AC to 20 degrees in heat mode', { room: 'bedroom', temperature: 20, mode: 'heat' }], ['Cool the living room to 23 degrees', { room: 'living_room', temperature: 23, mode: 'cool' }],
      ['set the AC to cooling mode', { mode: 'cool' }],
    ],
    zh: [
      ['把客厅空调调到24度', { room: 'living_room', temperature: 24 }], ['空调26度', { temperature: 26 }], ['卧室空调制热22度', { room: 'bedroom', mode: 'heat', temperature: 22 }],
      ['空调调成制冷模式', { mode: 'cool' }],
    ],
  },
  'curtains.open': {
    en: [['Open the curtains', {}], ['open the living room curtains', { room: 'living_room' }], ['Draw back the curtains', {}]],
    zh: [['打开窗帘', {}], ['拉开客厅的窗帘', { room: 'living_room' }], ['把窗帘打开', {}]],
  },
  'curtains.close': {
    en: [['Close the curtains', {}], ['Shut the living room blinds', { room: 'living_room' }], ['Draw the curtains', {}]],
    zh: [['关窗帘', {}], ['拉上窗帘', {}], ['把客厅的窗帘合上', { room: 'living_room' }]],
  },
  'window.close': {
    en: [['Close the windows', {}], ['shut the living room window', { room: 'living_room' }], ['Close all the windows', { room: 'all' }]],
    zh: [['关窗', {}], ['把客厅的窗户关上', { room: 'living_room' }], ['关上所有窗户', { room: 'all' }]],
  },
  'purifier.on': {
    en: [['Turn on the air purifier', {}], ['Start the purifier', {}], ['purifier on', {}]],
    zh: [['打开空气净化器', {}], ['把净化器打开', {}], ['开净化器', {}]],
  },
  'purifier.off': {
    en: [['Turn off the air purifier', {}], ['Stop the purifier', {}], ['purifier off', {}]],
    zh: [['关闭空气净化器', {}], ['把净化器关掉', {}], ['净化器关掉', {}]],
  },
  'vacuum.start': {
    en: [['Start the vacuum', {}], ['Start the robot vacuum', {}], ['Vacuum the floors', {}], ['Clean the floor please', {}]],
    zh: [['扫地', {}], ['开始扫地', {}], ['让扫地机器人扫地', {}], ['打开扫地机', {}]],
  },
  'vacuum.stop': {
    en: [['Stop the vacuum', {}], ['Stop the robot vacuum cleaner', {}], ['stop vacuuming', {}]],
    zh: [['停止扫地', {}], ['别扫地了', {}], ['让扫地机器人停下来', {}], ['关掉扫地机', {}]],
  },
  'camera.show': {
    en: [['Show me the front door camera', {}], ['Open the camera', {}], ["Who's at the door?", {}]],
    zh: [['打开门口摄像头', {}], ['查看监控', {}], ['门口是谁', {}]],
  },
  'alarm.arm_away': {
    en: [['Arm security', {}], ['Arm the alarm in away mode', {}], ['Turn on the security system', {}]],
    zh: [['布防', {}], ['离家布防', {}], ['打开安防系统', {}]],
  },
  'alarm.arm_home': {
    en: [['Arm home', {}], ['Arm the alarm in home mode', {}], ['Set the alarm to home', {}]],
    zh: [['在家布防', {}], ['居家布防', {}], ['安防切换到在家模式', {}]],
  },
  'alarm.disarm': {
    en: [['Disarm the alarm', {}], ['Disarm', {}], ['Turn off the security system', {}]],
    zh: [['撤防', {}], ['解除安防', {}], ['解除布防', {}]],
  },
  'door.lock': {
    en: [['Lock the front door', {}], ['Lock the door', {}], ['Lock up the house', {}]],
    zh: [['锁上前门', {}], ['锁门', {}], ['把大门锁好', {}]],
  },
  'door.unlock': {
    en: [['Unlock the front door', {}], ['unlock the door', {}], ['Open the front door', {}]],
    zh: [['解锁前门', {}], ['把前门打开', {}], ['开门', {}]],
  },
  'car.status.lock': {
    en: [['Is my car locked?', {}], ['Did I lock the car?', {}], ['Are my car doors locked?', {}]],
    zh: [['车锁了吗', {}], ['我的车锁好了吗？', {}], ['车门锁了没有', {}]],
  },
  'car.status.windows': {
    en: [['Are my car windows closed?', {}], ['Did I close the car windows?', {}], ['Are the windows of my car shut?', {}]],
    zh: [['车窗关了吗', {}], ['车窗关没关', {}], ['我的车的车窗关好了吗', {}]],
  },
  'car.status.charging': {
    en: [['Is my car charging?', {}], ['Is the car still charging', {}], ['Is my car plugged in?', {}]],
    zh: [['车在充电吗', {}], ['我的车还在充电吗', {}], ['车充上电了吗', {}]],
  },
  'car.status.range': {
    en: [['How much range is left?', {}], ["What's my range?", {}], ['How far can my car go?', {}], ['How much battery is left', {}]],
    zh: [['还剩多少电', {}], ['续航还有多少', {}], ['车的电量还有多少', {}]],
  },
  'car.status.tyres': {
    en: [["What's the tyre pressure of my car?", {}], ['What is the tire pressure?', {}], ['Check my tyres', {}]],
    zh: [['胎压怎么样', {}], ['查一下胎压', {}], ['车的轮胎气压正常吗', {}]],
  },
  'car.status.location': {
    en: [['Where is my car?', {}], ['Where did I park?', {}], ['Find my car', {}]],
    zh: [['车在哪', {}], ['我的车在哪里', {}], ['车停在哪儿', {}]],
  },
  'car.status.eta': {
    en: [["What's the ETA of my car?", {}], ['When will my car be home?', {}], ['How far away is the car?', {}]],
    zh: [['还有多久到家', {}], ['什么时候到家', {}], ['车到哪了', {}]],
  },
  'car.lock': {
    en: [['Lock my car', {}], ['Lock the car doors', {}], ['Lock up the car', {}]],
    zh: [['锁车', {}], ['把车锁上', {}], ['锁上车门', {}]],
  },
  'car.unlock': {
    en: [['Unlock my car', {}], ['Unlock the car doors', {}], ['open my car', {}]],
    zh: [['解锁汽车', {}], ['把车门打开', {}], ['车解锁', {}]],
  },
  'car.start': {
    en: [['Start the car', {}], ['Remote start', {}], ['Start my car engine', {}]],
    zh: [['启动汽车', {}], ['远程启动', {}], ['把车启动', {}]],
  },
  'car.precondition': {
    en: [['Precondition the car', {}], ['Warm up my car', {}], ['Get the car ready', {}]],
    zh: [['给车预热', {}], ['预冷', {}], ['提前打开车里的空调', {}]],
  },
  leaving_home: {
    en: [["I'm going to work", {}], ['I am leaving for work', {}], ['Heading out', {}]],
    zh: [['我要上班了', {}], ['我出门了', {}], ['我去上班', {}]],
  },
};

const rows = Object.entries(TABLE).flatMap(([intent, byLanguage]) =>
  (['en', 'zh'] as const).flatMap((language) => byLanguage[language].map(([utterance, slots]) => [intent, language, utterance, slots ?? {}] as const)));

describe('the voice intent grammar', () => {
  it('has at least three phrasings per intent per language in this table', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...INTENT_NAMES].sort());
    for (const byLanguage of Object.values(TABLE)) {
      expect(byLanguage.en.length).toBeGreaterThanOrEqual(3);
      expect(byLanguage.zh.length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(rows)('%s (%s): "%s"', (intent, language, utterance, slots) => {
    expect(parseUtterance(utterance)).toMatchObject({ intent, language, slots });
    // Exactly one intent covers it: the grammar is not ambiguous, whatever the order of the tables.
    expect(matchingIntents(utterance)).toEqual([intent]);
  });

  it.each([
    'turn on the living room window', 'open the window', 'open the living room window', '打开窗户', '开窗',
    'turn on the living room', 'set the AC to 99 degrees', '空调调到5度', 'unlock everything', 'tell me a joke', '',
    'disarm the car', 'lights', '打开', 'is my house locked', 'start the curtains', '把灯调到24度', 'x'.repeat(500),
  ])('does not understand "%s" (no guess)', (utterance) => {
    expect(parseUtterance(utterance)).toBeUndefined();
  });

  it('does not mis-route near-misses: a window is never a light, curtains never a window, arm never disarm', () => {
    expect(parseUtterance('close the living room window')?.intent).toBe('window.close');
    expect(parseUtterance('close the living room curtains')?.intent).toBe('curtains.close');
    expect(parseUtterance('关窗帘')?.intent).toBe('curtains.close');
    expect(parseUtterance('关窗')?.intent).toBe('window.close');
    expect(parseUtterance('disarm security')?.intent).toBe('alarm.disarm');
    expect(parseUtterance('arm security')?.intent).toBe('alarm.arm_away');
    expect(parseUtterance('lock the car')?.intent).toBe('car.lock');
    expect(parseUtterance('lock the door')?.intent).toBe('door.lock');
    expect(parseUtterance('锁车门')?.intent).toBe('car.lock');
    expect(parseUtterance('锁门')?.intent).toBe('door.lock');
  });

  it('refuses hostile input without throwing', () => {
    for (const input of [null, undefined, 42, {}, '\u0000\u202e', '(?<room>.*)', '.*'] as unknown[]) {
      expect(() => parseUtterance(input as string)).not.toThrow();
      expect(parseUtterance(input as string)).toBeUndefined();
    }
  });
});
