'use client';

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

export interface Suggestion {
  title: string;
  url: string;
}

const DEBOUNCE_MS = 150;

/**
 * A search box that lists matching articles as the reader types (an ARIA combobox). Without
 * JavaScript it is the plain input the server rendered, and the form still submits.
 */
export function SearchInput({
  id,
  name,
  defaultValue,
  placeholder,
  listLabel,
  endpoint,
}: {
  id: string;
  name: string;
  defaultValue: string;
  placeholder: string;
  listLabel: string;
  /** The JSON endpoint, without the query: `?q=` is appended. */
  endpoint: string;
}) {
  const listId = useId();
  const [query, setQuery] = useState(defaultValue);
  // The list and the selection in it change together: a new list keeps the selected article.
  const [list, setList] = useState<{ items: Suggestion[]; active: number }>({ items: [], active: -1 });
  const { items, active } = list;
  const setActive = (update: (current: number) => number) => setList((current) => ({ ...current, active: update(current.active) }));
  const [open, setOpen] = useState(false);
  /** The pending request of the last keystroke: a newer one cancels it. */
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; controller: AbortController } | undefined>(undefined);

  const cancel = () => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    pending.current.controller.abort();
    pending.current = undefined;
  };
  useEffect(() => cancel, []);

  /** Suggestions are asked for as the reader types, never for the value the server rendered. */
  const onChange = (value: string) => {
    setQuery(value);
    cancel();
    const trimmed = value.trim();
    if (!trimmed) {
      setList({ items: [], active: -1 });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${endpoint}${encodeURIComponent(trimmed)}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data: { results: Suggestion[] }) => {
          // A selection the reader made stays on its article if the new list still has it.
          setList((current) => ({
            items: data.results,
            active: current.active >= 0 ? data.results.findIndex((item) => item.url === current.items[current.active]?.url) : -1,
          }));
          setOpen(true);
        })
        .catch(() => undefined); // Aborted by newer typing, or offline: the form still works.
    }, DEBOUNCE_MS);
    pending.current = { timer, controller };
  };

  const expanded = open && items.length > 0;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!expanded) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // -1 is the input itself: the selection cycles through it.
      setActive((current) => {
        const next = current + step;
        return next >= items.length ? -1 : next < -1 ? items.length - 1 : next;
      });
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter' && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.assign(items[active].url);
    }
  };

  return (
    <div className="search-input">
      {/* A text input, not type=search: HTML allows the combobox role on the one, not the other. */}
      <input
        id={id}
        type="text"
        inputMode="search"
        enterKeyHint="search"
        name={name}
        value={query}
        placeholder={placeholder}
        maxLength={200}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 200)}
        onFocus={() => setOpen(true)}
      />
      <ul id={listId} role="listbox" aria-label={listLabel} className="search-suggestions" hidden={!expanded}>
        {items.map((item, i) => (
          <li key={item.url} id={`${listId}-${i}`} role="option" aria-selected={i === active}>
            <a href={item.url} tabIndex={-1}>
              {item.title}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
