// Chinese phrases of the voice grammar (twins/sim/intents/grammar.ts). Matched against the whole normalised
// utterance: no spaces or punctuation, polite openers (请, 帮我, 麻烦) and closing particles (吧, 一下) dropped.
// Temperatures are written in Arabic digits ("调到24度"). Macros: {room} optional room, {temp}, {mode}.
import type { PhraseTable } from './phrases';

const DE = '的?';
const TURN_ON = '(?:打开|开启|开)';
const TURN_OFF = '(?:关闭|关掉|关上|关)';
const LIGHT = '(?:灯光|灯)';
const AC = '空调';
const CURTAINS = '窗帘';
const WINDOW = '窗户?';
const PURIFIER = '(?:空气)?净化器';
const VACUUM = '(?:扫地机器人|扫地机|扫拖机器人|吸尘器)';
const ALARM = '(?:安防|警报|报警|安保)(?:系统)?';
const CAR = '(?:我的)?(?:车子|汽车|车)';
const Q = '(?:吗|没有|没)';

export const ZH_PHRASES: PhraseTable = {
  spaced: false,
  rewrites: [
    [/^(?:请|帮我|麻烦|给我|你好小车|小度小度)+/, ''],
    [/(?:吧|啊|呀|一下)$/, ''],
  ],
  rooms: { 客厅: 'living_room', 卧室: 'bedroom', 主卧: 'bedroom', 走廊: 'hallway', 过道: 'hallway', 所有: 'all', 全部: 'all', 全屋: 'all', 家里: 'all' },
  modes: { 制冷: 'cool', 冷气: 'cool', 制热: 'heat', 暖气: 'heat', 自动: 'auto', 送风: 'fan_only' },
  intents: {
    'light.on': [`${TURN_ON}{room}${DE}${LIGHT}`, `把{room}${DE}${LIGHT}(?:打开|开开|开)`, `{room}开灯`, `{room}${DE}${LIGHT}(?:打开|开)`],
    'light.off': [`${TURN_OFF}{room}${DE}${LIGHT}`, `把{room}${DE}${LIGHT}(?:关掉|关上|关闭|关了|关)`, `{room}关灯`, `{room}${DE}${LIGHT}(?:关掉|关闭|关)`],
    'ac.on': [`${TURN_ON}{room}${DE}${AC}`, `把{room}${DE}${AC}(?:打开|开开|开)`, `{room}${DE}${AC}(?:打开|开)`],
    'ac.off': [`${TURN_OFF}{room}${DE}${AC}`, `把{room}${DE}${AC}(?:关掉|关上|关闭|关了|关)`, `{room}${DE}${AC}(?:关掉|关闭|关)`],
    'ac.set': [
      `把{room}${DE}(?:${AC}|温度)(?:调|设|设置)(?:到|成|为){temp}度`,
      `{room}${DE}${AC}(?:调到|设到)?{temp}度`,
      `{room}${DE}${AC}(?:调|设|设置)?(?:到|成|为)?{mode}(?:模式)?`,
      `{room}${DE}${AC}{mode}{temp}度`,
      `把{room}${DE}${AC}(?:调|设|设置)(?:到|成|为){mode}{temp}度`,
    ],
    'curtains.open': [`(?:打开|拉开|开){room}${DE}${CURTAINS}`, `把{room}${DE}${CURTAINS}(?:打开|拉开)`, `{room}${DE}${CURTAINS}(?:打开|拉开)`],
    'curtains.close': [`(?:关上|关闭|拉上|合上|关){room}${DE}${CURTAINS}`, `把{room}${DE}${CURTAINS}(?:关上|拉上|合上|关闭|关)`, `{room}${DE}${CURTAINS}(?:关上|拉上|合上)`],
    'window.close': [`(?:关上|关闭|关好|关){room}${DE}${WINDOW}`, `把{room}${DE}${WINDOW}(?:关上|关好|关闭|关了|关)`, `{room}${DE}${WINDOW}(?:关上|关好)`],
    'purifier.on': [`${TURN_ON}${PURIFIER}`, `把${PURIFIER}(?:打开|开开|开)`, `${PURIFIER}(?:打开|开)`, `净化(?:一下)?空气`],
    'vacuum.start': ['扫地', '扫一?扫地', '开始扫地', `${TURN_ON}${VACUUM}`, `让${VACUUM}(?:开始)?(?:扫地|打扫|工作)`, `${VACUUM}(?:开始)?(?:扫地|打扫|工作)`],
    'vacuum.stop': ['(?:停止|别)扫地(?:了)?', `${TURN_OFF}${VACUUM}`, `(?:让)?${VACUUM}(?:停下|停止|停)(?:来)?`, `把${VACUUM}(?:关掉|关上|关闭|关了|关)`],
    'purifier.off': [`${TURN_OFF}${PURIFIER}`, `把${PURIFIER}(?:关掉|关上|关闭|关了|关)`, `${PURIFIER}(?:关掉|关闭|关)`],
    'camera.show': [`(?:打开|查看|看看|看)(?:门口|前门|家里)?${DE}(?:摄像头|监控)`, `门口是谁`, `(?:让我)?看看门口`, `谁在门口`],
    'alarm.arm_away': [`(?:离家|外出)?布防`, `${TURN_ON}${ALARM}`, `把${ALARM}(?:打开|开启)`, `设为离家布防`],
    'alarm.arm_home': [`(?:在家|居家|留守)布防`, `${ALARM}(?:设为|切换到)?(?:在家|居家)模式`, `开启居家${ALARM}`],
    'alarm.disarm': [`撤防`, `(?:关闭|解除|取消)${ALARM}`, `解除布防`, `把${ALARM}(?:关掉|关闭|解除)`],
    'door.lock': [`锁(?:上|好)?(?:前门|大门|家门)`, `锁门`, `把(?:前门|大门|家门)锁(?:上|好)?`],
    'door.unlock': [`(?:打开|解锁|开)(?:前门|大门|家门)`, `把(?:前门|大门|家门)(?:打开|解锁)`, `开门`],
    'car.status.lock': [`${CAR}锁(?:上|好)?了${Q}`, `${CAR}门锁(?:上|好)?了${Q}`, `${CAR}(?:有)?没有锁`, `${CAR}锁没锁`],
    'car.status.windows': [`${CAR}${DE}车?窗(?:户)?关(?:上|好)?了${Q}`, `车窗(?:有)?没有关`, `车窗关没关`],
    'car.status.charging': [`${CAR}(?:还|正)?在充电${Q}`, `${CAR}充(?:上|好)?电了${Q}`, `${CAR}(?:有)?没有在充电`, `${CAR}插(?:上)?电了${Q}`],
    'car.status.range': [`${CAR}?还(?:剩|有)多少电`, `${CAR}?(?:的)?续航(?:还有|还剩)?多少`, `${CAR}?(?:的)?电量(?:还有|还剩)?多少`, `(?:车)?还能(?:跑|开)多远`],
    'car.status.tyres': [`(?:查|看)?(?:一下)?胎压(?:怎么样|正常吗|多少)?`, `${CAR}?(?:的)?轮胎(?:气压)?(?:怎么样|正常吗|多少)`, `${CAR}?(?:的)?胎压(?:怎么样|正常吗|多少)`],
    'car.status.location': [`${CAR}在哪(?:里|儿)?`, `${CAR}停在哪(?:里|儿)?`, `${CAR}现在在哪(?:里|儿)?`],
    'car.status.eta': [`${CAR}?还(?:有|要)?多久(?:到家|到)`, `(?:他|她|你)?什么时候到家`, `${CAR}到哪(?:了|里了|儿了)`],
    'car.lock': [`锁车`, `把${CAR}锁(?:上|好)?`, `锁(?:上|好)?${CAR}(?:门)?`],
    'car.unlock': [`解锁${CAR}`, `把${CAR}(?:门)?(?:打开|解锁)`, `${CAR}解锁`],
    'car.start': [`(?:远程)?启动${CAR}`, `远程启动`, `把${CAR}启动`, `发动${CAR}`],
    'car.precondition': [`(?:给)?${CAR}(?:预热|预冷)`, `(?:提前)?(?:打开|开)${CAR}(?:里|内)?${DE}空调`, `预热${CAR}?`, `预冷${CAR}?`],
    leaving_home: [`我要?(?:去)?上班了?`, `我(?:要)?出门了?`, `我走了`, `我要去公司了?`],
  },
};
