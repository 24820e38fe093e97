import { Alert } from 'antd';

/** The server's message(s) above a form; announced to screen readers. */
export function FormErrorAlert({ messages }: { messages: string[] | null | undefined }) {
  if (!messages || messages.length === 0) return null;
  const [first, ...rest] = messages;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="sg-form-alert"
      title={first}
      description={
        rest.length > 0 ? (
          <ul className="sg-plain-list">
            {rest.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
