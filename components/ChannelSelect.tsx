import type { Channel, PickableChannel } from '../storage/types';
import { PICKABLE_CHANNELS } from '../storage/types';
import { useLocale } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';

export const channelKey = (channel: Channel): MessageKey => `channel_${channel}` as MessageKey;

interface Props {
  label: string;
  value: Channel | '';
  onChange: (channel: PickableChannel | '') => void;
  /** offer "no preference" */
  allowEmpty?: boolean;
}

export function ChannelSelect({ label, value, onChange, allowEmpty = false }: Props) {
  const { t } = useLocale();
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <select value={value} onChange={(event) => onChange(event.currentTarget.value as PickableChannel | '')}>
        {allowEmpty && <option value="">{t('channelNone')}</option>}
        {PICKABLE_CHANNELS.map((channel) => (
          <option key={channel} value={channel}>
            {t(channelKey(channel))}
          </option>
        ))}
      </select>
    </label>
  );
}
