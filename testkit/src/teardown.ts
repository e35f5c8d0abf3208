/**
 * Cleanups of a fixture, registered as its resources open and run in
 * reverse: what opened last (a subgraph's workers) closes before what it
 * uses (the bus, the database), and a fixture that fails half-way through
 * starting closes what it had already opened.
 */
export class Teardown {
  private readonly steps: Array<() => unknown> = [];

  /** Registers a cleanup; it runs before every cleanup registered earlier. */
  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every cleanup once, last first, each even when one before it failed; rethrows the first failure. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  /**
   * Runs `open` with this teardown and returns its result; when `open`
   * throws, runs the cleanups registered so far and rethrows.
   */
  async guard<T>(open: (teardown: Teardown) => Promise<T>): Promise<T> {
    try {
      return await open(this);
    } catch (err) {
      await this.run().catch(() => {});
      throw err;
    }
  }
}
