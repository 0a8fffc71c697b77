// Polling for live pages: calls {@code tick} every {@code intervalMs} while it answers true,
// never while the tab is hidden (it resumes at once when the tab shows again), never two at once.

export function poll(tick, intervalMs, doc = document) {
  let timer = null;
  let stopped = false;
  let running = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !doc.hidden) timer = setTimeout(run, intervalMs);
  };
  const run = async () => {
    if (stopped || running || doc.hidden) return;
    running = true;
    let again = true;
    try {
      again = await tick();
    } catch (e) {
      again = true;
    } finally {
      running = false;
    }
    if (again === false) stop();
    else schedule();
  };
  const onVisibility = () => {
    if (doc.hidden) clearTimeout(timer);
    else run();
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
  doc.addEventListener('visibilitychange', onVisibility);
  schedule();
  return stop;
}
