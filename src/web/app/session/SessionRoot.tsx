import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { ApiError } from '../api/client';
import { SessionProvider } from './SessionProvider';

/**
 * A signed-in area (the console, the patient's pages) keeps its own query cache,
 * separate from the public site's, so that signing out (or a timeout) can drop
 * every record fetched while signed in. The session is the same HttpOnly cookie
 * with the CSRF token in memory.
 */
function newSignedInQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change on retry; a dropped connection might.
        retry: (count, e) => count < 2 && !(e instanceof ApiError && e.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** `children`: what else the area keeps in step with its session (the patient pages' header); the routes render after them. */
export function SessionRoot({ children }: { children?: ReactNode } = {}) {
  const [client] = useState(newSignedInQueryClient);
  return (
    <QueryClientProvider client={client}>
      <SessionProvider>
        {children}
        <Outlet />
      </SessionProvider>
    </QueryClientProvider>
  );
}
