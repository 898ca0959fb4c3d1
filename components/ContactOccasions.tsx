import type { IsoDay, KeyDateInput, KeyDateItem, PromiseInput, PromiseItem } from '../storage/types';
import { GiveTake } from './GiveTake';
import { KeyDates } from './KeyDates';
import { Promises } from './Promises';

export interface ContactOccasionsProps {
  keyDates: readonly KeyDateItem[];
  promises: readonly PromiseItem[];
  giveTake: { gave: number; received: number };
  onAddKeyDate: (input: KeyDateInput) => void;
  onDeleteKeyDate: (item: KeyDateItem) => void;
  onAddPromise: (input: PromiseInput) => void;
  onCompletePromise: (item: PromiseItem) => void;
  /** logs a touch marked "gave" for a kept promise of the user's */
  onLogGave: (item: PromiseItem) => void;
}

/** Give and take, key dates and open promises of one person: the same in the panel and the dashboard. */
export function ContactOccasions(props: ContactOccasionsProps & { today: IsoDay }) {
  return (
    <div class="contact-occasions">
      <GiveTake gave={props.giveTake.gave} received={props.giveTake.received} />
      <KeyDates keyDates={props.keyDates} today={props.today} onAdd={props.onAddKeyDate} onDelete={props.onDeleteKeyDate} />
      <Promises
        promises={props.promises}
        onAdd={props.onAddPromise}
        onDone={props.onCompletePromise}
        onLogGave={props.onLogGave}
      />
    </div>
  );
}
