import type { Response } from 'express';

export interface ApiError {
  error: string;
  message: string;
  field?: string;
  /** Every problem with the input, each against its field. */
  issues?: { field: string; message: string }[];
}

/** Every 4xx/5xx body names what went wrong and what to do; never a stack trace or case detail. */
export function sendError(res: Response, status: number, body: ApiError): void {
  res.status(status).type('application/json').send(body);
}
