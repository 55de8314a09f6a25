/**
 * happy-dom lays nothing out, so its IntersectionObserver never reports:
 * this one reports every observed element near the viewport, as on a page
 * that fits on one screen (overlay/viewport-scope.ts draws only those).
 */
class NearEverything {
  private connected = true;
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element): void {
    queueMicrotask(() => {
      if (this.connected) this.callback([{ target, isIntersecting: true, boundingClientRect: target.getBoundingClientRect() } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
    });
  }
  unobserve(): void {}
  disconnect(): void {
    this.connected = false;
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}
Object.assign(window, { IntersectionObserver: NearEverything });
