/**
 * Clicks and keys on the first screen before the app has taken it over. The first script paints the
 * summary with inert controls; what the user does to them meanwhile is held here and handed to the app's
 * own handlers once it has hydrated the same DOM, so no click or keystroke is lost. Typing in the search
 * field goes on natively (the text stays in the field) and is passed on as one input event.
 */
const HELD = ['click', 'keydown'] as const;

export interface HeldInput {
  /** stops holding and replays what was held, in order, on the elements that are still there */
  release(): void;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

export function holdInput(root: HTMLElement): HeldInput {
  const held: Array<{ target: EventTarget; event: Event }> = [];
  const hold = (event: Event) => {
    // Keys typed into a field are the field's own; a click into it only focuses it.
    if (typing(event.target) && (event.type === 'keydown' || event.type === 'click')) return;
    if (!event.target) return;
    event.preventDefault();
    event.stopPropagation();
    held.push({ target: event.target, event });
  };
  for (const type of HELD) root.addEventListener(type, hold, true);
  return {
    release() {
      for (const type of HELD) root.removeEventListener(type, hold, true);
      for (const field of Array.from(root.querySelectorAll('input'))) {
        if (field.value !== field.defaultValue) field.dispatchEvent(new Event('input', { bubbles: true }));
      }
      for (const { target, event } of held) {
        if (target instanceof Node && !target.isConnected) continue;
        target.dispatchEvent(copyOf(event));
      }
    },
  };
}

function copyOf(event: Event): Event {
  if (event instanceof KeyboardEvent) {
    return new KeyboardEvent(event.type, {
      key: event.key,
      code: event.code,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      repeat: event.repeat,
      bubbles: true,
      cancelable: true,
    });
  }
  if (event instanceof MouseEvent) {
    return new MouseEvent(event.type, {
      button: event.button,
      detail: event.detail,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      clientX: event.clientX,
      clientY: event.clientY,
      bubbles: true,
      cancelable: true,
    });
  }
  return new Event(event.type, { bubbles: true, cancelable: true });
}
