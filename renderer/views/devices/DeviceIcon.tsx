// A device card's icon, drawn rather than an emoji: the app must not depend on the machine having a colour-emoji
// font (Debian's Chromium without one draws empty boxes). Simple line drawings in the current text colour.
const PATHS: Record<string, string> = {
  light: 'M12 3a6 6 0 0 0-3.5 10.9V16h7v-2.1A6 6 0 0 0 12 3zM9.5 18h5M10.5 20.5h3',
  lock: 'M7 11V8a5 5 0 0 1 10 0v3M6 11h12v9H6zM12 14.5v2.5',
  climate: 'M10 4a2 2 0 0 1 4 0v10a4 4 0 1 1-4 0zM12 9v7',
  cover: 'M4 4h16M5 4v16h14V4M12 4v16M5 12h14',
  fan: 'M12 12c0-5 4-7 6-5s-1 6-6 5zM12 12c5 0 7 4 5 6s-6-1-5-6zM12 12c0 5-4 7-6 5s1-6 6-5zM12 12c-5 0-7-4-5-6s6 1 5 6z',
  evse: 'M7 3h8v18H7zM15 8h2a2 2 0 0 1 2 2v6a1.5 1.5 0 0 0 3 0V9l-2-2M10 8l-1.5 4h3L10 16',
  alarm_control_panel: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
  media_player: 'M4 9h4l5-4v14l-5-4H4zM16.5 9a4 4 0 0 1 0 6M19 6.5a7.5 7.5 0 0 1 0 11',
  camera: 'M3 7h13v10H3zM16 10l5-3v10l-5-3',
  binary_sensor: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM12 8v5M12 15.5v.5',
  storage: 'M4 5h16v5H4zM4 14h16v5H4zM7 7.5h.01M7 16.5h.01',
};

export function DeviceIcon({ kind }: { kind: string }) {
  return (
    <svg className="device-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[kind] ?? 'M5 5h14v14H5z'} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
