// Device screens: what the household's car screen, central panel, TV and phone display right now —
// notifications, the active prompt with Confirm / Decline, and the doorbell camera's picture-in-picture — plus
// the state of the home itself (front door, lights, climate, wallbox; windows and sensors) and what its speaker
// says. Tapping a button sends the screen twin the same event a person's tap would; the engine decides what follows.
import type { ScreenInfo, ScreenStatus } from '../../protocol';
import { Panel } from '../app/Panel';
import { useAppState, useModel } from '../app/ModelContext';
import { clockAt, formatCountdown } from '../flow/clock';
import { HouseholdDevices, SpeechBubble } from './HouseholdDevices';

export function DeviceScreensPanel() {
  const screens = useAppState((s) => s.session?.screens ?? []);
  const statuses = useAppState((s) => s.snapshot?.screens ?? []);
  const homeId = useAppState((s) => s.session?.screens.find((x) => x.address.startsWith('home/'))?.address.split('/')[1] ?? s.session?.homes[0]?.id);
  const home = useAppState((s) => s.snapshot?.homes.find((h) => h.id === homeId));
  return (
    <Panel title="Device screens" testId="device-screens">
      {home && (
        <div className="home-strip" data-testid="home-status">
          <span>Home {home.id}</span>
          <span>front door: <b data-testid="home-lock-state" className={home.lock === 'unlocked' ? 'warn' : ''}>{home.lock ?? '—'}</b></span>
          <span>lights on: <b data-testid="home-lights">{home.lightsOn}</b></span>
          <span>climate: <b>{home.hvacMode ?? '—'}</b></span>
          <span>wallbox: <b>{home.charging ? 'charging' : 'idle'}</b></span>
        </div>
      )}
      <HouseholdDevices />
      <SpeechBubble />
      <div className="screens">
        {screens.map((info) => (
          <Screen key={info.address} info={info} status={statuses.find((s) => s.address === info.address)} doorUnlocked={home?.lock === 'unlocked'} />
        ))}
        {screens.length === 0 && <p className="muted small">Load a scenario with a household to see its screens.</p>}
      </div>
    </Panel>
  );
}

/** One screen of the household; `doorUnlocked`: its front door stands unlocked, which every screen shows (issue 18 D). */
function Screen({ info, status, doorUnlocked }: { info: ScreenInfo; status: ScreenStatus | undefined; doorUnlocked: boolean }) {
  const model = useModel();
  const answer = (type: 'PROMPT.CONFIRM' | 'PROMPT.DECLINE'): void => {
    if (status?.prompt) void model.sendTwinEvent(info.address, { type, promptId: status.prompt.id });
  };
  const prompt = status?.prompt ?? null;
  const t = useAppState((s) => s.snapshot?.t ?? 0);
  const start = useAppState((s) => s.session?.startTimeOfDayMs ?? 0);
  return (
    <div className={`screen screen-${info.role}`} data-testid={`screen-${info.role}`}>
      <button type="button" className="screen-label" onClick={() => model.selectTwin(info.address)} title="Inspect this screen">{info.label}</button>
      <div className="screen-face">
        {doorUnlocked && <p className="outcome" data-testid="outcome-door" role="status">🔓 Front door unlocked</p>}
        {status?.pip && <PictureInPicture title={status.pip.title} source={status.pip.source} />}
        {prompt && (
          <div className="prompt" data-testid="prompt" role="alertdialog" aria-label={`${info.label} asks`} aria-describedby={`prompt-${info.role}`}>
            <p data-testid="prompt-question" id={`prompt-${info.role}`}>{prompt.question}</p>
            <div className="toolbar">
              <button type="button" className="confirm" data-testid={`prompt-confirm-${info.role}`} onClick={() => answer('PROMPT.CONFIRM')}>Confirm</button>
              <button type="button" className="decline" data-testid={`prompt-decline-${info.role}`} onClick={() => answer('PROMPT.DECLINE')}>Decline</button>
            </div>
            <p className="muted small" data-testid="prompt-countdown" title={`expires at ${clockAt(prompt.expiresAt, start)}`}>
              answer within <b>{formatCountdown(prompt.expiresAt - t)}</b> · until {clockAt(prompt.expiresAt, start)}
            </p>
          </div>
        )}
        <ul className="notifications" data-testid="notifications">
          {status?.notifications.map((n) => (
            <li key={n.id} className={`severity-${n.severity}${n.acknowledged ? ' acknowledged' : ''}`}>
              <b>{n.title}</b> <span className="small">{n.body}</span>
            </li>
          ))}
        </ul>
        {!doorUnlocked && !status?.pip && !prompt && (status?.notifications.length ?? 0) === 0 && <p className="muted small idle">idle</p>}
      </div>
    </div>
  );
}

/** The doorbell camera's picture: drawn, not streamed — the twins carry no video, only the fact it is shown. */
function PictureInPicture({ title, source }: { title: string; source: string }) {
  return (
    <figure className="pip" data-testid="pip" title={source}>
      <svg viewBox="0 0 160 90" aria-hidden="true">
        <rect width="160" height="90" fill="#1b2330" />
        <rect x="56" y="14" width="48" height="76" fill="#3b4a5f" />
        <circle cx="80" cy="42" r="10" fill="#c9d3e0" />
        <path d="M62 90 q18 -34 36 0 z" fill="#c9d3e0" />
        <circle cx="150" cy="10" r="4" fill="#ef4444" />
      </svg>
      <figcaption>{title || 'Camera'} <span className="live">LIVE</span></figcaption>
    </figure>
  );
}
