/**
 * The last `size` results (win or not) with a running win count: O(1) per trade. Rates compare
 * as integers (wins × 100 against pct × n, MODELS.md reading 5), so 11 of 20 is not below 55 %.
 */
export class WinWindow {
  private readonly results: boolean[] = [];
  private next = 0;
  private winCount = 0;

  constructor(readonly size: number) {}

  get count(): number {
    return this.results.length;
  }

  get wins(): number {
    return this.winCount;
  }

  push(win: boolean): void {
    if (this.results.length < this.size) {
      this.results.push(win);
    } else {
      if (this.results[this.next] === true) this.winCount -= 1;
      this.results[this.next] = win;
      this.next = (this.next + 1) % this.size;
    }
    if (win) this.winCount += 1;
  }

  clear(): void {
    this.results.length = 0;
    this.next = 0;
    this.winCount = 0;
  }

  /** Win rate strictly below `pct` percent. */
  below(pct: number): boolean {
    return this.winCount * 100 < pct * this.results.length;
  }

  /** Win rate strictly above `pct` percent. */
  above(pct: number): boolean {
    return this.winCount * 100 > pct * this.results.length;
  }
}
