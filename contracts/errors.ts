/** Error response body shared by every endpoint. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: unknown;
  };
}

export interface ValidationIssue {
  /** Where the problem is: `body.username`, `query.page`, `params.id`. */
  field: string;
  code: string;
  message: string;
}
