/** A rule or input violation raised by domain code; the server maps `code` to the API error body. */
export class DomainError extends Error {
  constructor(
    public code: string,
    message: string,
    public details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
