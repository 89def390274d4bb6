import { SessionRoot } from '../../app/session/SessionRoot';
import '../../ui/signed-in.css';
import '../../ui/console.css';
import '../../ui/messages.css';

/** The console's routes: their own query cache and session (see SessionRoot). */
export function ConsoleRoot() {
  return <SessionRoot />;
}
