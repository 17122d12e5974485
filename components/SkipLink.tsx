import { getDictionary } from '@/lib/i18n';

export function SkipLink({ lang }: { lang: string }) {
  return (
    <a className="skip-link" href="#main">
      {getDictionary(lang).skipToContent}
    </a>
  );
}
