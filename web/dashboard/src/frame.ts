// Coalesces store changes into at most one render per animation frame: a back-fill of
// hundreds of snapshots arriving in one go costs one redraw, not hundreds.

export class FrameClock {
  private frame = 0;
  private pending = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly requestFrame: (run: () => void) => void) {}

  /** Something changed: render on the next frame (once, however often this is called). */
  notify = (): void => {
    if (this.pending) return;
    this.pending = true;
    this.requestFrame(() => {
      this.pending = false;
      this.frame++;
      for (const listener of this.listeners) listener();
    });
  };

  subscribe = (listener: () => void): () => void => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  current = (): number => this.frame;
}
