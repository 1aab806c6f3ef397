/**
 * The last `capacity` values of a series in a ring buffer, oldest evicted first. Indicators keep
 * their window here so each closed candle costs O(1).
 */
export class FixedWindow<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    }
  }

  get length(): number {
    return this.items.length;
  }

  get isFull(): boolean {
    return this.items.length === this.capacity;
  }

  /** Appends `value`; returns the value it evicted when the window was full. */
  push(value: T): T | undefined {
    if (this.items.length < this.capacity) {
      this.items.push(value);
      return undefined;
    }
    const evicted = this.items[this.start] as T;
    this.items[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The value `back` steps before the newest (`back = 0` is the newest), or undefined. */
  fromNewest(back: number): T | undefined {
    if (!Number.isInteger(back) || back < 0 || back >= this.items.length) return undefined;
    return this.items[(this.start + this.items.length - 1 - back) % this.capacity];
  }

  /** The value `i` places after the oldest (0 = oldest), without copying; undefined outside the window. */
  fromOldest(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.items.length) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  /** Values oldest first (a copy). */
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}
