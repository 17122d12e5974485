import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { PageLayout } from '@/components/PageLayout';
import { TermIndex } from '@/components/TermIndex';
import type { Taxonomy } from '@/lib/content';
import { fill, getDictionary } from '@/lib/i18n';
import { listParams, loadTerm, loadTermPage, loadTerms, prerenderedTerms, termAlternates } from '@/lib/rendering/pageData';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { languageFeed, pageMetadata, taxonomyTitle, termTitle, withSiteName } from '@/lib/rendering/metadata';
import { parsePageNumber, taxonomyUrl, termUrl } from '@/lib/routing/urls';

/**
 * Categories and tags share their pages; each route file under app/[lang]/{categories,tags}
 * is one line that picks its taxonomy from these.
 */

type TermParams = Promise<{ lang: string; term: string; page?: string }>;

export function termIndexRoute(taxonomy: Taxonomy) {
  return {
    generateStaticParams: listParams,
    async generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
      const { lang } = await params;
      return pageMetadata({
        lang,
        path: taxonomyUrl(lang, taxonomy),
        title: taxonomyTitle(lang, taxonomy),
        alternates: await termAlternates(lang, taxonomy),
        feed: languageFeed(lang),
      });
    },
    async Page({ params }: { params: Promise<{ lang: string }> }) {
      const { lang } = await params;
      const terms = await loadTerms(lang, taxonomy);
      if (!terms) notFound();
      return (
        <PageLayout lang={lang} sidebar={sidebarFor('list')} alternates={await termAlternates(lang, taxonomy)}>
          <TermIndex lang={lang} taxonomy={taxonomy} terms={terms} />
        </PageLayout>
      );
    },
  };
}

export function termPageRoute(taxonomy: Taxonomy, paginated: boolean) {
  return {
    async generateStaticParams() {
      // First pages of the biggest terms are built ahead; later pages render on first request.
      return paginated ? [] : prerenderedTerms(taxonomy);
    },
    async generateMetadata({ params }: { params: TermParams }): Promise<Metadata> {
      const { lang, term, page } = await params;
      const found = await loadTerm(lang, taxonomy, term);
      if (!found) return {};
      const title = termTitle(lang, taxonomy, found.name);
      const termPath = termUrl(lang, taxonomy, found.slug);
      return pageMetadata({
        lang,
        path: termUrl(lang, taxonomy, found.slug, parsePageNumber(page ?? '1') ?? 1),
        title,
        alternates: page ? undefined : await termAlternates(lang, taxonomy, found.slug),
        feed: { pagePath: termPath, title: withSiteName(title) },
      });
    },
    async Page({ params }: { params: TermParams }) {
      const { lang, term, page } = await params;
      const data = await loadTermPage(lang, taxonomy, term, page);
      if (!data) notFound();
      if (page === '1') permanentRedirect(termUrl(lang, taxonomy, data.term.slug));
      const dict = getDictionary(lang);
      return (
        <PageLayout lang={lang} sidebar={sidebarFor('list')} alternates={await termAlternates(lang, taxonomy, data.term.slug)}>
          <header className="list-header">
            <p className="list-kind">{taxonomy === 'categories' ? dict.category : dict.tag}</p>
            <h1 className="page-title">{data.term.name}</h1>
            <p className="list-count">{fill(dict.articlesInTerm, { count: data.term.count })}</p>
          </header>
          <ArticleList lang={lang} paged={data.paged} urlFor={(n) => termUrl(lang, taxonomy, data.term.slug, n)} />
        </PageLayout>
      );
    },
  };
}
