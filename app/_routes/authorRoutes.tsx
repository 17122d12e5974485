import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleList } from '@/components/ArticleList';
import { AuthorIndex } from '@/components/AuthorIndex';
import { AuthorJsonLd } from '@/components/AuthorJsonLd';
import { AuthorProfile } from '@/components/AuthorProfile';
import { PageLayout } from '@/components/PageLayout';
import { fill } from '@/lib/i18n';
import { authorStrings } from '@/lib/i18n/authors';
import { authorAlternates, loadAuthor, loadAuthorPage, loadAuthors } from '@/lib/rendering/authors';
import { buildFeed } from '@/lib/rendering/feeds/buildFeed';
import { authorFeedSource, authorPageTitle } from '@/lib/rendering/feeds/authorFeed';
import type { FeedFile } from '@/lib/rendering/feeds/formats';
import { feedFormats } from '@/lib/rendering/feeds/formats';
import { languageFeed, pageMetadata, withSiteName } from '@/lib/rendering/metadata';
import { listParams } from '@/lib/rendering/pageData';
import { notFoundResponse } from '@/lib/rendering/responses';
import { sidebarFor } from '@/lib/rendering/sidebar';
import { authorsUrl, authorUrl, parsePageNumber } from '@/lib/routing/urls';
import { getStore } from '@/lib/store';

/*
 * Author pages (issue 29): /{lang}/authors lists a language's authors, /{lang}/authors/{id} is an
 * author's bio and articles (paginated like a term's, /page/N), with feeds beside it. Each route
 * file under app/[lang]/authors is one line that takes its part from here.
 */

type AuthorParams = Promise<{ lang: string; author: string; page?: string }>;

export const authorIndexRoute = {
  generateStaticParams: listParams,
  async generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
    const { lang } = await params;
    return pageMetadata({
      lang,
      path: authorsUrl(lang),
      title: authorStrings(lang).authors,
      alternates: await authorAlternates(lang),
      feed: languageFeed(lang),
    });
  },
  async Page({ params }: { params: Promise<{ lang: string }> }) {
    const { lang } = await params;
    const authors = await loadAuthors(lang);
    if (!authors) notFound();
    return (
      <PageLayout lang={lang} sidebar={sidebarFor('list')} alternates={await authorAlternates(lang)}>
        <AuthorIndex lang={lang} authors={authors} />
      </PageLayout>
    );
  },
};

export function authorPageRoute() {
  return {
    async generateStaticParams(): Promise<{ lang: string; author: string }[]> {
      // None built ahead: each renders on first request and is kept in the page cache, like later pages of terms.
      return [];
    },
    async generateMetadata({ params }: { params: AuthorParams }): Promise<Metadata> {
      const { lang, author, page } = await params;
      const found = await loadAuthor(lang, author);
      if (!found) return {};
      const title = authorPageTitle(lang, found.author.name);
      return pageMetadata({
        lang,
        path: authorUrl(lang, found.author.id, parsePageNumber(page ?? '1') ?? 1),
        title,
        description: found.author.bio,
        alternates: page ? undefined : await authorAlternates(lang, found.author.id),
        feed: { pagePath: authorUrl(lang, found.author.id), title: withSiteName(title) },
      });
    },
    async Page({ params }: { params: AuthorParams }) {
      const { lang, author, page } = await params;
      const data = await loadAuthorPage(lang, author, page);
      if (!data) notFound();
      if (page === '1') permanentRedirect(authorUrl(lang, data.author.id));
      const strings = authorStrings(lang);
      return (
        <PageLayout lang={lang} sidebar={sidebarFor('list')} alternates={await authorAlternates(lang, data.author.id)}>
          <AuthorJsonLd lang={lang} author={data.author} />
          <header className="list-header author-header">
            <p className="list-kind">{strings.author}</p>
            <AuthorProfile lang={lang} author={data.author} heading />
            <p className="list-count">{fill(strings.articlesBy, { count: data.count })}</p>
          </header>
          <ArticleList lang={lang} paged={data.paged} urlFor={(n) => authorUrl(lang, data.author.id, n)} />
        </PageLayout>
      );
    },
  };
}

/** An author's feed in one format; 404 for an author nobody names or describes in this language. */
export function authorFeedRoute(file: FeedFile) {
  return async function GET(_request: Request, { params }: { params: Promise<{ lang: string; author: string }> }): Promise<Response> {
    const { lang, author } = await params;
    const found = await loadAuthor(lang, author);
    if (!found) return notFoundResponse();
    const source = await authorFeedSource(getStore(), lang, found.author);
    return new Response(buildFeed(source, file), { headers: { 'Content-Type': feedFormats[file].contentType } });
  };
}
