import { useI18n } from '../../../app/i18n/useT';
import type { RoomHead } from './desk-columns';

/**
 * A room's name and what it is equipped for ('Fluoroscopy'), for a column or
 * group heading. The comma is for screen readers: the heading reads
 * "Fluoro Suite A, Fluoroscopy".
 */
export function RoomName({ room }: { room: RoomHead }) {
  const { t } = useI18n();
  return (
    <>
      <span className="desk-col-name">{room.name ?? t('console.desk.unlistedRoom')}</span>
      {room.capabilities.length > 0 && (
        <span className="room-caps">
          <span className="sr-only">, </span>
          {room.capabilities.map((c, i) => (
            <span key={c} className="room-cap">
              {i > 0 && <span className="sr-only">, </span>}
              {t(`console.room.cap.${c}`)}
            </span>
          ))}
        </span>
      )}
    </>
  );
}
