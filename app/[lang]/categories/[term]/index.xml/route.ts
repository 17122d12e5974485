import { termFeedRoute } from '@/app/_routes/feedRoutes';

export const GET = termFeedRoute('categories', 'index.xml');
