/**
 * The two live regions above a page's actions: what just worked (a status) and
 * what just failed (an alert). The regions stay in the page, empty, so that a
 * screen reader announces a message when it appears in them.
 */
export function OutcomeNotices({ done, problem }: { done: string | null; problem: string | null }) {
  return (
    <>
      <DoneNotice done={done} />
      <div role="alert" className="status-region">
        {problem && (
          <div className="notice notice-error">
            <p>{problem}</p>
          </div>
        )}
      </div>
    </>
  );
}

/** The status region alone: what just worked, announced when it appears. */
export function DoneNotice({ done }: { done: string | null }) {
  return (
    <div role="status" className="status-region">
      {done && (
        <div className="notice notice-success">
          <p>{done}</p>
        </div>
      )}
    </div>
  );
}
