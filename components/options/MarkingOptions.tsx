import { useEffect, useId, useState } from 'preact/hooks';
import { KINDS, type Kind } from '../../glossary/schema';
import { KIND_LABELS } from '../../popup/notes-model';
import { MARKING_STYLES, type MarkingStyle, type Settings } from '../../storage/settings';

export interface MarkingOptionsProps {
  readonly settings: Settings;
  readonly onChange: (change: Partial<Settings>) => void;
}

const STYLE_LABELS: Record<MarkingStyle, { label: string; hint: string }> = {
  underline: { label: 'Dotted underline', hint: 'Names are underlined with dots.' },
  background: { label: 'Tinted background', hint: 'Names get a light tint behind them.' },
  'hover-only': { label: 'Nothing until the pointer rests on a name', hint: 'Pages look untouched.' },
};

/** How names are marked on pages: style, every mention or the first, the card's delay, which kinds. */
export function MarkingOptions({ settings, onChange }: MarkingOptionsProps) {
  const headingId = useId();
  const delayId = useId();
  const delayHintId = useId();
  // Shown while the slider moves; saved when it is let go (or per arrow key), not on every pixel.
  const [delay, setDelay] = useState(settings.intentDelayMs);
  useEffect(() => setDelay(settings.intentDelayMs), [settings.intentDelayMs]);

  function toggleKind(kind: Kind, shown: boolean) {
    const hidden = new Set(settings.hiddenKinds);
    if (shown) hidden.delete(kind);
    else hidden.add(kind);
    onChange({ hiddenKinds: KINDS.filter((k) => hidden.has(k)) });
  }

  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Marking names</h2>
      <fieldset>
        <legend>Marking style</legend>
        {MARKING_STYLES.map((style) => (
          <label key={style} class="choice">
            <input
              type="radio"
              name="marking-style"
              value={style}
              checked={settings.markingStyle === style}
              onChange={() => onChange({ markingStyle: style })}
            />
            <span>
              {STYLE_LABELS[style].label} <span class="quiet">{STYLE_LABELS[style].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Which mentions</legend>
        <label class="choice">
          <input
            type="radio"
            name="mark-every"
            value="all"
            checked={settings.markEvery === 'all'}
            onChange={() => onChange({ markEvery: 'all' })}
          />
          <span>Every mention</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="mark-every"
            value="first"
            checked={settings.markEvery === 'first'}
            onChange={() => onChange({ markEvery: 'first' })}
          />
          <span>Only the first mention of each name on a page</span>
        </label>
      </fieldset>
      <div class="field">
        <label for={delayId}>Delay before a card opens</label>
        <div class="range">
          <input
            id={delayId}
            type="range"
            min={50}
            max={2000}
            step={50}
            value={delay}
            aria-valuetext={`${delay} milliseconds`}
            aria-describedby={delayHintId}
            onInput={(e) => setDelay(Number(e.currentTarget.value))}
            onChange={(e) => onChange({ intentDelayMs: Number(e.currentTarget.value) })}
          />
          <output for={delayId}>{delay} ms</output>
        </div>
        <p id={delayHintId} class="quiet hint">
          How long the pointer rests on a name before its card opens. Shorter feels quicker; longer opens
          fewer cards by accident.
        </p>
      </div>
      <fieldset>
        <legend>Kinds of names to mark</legend>
        <div class="kinds">
          {KINDS.map((kind) => (
            <label key={kind} class="choice">
              <input
                type="checkbox"
                checked={!settings.hiddenKinds.includes(kind)}
                onChange={(e) => toggleKind(kind, e.currentTarget.checked)}
              />
              <span>{KIND_LABELS[kind]}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
