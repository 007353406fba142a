import { linkify } from '../../popup/linkify';

export interface LinkedTextProps {
  readonly text: string;
}

/** Plain text whose web addresses are links that open in a new tab, built as elements (never as HTML). */
export function LinkedText({ text }: LinkedTextProps) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
