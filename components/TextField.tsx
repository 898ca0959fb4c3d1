import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
}

/**
 * A labelled input that reports every change at once (autosave, no save button). While it has focus it
 * keeps what the user typed, so an update arriving from another tab never yanks text from under the cursor.
 */
export function TextField({ label, value, onChange, multiline = false, placeholder, maxLength }: Props) {
  const [local, setLocal] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setLocal(value);
  }, [value]);
  const common = {
    value: local,
    placeholder,
    maxLength,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      setLocal(value === local ? value : local);
    },
    onInput: (event: Event) => {
      const next = (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
      setLocal(next);
      onChange(next);
    },
  };
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the input or textarea chosen below
    <label class="field">
      <span class="field-label">{label}</span>
      {multiline ? <textarea rows={5} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}
