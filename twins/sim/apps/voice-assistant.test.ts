// Every intent of the voice grammar, end to end in a one-home, one-car world: said in the car or to the speaker,
// the device (or the car) changes state; the critical commands are signed and verified — or refused with the
// reason when the sender's grant does not cover them; unknown phrasings are reported and send nothing.
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../../bus/envelope';
import { homeWithCar } from '../test-support/world';

type Line = { type: string; source: string; data: Record<string, unknown> };

function world(architecture: Architecture = 'cloud-cloud') {
  const { sim, apps } = homeWithCar(architecture, 1, 'home');
  const home = sim.home('h1');
  const events = (type: string): Line[] => sim.kernel.events.lines().map((l) => JSON.parse(l) as Line).filter((e) => e.type === type);
  const run = (): void => sim.kernel.clock.runUntil(sim.now + 30_000);
  const inCar = (utterance: string): void => { apps.voice.hearInCar('car1', utterance); run(); };
  const atHome = (utterance: string): string => {
    const before = events('speaker.announced').length;
    apps.voice.hearAtHome('h1', utterance, 'alice');
    run();
    return String(events('speaker.announced')[before]?.data.text ?? '(nothing said)');
  };
  const state = (entity: string): string => home.device(entity).state;
  const context = (entity: string): Record<string, unknown> => home.device(entity).context;
  return { sim, apps, home, events, inCar, atHome, state, context };
}

describe.each(['cloud-cloud', 'direct', 'local'] as Architecture[])('the car’s assistant controls the home (%s)', (arch) => {
  it('lights per room and all, in English and Chinese', () => {
    const w = world(arch);
    w.inCar('Turn on the living room light');
    expect([w.state('light.living_room'), w.state('light.hallway')]).toEqual(['on', 'off']);
    w.inCar('打开所有灯');
    expect(w.state('light.hallway')).toBe('on');
    w.inCar('关掉客厅的灯');
    expect([w.state('light.living_room'), w.state('light.hallway')]).toEqual(['off', 'on']);
    w.inCar('Lights off');
    expect(w.state('light.hallway')).toBe('off');
  });

  it('AC on/off per room, temperature and mode', () => {
    const w = world(arch);
    w.inCar('打开卧室的空调');
    expect(w.state('climate.bedroom')).not.toBe('off');
    expect(w.state('climate.living_room')).toBe('off');
    w.inCar('Set the living room AC to 20 degrees in heat mode');
    expect(w.context('climate.living_room')).toMatchObject({ targetTemperature: 20, hvacMode: 'heat' });
    w.inCar('把客厅空调调到26度');
    expect(w.context('climate.living_room')).toMatchObject({ targetTemperature: 26, hvacMode: 'heat' });
    w.inCar('Turn off all AC');
    expect([w.state('climate.bedroom'), w.state('climate.living_room')]).toEqual(['off', 'off']);
  });

  it('curtains, windows (close only) and the purifier', () => {
    const w = world(arch);
    w.inCar('Open the curtains');
    expect(w.state('cover.living_room_curtains')).toBe('open');
    expect(w.state('cover.living_room_window')).toBe('closed');
    w.inCar('关窗帘');
    expect(w.state('cover.living_room_curtains')).toBe('closed');
    w.home.device('cover.living_room_window').send({ type: 'COVER.OPEN' });
    w.sim.kernel.clock.runUntil(w.sim.now + 60_000);
    w.inCar('关窗');
    expect(w.state('cover.living_room_window')).toBe('closed');
    w.inCar('Turn on the air purifier');
    expect([w.state('fan.air_purifier'), w.state('fan.aroma_diffuser')]).toEqual(['on', 'off']);
    w.inCar('关闭空气净化器');
    expect(w.state('fan.air_purifier')).toBe('off');
  });

  it('the robot vacuum: start and stop from the car, in English and Chinese; the purifier is not a vacuum', () => {
    const w = world(arch);
    w.inCar('Start the vacuum');
    expect(w.state('vacuum.robot')).toBe('cleaning');
    expect(w.state('fan.air_purifier')).toBe('off');
    w.inCar('停止扫地');
    expect(w.state('vacuum.robot')).toBe('idle');
    w.inCar('扫地');
    expect(w.state('vacuum.robot')).toBe('cleaning');
    expect(w.context('vacuum.robot').runs).toBe(2);
    w.inCar('Stop the robot vacuum');
    expect(w.state('vacuum.robot')).toBe('idle');
    // The speaker runs it through the same table.
    w.atHome('Vacuum the floors');
    expect(w.state('vacuum.robot')).toBe('cleaning');
  });

  it('a tap on the car screen takes the voice command path: same commands, same refusals', () => {
    const w = world(arch);
    const tap = (control: Parameters<typeof w.apps.voice.tapInCar>[1], slots = {}): void => {
      w.apps.voice.tapInCar('car1', control, slots);
      w.sim.kernel.clock.runUntil(w.sim.now + 30_000);
    };
    tap('light.on', { room: 'living_room' });
    expect([w.state('light.living_room'), w.state('light.hallway')]).toEqual(['on', 'off']);
    tap('ac.set', { room: 'bedroom', temperature: 26 });
    expect(w.context('climate.bedroom').targetTemperature).toBe(26);
    tap('vacuum.start');
    expect(w.state('vacuum.robot')).toBe('cleaning');
    tap('ac.on', { room: 'hallway' });
    expect(w.events('voice.refused').map((e) => e.data)).toEqual([{ utterance: '[tap] ac.on', intent: 'ac.on', reason: 'home h1 has no AC in the hallway' }]);
    expect(w.events('screen.tapped').map((e) => e.data.control)).toEqual(['light.on', 'ac.set', 'vacuum.start', 'ac.on']);
    // The home saw the car's commands, exactly as for a spoken one.
    expect(w.events('msg.delivered').some((e) => e.data.topic === 'vacuum/start' && e.data.source === 'vehicle/car1')).toBe(true);
  });

  it('the camera on the car screen, the alarm panel and the door lock', () => {
    const w = world(arch);
    w.inCar('Show me the front door camera');
    expect(w.context('camera.front_door').viewers).toContain('vehicle/car1');
    expect(w.sim.vehicle('car1').parts.screen.context.pictureInPicture).toMatchObject({ source: 'home/h1/camera.front_door' });
    w.inCar('Arm security');
    expect(w.state('alarm_control_panel.house')).toBe('armed_away');
    w.inCar('在家布防');
    expect(w.state('alarm_control_panel.house')).toBe('armed_home');
    w.home.device('lock.front_door').send({ type: 'DOOR.UNLOCK', by: 'test' });
    w.inCar('锁上前门');
    expect(w.state('lock.front_door')).toBe('locked');
  });

  it('critical commands from the car are signed; what its grant does not cover is refused, and nothing moves', () => {
    const w = world(arch);
    w.inCar('Arm the alarm');
    w.inCar('撤防');
    expect(w.events('security.refused').map((e) => [e.data.command, e.data.reason])).toEqual([['alarm_control_panel/alarm_disarm', 'unauthorized']]);
    expect(w.state('alarm_control_panel.house')).toBe('armed_away');
    // Unlocking the door from the car needs the occupant's confirmation (doorbell scene): refused without one.
    w.inCar('Unlock the front door');
    expect(w.events('security.refused')[1]?.data).toMatchObject({ command: 'lock/unlock', reason: 'unauthorized' });
    expect(w.state('lock.front_door')).toBe('locked');
  });
});

describe('what the car’s assistant does not do', () => {
  it('reports phrasings it does not understand and sends nothing', () => {
    const w = world();
    const sent = w.events('msg.delivered').length;
    for (const utterance of ['Turn on the living room window', 'Open the window', '打开窗户', 'make me a sandwich']) w.inCar(utterance);
    expect(w.events('voice.not_understood').map((e) => e.data)).toEqual([
      { utterance: 'Turn on the living room window', language: 'en', where: 'car' }, { utterance: 'Open the window', language: 'en', where: 'car' },
      { utterance: '打开窗户', language: 'zh', where: 'car' }, { utterance: 'make me a sandwich', language: 'en', where: 'car' },
    ]);
    expect(w.events('msg.delivered').length).toBe(sent);
    expect(w.state('light.living_room')).toBe('off');
    expect(w.state('cover.living_room_window')).toBe('closed');
  });

  it('refuses, with the reason, a room without the device and a question meant for the speaker', () => {
    const w = world();
    w.inCar('Turn on the bedroom light');
    w.inCar('Is my car locked?');
    expect(w.events('voice.refused').map((e) => [e.data.intent, e.data.reason])).toEqual([
      ['light.on', 'home h1 has no light in the bedroom'],
      ['car.status.lock', '"car.status.lock" is asked of the home\'s speaker, not said in the car'],
    ]);
    expect(w.state('light.living_room')).toBe('off');
  });
});

describe('the home speaker', () => {
  it('answers every car status from the live car', () => {
    const w = world();
    const car = w.sim.vehicle('car1');
    expect(w.atHome('Is my car locked?')).toMatch(/^Your car is (locked|unlocked \(\d of 4 doors\))$/);
    car.parts.body.send({ type: 'DOOR.UNLOCK' });
    expect(w.atHome('车锁了吗')).toBe('Your car is unlocked (4 of 4 doors)');
    expect(w.atHome('Are my car windows closed?')).toBe("Your car's windows are closed");
    expect(w.atHome('车在充电吗')).toMatch(/^Your car is not charging, the battery is at \d+ %$/);
    expect(w.atHome('How much range is left?')).toMatch(/^Range is \d+ km with the battery at \d+ %$/);
    expect(w.atHome('胎压怎么样')).toMatch(/^Tyre pressures are \d+, \d+, \d+, \d+ kPa$/);
    expect(w.atHome('Where is my car?')).toMatch(/^Your car is parked at -?\d+\.\d{3}, -?\d+\.\d{3}$/);
    expect(w.atHome('车到哪了')).toBe('The car is parked');
    // The central panel shows each answer too, newest first.
    const panel = w.context('screen.central_panel').notifications as { title: string; body: string }[];
    expect(panel.length).toBe(8);
    expect(panel[0]).toMatchObject({ title: 'Your car', body: 'The car is parked' });
    expect(panel[7]).toMatchObject({ title: 'Your car', body: expect.stringMatching(/^Your car is (locked|unlocked)/) });
  });

  it('controls the car: lock, start (signed, verified), precondition; unlocking the car is not in the home\'s grant', () => {
    const w = world();
    const car = w.sim.vehicle('car1');
    car.parts.body.send({ type: 'DOOR.UNLOCK' });
    expect(w.atHome('锁车')).toBe('Your car is locked.');
    expect(car.parts.body.state).toBe('locked');
    expect(w.atHome('Unlock my car')).toMatch(/^Your car refused \(refused \(unauthorized\)/);
    expect(car.parts.body.state).toBe('locked');
    expect(w.atHome('远程启动')).toBe('Your car is starting.');
    expect(w.events('security.verified').map((e) => e.data.command)).toContain('vehicle_remote/remote_start');
    expect(w.atHome('Precondition the car')).toBe('Your car is preconditioning.');
    expect(car.parts.hvac.state).not.toBe('off');
    expect(w.atHome('我要上班了')).toBe('Have a good day. Your car is getting ready.');
  });

  it('controls the home, disarming with a signed command the home verifies', () => {
    const w = world();
    expect(w.atHome('Arm the alarm')).toBe('Done.');
    expect(w.atHome('Disarm the alarm')).toBe('Done.');
    expect(w.state('alarm_control_panel.house')).toBe('disarmed');
    expect(w.events('security.verified').map((e) => e.data.command)).toContain('alarm_control_panel/alarm_disarm');
    expect(w.atHome('打开客厅灯')).toBe('Done.');
    expect(w.state('light.living_room')).toBe('on');
    expect(w.atHome('Show me the camera')).toBe('Done.');
    expect(w.sim.home('h1').device('screen.central_panel').context.pictureInPicture).toMatchObject({ source: 'home/h1/camera.front_door' });
  });

  it('apologises for what it does not understand and reports it', () => {
    const w = world();
    expect(w.atHome('turn on the living room window')).toBe('Sorry, I don\'t understand "turn on the living room window"');
    expect(w.events('voice.not_understood')[0]?.data).toEqual({ utterance: 'turn on the living room window', language: 'en', where: 'speaker' });
  });
});
