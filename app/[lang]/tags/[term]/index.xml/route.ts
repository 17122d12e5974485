import { termFeedRoute } from '@/app/_routes/feedRoutes';

export const GET = termFeedRoute('tags', 'index.xml');
