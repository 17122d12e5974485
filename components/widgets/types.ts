/** What every sidebar widget receives. */
export interface WidgetProps {
  lang: string;
}
