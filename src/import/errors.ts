/** A document that cannot be imported, with a message an admin can act on (Vietnamese). Nothing was written. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}
