import type { WebSocket } from 'ws';
import type { Db } from '../db/db.js';

/**
 * Fans database notifications out to open sockets. Every server process
 * LISTENs, so a change committed through any process reaches every desk; each
 * payload is framed once and the same string goes to every socket.
 */
export function createLiveHub(db: Db, channel: string) {
  const sockets = new Set<WebSocket>();
  let unlisten: (() => Promise<void>) | undefined;
  return {
    async start(): Promise<void> {
      unlisten = await db.listen(channel, (payload) => {
        for (const s of sockets) if (s.readyState === s.OPEN) s.send(payload);
      });
    },
    add(socket: WebSocket): void {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => sockets.delete(socket));
    },
    get size(): number {
      return sockets.size;
    },
    async stop(): Promise<void> {
      for (const s of sockets) s.close(1001, 'server shutting down');
      sockets.clear();
      await unlisten?.();
    },
  };
}
export type LiveHubHandle = ReturnType<typeof createLiveHub>;
