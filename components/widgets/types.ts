/** What every sidebar widget receives. */
export interface WidgetProps {
  lang: string;
  /** The page being shown, in other languages where it exists: language code → URL. */
  alternates?: Readonly<Record<string, string>>;
}
