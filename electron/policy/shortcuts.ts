/**
 * Keys a member of the public must not be able to use on a kiosk keyboard (or a USB keyboard
 * plugged into it): reload, developer tools, zoom, print, history, close. The application menu is
 * removed too, which removes most of these accelerators; this is the second line.
 */
export interface KeyInput {
  type: string; // 'keyDown' | 'keyUp' | …
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

const blockedAlone = new Set([
  'F5',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'ContextMenu',
]);
const blockedWithCtrl = new Set([
  'r',
  'R',
  'w',
  'W',
  'p',
  'P',
  'n',
  'N',
  't',
  'T',
  'o',
  'O',
  's',
  'S',
  'u',
  'U',
  '+',
  '=',
  '-',
  '_',
  '0',
  'F5',
]);
const blockedWithCtrlShift = new Set(['i', 'I', 'j', 'J', 'c', 'C', 'r', 'R', 'Delete']);
const blockedWithAlt = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'F4']);

export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const ctrl = input.control || input.meta;
  if (ctrl && input.shift && blockedWithCtrlShift.has(input.key)) return true;
  if (ctrl && blockedWithCtrl.has(input.key)) return true;
  if (input.alt && blockedWithAlt.has(input.key)) return true;
  return blockedAlone.has(input.key);
}
