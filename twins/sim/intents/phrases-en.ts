// English phrases of the voice grammar (twins/sim/intents/grammar.ts). Each template is a regular expression
// matched against the whole normalised utterance: lower case, no punctuation, "please" and "can you" dropped,
// "tire" spelled "tyre", "what is" as "what's". Macros: {the} optional article, {room} optional room, {temp}, {mode}.
import type { PhraseTable } from './phrases';

const LIGHTS = '(?:lights?|lamps?)';
const AC = '(?:ac|a c|air ?con|air conditioning|air conditioner|aircon)';
const CURTAINS = '(?:curtains?|blinds|drapes)';
const WINDOWS = 'windows?';
const PURIFIER = '(?:air )?purifier';
const VACUUM = '(?:robot )?(?:vacuum|hoover)(?: cleaner)?|robot';
const ALARM = '(?:home |house )?(?:alarm|security|security system|alarm system)';
const CAR = '(?:my|the) car';

export const EN_PHRASES: PhraseTable = {
  spaced: true,
  rewrites: [
    [/^(?:hey car |ok car |hey speaker )/, ''],
    [/^(?:please |can you |could you |would you )+/, ''],
    [/ please$/, ''],
    [/\btires\b/g, 'tyres'], [/\btire\b/g, 'tyre'],
    [/\bwhat is\b/g, "what's"], [/\bwhere is\b/g, "where's"], [/\bi am\b/g, "i'm"], [/\bwhats\b/g, "what's"],
    [/\bair-con\b/g, 'aircon'],
  ],
  rooms: {
    'living room': 'living_room', lounge: 'living_room', 'sitting room': 'living_room',
    bedroom: 'bedroom', hallway: 'hallway', hall: 'hallway',
    all: 'all', 'all the': 'all', 'all of the': 'all', every: 'all',
  },
  modes: { cool: 'cool', cooling: 'cool', heat: 'heat', heating: 'heat', auto: 'auto', automatic: 'auto', fan: 'fan_only' },
  intents: {
    'light.on': [
      `turn on {the}{room}${LIGHTS}`, `switch on {the}{room}${LIGHTS}`, `turn {the}{room}${LIGHTS} on`,
      `{room}${LIGHTS} on`, `${LIGHTS} on in {the}{room}`, `turn on {the}${LIGHTS} in {the}{room}`,
    ],
    'light.off': [
      `turn off {the}{room}${LIGHTS}`, `switch off {the}{room}${LIGHTS}`, `turn {the}{room}${LIGHTS} off`,
      `{room}${LIGHTS} (?:off|out)`, `${LIGHTS} off in {the}{room}`, `turn off {the}${LIGHTS} in {the}{room}`,
    ],
    'ac.on': [`turn on {the}{room}${AC}`, `switch on {the}{room}${AC}`, `turn {the}{room}${AC} on`, `{room}${AC} on`, `start {the}{room}${AC}`],
    'ac.off': [`turn off {the}{room}${AC}`, `switch off {the}{room}${AC}`, `turn {the}{room}${AC} off`, `{room}${AC} off`, `stop {the}{room}${AC}`],
    'ac.set': [
      `set {the}{room}(?:${AC}|temperature|thermostat) to {temp}(?: degrees)?`,
      `set {the}{room}(?:${AC}|temperature|thermostat) to {temp}(?: degrees)? (?:in|on) {mode}(?: mode)?`,
      `set {the}{room}${AC} to {mode}(?: mode)?`,
      `{mode} {the}{room}to {temp}(?: degrees)?`,
      `make {the}{room}{temp} degrees`,
      `{room}${AC} (?:to )?{temp}(?: degrees)?`,
    ],
    'curtains.open': [`open {the}{room}${CURTAINS}`, `draw back {the}{room}${CURTAINS}`, `{room}${CURTAINS} open`, `raise {the}{room}blinds`],
    'curtains.close': [`close {the}{room}${CURTAINS}`, `shut {the}{room}${CURTAINS}`, `draw {the}{room}${CURTAINS}`, `{room}${CURTAINS} (?:closed|shut)`, `lower {the}{room}blinds`],
    'window.close': [`close {the}{room}${WINDOWS}`, `shut {the}{room}${WINDOWS}`, `{room}${WINDOWS} (?:closed|shut)`],
    'purifier.on': [`turn on {the}${PURIFIER}`, `switch on {the}${PURIFIER}`, `start {the}${PURIFIER}`, `${PURIFIER} on`, `clean the air`],
    'vacuum.start': [`(?:start|turn on|run) {the}(?:${VACUUM})`, `(?:vacuum|hoover|clean) the (?:floors?|house|flat)`, `(?:sweep|clean) the floors?`, `(?:${VACUUM}) on`],
    'vacuum.stop': [`(?:stop|turn off|pause) {the}(?:${VACUUM})`, `(?:${VACUUM}) off`, `stop (?:vacuuming|cleaning|sweeping)`],
    'purifier.off': [`turn off {the}${PURIFIER}`, `switch off {the}${PURIFIER}`, `stop {the}${PURIFIER}`, `${PURIFIER} off`],
    'camera.show': [
      `show (?:me )?{the}(?:front door |door |home )?camera`, `open {the}(?:front door |door |home )?camera`,
      `who's at the door`, `show (?:me )?(?:who's at )?the (?:front )?door`,
    ],
    'alarm.arm_away': [`arm {the}${ALARM}`, `arm away`, `arm {the}${ALARM} (?:in )?away(?: mode)?`, `turn on {the}${ALARM}`, `set {the}alarm to away`],
    'alarm.arm_home': [`arm home`, `arm stay`, `arm {the}${ALARM} (?:in )?(?:home|stay)(?: mode)?`, `set {the}alarm to home`],
    'alarm.disarm': [`disarm(?: {the}${ALARM})?`, `turn off {the}${ALARM}`, `switch off {the}${ALARM}`, `deactivate {the}${ALARM}`],
    'door.lock': [`lock {the}(?:front )?door`, `lock up(?: {the}house)?`, `lock {the}house`],
    'door.unlock': [`unlock {the}(?:front )?door`, `open {the}front door`, `let me in`],
    'car.status.lock': [`is ${CAR} locked`, `did i lock ${CAR}`, `are ${CAR} doors locked`, `are the doors of ${CAR} locked`, `is ${CAR} still unlocked`],
    'car.status.windows': [
      `are ${CAR} windows (?:closed|shut|up)`, `did i close ${CAR} windows`, `are the windows of ${CAR} (?:closed|shut|up)`, `is a window of ${CAR} open`,
    ],
    'car.status.charging': [`is ${CAR} charging`, `is ${CAR} still charging`, `is ${CAR} plugged in`, `is ${CAR} on charge`],
    'car.status.range': [
      `how much range is left`, `how much range does ${CAR} have`, `what's (?:my|the) (?:car's )?range`, `how far can (?:i|${CAR}) (?:go|drive)`,
      `how much battery is left`, `what's ${CAR} battery(?: level)?`, `what's the battery level`,
    ],
    'car.status.tyres': [`what's the tyre pressures?(?: of ${CAR})?`, `what's ${CAR} tyre pressures?`, `check (?:the|my) tyres?(?: pressures?)?`, `tyre pressures?`, `are my tyres ok`],
    'car.status.location': [`where's ${CAR}`, `where did i park(?: ${CAR})?`, `where's ${CAR} parked`, `find ${CAR}`],
    'car.status.eta': [
      `what's the eta(?: of ${CAR})?`, `when will (?:${CAR}|he|she|they) (?:be|get) home`, `how far away is ${CAR}`, `how long until ${CAR} is home`,
    ],
    'car.lock': [`lock ${CAR}`, `lock ${CAR} doors`, `lock up ${CAR}`],
    'car.unlock': [`unlock ${CAR}`, `unlock ${CAR} doors`, `open ${CAR}`],
    'car.start': [`start ${CAR}`, `remote start(?: ${CAR})?`, `start ${CAR} engine`, `start the engine`],
    'car.precondition': [`precondition ${CAR}`, `(?:warm|cool) (?:up|down) ${CAR}`, `get ${CAR} ready`, `heat ${CAR}`],
    leaving_home: [`i'm (?:going|off) to work`, `i'm leaving(?: for work)?`, `(?:i'm )?heading out`, `i'm going out`],
  },
};
